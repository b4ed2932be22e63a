"""Replaying a session log: re-derive the state and check everything that can be checked.

Checked: every line's hash and the chain; the header's scenario against its SHA-256; each
action against the rules, its sequence number, and whether its actor may take it; chance's
draws against the seed (when the log was written by this engine version); every checkpoint,
and that none is missing; the closing line. A damaged or edited log is reported at its first
bad line; the state up to the last good line is kept, so a session can resume from it.
"""

from __future__ import annotations

import binascii
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import orjson
from pydantic import ValidationError

from ..actions import ACTION_ADAPTER, NOTE_MAX
from ..scenario.load import ScenarioError, parse_scenario, scenario_digest
from ..rules import Rejected, apply
from ..scenario import Scenario
from ..state import DEBRIEF, State, cycles_unchecked, initial_state, replace, successor
from ..events import draw
from .checks import actor_problem, fingerprint, session_digest
from .lines import (
    HASH_MEMBER, CHANCE, ENGINE_VERSION, FACILITATOR, FORMAT, READABLE_VERSIONS, LogError, chain_v1, chain_v2, split_line,
)
from .reading import Source, read_lines



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
    closing_digest: str = ""
    owed_checkpoint: int | None = None  # the round whose checkpoint was not written yet
    last_kind: str = ""  # "header", "action", "checkpoint" or "closing"
    unchecked: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def closed(self) -> bool:
        """The last valid line is a closing line."""
        return self.last_kind == "closing"

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


def replay(path: str | Path, keep=None) -> Replay:
    """Replay and check a log. `keep(line, record, action, state)`, when given, is told every
    applied action line with the state after it (undone actions included), in order."""
    result = Replay(str(path))
    with cycles_unchecked():
        try:
            _Replayer(result, keep).run(path)
        except LogError as exc:
            result.error = exc
    return result


SCENARIOS: dict[str, Scenario] = {}


def _scenario(text: str, sha: str, name: str) -> Scenario:
    """The header's scenario, parsed once per process: the title screen and `bve analyze` read
    many logs of the same scenario, and a scenario is never changed once loaded."""
    scenario = SCENARIOS.get(sha)
    if scenario is None:
        scenario = parse_scenario(text, name)
        if len(SCENARIOS) >= 8:
            SCENARIOS.clear()
        SCENARIOS[sha] = scenario
    return scenario


