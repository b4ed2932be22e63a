"""What the association takes home: the action plan, well-being coverage, equity, meaningful time.

Equity is shown, never scored: each family's share of what was given against its share of the
association's means (1.0 = in proportion), who is included, and how far footprints spread.
Sums are taken in whole cents, minutes and grams; a share is one division of two such sums.
"""

from __future__ import annotations

from dataclasses import dataclass

from .footprint import association_totals, family_units, recorded
from .resources import means
from .state import State
from .units import FOOTPRINT_SCALE, MINUTES

GRAMS = FOOTPRINT_SCALE[0]  # per kg


@dataclass(frozen=True)
class PlanItem:
    project: str
    from_year: int
    participants: tuple[str, ...]
    gives: dict[str, tuple[float, float]]  # family -> (€/month, h/week)
    ratified: bool | None
    completed: bool


@dataclass(frozen=True)
class FamilyEquity:
    family: str
    money_share: float  # share of the money given
    means_share: float  # share of the association's money means
    money_ratio: float | None  # money_share / means_share (1.0 = in proportion)
    hours_share: float
    time_share: float
    hours_ratio: float | None
    included: bool
    meaningful_hours: float
    refused_hours: float
    coverage: float | None  # share of its criteria a project it is in serves (codes matched at the finest level)


def action_plan(state: State) -> list[PlanItem]:
    years = state.scenario.years
    return [
        PlanItem(
            project=r.project,
            from_year=years.start + years.years_per_round * r.start_round,
            participants=r.participants,
            gives={f: (c.monthly_eur, c.weekly_hours) for f, c in r.commitments.items()},
            ratified=r.ratified,
            completed=r.completed,
        )
        for r in state.running
    ]


def codes_match(served: str, criterion: str) -> bool:
    """A project's code serves a criterion's code when they match at the finest level both give:
    B02 serves B02 (not B01), and a bare letter matches its whole dimension either way."""
    return served == criterion or (len(served) == 1 and criterion[0] == served) or \
        (len(criterion) == 1 and served[0] == criterion)


def served_codes(state: State, family_id: str) -> set[str]:
    """The well-being codes served to a family: those of the projects it takes part in and of the
    common goods."""
    served: set[str] = set()
    for r in state.running:
        project = state.scenario.project(r.project)
        if project.common_good or family_id in r.participants:
            served.update(project.wellbeing)
    return served


def serves(codes: set[str], criterion: str) -> bool:
    return any(codes_match(code, criterion) for code in codes)


def serving(state: State, family_id: str) -> list[tuple[int, list[str]]]:
    """For each of a family's criteria (by position), the projects that serve it: the review's
    "which project serves which criterion"."""
    family = state.family(family_id)
    if family is None:
        return []
    projects = [state.scenario.project(r.project) for r in state.running
                if state.scenario.project(r.project).common_good or family_id in r.participants]
    return [(i, [p.id for p in projects if serves(set(p.wellbeing), c.code)])
            for i, c in enumerate(family.spec.criteria)]


def coverage(state: State, family_id: str) -> float | None:
    family = state.family(family_id)
    if family is None or not family.spec.criteria:
        return None
    served = served_codes(state, family_id)
    return sum(1 for c in family.spec.criteria if serves(served, c.code)) / len(family.spec.criteria)


def _ratio(share: float, base: float) -> float | None:
    return share / base if base > 1e-9 else None


