"""The balance explorer's view of a scenario, as arrays indexed by project.

A portfolio is a set of the catalogue's projects, held as a mask: bit j stands for project j in
catalogue order (at most 64 projects, so a uint64). Every project runs at scale 1.0 from the
first round to the end, and what counts is the final year.

Rules a portfolio must meet under a roster (one place, so that the search and the report agree):

- money: Σ monthly € ≤ Σ families' money per month. Savings the projects bring back are not
  counted: an explorer that says "reachable" must not lean on money that may never come;
- upfront: Σ upfront € − co-funding ≤ Σ families' savings. The platform pays at most
  `max_share` of an eligible project's upfront cost and at most one round's envelope per project
  (a project is funded in the round it starts), and at most `envelope_per_round × rounds` in all:
  projects may start in different rounds, and only the final year's footprint is measured;
- time: Σ (weekly hours + setup hours / 52) ≤ Σ families' hours per week (setup spread over the
  first year, as the game counts it);
- skills: each skill a project needs is held (skills or likes) by a family with time to give;
- capacity: the roster has at least `capacity.min` families;
- prerequisites: a project's prerequisites are in the portfolio too;
- alternatives: a portfolio holds at most one of projects that exclude each other (in play the
  first adopted wins for a household, and the explorer has no order to choose by).

Who takes part: a common good acts on every family. Any other project takes `capacity.max`
families at most, among those it can reach (its eligibility): those whose households emit most
CO2 in the components the project acts on (people × CO2 per person, before any project; ties in
roster order). Picking them once, from the starting balance, keeps the effect of a portfolio a
plain product of its projects' effects, each effect on the families its own eligibility admits,
then held at the components' floors (`lowest`: a product never goes below floor ÷ value before
projects). An effect that stops with its project counts: the project is taken as running in the
final year (started late enough, or renewed), and its costs are counted over the whole run.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, replace

import numpy as np

from .. import gaia
from ..scenario import FamilySpec, Household, Scenario

EPS = 1e-6
ROSTERS = ("preset", "profile-mix")
# A profile-mix family's means when the scenario has no roster to take medians from. These are
# estimates for a French workshop (INSEE: 2.2 people per household); any other territory should
# give a roster.
DEFAULT_PEOPLE = 2.2
DEFAULT_MONEY_MONTH = 100.0
DEFAULT_SAVINGS = 1500.0
DEFAULT_HOURS_WEEK = 3.0


@dataclass(frozen=True)
class RosterFamily:
    id: str
    people: float
    money_month: float
    savings: float
    hours_week: float
    skills: frozenset[str]
    factors: np.ndarray  # (components, 4): Q, E, C, L before any project
    household: Household = Household()  # what eligibility reads


@dataclass(frozen=True)
class Roster:
    kind: str  # the roster actually used: "preset" or "profile-mix"
    families: tuple[RosterFamily, ...]
    any_skill: bool = False  # no roster to read skills from: a draft scenario is not blamed for it
    note: str = ""

    @property
    def money_month(self) -> float:
        return float(sum(f.money_month for f in self.families))

    @property
    def savings(self) -> float:
        return float(sum(f.savings for f in self.families))

    @property
    def hours_week(self) -> float:
        return float(sum(f.hours_week for f in self.families))

    @property
    def people(self) -> float:
        return float(sum(f.people for f in self.families))

    def has_skill(self, skill: str) -> bool:
        return self.any_skill or any(skill in f.skills for f in self.families)


def _skills(spec: FamilySpec) -> frozenset[str]:
    return frozenset(spec.skills) | frozenset(spec.likes) if spec.hours_week > 0 else frozenset()


def build_roster(scenario: Scenario, kind: str = "preset") -> Roster:
    """The families a portfolio is measured against.

    "preset": the scenario's families present from the start (a scenario without any falls back
    to "profile-mix", and says so in the note). "profile-mix": one family per profile, each with
    the roster's median household size, money, savings and time, and between them every skill
    of the roster's families.
    """
    if kind not in ROSTERS:
        raise ValueError(f"unknown roster '{kind}' (choose from {', '.join(ROSTERS)})")
    present = [f for f in scenario.families if not f.arrives_later]
    if kind == "profile-mix" or not present:
        note = "" if kind == "profile-mix" else "no preset roster in the scenario: one family per profile"
        return _profile_mix(scenario, note)
    families = tuple(
        RosterFamily(f.id, float(f.members.total), f.money_month, f.savings, f.hours_week, _skills(f),
                     gaia.family_factors(scenario, f), gaia.household(scenario, f))
        for f in present
    )
    return Roster("preset", families)


def _profile_mix(scenario: Scenario, note: str) -> Roster:
    specs = scenario.families
    if specs:
        people = statistics.median(f.members.total for f in specs)
        money = statistics.median(f.money_month for f in specs)
        savings = statistics.median(f.savings for f in specs)
        hours = statistics.median(f.hours_week for f in specs)
        skills = frozenset().union(*(_skills(f) for f in specs))
    else:
        people, money, savings, hours = DEFAULT_PEOPLE, DEFAULT_MONEY_MONTH, DEFAULT_SAVINGS, DEFAULT_HOURS_WEEK
        skills = frozenset()
        note = "; ".join(filter(None, [note, "no roster: default means, every skill taken as available"]))
    families = tuple(
        RosterFamily(p.id, float(people), float(money), float(savings), float(hours), skills,
                     factors, gaia.profile_household(scenario, p.id, factors))
        for p in scenario.profiles
        for factors in [gaia.profile_factors(scenario, p.id)]
    )
    return Roster("profile-mix", families, any_skill=not specs, note=note)


@dataclass(frozen=True)
class Model:
    scenario: Scenario
    roster: Roster
    ids: tuple[str, ...]
    years: int
    monthly: np.ndarray  # (J,) € per month
    upfront: np.ndarray  # (J,) €
    setup: np.ndarray  # (J,) hours
    weekly: np.ndarray  # (J,) hours per week
    time_week: np.ndarray  # (J,) weekly + setup / 52: what the time limit counts
    money_total: np.ndarray  # (J,) € over the whole run: monthly × 12 × years paid (a loan: its duration) + upfront
    hours_total: np.ndarray  # (J,) hours over the whole run: weekly × 52 × years + setup
    cofund: np.ndarray  # (J,) the most the platform may pay of each project's upfront cost
    cofund_cap: float  # the most it pays in all
    prereq: np.ndarray  # (J,) uint64 masks of direct prerequisites
    participants: np.ndarray  # (J, F) bool
    mult: np.ndarray  # (J, F, K, 4) multipliers on Q, E, C, L of each component as each family sees them
    base: np.ndarray  # (F, K, 4)
    weight: np.ndarray  # (F,) each family's share of the association's people
    floor: np.ndarray  # (3,) public floor per person: CO2, energy, biosphere
    lowest: np.ndarray  # (F, K, 4) the lowest product of multipliers the components' floors allow
    primary: np.ndarray  # (K,) primary-energy factor of each component (1 without a primary basis)
    excludes: np.ndarray  # (J,) uint64 masks of each project's alternatives
    targets: np.ndarray  # (3,)
    unusable: dict  # project id -> why no feasible portfolio can hold it

    @property
    def size(self) -> int:
        return len(self.ids)

    @property
    def usable(self) -> list[int]:
        return [j for j, pid in enumerate(self.ids) if pid not in self.unusable]

    def feasible(self, monthly, upfront, cofund, time_week):
        """Whether sums over portfolios (arrays or floats) fit the roster's means."""
        r = self.roster
        return (
            (monthly <= r.money_month + EPS)
            & (upfront - np.minimum(cofund, self.cofund_cap) <= r.savings + EPS)
            & (time_week <= r.hours_week + EPS)
        )

    def coefficients(self) -> np.ndarray:
        """(3, F, K): each family-component's weight in the association's CO2, energy and
        biosphere per person, so that footprint = floor + Σ coef × (product of multipliers)."""
        b, w = self.base, self.weight[:, None]
        qe = b[..., gaia.Q] * b[..., gaia.E]
        return np.stack((w * qe * b[..., gaia.C], w * qe * self.primary, w * b[..., gaia.Q] * b[..., gaia.L]))


