"""What the review and the debrief show: the engine's debrief figures, shaped for the screen.

Equity is shown, never scored (DESIGN §5); the state before the round (for before/after) is
found by walking back the undo chain to the round's situation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine import debrief
from engine.footprint import association_totals, family_units  # association_totals: for the scenes too
from engine.state import State
from engine.units import footprint_values


@dataclass(frozen=True)
class FamilyFigures:
    id: str
    name: str
    money_share: float  # of the money given by everyone
    means_share: float  # of everyone's money
    money_ratio: float | None  # 1.0 = in proportion
    hours_share: float
    time_share: float
    hours_ratio: float | None
    takes_part: bool
    refused_hours: float


@dataclass(frozen=True)
class Figures:
    families: tuple[FamilyFigures, ...]
    inclusion: float
    left_out: tuple[str, ...]
    coverage: float
    meaningful: float | None
    spread_co2: tuple[float, float]


def served_codes(state: State, family_id: str) -> set[str]:
    return debrief.served_codes(state, family_id)


def serves(codes: set[str], code: str) -> bool:
    return debrief.serves(codes, code)


def figures(state: State) -> Figures:
    rows = []
    for e in debrief.equity(state):
        name = state.family(e.family).spec.name
        rows.append(FamilyFigures(e.family, name, e.money_share, e.means_share, e.money_ratio, e.hours_share,
                                  e.time_share, e.hours_ratio, e.included, e.refused_hours))
    criteria = sum(len(f.spec.criteria) for f in state.present())
    served = sum(sum(1 for c in f.spec.criteria if serves(served_codes(state, f.id), c.code)) for f in state.present())
    n = len(rows) or 1
    return Figures(
        families=tuple(rows),
        inclusion=sum(1 for r in rows if r.takes_part) / n,
        left_out=tuple(r.name for r in rows if not r.takes_part),
        coverage=served / criteria if criteria else 0.0,
        meaningful=debrief.meaningful_time(state),
        spread_co2=debrief.spread(state),
    )


def per_family_totals(state: State) -> np.ndarray:
    """(present families, 3) footprints per person: CO2 kg, energy kWh, biosphere m² (summed
    over sectors in whole units, as the engine records them)."""
    keep = [i for i, f in enumerate(state.families) if f.present]
    return footprint_values(family_units(state)[keep].sum(axis=1))


def round_start_state(state: State) -> State:
    """The state as the round's situation began (for before/after), walking back the undo chain."""
    s, first = state, state
    while s is not None and s.round == state.round:
        if s.phase == "situation":
            first = s
        s = s.prev
    return first
