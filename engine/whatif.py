"""A trainer's what-if: one household's footprints with chosen projects applied at full strength.

`bve footprint --scenario F (--profile ID | --family ID) [--projects ID,ID...] --json` and the
table's project card ask the same question: what would these projects do to this household if
it took part? The projects are stacked in the order given, with eligibility, alternatives and
floors as in play (effects.py), each effect as while its project runs. The figures are whole
grams, watt-hours and cm² per person-year, shown in kg, kWh and m²: a sector is exactly the sum
of its components and its public floor, the total exactly the sum of the sectors.
"""

from __future__ import annotations

import numpy as np

from . import gaia
from .effects import Taking, stack
from .scenario import FamilySpec, Scenario
from .scenario.words import Problem, w
from .units import footprint_units, footprint_values


class UnknownProject(Problem):
    pass


def energy_basis(scenario: Scenario) -> str:
    """'primary', 'final', or 'as given' (no [energy] table: final energy at home and on the
    road plus energy embodied in what is bought, as the factors give it)."""
    return scenario.energy.basis if scenario.energy is not None else "as given"


def household_footprint(scenario: Scenario, spec: FamilySpec | None = None, profile: str | None = None,
                        projects: list[str] = ()) -> dict:
    """The what-if for a preset family (`spec`) or a profile (or the average household). Why a
    project did not apply is in English, as Words (scenario/words.py) the shell can word again."""
    unknown = [p for p in projects if p not in {q.id for q in scenario.projects}]
    if unknown:
        known = ", ".join(p.id for p in scenario.projects)
        raise UnknownProject(w("check.unknown_project", id=unknown[0], known=known))
    if spec is not None:
        factors = gaia.family_factors(scenario, spec)
        home = gaia.household(scenario, spec, factors)
        people, who = spec.members.total, {"family": spec.id, "profile": spec.profile}
    else:
        factors = gaia.profile_factors(scenario, profile)
        home = gaia.profile_household(scenario, profile, factors)
        people, who = 1, {"profile": profile}
    reasons: dict = {}
    taking = [Taking(scenario.project(p), None) for p in projects]
    after = stack(scenario, factors[None], ["what-if"], [home], [people], taking, reasons)[0]
    applied, not_applied = [], {}
    for p in projects:
        why = reasons.get((p, "what-if"))
        effects = scenario.project(p).effects
        missed = [reasons.get((p, "what-if", n)) for n in range(len(effects))]
        if why is None and all(missed):
            why = missed[0]
        if why is None:
            applied.append(p)
        else:
            not_applied[p] = why
    return {
        **who,
        "household": home.model_dump(exclude_none=True),
        "energy_basis": energy_basis(scenario),
        **_figures(scenario, after),
        "applied": applied,
        "not_applied": not_applied,
    }


def _figures(scenario: Scenario, factors: np.ndarray) -> dict:
    comps = gaia.component_units(scenario, factors)
    sectors = gaia.sector_units(scenario, comps)
    public = footprint_units(gaia.public_floors(scenario))
    out = {}
    for i, sector in enumerate(scenario.sectors):
        rows = scenario.component_rows(sector.id)
        parts = {}
        for k in rows:
            units = comps[k] - public[i] if len(rows) == 1 else comps[k]  # the floor is shown apart
            parts[scenario.components[k][1].id] = _triple(units)
        out[sector.id] = {**_triple(sectors[i]), "components": parts}
        if sector.floor is not None:
            out[sector.id]["public_floor"] = _triple(public[i])
    return {"sectors": out, "total": _triple(sectors.sum(axis=0))}


def _triple(units) -> dict:
    values = footprint_values(np.asarray(units, dtype=np.int64))
    return {name: round(float(v), 3) for name, v in zip(gaia.FOOTPRINTS, values)}


def taking_part(state, project_id: str, family_id: str) -> np.ndarray:
    """(3,) change of a family's footprints per person a year (kg CO2e, kWh, m²) if it took part
    in a project, on top of what runs now: the project stacked after the running ones, with
    eligibility, alternatives and floors as in play (0 where it cannot reach the family)."""
    from .footprint import component_units, event_factors, with_effects

    scenario = state.scenario
    index = next(i for i, f in enumerate(state.families) if f.id == family_id)
    running = [Taking(scenario.project(r.project), r.participants, r.completed) for r in state.running]
    after = with_effects(state, event_factors(state), running + [Taking(scenario.project(project_id), [family_id])])
    delta = gaia.component_units(scenario, after[index:index + 1])[0] - component_units(state)[index]
    return footprint_values(delta.sum(axis=0))


def average_effect(scenario: Scenario, project_id: str) -> np.ndarray:
    """(3,) change of the territory's average household's footprints per person a year if it took
    part in a project alone (eligibility read from no household: every condition met)."""
    factors = gaia.default_factors(scenario)
    home = gaia.profile_household(scenario, None, factors)
    after = stack(scenario, factors[None], ["average"], [home], [1], [Taking(scenario.project(project_id), None)])
    delta = gaia.component_units(scenario, after)[0] - gaia.component_units(scenario, factors)
    return footprint_values(delta.sum(axis=0))
