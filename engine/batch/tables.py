"""What a batch of sessions reads and never changes: the families of the roster, the projects'
needs, effects and reach, the event deck, each as arrays over families and projects.

Everything here is taken from the engine's own functions (base factors, households, needs in
cents and minutes, the bots' cost of a project), so the batch starts from the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from .. import gaia
from ..bots import cost
from ..effects import exclusive_ids, renewable
from ..events import card_ends
from ..resources import monthly_need, upfront_need, weekly_need
from ..scenario import Scenario
from ..state import State, replace
from ..units import CENTS, MINUTES, cents, minutes, scaled


@dataclass
class Effect:
    components: np.ndarray  # the factor rows it multiplies
    factor: int
    multiplier: float
    durable: bool
    reaches: np.ndarray  # (F,) the families its own eligibility lets it reach


@dataclass
class Card:
    kind: str
    money: np.ndarray | None = None  # (F,) cents per month added to present families
    minutes: np.ndarray | None = None  # (F,) minutes per week added to present families
    family: int = -1  # arrives or leaves; -2: the present family that joined last
    subsidy: np.ndarray | None = None  # (P,) share of the upfront need paid this round
    components: tuple[int, ...] = ()
    factor: int = 0
    multiplier: float = 1.0
    rounds: int | None = None


@dataclass
class Tables:
    scenario: Scenario
    ids: list[str]
    id_rank: np.ndarray  # (F,) the place of each family's id in sorted order (ties go to the first)
    people: np.ndarray
    base_money: np.ndarray
    base_savings: np.ndarray
    base_minutes: np.ndarray
    base: np.ndarray  # (F, C, 4) the families' factors before events and projects
    present: np.ndarray  # (F,) at the start
    project_ids: list[str]
    project_rank: np.ndarray
    common: np.ndarray
    eligible: np.ndarray  # (P, F)
    effects: list[list[Effect]]
    co2_rows: list[list[int]]  # the component rows the takers are ranked on (repeated as the engine sums them)
    touched: list[np.ndarray]
    alternatives: np.ndarray  # (P, P)
    exclusive: np.ndarray
    renewable: np.ndarray
    prerequisites: list[list[int]]
    cap_min: np.ndarray
    cap_max: np.ndarray
    monthly: np.ndarray
    upfront: np.ndarray
    weekly_first: np.ndarray
    weekly_later: np.ndarray
    loan_rounds: np.ndarray  # -1: no loan, the monthly cost runs as long as the project
    lifetime: np.ndarray
    cofundable: np.ndarray
    cofund_share: np.ndarray  # cents of the upfront need the platform may give at most
    envelope: int
    skills: list[list[np.ndarray]]  # per project, per needed skill: (F,) who brings it
    skilled: np.ndarray  # (P, F) brings or likes a needed skill
    refuses: np.ndarray  # (P, F) refuses a needed skill
    back_money: np.ndarray
    back_minutes: np.ndarray
    proposable: np.ndarray  # size 1.0 is one of the project's sizes
    cost: dict[int, tuple[list[int], list[Fraction]]] = field(default_factory=dict)
    card_ids: list[str] = field(default_factory=list)
    card_ends: list[int] = field(default_factory=list)
    cards: list[Card] = field(default_factory=list)
    floors: np.ndarray | None = None  # (C, 4)
    floored: tuple = ()  # (rows, factors) of the cells whose floor is above zero
    plain: bool = True

    def round_cost(self, state_round: int, started: State) -> tuple[np.ndarray, list[Fraction]]:
        """The bots' cost of every project in a round (the same in every session), ×60 in whole
        units with its floor of one euro, and as the exact fraction."""
        if state_round not in self.cost:
            state = replace(started, round=state_round)
            exact = [cost(state, pid) for pid in self.project_ids]
            self.cost[state_round] = (np.array([int(max(c, CENTS) * MINUTES) for c in exact], dtype=np.int64),
                                      [max(c, CENTS) for c in exact])
        return self.cost[state_round]


def tables(started: State) -> Tables:
    """The tables of a session set up and started (round 1, before its draw)."""
    from ..bots import _plain

    sc = started.scenario
    fams = started.families
    ids = [f.id for f in fams]
    homes = [gaia.household(sc, f.spec, started.base_factors[i]) for i, f in enumerate(fams)]
    people = np.array([f.people for f in fams], dtype=np.int64)

    def reach(eligible) -> np.ndarray:
        if eligible is None:
            return np.ones(len(fams), dtype=bool)
        return np.array([eligible.why_not(h, n) is None for h, n in zip(homes, people.tolist())], dtype=bool)

    projects = sc.projects
    pids = [p.id for p in projects]
    where = {pid: k for k, pid in enumerate(pids)}
    exclusive = exclusive_ids(sc)
    alternatives = np.zeros((len(pids), len(pids)), dtype=bool)
    for k, p in enumerate(projects):
        for other in p.excludes:
            if other in where:
                alternatives[k, where[other]] = alternatives[where[other], k] = True
    platform = sc.platform
    activities = lambda f: set(f.spec.skills) | set(f.spec.likes)  # noqa: E731
    t = Tables(
        scenario=sc, ids=ids, id_rank=_places(ids), people=people,
        base_money=np.array([f.base_money_cents for f in fams], dtype=np.int64),
        base_savings=np.array([f.base_savings_cents for f in fams], dtype=np.int64),
        base_minutes=np.array([f.base_minutes for f in fams], dtype=np.int64),
        base=np.array(started.base_factors, dtype=np.float64),
        present=np.array([f.present for f in fams], dtype=bool),
        project_ids=pids,
        project_rank=_places(pids),
        common=np.array([p.common_good for p in projects], dtype=bool),
        eligible=np.array([reach(p.eligible) for p in projects], dtype=bool).reshape(len(pids), len(fams)),
        effects=[[Effect(np.array(sc.component_rows(e.sector, e.component), dtype=np.intp),
                         gaia.FACTOR_INDEX[e.factor], e.multiplier, e.durable, reach(e.eligible))
                  for e in p.effects] for p in projects],
        co2_rows=[[k for e in p.effects for k in sc.component_rows(e.sector, e.component)] for p in projects],
        touched=[np.array(sorted({k for e in p.effects for k in sc.component_rows(e.sector, e.component)}),
                          dtype=np.intp) for p in projects],
        alternatives=alternatives,
        exclusive=np.array([pid in exclusive for pid in pids], dtype=bool),
        renewable=np.array([renewable(p) for p in projects], dtype=bool),
        prerequisites=[[where[q] for q in p.prerequisites if q in where] for p in projects],
        cap_min=np.array([p.capacity.min for p in projects], dtype=np.int64),
        cap_max=np.array([p.capacity.max for p in projects], dtype=np.int64),
        monthly=np.array([monthly_need(p, 1.0) for p in projects], dtype=np.int64),
        upfront=np.array([upfront_need(p, 1.0) for p in projects], dtype=np.int64),
        weekly_first=np.array([weekly_need(p, 1.0, True) for p in projects], dtype=np.int64),
        weekly_later=np.array([weekly_need(p, 1.0, False) for p in projects], dtype=np.int64),
        loan_rounds=np.array([-1 if p.needs.monthly_rounds is None else p.needs.monthly_rounds for p in projects],
                             dtype=np.int64),
        lifetime=np.array([p.lifetime_rounds for p in projects], dtype=np.int64),
        cofundable=np.array([platform is not None and p.strategy in platform.strategies for p in projects],
                            dtype=bool),
        cofund_share=np.array([scaled(upfront_need(p, 1.0), platform.max_share) if platform else 0
                               for p in projects], dtype=np.int64),
        envelope=cents(platform.envelope_per_round) if platform is not None else 0,
        skills=[[np.array([s in activities(f) for f in fams], dtype=bool) for s in p.needs.skills]
                for p in projects],
        skilled=np.array([[bool(set(p.needs.skills) & activities(f)) for f in fams] for p in projects],
                         dtype=bool).reshape(len(pids), len(fams)),
        refuses=np.array([[bool(set(p.needs.skills) & set(f.spec.refuses)) for f in fams] for p in projects],
                         dtype=bool).reshape(len(pids), len(fams)),
        back_money=np.array([cents(p.savings.monthly_eur) for p in projects], dtype=np.int64),
        back_minutes=np.array([minutes(p.savings.weekly_hours) for p in projects], dtype=np.int64),
        proposable=np.array([any(abs(1.0 - v) < 1e-6 for v in p.variants) for p in projects], dtype=bool),
        floors=gaia.factor_floors(sc),
        plain=_plain(sc),
    )
    if t.floors is not None:
        t.floored = np.nonzero(t.floors > 0)
    _deck(t, started)
    return t


def _places(ids: list[str]) -> np.ndarray:
    """Each id's place in sorted order: the engine breaks ties by id."""
    out = np.empty(len(ids), dtype=np.int64)
    out[np.argsort(np.array(ids, dtype=object), kind="stable")] = np.arange(len(ids))
    return out


