"""What projects do to households: who an effect reaches, how effects stack, what stays.

An effect multiplies one factor (Q, E, C or L) of one component (or of every component of its
sector) for the families that take part, or for everyone when the project is a common good.
It reaches a family only when:

- the family meets the project's and the effect's eligibility (heating, cars, diet, flights,
  floor area per person, people): a car-less family gains nothing from car-sharing;
- no alternative of the project already applies to it: of projects that exclude each other
  (a heat pump, a wood boiler), the first in the running order wins;
- the project still runs, or the effect is durable: a completed car-sharing service no longer
  cuts kilometres, a completed insulation still saves heat.

Effects on one factor multiply, in the running order, and the product stops at the factor's
floor: a factor is never brought below min(its value before projects, its floor). Everything is
elementwise and in a fixed order, the same bits on every machine (see gaia.py and units.py).
"""

from __future__ import annotations

from typing import Iterable, NamedTuple

import numpy as np

from .gaia import FACTOR_INDEX, _per_scenario, factor_floors
from .scenario import Household, Project, Scenario
from .scenario.words import Words, w


class Taking(NamedTuple):
    """A project and who takes part in it (None: every family), and whether it is completed."""

    project: Project
    participants: tuple[str, ...] | list[str] | None
    completed: bool = False


def exclusive_ids(scenario: Scenario) -> frozenset[str]:
    """Projects that have an alternative (naming it, or named by it)."""
    def compute(sc: Scenario) -> frozenset[str]:
        out = set()
        for p in sc.projects:
            if p.excludes:
                out.add(p.id)
                out.update(p.excludes)
        return frozenset(out)

    return _per_scenario("exclusive", scenario, compute)


def excludes(scenario: Scenario, a: str, b: str) -> bool:
    """Whether projects a and b are alternatives: either names the other."""
    return b in scenario.project(a).excludes or a in scenario.project(b).excludes


def blocked(scenario: Scenario, project: Project, applied: Iterable[str], household: Household,
            people: int) -> Words | None:
    """Why a project cannot reach a household at all (None: it can), in words (scenario/words.py)."""
    if project.eligible is not None:
        why = project.eligible.why_not(household, people)
        if why is not None:
            return w("whatif.not_eligible", why=why)
    for other in applied:
        if excludes(scenario, project.id, other):
            return w("whatif.excluded", other=other)
    return None


def stack(scenario: Scenario, factors: np.ndarray, ids: list[str], households: list[Household] | None,
          people: list[int] | None, taking: Iterable[Taking], reasons: dict | None = None) -> np.ndarray:
    """`factors` (families, components, 4) with the effects of the projects `taking` part, in that
    order. `reasons`, when given, receives {(project id, family id): why not} for every project
    that could not reach a family, and {(project id, family id, effect number): why not} for
    effects that did not apply where the project did."""
    index = {f: i for i, f in enumerate(ids)}
    mult = np.ones_like(factors)
    applied: list[list[str]] = [[] for _ in ids]
    exclusive = exclusive_ids(scenario)
    for project, participants, completed in taking:
        if participants is None or project.common_good:
            families = list(range(len(ids)))
        else:
            families = [index[f] for f in participants if f in index]
        if project.eligible is not None or project.id in exclusive:
            reached = []
            for i in families:
                why = blocked(scenario, project, applied[i], households[i], people[i])
                if why is None:
                    reached.append(i)
                elif reasons is not None:
                    reasons[(project.id, ids[i])] = why
        else:
            reached = families
        for i in reached:
            applied[i].append(project.id)
        if not reached:
            continue
        for n, e in enumerate(project.effects):
            if completed and not e.durable:
                if reasons is not None:
                    for i in reached:
                        reasons[(project.id, ids[i], n)] = w("whatif.stopped")
                continue
            rows = reached
            if e.eligible is not None:
                rows = []
                for i in reached:
                    why = e.eligible.why_not(households[i], people[i])
                    if why is None:
                        rows.append(i)
                    elif reasons is not None:
                        reasons[(project.id, ids[i], n)] = w("whatif.not_eligible", why=why)
                if not rows:
                    continue
            components = scenario.component_rows(e.sector, e.component)
            factor = FACTOR_INDEX[e.factor]
            if len(components) == 1 and len(rows) == len(ids):
                mult[:, components[0], factor] *= e.multiplier
            else:
                mult[np.ix_(rows, components, [factor])] *= e.multiplier
    out = factors * mult
    lowest = factor_floors(scenario)
    if lowest is not None:
        out = np.maximum(out, np.minimum(factors, lowest))
    return out


def renewable(project: Project) -> bool:
    """A project some of whose effects stop with it: once completed, the association may propose
    it again to renew the service."""
    return any(not e.durable for e in project.effects)
