"""Replaying a session log: re-derive the state, check every hash and every checkpoint.

A damaged or edited log is reported at its first bad line; the state up to the last good line
is kept, so nothing before the damage is lost and a session can resume from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ..actions import ACTION_ADAPTER
from ..load import ScenarioError, parse_scenario, scenario_digest
from .lines import FORMAT, FORMAT_VERSION, LogError, decode_line
from ..rules import Rejected, apply
from ..scenario import Scenario
from ..state import State, cycles_unchecked, digest, initial_state


@dataclass
class Replay:
    path: str
    header: dict = field(default_factory=dict)
    scenario: Scenario | None = None
    state: State | None = None
    error: LogError | None = None
    last_hash: str = ""
    good_bytes: int = 0  # length of the valid part of the file
    lines: int = 0
    checkpoints: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None

    def describe_error(self) -> str:
        return f"{self.path}:{self.error.line}: {self.error.message}" if self.error else ""


def replay(path: str | Path) -> Replay:
    result = Replay(str(path))
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        result.error = LogError(0, f"cannot read the log ({exc.strerror or exc})")
        return result
    with cycles_unchecked():
        replay_bytes(data, result)
    return result


def replay_bytes(data: bytes, result: Replay) -> Replay:
    prev = ""
    offset = 0
    number = 0
    state: State | None = None
    while offset < len(data):
        end = data.find(b"\n", offset)
        number += 1
        if end < 0:
            result.error = LogError(number, "the last line is incomplete (no end of line): it was cut while being written")
            break
        raw = data[offset:end]
        try:
            record, digest_ = decode_line(raw, prev, number)
            if number == 1:
                state = _header(record, result, number)
            else:
                state = _entry(record, state, result, number)
        except LogError as exc:
            result.error = exc
            break
        prev = digest_
        offset = end + 1
        result.state, result.last_hash, result.good_bytes, result.lines = state, prev, offset, number
    if number == 0:
        result.error = LogError(1, "the log is empty")
    return result


def _header(record: dict, result: Replay, number: int) -> State:
    if record.get("format") != FORMAT:
        raise LogError(number, f"not a session log (format is not '{FORMAT}')")
    if record.get("version") != FORMAT_VERSION:
        raise LogError(number, f"log format version {record.get('version')} is not supported (this is {FORMAT_VERSION})")
    text = record.get("scenario")
    seed = record.get("seed")
    if not isinstance(text, str) or not isinstance(seed, int):
        raise LogError(number, "the header lacks the scenario or the seed")
    if scenario_digest(text) != record.get("scenario_sha256"):
        raise LogError(number, "the scenario in the header does not match its SHA-256")
    try:
        scenario = parse_scenario(text, f"{result.path} (scenario)")
    except ScenarioError as exc:
        raise LogError(number, f"the scenario in the header is not valid: {exc.issues[0]}") from None
    result.header, result.scenario = record, scenario
    return initial_state(scenario, seed)


def _entry(record: dict, state: State, result: Replay, number: int) -> State:
    if "checkpoint" in record:
        expected = record["checkpoint"].get("digest") if isinstance(record["checkpoint"], dict) else None
        if expected != digest(state):
            raise LogError(number, "checkpoint: the replayed state differs from the one recorded")
        result.checkpoints += 1
        return state
    try:
        action = ACTION_ADAPTER.validate_python(record.get("action"))
    except ValidationError as exc:
        raise LogError(number, f"not a valid action: {exc.errors()[0]['msg']}") from None
    if record.get("seq") != state.seq + 1:
        raise LogError(number, f"sequence number {record.get('seq')} where {state.seq + 1} was expected")
    try:
        return apply(state, action)
    except Rejected as exc:
        raise LogError(number, f"the rules refuse this action: {exc}") from None
