"""Replaying a session log: re-derive the state and check everything that can be checked.

Checked: every line's hash and the chain; the header's scenario against its SHA-256; each
action against the rules, its sequence number, and whether its actor may take it; chance's
draws against the seed (when the log was written by this engine version); every checkpoint,
and that none is missing; the closing line. A damaged or edited log is reported at its first
bad line; the state up to the last good line is kept, so a session can resume from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ..actions import ACTION_ADAPTER
from ..load import ScenarioError, parse_scenario, scenario_digest
from ..rules import Rejected, apply
from ..scenario import Scenario
from ..state import DEBRIEF, State, cycles_unchecked, initial_state
from .checks import actor_problem, expected_draw, fingerprint, session_digest
from .lines import CHANCE, ENGINE_VERSION, FACILITATOR, FORMAT, READABLE_VERSIONS, LogError, split_line, chain_v1, chain_v2
from .reading import Source, read_lines

import orjson


@dataclass
class Replay:
    path: str
    header: dict = field(default_factory=dict)
    scenario: Scenario | None = None
    state: State | None = None
    error: LogError | None = None
    version: int = 0
    gzip: bool = False
    last_hash: bytes = b""
    good_bytes: int = 0  # uncompressed length of the valid lines
    lines: int = 0
    checkpoints: int = 0
    draws: int = 0
    closed: bool = False  # the last valid line is a closing line
    closing_digest: str = ""
    owed_checkpoint: int | None = None  # the round whose checkpoint was not written yet
    last_kind: str = ""  # "header", "action", "checkpoint" or "closing"
    unchecked: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def complete(self) -> bool:
        """A closed session whose every line is valid."""
        return self.ok and self.closed

    def describe_error(self) -> str:
        if self.error is None:
            return ""
        return f"{self.path}:{self.error.line}: {self.error.message}" if self.error.line else f"{self.path}: {self.error.message}"

    def digest(self) -> str:
        """The session digest of the replayed state (the closing line's, for a closed session)."""
        if self.state is None:
            return ""
        return session_digest(self.header["scenario_sha256"], self.state)

    def fingerprint(self) -> str:
        return fingerprint(self.digest()) if self.state is not None else ""


def replay(path: str | Path) -> Replay:
    result = Replay(str(path))
    with cycles_unchecked():
        try:
            _Replayer(result).run(path)
        except LogError as exc:
            result.error = exc
    return result


_SCENARIOS: dict[str, Scenario] = {}


def _scenario(text: str, sha: str, name: str) -> Scenario:
    """The header's scenario, parsed once per process: the title screen and `bve analyze` read
    many logs of the same scenario, and a scenario is never changed once loaded."""
    scenario = _SCENARIOS.get(sha)
    if scenario is None:
        scenario = parse_scenario(text, name)
        if len(_SCENARIOS) >= 8:
            _SCENARIOS.clear()
        _SCENARIOS[sha] = scenario
    return scenario


class _Replayer:
    def __init__(self, result: Replay) -> None:
        self.result = result
        self.state: State | None = None
        self.check_draws = False
        self.check_digests = False
        self.sha = ""

    def run(self, path: str | Path) -> None:
        result = self.result
        source = Source()
        prev = b""
        chain = chain_v2
        offset = 0
        for number, raw in read_lines(path, source):
            result.gzip = source.gzip
            body, claimed = split_line(raw, number)
            if number == 1:
                version = _version(body, number)
                chain = chain_v2 if version == 2 else chain_v1
            if chain(prev, body) != claimed:
                raise LogError(number, "the line was changed: its hash does not match its content")
            try:
                record = orjson.loads(body)
            except orjson.JSONDecodeError:
                raise LogError(number, "the line is not valid JSON") from None
            if not isinstance(record, dict):
                raise LogError(number, "not a log line (not a JSON object)")
            if chain is chain_v1 and record.pop("prev", None) != prev.hex():
                raise LogError(number, "the hash chain is broken: this line does not follow the previous one")
            if number == 1:
                self.header(record, number)
            else:
                self.entry(record, number)
            prev = claimed
            offset += len(raw) + 1
            result.state, result.last_hash, result.good_bytes, result.lines = self.state, prev, offset, number

    def header(self, record: dict, number: int) -> None:
        result = self.result
        if record.get("format") != FORMAT:
            raise LogError(number, f"not a session log (format is not '{FORMAT}')")
        version = record.get("version")
        text, seed, sha = record.get("scenario"), record.get("seed"), record.get("scenario_sha256")
        if not isinstance(text, str) or not isinstance(seed, int) or not isinstance(sha, str):
            raise LogError(number, "the header lacks the scenario or the seed")
        if scenario_digest(text) != sha:
            raise LogError(number, "the scenario in the header does not match its SHA-256")
        try:
            scenario = _scenario(text, sha, f"{result.path} (scenario)")
        except ScenarioError as exc:
            raise LogError(number, f"the scenario in the header is not valid: {exc.issues[0]}") from None
        result.header, result.scenario, result.version, result.last_kind = record, scenario, version, "header"
        self.sha = sha
        engine = record.get("engine")
        self.check_draws = engine == ENGINE_VERSION
        if not self.check_draws:
            result.unchecked.append(f"chance's draws: written by engine {engine}, this is {ENGINE_VERSION}")
        self.check_digests = version >= 2
        if not self.check_digests:
            result.unchecked.append(
                f"checkpoint digests: format version {version} digests the state as engine {engine} held it")
        self.state = initial_state(scenario, seed)

    def entry(self, record: dict, number: int) -> None:
        result = self.result
        state = self.state
        if "checkpoint" in record:
            self.checkpoint(record, number)
            return
        if "closing" in record:
            self.closing(record, number)
            return
        if result.owed_checkpoint is not None:
            raise LogError(number, f"the checkpoint of round {result.owed_checkpoint} is missing before this line")
        try:
            action = ACTION_ADAPTER.validate_python(record.get("action"))
        except ValidationError as exc:
            raise LogError(number, f"not a valid action: {exc.errors()[0]['msg']}") from None
        if record.get("seq") != state.seq + 1:
            raise LogError(number, f"sequence number {record.get('seq')} where {state.seq + 1} was expected")
        actor = record.get("actor", FACILITATOR)
        problem = actor_problem(state, actor, action)
        if problem is not None:
            raise LogError(number, problem)
        if actor == CHANCE:
            result.draws += 1
            if self.check_draws:
                expected = expected_draw(state)
                if state.pending_draw and action.event != expected:
                    raise LogError(number, f"chance drew '{action.event}' where the seed gives '{expected}'")
        try:
            after = apply(state, action)
        except Rejected as exc:
            raise LogError(number, f"the rules refuse this action: {exc}") from None
        if closes_round(state, after):
            result.owed_checkpoint = after.round
        result.closed, result.last_kind = False, "action"
        self.state = after

    def checkpoint(self, record: dict, number: int) -> None:
        result, state = self.result, self.state
        point = record["checkpoint"]
        if not isinstance(point, dict) or result.owed_checkpoint is None:
            raise LogError(number, "a checkpoint where no round ends")
        if point.get("round") != result.owed_checkpoint or record.get("seq") != state.seq:
            raise LogError(number, f"this checkpoint is not the one of round {result.owed_checkpoint}")
        if self.check_digests and point.get("digest") != session_digest(self.sha, state):
            raise LogError(number, "checkpoint: the replayed state differs from the one recorded")
        result.checkpoints += 1
        result.owed_checkpoint, result.last_kind = None, "checkpoint"

    def closing(self, record: dict, number: int) -> None:
        result, state = self.result, self.state
        closing = record["closing"]
        if not isinstance(closing, dict):
            raise LogError(number, "not a valid closing line")
        if result.owed_checkpoint is not None:
            raise LogError(number, f"the checkpoint of round {result.owed_checkpoint} is missing before this line")
        if state.phase != DEBRIEF:
            raise LogError(number, "a closing line before the debrief")
        if closing.get("actions") != state.seq or record.get("seq") != state.seq:
            raise LogError(number, f"the closing line counts {closing.get('actions')} actions where there are {state.seq}")
        digest = session_digest(self.sha, state)
        if closing.get("digest") != digest:
            raise LogError(number, "closing line: the replayed state differs from the one recorded")
        result.closed, result.closing_digest, result.last_kind = True, digest, "closing"


def _version(body: bytes, number: int) -> int:
    """The header's format version, read before its hash is checked (the chain depends on it)."""
    try:
        version = orjson.loads(body).get("version")
    except (orjson.JSONDecodeError, AttributeError):
        raise LogError(number, "not a session log (the header is not a JSON object)") from None
    if version not in READABLE_VERSIONS:
        raise LogError(number, f"log format version {version} is not supported (this reads {READABLE_VERSIONS})")
    return version


def closes_round(before: State, after: State) -> bool:
    """A round is closed once its resolution is done: the review phase begins."""
    return after.phase == "review" and before.phase == "resolution"
