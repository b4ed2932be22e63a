"""Footprints of a session's state: every family's factors after events and running projects."""

from __future__ import annotations

import numpy as np

from . import gaia
from .state import State, derived



def current_factors(state: State) -> np.ndarray:
    """(families, sectors, 4): base balance × event multipliers × effects of running projects.

    States never change, so the result is kept on the state (a fresh copy drops it)."""
    return derived(state, "factors", _current_factors)


def _current_factors(state: State) -> np.ndarray:
    factors = state.base_factors * state.sector_mult
    factors.flags.writeable = False
    if not state.running:
        return factors
    index = {f.id: i for i, f in enumerate(state.families)}
    mult = np.ones_like(factors)
    scenario = state.scenario
    for r in state.running:
        project = scenario.project(r.project)
        if project.common_good:
            rows = slice(None)
        else:
            rows = [index[f] for f in r.participants if f in index]
            if not rows:
                continue
        for e in project.effects:
            mult[rows, scenario.sector_index(e.sector), gaia.FACTOR_INDEX[e.factor]] *= e.multiplier
    out = factors * mult
    out.flags.writeable = False
    return out


def family_footprints(state: State) -> np.ndarray:
    """(families, sectors, 3) footprints per person-year: CO2 kg, energy kWh, biosphere m²."""
    return derived(state, "footprints", _family_footprints)


def _family_footprints(state: State) -> np.ndarray:
    out = gaia.footprints(current_factors(state), gaia.floors(state.scenario))
    out.flags.writeable = False
    return out


def people(state: State, present_only: bool = True) -> np.ndarray:
    return np.array(
        [f.people if (f.present or not present_only) else 0 for f in state.families], dtype=np.float64
    )


def association_footprint(state: State) -> np.ndarray:
    """(sectors, 3): the association's footprints per person, weighted by household size."""
    if not state.families:
        return np.zeros((len(state.scenario.sectors), 3))
    return gaia.weighted_average(family_footprints(state), people(state))


def target_trajectory(state: State) -> list[tuple[int, float]]:
    """The CO2 target line: from the association's starting average to the target, linear unless
    the scenario gives milestones."""
    scenario = state.scenario
    years = scenario.years
    start = state.trajectory[0][1] if state.trajectory else float(association_footprint(state)[:, 0].sum())
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