def _deck(t: Tables, started: State) -> None:
    sc = t.scenario
    fams = started.families
    index = {fid: i for i, fid in enumerate(t.ids)}
    t.card_ids = [e.id for e in sc.events]
    t.card_ends = card_ends(started)
    people = t.people
    for event in sc.events:
        e = event.effect
        kind = e.kind
        if kind == "energy_price":
            card = Card(kind, money=cents(e.monthly_eur_per_person) * people)
        elif kind == "subsidy":
            card = Card(kind, subsidy=np.array([
                e.share if (e.project == p.id or (e.project is None and e.strategy == p.strategy)) else 0.0
                for p in sc.projects]))
        elif kind in ("family_arrives", "family_leaves"):
            card = Card(kind, family=(-2 if e.family is None else index.get(e.family, -1)))
        elif kind == "family_means":
            chosen = np.array([e.family in (None, f.id) for f in fams], dtype=bool)
            card = Card(kind, money=np.where(chosen, cents(e.monthly_eur or 0.0), 0),
                        minutes=np.where(chosen, minutes(e.weekly_hours or 0.0), 0))
        else:
            card = Card(kind, components=tuple(sc.component_rows(e.sector, e.component)),
                        factor=gaia.FACTOR_INDEX[e.factor], multiplier=e.multiplier, rounds=e.rounds)
        t.cards.append(card)