class _Replayer:
    def __init__(self, result: Replay, keep=None) -> None:
        self.result = result
        self.keep = keep
        self.state: State | None = None
        self.check_draws = False
        self.check_digests = False
        self.sha = ""
        self.version = 0

    def run(self, path: str | Path) -> None:
        """The loop every line of every log goes through: slicing, not regular expressions, and
        the common case (an action line) handled inline."""
        result = self.result
        source = Source()
        prev = b""
        offset = 0
        lines = read_lines(path, source)
        for number, raw in lines:
            result.gzip = source.gzip
            body, claimed = split_line(raw, number)
            record = _record(body, number)
            self.version = _version(record, number)
            if (chain_v2 if self.version == 2 else chain_v1)(prev, body) != claimed:
                raise LogError(number, "the line was changed: its hash does not match its content")
            self.header(record, number)
            prev = claimed
            offset = len(raw) + 1
            result.state, result.last_hash, result.good_bytes, result.lines = self.state, prev, offset, number
            break
        if self.version == 1:
            self._run_v1(lines, prev, offset)
            return
        self._run_v2(lines, prev, offset)

    def _run_v2(self, lines, prev: bytes, offset: int) -> None:
        """The hot loop: slicing rather than regular expressions, notes and undos taken inline,
        every other line through `entry` and `action`. The locals are written back to the result
        for the last good line, whatever happens.

        Notes and undos, most of a long workshop's lines, build no state of their own here: a
        note's text waits in `pending` (with the sequence number of the state it makes), an undo
        right after a note drops it, and the waiting notes join the state, one state each as
        `rules.add_note` makes them, only when a line needs the state or the log ends."""
        result = self.result
        sha256, loads, decode_error = hashlib.sha256, orjson.loads, orjson.JSONDecodeError
        hexlify = binascii.hexlify
        hash_member = HASH_MEMBER
        lazy = self.keep is None  # a reader that keeps every line's state gets every state
        state = self.state
        seq = state.seq  # the sequence number of the last good line
        pending: list[list] = []  # [text, seq] of notes read but not yet in `state`
        good = result.lines
        try:
            for number, raw in lines:
                # the hash member is the line's last 75 bytes: ',"hash":"' + 64 hex digits + '"}'
                if raw[-75:-66] != hash_member or raw[-2:] != b'"}':
                    raise LogError(number, "not a log line (its hash is missing or the line is cut)")
                body = raw[:-75] + b"}"
                digest = sha256(prev + body).digest()
                if hexlify(digest) != raw[-66:-2]:
                    raise LogError(number, "the line was changed: its hash does not match its content")
                try:
                    record = loads(body)
                except decode_error:
                    raise LogError(number, "the line is not valid JSON") from None
                data = record.get("action") if type(record) is dict else None
                if lazy and type(data) is dict and "actor" not in record and result.owed_checkpoint is None:
                    kind = data.get("kind")
                    if kind == "note" and len(data) == 2:
                        text = data.get("text")
                        if type(text) is str and len(text) <= NOTE_MAX and text.strip():
                            if record.get("seq") != seq + 1:
                                raise LogError(number, f"sequence number {record.get('seq')} where {seq + 1} was expected")
                            if not pending and seq != state.seq:  # its notes all taken back: renumbered
                                state = replace(state, seq=seq)
                            seq += 1
                            pending.append([text, seq])
                            result.last_kind = "action"
                            prev = digest
                            offset += len(raw) + 1
                            good = number
                            continue
                    elif kind == "undo" and len(data) == 1 and pending:
                        if record.get("seq") != seq + 1:
                            raise LogError(number, f"sequence number {record.get('seq')} where {seq + 1} was expected")
                        seq += 1
                        pending.pop()
                        if pending:
                            pending[-1][1] = seq  # the note's state, taken back, carries the undo's number
                        result.last_kind = "action"
                        prev = digest
                        offset += len(raw) + 1
                        good = number
                        continue
                if pending or seq != state.seq:
                    state = _with_notes(state, pending, seq)
                    pending.clear()
                if type(record) is not dict:
                    _record(body, number)  # says why the line is no record
                self.state = state
                self.entry(record, number)
                state = self.state
                seq = state.seq
                prev = digest
                offset += len(raw) + 1
                good = number
        finally:
            if pending or seq != state.seq:
                state = _with_notes(state, pending, seq)
            self.state = result.state = state
            result.last_hash, result.good_bytes, result.lines = prev, offset, good

    def _run_v1(self, lines, prev: bytes, offset: int) -> None:
        result = self.result
        for number, raw in lines:
            body, claimed = split_line(raw, number)
            if chain_v1(prev, body) != claimed:
                raise LogError(number, "the line was changed: its hash does not match its content")
            record = _record(body, number)
            if record.pop("prev", None) != prev.hex():
                raise LogError(number, "the hash chain is broken: this line does not follow the previous one")
            if record.get("actor") == FACILITATOR:
                del record["actor"]  # version 1 wrote every field; version 2 leaves the usual actor out
            self.entry(record, number)
            prev = claimed
            offset += len(raw) + 1
            result.state, result.last_hash, result.good_bytes, result.lines = self.state, prev, offset, number

    def header(self, record: dict, number: int) -> None:
        result = self.result
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
        if version == 1:
            record.pop("prev", None)
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
        if "checkpoint" in record:
            self.checkpoint(record, number)
            return
        if "closing" in record:
            self.closing(record, number)
            return
        data = record.get("action")
        # actions without fields are validated once and shared
        action = _BARE.get(data.get("kind")) if type(data) is dict and len(data) == 1 else None
        try:
            if action is None:
                action = _VALIDATE(data)
        except ValidationError as exc:
            raise LogError(number, f"not a valid action: {exc.errors()[0]['msg']}") from None
        self.action(record, action, number)

    def action(self, record: dict, action, number: int) -> None:
        result = self.result
        state = self.state
        if result.owed_checkpoint is not None:
            raise LogError(number, f"the checkpoint of round {result.owed_checkpoint} is missing before this line")
        if record.get("seq") != state.seq + 1:
            raise LogError(number, f"sequence number {record.get('seq')} where {state.seq + 1} was expected")
        actor = record.get("actor", FACILITATOR)
        if actor != FACILITATOR or action.kind == "draw_event":
            problem = actor_problem(state, actor, action)
            if problem is not None:
                raise LogError(number, problem)
            if actor == CHANCE:
                result.draws += 1
                if self.check_draws:
                    expected = draw(state)  # what the seed gives for this round
                    if state.pending_draw and action.event != expected:
                        raise LogError(number, f"chance drew '{action.event}' where the seed gives '{expected}'")
        try:
            after = apply(state, action)
        except Rejected as exc:
            raise LogError(number, f"the rules refuse this action: {exc}") from None
        if after.phase == "review" and state.phase == "resolution":  # closes_round, inline
            result.owed_checkpoint = after.round
        result.last_kind = "action"
        self.state = after
        if self.keep is not None:
            self.keep(number, record, action, after)

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
        result.closing_digest, result.last_kind = digest, "closing"


def _record(body: bytes, number: int) -> dict:
    try:
        record = orjson.loads(body)
    except orjson.JSONDecodeError:
        raise LogError(number, "the line is not valid JSON") from None
    if not isinstance(record, dict):
        raise LogError(number, "not a log line (not a JSON object)")
    return record


def _version(header: dict, number: int) -> int:
    """The header's format version, read before its hash is checked (the chain depends on it)."""
    if header.get("format") != FORMAT:
        raise LogError(number, f"not a session log (format is not '{FORMAT}')")
    version = header.get("version")
    if version not in READABLE_VERSIONS:
        raise LogError(number, f"log format version {version} is not supported (this reads {READABLE_VERSIONS})")
    return version


# actions without fields, validated once: frozen models, shared by every line that takes them
_VALIDATE = ACTION_ADAPTER.validator.validate_python  # the adapter's own wrapper costs a third more
_BARE = {kind: ACTION_ADAPTER.validate_python({"kind": kind}) for kind in ("advance", "undo", "use_roster")}


def _with_notes(state: State, pending: list[list], seq: int) -> State:
    """`state` after the notes that waited (each [text, sequence number of its state]), every
    one an undo point as `apply` would have made it; with no note left, `state` renumbered to
    `seq` (its notes were all taken back)."""
    for text, number in pending:  # what add_note makes (the text was checked as it was read)
        state = successor(state, seq=number, notes=state.notes.add((state.round, state.phase, text)))
    return state if state.seq == seq else replace(state, seq=seq)


def closes_round(before: State, after: State) -> bool:
    """A round is closed once its resolution is done: the review phase begins."""
    return after.phase == "review" and before.phase == "resolution"
