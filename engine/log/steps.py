"""Every point of a logged session: the state after each action line, for the replay viewer.

A state's `.prev` chain leads back through the actions in force, but an undone action is not in
it; the viewer shows the session as it was played, undos included, so it keeps its own list,
gathered while `replay` checks the log (one pass). Nothing here writes to the log.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..actions import Action
from ..state import State, initial_state
from .lines import FACILITATOR
from .replay import Replay, replay


@dataclass(frozen=True)
class Step:
    """One point of the session: the state after the action of line `line` (the header: none)."""

    line: int
    seq: int
    actor: str
    action: Action | None
    state: State


def steps(path: str | Path) -> tuple[Replay, list[Step]]:
    """The replay's verdict and every point of its valid part, the start first."""
    found: list[Step] = []

    def keep(number: int, record: dict, action: Action, state: State) -> None:
        found.append(Step(number, record.get("seq", 0), record.get("actor", FACILITATOR), action, state))

    result = replay(path, keep)
    if result.state is None:
        return result, []
    start = Step(1, 0, FACILITATOR, None, initial_state(result.scenario, result.header["seed"]))
    return result, [start, *found]