def product_terms(products: np.ndarray) -> np.ndarray:
    """(..., 4) multipliers on Q, E, C, L -> (3, ...): what multiplies CO2, energy and biosphere."""
    q, e, c, land = (products[..., i] for i in (gaia.Q, gaia.E, gaia.C, gaia.L))
    qe = q * e
    return np.stack((qe * c, qe, q * land))


def build_model(scenario: Scenario, roster: Roster) -> Model:
    projects = scenario.projects
    ids = tuple(p.id for p in projects)
    index = {pid: j for j, pid in enumerate(ids)}
    years = scenario.years.end - scenario.years.start
    needs = [p.needs for p in projects]
    monthly = np.array([n.monthly_eur for n in needs], dtype=np.float64)
    upfront = np.array([n.upfront_eur for n in needs], dtype=np.float64)
    setup = np.array([n.setup_hours for n in needs], dtype=np.float64)
    weekly = np.array([n.weekly_hours for n in needs], dtype=np.float64)
    cofund, cap = _cofunding(scenario, upfront)
    prereq = np.array([sum(1 << index[q] for q in p.prerequisites) for p in projects], dtype=np.uint64)
    base = np.stack([f.factors for f in roster.families])
    people = np.array([f.people for f in roster.families], dtype=np.float64)
    participants = _participants(scenario, roster, base, people)
    primary = gaia.primary_factors(scenario)
    model = Model(
        scenario=scenario, roster=roster, ids=ids, years=years,
        monthly=monthly, upfront=upfront, setup=setup, weekly=weekly,
        time_week=weekly + setup / 52.0,
        money_total=monthly * 12 * _paying_years(scenario, years) + upfront,
        hours_total=weekly * 52 * years + setup,
        cofund=cofund, cofund_cap=cap, prereq=prereq,
        participants=participants,
        mult=_multipliers(scenario, roster, participants, base.shape[1]),
        base=base, weight=people / people.sum(),
        floor=gaia.public_floors(scenario).sum(axis=0),
        lowest=_lowest(scenario, base),
        primary=np.ones(base.shape[1]) if primary is None else np.asarray(primary),
        excludes=np.array([sum(1 << index[q] for q in ids if _alternatives(scenario, p.id, q)) for p in projects],
                          dtype=np.uint64),
        targets=np.array([scenario.targets.co2_kg.value, scenario.targets.energy_kwh.value,
                          scenario.targets.biosphere_m2.value]),
        unusable={},
    )
    return replace(model, unusable=_unusable(model))


