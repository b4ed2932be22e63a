"""A session: the state, the log it is written to, and chance's draws.

`Session.act` applies an action, writes it to the log (flushed before it returns), and lets
chance draw the round's event card when the rules ask for one, logging the outcome too.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timezone
from pathlib import Path

from .. import actions as A
from ..events import draw
from ..load import parse_scenario, scenario_digest
from .lines import Header, LogWriter, header_record
from ..rules import apply
from ..scenario import Scenario
from ..state import State, digest, initial_state


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


class Session:
    def __init__(self, scenario: Scenario, state: State, writer: LogWriter | None = None, clock=now) -> None:
        self.scenario = scenario
        self.state = state
        self.writer = writer
        self.clock = clock

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
        writer = None
        if log_path is not None:
            writer = LogWriter(log_path, durable=durable)
            header = Header(
                session=str(uuid.uuid4()),
                created=clock(),
                language=language or scenario.language,
                seed=seed,
                scenario_text=scenario_text,
                scenario_sha256=scenario_digest(scenario_text),
                scenario_name=Path(scenario_name).name,
            )
            writer.write(header_record(header))
        return cls(scenario, initial_state(scenario, seed), writer, clock)

    def act(self, action: A.Action, actor: str = "facilitator") -> State:
        """Apply and log one action (raises rules.Rejected, changing nothing, when refused)."""
        before = self.state
        state = apply(before, action)
        self._log(action, actor, before, state)
        while state.pending_draw:
            chance = A.DrawEvent(event=draw(state))
            previous = state
            state = apply(state, chance)
            self._log(chance, "chance", previous, state)
        self.state = state
        return state

    def _log(self, action: A.Action, actor: str, before: State, after: State) -> None:
        """Write the action, then make its state the session's: a failed write shows nothing."""
        if self.writer is not None:
            self.writer.write(
                {"seq": after.seq, "time": self.clock(), "actor": actor, "action": action.model_dump(mode="json")}
            )
            if closes_round(before, after):
                self.writer.write({"seq": after.seq, "checkpoint": {"round": after.round, "digest": digest(after)}})
        self.state = after

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


def closes_round(before: State, after: State) -> bool:
    """A round is closed once its resolution is done: the review phase begins."""
    return after.phase == "review" and before.phase == "resolution"


class ResumeError(Exception):
    pass


def resume(path: str | Path, durable: bool = True, clock=now) -> tuple[Session, str | None]:
    """Reopen a session from its log. A damaged tail (a line cut by a crash, or edited) is
    reported and set aside in `LOG.damaged`, and the session goes on from the last good line."""
    from .replay import replay

    result = replay(path)
    if result.state is None:
        raise ResumeError(result.describe_error())
    warning = None
    if not result.ok:
        warning = result.describe_error()
        data = Path(path).read_bytes()
        Path(str(path) + ".damaged").write_bytes(data[result.good_bytes:])
        with open(path, "r+b") as f:
            f.truncate(result.good_bytes)
    writer = LogWriter(path, prev=result.last_hash, durable=durable)
    return Session(result.scenario, result.state, writer, clock), warning
