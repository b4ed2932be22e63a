"""A readable transcript of a session log, one line per action, for golden playthroughs.

Kept in git (tests/golden/), a transcript shows in review any change of the game's behaviour.
"""

from __future__ import annotations

from pathlib import Path

import orjson

from ..actions import ACTION_ADAPTER
from ..footprint import association_footprint
from .reading import Source, read_lines
from .replay import replay
from ..rules import apply
from ..state import initial_state


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dict):
        return value.get("id", "?")
    return str(value)


def transcript(path: str | Path) -> list[str]:
    result = replay(path)
    if not result.ok:
        raise ValueError(result.describe_error())
    state = initial_state(result.scenario, result.header["seed"])
    out = [f"scenario {result.header['scenario_name']} seed {result.header['seed']}"]
    for number, raw in read_lines(path, Source()):
        if number == 1:
            continue
        record = orjson.loads(raw)
        if "checkpoint" in record:
            out.append(f"  == round {record['checkpoint']['round']} checkpoint {record['checkpoint']['digest'][:12]}")
            continue
        if "closing" in record:
            out.append(f"  == closed after {record['closing']['actions']} actions, digest {record['closing']['digest'][:12]}")
            continue
        action = ACTION_ADAPTER.validate_python(record["action"])
        # every field, defaults included (a log leaves them out), so the transcript reads the same
        dumped = action.model_dump(mode="json")
        fields = {k: v for k, v in dumped.items() if k != "kind" and v not in (None, "", False, 0, 0.0)}
        args = " ".join(f"{k}={_fmt(v)}" for k, v in sorted(fields.items()))
        phase = state.phase
        state = apply(state, action)
        out.append(f"{record['seq']:4d} {record.get('actor', 'facilitator'):<12} {action.kind} {args}".rstrip())
        if state.phase != phase:
            co2, energy, bio = association_footprint(state).sum(axis=0) if state.families else (0, 0, 0)
            out.append(
                f"     -> round {state.round} {state.phase}: {co2:.0f} kg CO2e, {energy:.0f} kWh, {bio:.0f} m² per person"
            )
    return out
