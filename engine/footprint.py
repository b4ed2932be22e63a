"""Footprints of a session's state: every family's factors after events and running projects.

Factors are floats multiplied elementwise; footprints become whole grams, watt-hours and cm² per
person-year (units.py) before any sum over sectors or average over families, so every figure
derived here is the same on every machine. The float views in kg, kWh and m² are for the screen.
"""

from __future__ import annotations

import numpy as np

from . import gaia
from .effects import Taking, stack
from .scenario import Household
from .state import State, derived, memo_on
from .units import footprint_values


def current_factors(state: State) -> np.ndarray:
    """(families, components, 4): base balance × event multipliers × effects of running projects.

    States never change, so the result is kept on the state (a fresh copy drops it)."""
    return derived(state, "factors", _current_factors)


def event_factors(state: State) -> np.ndarray:
    """(families, components, 4): the families' balances after events, before any project (an
    event changes a factor of one component, or of every component of a sector)."""
    return state.base_factors * state.sector_mult


def _current_factors(state: State) -> np.ndarray:
    factors = event_factors(state)
    factors.flags.writeable = False
    if not state.running:
        return factors
    scenario = state.scenario
    out = with_effects(state, factors, [Taking(scenario.project(r.project), r.participants, r.completed)
                                        for r in state.running])
    out.flags.writeable = False
    return out


def households(state: State) -> list[Household]:
    """What eligibility reads of each family (its profile's household and its own attributes),
    computed once for the families of many successive states."""
    return memo_on("households", state.families, None, lambda: [
        gaia.household(state.scenario, f.spec, state.base_factors[i]) for i, f in enumerate(state.families)])


def with_effects(state: State, factors: np.ndarray, taking_part, reasons: dict | None = None) -> np.ndarray:
    """`factors` (families, components, 4) with the effects of projects, each on the families that
    take part in it (effects.py): `taking_part` holds Taking(project, family ids or None for
    every family, completed); a common good reaches everyone."""
    ids = [f.id for f in state.families]
    return stack(state.scenario, factors, ids, households(state), [f.people for f in state.families],
                 taking_part, reasons)


def component_units(state: State) -> np.ndarray:
    """(families, components, 3) int64 footprints per person-year of each component."""
    return derived(state, "component_units", lambda s: gaia.component_units(s.scenario, current_factors(s)))


def family_units(state: State) -> np.ndarray:
    """(families, sectors, 3) int64 footprints per person-year: g CO2e, Wh, cm²."""
    return derived(state, "units", _family_units)


def _family_units(state: State) -> np.ndarray:
    out = gaia.sector_units(state.scenario, component_units(state))
    out.flags.writeable = False
    return out


def family_footprints(state: State) -> np.ndarray:
    """(families, sectors, 3) footprints per person-year, CO2 kg, energy kWh, biosphere m², for
    the screen: the whole units shown in kg, kWh and m²."""
    return derived(state, "footprints", lambda s: footprint_values(family_units(s)))


def people(state: State, present_only: bool = True) -> np.ndarray:
    return np.array(
        [f.people if (f.present or not present_only) else 0 for f in state.families], dtype=np.int64
    )


def association_units(state: State) -> np.ndarray:
    """(sectors, 3) int64: the association's footprints per person, weighted by household size,
    each to the nearest unit (halves to even)."""
    if not state.families:
        return np.zeros((len(state.scenario.sectors), 3), dtype=np.int64)
    return derived(state, "association", lambda s: gaia.weighted_average(family_units(s), people(s)))


def association_total_units(state: State) -> tuple[int, int, int]:
    """The association's (g CO2e, Wh, cm²) per person: the sum of its sectors' figures."""
    return tuple(int(v) for v in association_units(state).sum(axis=0))


def association_footprint(state: State) -> np.ndarray:
    """(sectors, 3) in kg CO2e, kWh and m² per person, for the screen."""
    return footprint_values(association_units(state))


def association_totals(state: State) -> np.ndarray:
    """(3,) kg CO2e, kWh and m² per person: the recorded total, for the screen."""
    return footprint_values(np.array(association_total_units(state), dtype=np.int64))


def recorded(state: State) -> list[tuple[int, float, float, float]]:
    """The trajectory for the screen: (year, kg CO2e, kWh, m²) per person at each round's end."""
    return [(year, *(float(v) for v in footprint_values(np.array(units, dtype=np.int64))))
            for year, *units in state.trajectory]


def target_trajectory(state: State) -> list[tuple[int, float]]:
    """The CO2 target line in kg, for the screen: from the association's starting average to the
    target, linear unless the scenario gives milestones."""
    start = recorded(state)[0][1] if state.trajectory else float(association_totals(state)[0])
    return co2_target_line(state.scenario, start)


def co2_target_line(scenario, start: float) -> list[tuple[int, float]]:
    """(year, kg) at the start and at each round's end: from `start` kg to the end year's target,
    through the milestones."""
    years = scenario.years
    points = [(years.start, start)]
    points += [(m.year, m.co2_kg) for m in sorted(scenario.targets.milestones, key=lambda m: m.year)
               if years.start < m.year < years.end]
    points.append((years.end, scenario.targets.co2_kg.value))
    out = []
    for y in [years.start] + years.round_years():
        for (y0, v0), (y1, v1) in zip(points, points[1:]):
            if y0 <= y <= y1:
                out.append((y, v0 + (v1 - v0) * (y - y0) / (y1 - y0)))
                break
    return out
