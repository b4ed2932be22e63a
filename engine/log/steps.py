"""Every point of a logged session: the state after each action line, for the replay viewer.

A state's `.prev` chain leads back through the actions in force, but an undone action is not in
it; the viewer shows the session as it was played, undos included, so it keeps its own list.
The log is replayed (and checked) once by `replay`; its valid lines are then read again and
applied in order. Nothing here writes to the log.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson

from ..actions import ACTION_ADAPTER, Action
from ..rules import apply
from ..state import State, cycles_unchecked, initial_state
from .lines import FACILITATOR, LogError, split_line
from .reading import Source, read_lines
from .replay import Replay, replay


@dataclass(frozen=True)
class Step:
    """One point of the session: the state after the action of line `line` (the header: none)."""

    line: int
    seq: int
    actor: str
    action: Action | None
    state: State


def walk(path: str | Path, result: Replay) -> Iterator[tuple[int, dict, Action, State]]:
    """(line number, record, action, state after it) for every action line of the log's valid part."""
    if result.state is None:
        return
    state = initial_state(result.scenario, result.header["seed"])
    lines = read_lines(path, Source())
    with cycles_unchecked():
        try:
            for number, raw in lines:
                if number == 1:
                    continue
                if number > result.lines:
                    break
                body, _ = split_line(raw, number)
                record = orjson.loads(body)
                if "action" not in record:
                    continue  # a checkpoint or a closing line: the state does not change
                action = ACTION_ADAPTER.validate_python(record["action"])
                state = apply(state, action)
                yield number, record, action, state
        except LogError:  # the damage `replay` found already: the valid part ends before it
            return


def steps(path: str | Path) -> tuple[Replay, list[Step]]:
    """The replay's verdict and every point of its valid part, the start first."""
    result = replay(path)
    if result.state is None:
        return result, []
    found = [Step(1, 0, FACILITATOR, None, initial_state(result.scenario, result.header["seed"]))]
    for number, record, action, state in walk(path, result):
        found.append(Step(number, record.get("seq", 0), record.get("actor", FACILITATOR), action, state))
    return result, found