def _paying_years(scenario: Scenario, years: int) -> np.ndarray:
    """(J,) years each project's monthly cost is paid: the whole run, or a loan's duration."""
    per_round = scenario.years.years_per_round
    return np.array([years if p.needs.monthly_rounds is None else min(years, p.needs.monthly_rounds * per_round)
                     for p in scenario.projects], dtype=np.float64)


def _cofunding(scenario: Scenario, upfront: np.ndarray) -> tuple[np.ndarray, float]:
    platform = scenario.platform
    if platform is None:
        return np.zeros_like(upfront), 0.0
    eligible = np.array([p.strategy in platform.strategies for p in scenario.projects])
    per_project = np.minimum(platform.max_share * upfront, platform.envelope_per_round)
    return np.where(eligible, per_project, 0.0), platform.envelope_per_round * scenario.years.rounds


def _participants(scenario: Scenario, roster: Roster, base: np.ndarray, people: np.ndarray) -> np.ndarray:
    co2 = base[..., gaia.Q] * base[..., gaia.E] * base[..., gaia.C] * people[:, None]  # (F, K)
    out = np.zeros((len(scenario.projects), len(people)), dtype=bool)
    for j, p in enumerate(scenario.projects):
        reach = np.array([p.common_good or p.eligible is None or
                          p.eligible.why_not(f.household, round(f.people)) is None for f in roster.families])
        if p.common_good or p.capacity.max >= int(reach.sum()):
            out[j] = reach
            continue
        rows = sorted({k for e in p.effects for k in scenario.component_rows(e.sector, e.component)})
        household = np.where(reach, co2[:, rows].sum(axis=1), -np.inf)
        order = np.argsort(-household, kind="stable")
        out[j, order[: p.capacity.max]] = True
        out[j] &= reach
    return out


def _multipliers(scenario: Scenario, roster: Roster, participants: np.ndarray, components: int) -> np.ndarray:
    mult = np.ones((participants.shape[0], participants.shape[1], components, 4))
    for j, p in enumerate(scenario.projects):
        for e in p.effects:
            rows = participants[j].copy()
            if e.eligible is not None:
                rows &= np.array([e.eligible.why_not(f.household, round(f.people)) is None for f in roster.families])
            cells = np.ix_(np.flatnonzero(rows), scenario.component_rows(e.sector, e.component),
                           [gaia.FACTOR_INDEX[e.factor]])
            mult[j][cells] *= e.multiplier
    return mult


def _lowest(scenario: Scenario, base: np.ndarray) -> np.ndarray:
    """(F, K, 4): floor ÷ value before projects, at most 1 (0 where there is no floor)."""
    floors = gaia.factor_floors(scenario)
    if floors is None:
        return np.zeros_like(base)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(base > 0, floors / np.where(base > 0, base, 1.0), 0.0)
    return np.minimum(ratio, 1.0)


def _alternatives(scenario: Scenario, a: str, b: str) -> bool:
    return a != b and (b in scenario.project(a).excludes or a in scenario.project(b).excludes)


