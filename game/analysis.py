"""What the review and the debrief show, computed from the state with the engine's public API.

Equity is shown, never scored (DESIGN §5): each family's share of what is given against its
share of the association's means; inclusion names the families left out; criteria coverage and
meaningful time follow the definitions of §5. When the engine offers its own debrief module,
its figures are used instead (see `debrief_figures`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.footprint import association_footprint, family_footprints
from engine.resources import means
from engine.state import State


@dataclass(frozen=True)
class FamilyFigures:
    id: str
    name: str
    share_given: float  # of the money and time given by everyone
    share_means: float  # of everyone's means
    ratio: float | None  # share_given / share_means (1.0 = in proportion)
    takes_part: bool
    criteria_served: int
    criteria: int
    liked_hours: float
    refused_hours: float
    hours: float


@dataclass(frozen=True)
class Figures:
    families: tuple[FamilyFigures, ...]
    inclusion: float
    left_out: tuple[str, ...]
    coverage: float
    meaningful: float | None
    spread_co2: tuple[float, float]


def _given(state: State, family_id: str) -> tuple[float, float]:
    money = hours = 0.0
    for r in state.running:
        c = r.commitments.get(family_id)
        if c is not None and not r.completed:
            money += c.monthly_eur
            hours += c.weekly_hours
    for p in state.proposals:
        c = p.pledges.get(family_id)
        if c is not None and p.status != "objected":
            money += c.monthly_eur
            hours += c.weekly_hours
    return money, hours


def served_codes(state: State, family_id: str) -> set[str]:
    codes: set[str] = set()
    for r in state.running:
        project = state.scenario.project(r.project)
        if project.common_good or family_id in r.participants:
            codes.update(project.wellbeing)
    return codes


def serves(codes: set[str], code: str) -> bool:
    return any(code.startswith(c) or c.startswith(code) or c[0] == code[0] for c in codes)


def figures(state: State) -> Figures:
    present = state.present()
    total_money = sum(means(state, f).money for f in present) or 1.0
    total_hours = sum(means(state, f).hours for f in present) or 1.0
    given = {f.id: _given(state, f.id) for f in present}
    all_money = sum(m for m, _ in given.values()) or 1.0
    all_hours = sum(h for _, h in given.values()) or 1.0
    rows = []
    for f in present:
        m = means(state, f)
        share_means = (m.money / total_money + m.hours / total_hours) / 2
        g_money, g_hours = given[f.id]
        share_given = (g_money / all_money + g_hours / all_hours) / 2
        takes_part = any(f.id in r.participants for r in state.running) or any(
            state.scenario.project(r.project).common_good for r in state.running)
        codes = served_codes(state, f.id)
        served = sum(1 for c in f.spec.criteria if serves(codes, c.code))
        liked = refused = hours = 0.0
        for r in state.running:
            c = r.commitments.get(f.id)
            if c is None or c.weekly_hours <= 0:
                continue
            skills = set(state.scenario.project(r.project).needs.skills)
            hours += c.weekly_hours
            if skills & set(f.spec.likes) or skills & set(f.spec.skills):
                liked += c.weekly_hours
            if skills & set(f.spec.refuses):
                refused += c.weekly_hours
        rows.append(FamilyFigures(
            f.id, f.spec.name, share_given, share_means,
            share_given / share_means if share_means > 0 else None,
            takes_part, served, len(f.spec.criteria), liked, refused, hours,
        ))
    n = len(rows) or 1
    criteria = sum(r.criteria for r in rows)
    all_h = sum(r.hours for r in rows)
    co2 = per_family_totals(state)[:, 0] if present else np.zeros(1)
    return Figures(
        families=tuple(rows),
        inclusion=sum(1 for r in rows if r.takes_part) / n,
        left_out=tuple(r.name for r in rows if not r.takes_part),
        coverage=(sum(r.criteria_served for r in rows) / criteria) if criteria else 0.0,
        meaningful=(sum(r.liked_hours for r in rows) / all_h) if all_h else None,
        spread_co2=(float(co2.min()), float(co2.max())) if len(co2) else (0.0, 0.0),
    )


def per_family_totals(state: State) -> np.ndarray:
    """(present families, 3) footprints per person: CO2 kg, energy kWh, biosphere m²."""
    fp = family_footprints(state).sum(axis=1)
    keep = [i for i, f in enumerate(state.families) if f.present]
    return fp[keep]


def association_totals(state: State) -> np.ndarray:
    return association_footprint(state).sum(axis=0)


def round_start_state(state: State) -> State:
    """The state as the round's situation began (for before/after), walking back the undo chain."""
    s, first = state, state
    while s is not None and s.round == state.round:
        if s.phase == "situation":
            first = s
        s = s.prev
    return first
