"""A session: the state, the log it is written to, and chance's draws.

`Session.act` applies an action, writes it to the log (flushed before it returns), and lets
chance draw the round's event card when the rules ask for one, logging the outcome too. The
round's checkpoint follows the action that ends it. The closing line (the final digest and the
number of actions) is written when the session reaches the debrief, and again when it is
closed after actions taken at the debrief (ratifications, notes): a log is complete when its
last line is a closing line.

`resume` takes a session up again from its log and first writes what a crash left owed: the
checkpoint of a round that ended, chance's draw after an `advance` that asked for one, the
closing line of a session that reached the debrief. Every client resuming a log gets them.
"""

from __future__ import annotations

import gzip
import os
import shutil
import uuid
import zlib
from datetime import datetime, timezone
from pathlib import Path
from typing import IO

from pydantic_core import PydanticUndefined

from .. import actions as A
from ..events import draw
from ..scenario.load import parse_scenario, scenario_digest
from ..rules import apply
from ..scenario import Scenario
from ..state import DEBRIEF, State, initial_state
from .checks import actor_problem, fingerprint, session_digest
from .lines import (
    CHANCE, FACILITATOR, FORMAT_VERSION, Header, LogError, LogWriter, action_record, header_record, is_gzip_path,
    open_gzip,
)
from .reading import Source, read_lines
from .replay import closes_round, replay


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


class Session:
    def __init__(
        self, scenario: Scenario, state: State, writer: LogWriter | None = None, clock=now, scenario_sha256: str = "",
    ) -> None:
        self.scenario = scenario
        self.state = state
        self.writer = writer
        self.clock = clock
        self.scenario_sha256 = scenario_sha256

    @classmethod
    def new(
        cls,
        scenario_text: str,
        seed: int,
        log_path: str | Path | None = None,
        scenario_name: str = "scenario.toml",
        language: str | None = None,
        durable: bool = True,
        scenario: Scenario | None = None,
        clock=now,
    ) -> Session:
        scenario = scenario or parse_scenario(scenario_text, scenario_name)
        sha = scenario_digest(scenario_text)
        writer = None
        if log_path is not None:
            writer = LogWriter(log_path, durable=durable)
            header = Header(
                session=str(uuid.uuid4()),
                created=clock(),
                language=language or scenario.language,
                seed=seed,
                scenario_text=scenario_text,
                scenario_sha256=sha,
                scenario_name=Path(scenario_name).name,
            )
            writer.write(header_record(header), "header")
        return cls(scenario, initial_state(scenario, seed), writer, clock, sha)

    def act(self, action: A.Action, actor: str = FACILITATOR) -> State:
        """Apply and log one action (raises rules.Rejected, changing nothing, when refused)."""
        problem = actor_problem(self.state, actor, action)
        if problem is not None:
            raise ValueError(problem)  # a client's mistake, never a player's: the table names its actors
        before = self.state
        state = apply(before, action)
        self._log(action, actor, before, state)
        self._draw_owed()
        return self.state

    def _draw_owed(self) -> None:
        while self.state.pending_draw:
            chance = A.DrawEvent(event=draw(self.state))
            previous = self.state
            self._log(chance, CHANCE, previous, apply(previous, chance))

    def _log(self, action: A.Action, actor: str, before: State, after: State) -> None:
        """Write the action, then make its state the session's: a failed write shows nothing."""
        if self.writer is not None:
            self.writer.write(action_record(after.seq, actor, action_json(action), self.clock()), "action")
        self.state = after
        if closes_round(before, after):
            self._checkpoint()
        if after.phase == DEBRIEF and before.phase != DEBRIEF:
            self._closing()

    def _checkpoint(self) -> None:
        if self.writer is not None:
            state = self.state
            record = {"seq": state.seq, "checkpoint": {"round": state.round, "digest": self.digest()}}
            self.writer.write(record, "checkpoint")

    def _closing(self) -> None:
        if self.writer is not None:
            state = self.state
            record = {"seq": state.seq, "closing": {"actions": state.seq, "digest": self.digest()}}
            time = self.clock()
            if time:
                record["time"] = time
            self.writer.write(record, "closing")

    def digest(self) -> str:
        """The session digest: the state's, covering the scenario too (see checks.session_digest)."""
        return session_digest(self.scenario_sha256, self.state)

    def fingerprint(self) -> str:
        return fingerprint(self.digest())

    def close(self) -> None:
        """Close the log; a session at the debrief ends with a closing line for its last action."""
        if self.writer is not None:
            if self.state.phase == DEBRIEF and self.writer.last_kind != "closing":
                self._closing()
            self.writer.close()
            self.writer = None


