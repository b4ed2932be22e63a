"""Why not 2 t? The gap between the association's CO₂ now and the 2050 target, split by cause.

Four figures per person a year, from the same Gaïa model the game plays with:

- what the association's running projects already took off (its projects, gone: the footprint
  without them, minus now);
- what more projects could still take off: every catalogue project not running, each family
  taking part (now, minus the footprint with them all);
- the public-services floor, the same for everyone and decided at other levels;
- what remains once all projects run, beyond the floor: the families' consumption with today's
  grid, food system and industry, factors the association does not control.

The gap is exactly `could + floor + system - target`: each part is a figure a class can check.
The figures are for display and the report; nothing here enters the state.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import gaia
from .effects import Taking
from .footprint import association_totals, current_factors, event_factors, people, with_effects
from .state import State, derived

CO2 = 0


@dataclass(frozen=True)
class Gap:
    now: float  # association's CO₂ per person a year, kg
    target: float
    projects_did: float  # taken off by the running projects
    could: float  # more projects could take off
    floor: float  # public services, decided at other levels
    system: float  # what remains after all projects, beyond the floor
    by_sector: tuple[tuple[str, float], ...]  # the system part by sector, largest first

    @property
    def gap(self) -> float:
        return self.now - self.target


def _average(state: State, factors: np.ndarray) -> np.ndarray:
    """(sectors,) CO₂ per person, weighted by household size, without the floor."""
    per_family = _by_sector(state.scenario, gaia.footprints(factors, 0)[..., CO2])
    weights = people(state)
    if weights.sum() == 0:
        return np.zeros(per_family.shape[1:])
    return (weights[:, None] * per_family).sum(axis=0) / weights.sum()


def _by_sector(scenario, per_component: np.ndarray) -> np.ndarray:
    """(..., components) -> (..., sectors): each sector's components added (floats, for display)."""
    if gaia.one_per_sector(scenario):
        return per_component
    sectors = gaia.component_sectors(scenario)
    return np.stack([per_component[..., sectors == i].sum(axis=-1) for i in range(len(scenario.sectors))], axis=-1)


def why_not_target(state: State) -> Gap:
    """The gap and its parts, once per state (the debrief, the asks and the report all ask)."""
    return derived(state, "gap", _why_not_target)


def _why_not_target(state: State) -> Gap:
    scenario = state.scenario
    base = event_factors(state)  # the families' balances after events, no project
    ids = {r.project for r in state.running}
    others = [Taking(p, None) for p in scenario.projects if p.id not in ids]
    # with more means: every project not running, everyone taking part, on top of what runs
    all_f = with_effects(state, current_factors(state), others)
    floor = float(gaia.public_floors(scenario)[:, CO2].sum())
    without = float(_average(state, base).sum())
    all_s = _average(state, all_f)
    # the association's footprint as recorded (whole grams), so the screens agree to the gram
    now = float(association_totals(state)[CO2])
    best = float(all_s.sum())
    sectors = sorted(((s.id, float(v)) for s, v in zip(scenario.sectors, all_s)), key=lambda x: -x[1])
    return Gap(
        now=now,
        target=scenario.targets.co2_kg.value,
        projects_did=without - (now - floor),
        could=(now - floor) - best,
        floor=floor,
        system=best,
        by_sector=tuple(sectors),
    )