def _unusable(model: Model) -> dict[str, str]:
    """Projects that no feasible portfolio can hold, and why, in words for the trainer."""
    roster = model.roster
    projects = model.scenario.projects
    out: dict[str, str] = {}
    for j, p in enumerate(projects):
        missing = [s for s in p.needs.skills if not roster.has_skill(s)]
        if missing:
            out[p.id] = f"needs the skill {', '.join(missing)}, which no family of the roster has"
        elif p.capacity.min > len(roster.families):
            out[p.id] = f"needs at least {p.capacity.min} families, the roster has {len(roster.families)}"
    changed = True
    while changed:  # a project whose prerequisite cannot run cannot run either
        changed = False
        for p in projects:
            blocked = [q for q in p.prerequisites if q in out]
            if p.id not in out and blocked:
                out[p.id] = f"needs {blocked[0]}, which cannot run"
                changed = True
    for j, p in enumerate(projects):
        if p.id in out:
            continue
        closure = _closure(model.prereq, j)
        bits = [i for i in range(model.size) if closure >> i & 1]
        reason = _too_costly(model, bits, p.id)
        if reason:
            out[p.id] = reason
    return out


def _closure(prereq: np.ndarray, j: int) -> int:
    mask, todo = 0, [j]
    while todo:
        i = todo.pop()
        if not mask >> i & 1:
            mask |= 1 << i
            todo += [k for k in range(len(prereq)) if int(prereq[i]) >> k & 1]
    return mask


def _too_costly(model: Model, bits: list[int], pid: str) -> str:
    r = model.roster
    with_ = "" if len(bits) == 1 else " with its prerequisites"
    monthly = float(model.monthly[bits].sum())
    if monthly > r.money_month + EPS:
        return f"costs {monthly:,.0f} per month{with_}, the roster gives {r.money_month:,.0f}"
    upfront = float(model.upfront[bits].sum())
    net = upfront - min(float(model.cofund[bits].sum()), model.cofund_cap)
    if net > r.savings + EPS:
        return f"needs {net:,.0f} upfront{with_} after co-funding, the roster's savings are {r.savings:,.0f}"
    hours = float(model.time_week[bits].sum())
    if hours > r.hours_week + EPS:
        return f"needs {hours:,.1f} h/week{with_}, the roster gives {r.hours_week:,.1f}"
    return ""


def mask_bits(masks: np.ndarray, size: int) -> np.ndarray:
    """(n,) uint64 masks -> (n, size) bool."""
    shifts = np.arange(size, dtype=np.uint64)
    return ((masks[:, None] >> shifts) & np.uint64(1)).astype(bool)


def evaluate_masks(model: Model, masks: np.ndarray, chunk: int = 4096) -> tuple[np.ndarray, np.ndarray]:
    """Footprints (n, 3) and [money, hours, monthly, upfront, cofund, time_week] sums (6, n) of
    any portfolios, straight from their masks.

    Each family-sector-factor's multiplier is a product over the portfolio's projects, so its log
    is a sum: one matrix product per chunk. A zero multiplier has no log; it is counted apart.
    """
    masks = np.asarray(masks, dtype=np.uint64)
    bits = mask_bits(masks, model.size)
    flat = model.mult.reshape(model.size, -1)
    logs = np.log(np.where(flat > 0, flat, 1.0))
    zeros = (flat == 0).astype(np.float64)
    fp = np.empty((len(masks), 3))
    for start in range(0, len(masks), chunk):
        x = bits[start:start + chunk].astype(np.float64)
        prod = np.exp(x @ logs) * ((x @ zeros) == 0)
        fp[start:start + chunk] = footprints_of(model, prod.reshape((len(x),) + model.mult.shape[1:]))
    return fp, sums_of(model, bits)


def footprints_of(model: Model, products: np.ndarray) -> np.ndarray:
    """(n, F, K, 4) multipliers -> (n, 3) footprints of the association per person, each product
    held at its floor."""
    terms = product_terms(np.maximum(products, model.lowest))  # (3, n, F, K)
    coef = model.coefficients()
    return np.einsum("kfs,knfs->nk", coef, terms) + model.floor


def cost_table(model: Model) -> np.ndarray:
    """(6, J): money, hours, monthly, upfront, cofund, time_week per project."""
    return np.stack((model.money_total, model.hours_total, model.monthly, model.upfront,
                     model.cofund, model.time_week))


def sums_of(model: Model, bits: np.ndarray) -> np.ndarray:
    return cost_table(model) @ bits.T.astype(np.float64)


def alternatives_apart(model: Model, masks: np.ndarray) -> np.ndarray:
    """Portfolios holding at most one of each set of alternatives."""
    ok = np.ones(masks.shape, dtype=bool)
    for j in np.flatnonzero(model.excludes):
        bit = np.uint64(1 << int(j))
        ok &= ((masks & bit) == 0) | ((masks & model.excludes[j]) == 0)
    return ok


def prerequisites_met(model: Model, masks: np.ndarray) -> np.ndarray:
    ok = np.ones(masks.shape, dtype=bool)
    for j in np.flatnonzero(model.prereq):
        bit, need = np.uint64(1 << int(j)), model.prereq[j]
        ok &= ((masks & bit) == 0) | ((masks & need) == need)
    return ok