_DEFAULTS: dict[type, dict] = {}


def action_json(action: A.Action) -> dict:
    """The action as a log line holds it: a field at its default is left out, unless its value
    differs in type (0.0 where the default is 0), so that reading it back gives the same
    action, value for value (the state keeps the type, and its digest shows it)."""
    cls = type(action)
    defaults = _DEFAULTS.get(cls)
    if defaults is None:
        defaults = _DEFAULTS[cls] = {
            name: f.default for name, f in cls.model_fields.items()
            if name != "kind" and f.default_factory is None and f.default is not PydanticUndefined
        }
    out = {}
    for name, value in action.model_dump(mode="json").items():
        if name in defaults:
            default = defaults[name]
            if value == default and type(value) is type(default):
                continue
        out[name] = value
    return out


class ResumeError(Exception):
    pass


def resume(path: str | Path, durable: bool = True, clock=now) -> tuple[Session, str | None]:
    """Reopen a session from its log. A damaged tail (a line cut by a crash, or edited) is
    reported and set aside in `LOG.damaged.N` (the first free N: an earlier one is never
    overwritten), and the session goes on from the last good line."""
    result = replay(path)
    if result.state is None:
        raise ResumeError(result.describe_error())
    if result.version != FORMAT_VERSION:
        # its lines chain differently: appending to it would make it unreadable from there on
        raise ResumeError(f"{path}: a log of format version {result.version} replays but is not continued; "
                          "start a new session")
    warning = None if result.ok else result.describe_error()
    path = Path(path)
    if result.gzip or is_gzip_path(path):
        file, gz = _restart_gzip(path, result, durable)
    else:
        file, gz = _cut_plain(path, result), None
    writer = LogWriter(path, prev=result.last_hash, durable=durable, file=file, gz=gz, last_kind=result.last_kind)
    session = Session(result.scenario, result.state, writer, clock, result.header["scenario_sha256"])
    if result.owed_checkpoint is not None:
        session._checkpoint()
    session._draw_owed()
    if session.state.phase == DEBRIEF and writer.last_kind != "closing":
        session._closing()
    return session, warning


def set_aside(path: Path, source: IO[bytes]) -> Path:
    """Copy what is left of `source` (a damaged tail) beside the log, in the first free
    LOG.damaged.N, a piece at a time (a tail may be large)."""
    n = 1
    while True:
        keep = Path(f"{path}.damaged.{n}")
        try:
            with open(keep, "xb") as f:  # never overwrites: a second damaged resume gets the next number
                shutil.copyfileobj(source, f, 1 << 16)
            return keep
        except FileExistsError:
            n += 1


def _cut_plain(path: Path, result) -> IO[bytes]:
    f = open(path, "r+b")
    if not result.ok:
        f.seek(result.good_bytes)
        set_aside(path, f)
        f.truncate(result.good_bytes)
        f.flush()
        os.fsync(f.fileno())
    f.seek(0, os.SEEK_END)
    return f


def _restart_gzip(path: Path, result, durable: bool) -> tuple[IO[bytes], gzip.GzipFile]:
    """A gzip stream cut by a crash cannot be appended to: the valid lines are written again as a
    new stream, which then takes the old one's place in one step (os.replace). A damaged file
    is first kept whole beside it (its tail is compressed, and nothing is thrown away)."""
    if not result.ok:
        with open(path, "rb") as f:
            set_aside(path, f)
    temp = path.with_name(path.name + ".resuming")
    raw = open(temp, "wb")
    gz = open_gzip(raw)
    try:
        for number, line in read_lines(path, Source()):  # read as replay read it, up to its last good line
            if number > result.lines:
                break
            gz.write(line + b"\n")
    except LogError:
        pass  # the damage replay found, after the last good line
    gz.flush(zlib.Z_SYNC_FLUSH)
    raw.flush()
    if durable:
        os.fsync(raw.fileno())
    os.replace(temp, path)
    return raw, gz