def equity(state: State) -> list[FamilyEquity]:
    present = state.present()
    given_money = {f.id: 0 for f in present}  # cents per month
    given_hours = dict(given_money)  # minutes per week
    meaningful = dict(given_money)
    refused = dict(given_money)
    for r in state.running:
        if r.completed:
            continue
        skills = set(state.scenario.project(r.project).needs.skills)
        for fid, c in r.commitments.items():
            if fid not in given_money:
                continue
            spec = state.family(fid).spec
            given_money[fid] += c.monthly_cents
            given_hours[fid] += c.weekly_minutes
            if skills & set(spec.likes):
                meaningful[fid] += c.weekly_minutes
            if skills & set(spec.refuses):
                refused[fid] += c.weekly_minutes
    have = {f.id: means(state, f) for f in present}
    total_money = sum(given_money.values())
    total_hours = sum(given_hours.values())
    means_money = sum(m.money_cents for m in have.values())
    means_hours = sum(m.minutes for m in have.values())
    included = {f for r in state.running for f in r.participants}
    common = any(state.scenario.project(r.project).common_good for r in state.running)
    out = []
    for f in present:
        money_share = given_money[f.id] / total_money if total_money else 0.0
        hours_share = given_hours[f.id] / total_hours if total_hours else 0.0
        means_share = have[f.id].money_cents / means_money if means_money else 0.0
        time_share = have[f.id].minutes / means_hours if means_hours else 0.0
        out.append(
            FamilyEquity(
                family=f.id,
                money_share=money_share,
                means_share=means_share,
                money_ratio=_ratio(money_share, means_share) if total_money else None,
                hours_share=hours_share,
                time_share=time_share,
                hours_ratio=_ratio(hours_share, time_share) if total_hours else None,
                included=f.id in included or common,
                meaningful_hours=meaningful[f.id] / MINUTES,
                refused_hours=refused[f.id] / MINUTES,
                coverage=coverage(state, f.id),
            )
        )
    return out


def meaningful_time(state: State) -> float | None:
    """Share of the hours given that go to activities the giving family likes."""
    total = meaningful = 0  # minutes per week
    for r in state.running:
        if r.completed:
            continue
        skills = set(state.scenario.project(r.project).needs.skills)
        for fid, c in r.commitments.items():
            family = state.family(fid)
            if family.present:
                total += c.weekly_minutes
                if skills & set(family.spec.likes):
                    meaningful += c.weekly_minutes
    return meaningful / total if total else None


def spread(state: State) -> tuple[float, float]:
    """Lowest and highest CO2 per person among present families."""
    present = [i for i, f in enumerate(state.families) if f.present]
    if not present:
        return (0.0, 0.0)
    grams = family_units(state)[present, :, 0].sum(axis=1)
    return int(grams.min()) / GRAMS, int(grams.max()) / GRAMS


def summary(state: State) -> dict:
    """The debrief as plain data (for the CLI, the report and the network's summary)."""
    totals = association_totals(state)
    targets = state.scenario.targets
    eq = equity(state)
    return {
        "year": state.trajectory[-1][0] if state.trajectory else state.scenario.years.start,
        "footprint": {"co2_kg": float(totals[0]), "energy_kwh": float(totals[1]), "biosphere_m2": float(totals[2])},
        "targets": {
            "co2_kg": targets.co2_kg.value,
            "energy_kwh": targets.energy_kwh.value,
            "biosphere_m2": targets.biosphere_m2.value,
        },
        "reached": {
            "co2": bool(totals[0] <= targets.co2_kg.value),
            "energy": bool(totals[1] <= targets.energy_kwh.value),
            "biosphere": bool(totals[2] <= targets.biosphere_m2.value),
        },
        "plan": [
            {
                "project": p.project,
                "from_year": p.from_year,
                "participants": list(p.participants),
                "gives": {f: {"monthly_eur": m, "weekly_hours": h} for f, (m, h) in sorted(p.gives.items())},
                "ratified": p.ratified,
                "completed": p.completed,
            }
            for p in action_plan(state)
        ],
        "left_out": [e.family for e in eq if not e.included],
        "inclusion": (sum(e.included for e in eq) / len(eq)) if eq else 0.0,
        "meaningful_time": meaningful_time(state),
        "spread_co2_kg": list(spread(state)),
        "coverage": {e.family: e.coverage for e in eq},
        "trajectory": [list(t) for t in recorded(state)],
        # the plan's other half: what the association asks of the levels above it
        "asks": [{"round": r, "level": level, "about": about, "text": text} for r, level, about, text in state.asks],
    }
