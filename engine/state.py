"""The state of a session: immutable records, replaced (never mutated) by the rules.

Dicts and numpy arrays inside a state are never changed in place once the state is built: a
handler copies what it changes, so earlier states stay valid (undo keeps a reference to them).
"""

from __future__ import annotations

import gc
import hashlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypeVar

import numpy as np
import orjson

from . import gaia
from .scenario import FamilySpec, Scenario
from .scenario.classroom import class_version
from .units import CENTS, MINUTES, cents, minutes

T = TypeVar("T")
CACHE = "_derived"  # per-state memo of derived values (see `derived`)


def replace(obj: T, **changes) -> T:
    """dataclasses.replace for our frozen records, without its per-call introspection: states
    are replaced at every action, so this is the engine's hottest path. A State keeps a __dict__
    (no slots) so that it is copied in one step."""
    if isinstance(obj, tuple):  # a named tuple (PledgeT)
        return obj._replace(**changes)
    new = object.__new__(type(obj))
    if hasattr(obj, "__dict__"):
        fields = obj.__dict__.copy()  # one copy of the whole table, faster than refilling a new one
        fields.update(changes)
        fields.pop(CACHE, None)  # what was derived from the old state is not the new one's
        object.__setattr__(new, "__dict__", fields)
        return new
    for name in type(obj).__slots__:
        object.__setattr__(new, name, changes[name] if name in changes else getattr(obj, name))
    post_init = getattr(new, "__post_init__", None)
    if post_init is not None:  # fields derived from others (a Family's id) follow them
        post_init()
    return new


def successor(state: "State", seq: int | None = None, **changes) -> "State":
    """The state after an action, built in one copy: `changes`, the next sequence number (or
    `seq`), and `state` as the undo point. For the actions that touch one field (a note), where
    going through `replace` and then stamping would copy and set the same table twice."""
    fields = state.__dict__.copy()
    fields.pop(CACHE, None)
    fields.update(changes)
    fields["seq"] = state.seq + 1 if seq is None else seq
    fields["prev"] = state
    new = object.__new__(State)
    object.__setattr__(new, "__dict__", fields)
    return new


def derived(state: "State", key: str, compute):
    """A value derived from a state, computed once: states never change, and a replaced state
    starts with an empty memo."""
    memo = state.__dict__.get(CACHE)
    if memo is None:
        memo = {}
        object.__setattr__(state, CACHE, memo)
    if key not in memo:
        memo[key] = compute(state)
    return memo[key]


@contextmanager
def cycles_unchecked():
    """States form no reference cycles (each holds its predecessor, never the reverse), yet the
    cycle collector would scan the whole undo chain again and again as it grows: a long replay or
    a batch of bot sessions runs without it, and it comes back afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_BY_IDENTITY: dict[tuple[str, int], tuple] = {}


def memo_on(name: str, obj: object, extra, compute):
    """A value derived from an immutable object that many successive states share (the running
    projects, a proposal's pledges), computed once for it. The object is kept with the result
    and compared by identity, so a reused id never matches."""
    key = (name, id(obj))
    hit = _BY_IDENTITY.get(key)
    if hit is not None and hit[0] is obj and hit[1] == extra:
        return hit[2]
    value = compute()
    if len(_BY_IDENTITY) > 2048:
        _BY_IDENTITY.clear()
    _BY_IDENTITY[key] = (obj, extra, value)
    return value


PHASES = ("situation", "proposals", "pledges", "codecision", "resolution", "review")
SETUP, DEBRIEF = "setup", "debrief"


# Money is held in integer cents, time in integer minutes per week (see units.py); the float
# properties in euros and hours are for the screen only.
@dataclass(frozen=True, slots=True)
class Family:
    spec: FamilySpec
    present: bool = True
    money_delta_cents: int = 0  # money per month changed by events
    hours_delta_minutes: int = 0  # time per week changed by events
    savings_spent_cents: int = 0  # one-off money given to adopted projects
    id: str = field(init=False, repr=False, compare=False)  # the spec's id, looked up at every action
    # the spec's means in exact units, read at every pledge
    base_money_cents: int = field(init=False, repr=False, compare=False)
    base_savings_cents: int = field(init=False, repr=False, compare=False)
    base_minutes: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        spec = self.spec
        object.__setattr__(self, "id", spec.id)
        object.__setattr__(self, "base_money_cents", cents(spec.money_month))
        object.__setattr__(self, "base_savings_cents", cents(spec.savings))
        object.__setattr__(self, "base_minutes", minutes(spec.hours_week))

    @property
    def people(self) -> int:
        return self.spec.members.total

    @property
    def money_delta(self) -> float:
        return self.money_delta_cents / CENTS

    @property
    def hours_delta(self) -> float:
        return self.hours_delta_minutes / MINUTES

    @property
    def savings_spent(self) -> float:
        return self.savings_spent_cents / CENTS


class PledgeT(NamedTuple):
    """One family's pledge to a proposal, or its commitment to a running project, in exact units.
    A named tuple (immutable, built in one step): a pledge is made at every pledge line."""

    monthly_cents: int = 0
    oneoff_cents: int = 0
    weekly_minutes: int = 0
    participates: bool = True
    generation: str | None = None  # who in the family gives the hours (None: the family as a whole)

    @property
    def monthly_eur(self) -> float:
        return self.monthly_cents / CENTS

    @property
    def oneoff_eur(self) -> float:
        return self.oneoff_cents / CENTS

    @property
    def weekly_hours(self) -> float:
        return self.weekly_minutes / MINUTES


@dataclass(frozen=True, slots=True)
class AnswerT:
    answer: str
    reason: str | None = None
    criterion: int | None = None


@dataclass(frozen=True)  # no slots: replaced at every pledge, and a __dict__ is copied in one step
class Proposal:
    project: str
    proposer: str | None
    scale: float = 1.0
    version: int = 1
    pledges: dict[str, PledgeT] = field(default_factory=dict)
    answers: dict[str, AnswerT] = field(default_factory=dict)
    cofund_cents: int = 0  # asked of the territorial platform
    status: str = "open"  # open | adopted | objected

    @property
    def cofund(self) -> float:
        return self.cofund_cents / CENTS


@dataclass(frozen=True)  # no slots, as Proposal
class Running:
    """An adopted project: what each family committed, who takes part, since when."""

    project: str
    scale: float
    start_round: int
    commitments: dict[str, PledgeT]  # money per month and time per week still given; one-off already spent
    participants: tuple[str, ...]
    ratified: bool | None = None  # debrief: ratified now (True) or to ratify later (False)
    completed: bool = False  # lifetime over: costs end, effects and savings stay


@dataclass(frozen=True, slots=True)
class Decision:
    round: int
    project: str
    version: int
    tally: tuple[int, int, int]  # consent, concern, objection
    adopted: bool
    override: str | None = None


class Notes:
    """The session's notes as a persistent list: a new note shares every note before it, so the
    thousandth note of a long workshop costs what the first did (a tuple is copied whole at every
    addition, which made a long log's replay grow with the square of its notes)."""

    __slots__ = ("parent", "item", "size")

    def __init__(self, parent: "Notes | None" = None, item: tuple | None = None) -> None:
        self.parent, self.item = parent, item
        self.size = 0 if parent is None else parent.size + 1

    def add(self, item: tuple) -> "Notes":
        return Notes(self, item)

    def __iter__(self):
        items, node = [], self
        while node.parent is not None:
            items.append(node.item)
            node = node.parent
        return reversed(items)

    def __len__(self) -> int:
        return self.size

    def __eq__(self, other) -> bool:
        return isinstance(other, Notes) and self.size == other.size and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Notes({list(self)!r})"


NO_NOTES = Notes()


@dataclass(frozen=True)
class State:
    scenario: Scenario
    seed: int
    phase: str = SETUP
    round: int = 0
    families: tuple[Family, ...] = ()
    base_factors: np.ndarray = field(default_factory=lambda: np.zeros((0, 5, 4)))  # (families, components, 4)
    # event multipliers on each component's factors (one row per sector in a version-1 scenario)
    sector_mult: np.ndarray = field(default_factory=lambda: np.ones((5, 4)))
    passing: tuple[tuple, ...] = ()  # (last round, sector, factor, multiplier[, component])
    proposals: tuple[Proposal, ...] = ()
    running: tuple[Running, ...] = ()
    stopped: tuple[tuple[str, int, str], ...] = ()  # (project, round, why)
    decisions: tuple[Decision, ...] = ()
    event: str | None = None
    pending_draw: bool = False
    subsidies: tuple[tuple[str | None, str | None, float], ...] = ()  # (strategy, project, share)
    platform_used_cents: int = 0
    # (year, g CO2e, Wh, cm²) per person: the association's footprint recorded at each round's end
    trajectory: tuple[tuple[int, int, int, int], ...] = ()
    notes: Notes = NO_NOTES  # of (round, phase, text)
    asks: tuple[tuple[int, str, str, str], ...] = ()  # (round, level, about, text) to the higher levels
    class_mode: bool = False  # played as a class: the scenario is its class version (engine/classmode.py)
    seq: int = 0
    prev: State | None = field(default=None, repr=False, compare=False)

    # -- lookups ---------------------------------------------------------------------------
    @property
    def year(self) -> int:
        years = self.scenario.years
        return years.start + years.years_per_round * max(self.round - 1, 0)

    @property
    def is_terminal(self) -> bool:
        return self.phase == DEBRIEF

    def family(self, family_id: str) -> Family | None:
        for f in self.families:
            if f.id == family_id:
                return f
        return None

    def present(self) -> tuple[Family, ...]:
        return tuple(f for f in self.families if f.present)

    def proposal(self, project_id: str) -> Proposal | None:
        for p in self.proposals:
            if p.project == project_id:
                return p
        return None

    def running_project(self, project_id: str) -> Running | None:
        for r in self.running:
            if r.project == project_id:
                return r
        return None

    def with_family(self, family: Family) -> State:
        return replace(self, families=tuple(family if f.id == family.id else f for f in self.families))

    def with_proposal(self, proposal: Proposal) -> State:
        project = proposal.project
        return replace(self, proposals=tuple([proposal if p.project == project else p for p in self.proposals]))

    def with_running(self, running: Running) -> State:
        project = running.project
        return replace(self, running=tuple([running if r.project == project else r for r in self.running]))


def initial_state(scenario: Scenario, seed: int) -> State:
    return State(
        scenario=scenario,
        seed=seed,
        base_factors=np.zeros((0, len(scenario.components), 4)),
        sector_mult=np.ones((len(scenario.components), 4)),
    )


def family_base_factors(scenario: Scenario, spec: FamilySpec) -> np.ndarray:
    return gaia.family_factors(scenario, spec)


# -- serialisation ---------------------------------------------------------------------------
def _pledge(p: PledgeT) -> list:
    # the generation only when named: pledges made before generations keep their digests
    out = [p.monthly_cents, p.oneoff_cents, p.weekly_minutes, p.participates]
    return out + [p.generation] if p.generation is not None else out


def to_dict(state: State) -> dict[str, Any]:
    """Everything that makes the state, in plain JSON types (the scenario is referred to by the log).

    Money, time and footprints are integers in exact units; the only floats are the scenario's
    and the actions' own numbers and Gaïa's factors, made by elementwise IEEE operations."""
    return {
        "seed": state.seed,
        "phase": state.phase,
        "round": state.round,
        "families": [
            {
                "spec": memo_on("spec_json", f.spec, None, lambda: f.spec.model_dump(mode="json")),
                "present": f.present,
                "money_delta_cents": f.money_delta_cents,
                "hours_delta_minutes": f.hours_delta_minutes,
                "savings_spent_cents": f.savings_spent_cents,
            }
            for f in state.families
        ],
        "base_factors": state.base_factors.tolist(),
        "sector_mult": state.sector_mult.tolist(),
        "passing": [list(p) for p in state.passing],
        "proposals": [
            {
                "project": p.project,
                "proposer": p.proposer,
                "scale": p.scale,
                "version": p.version,
                "pledges": {k: _pledge(v) for k, v in sorted(p.pledges.items())},
                "answers": {k: [a.answer, a.reason, a.criterion] for k, a in sorted(p.answers.items())},
                "cofund_cents": p.cofund_cents,
                "status": p.status,
            }
            for p in state.proposals
        ],
        "running": [
            {
                "project": r.project,
                "scale": r.scale,
                "start_round": r.start_round,
                "commitments": {k: _pledge(v) for k, v in sorted(r.commitments.items())},
                "participants": list(r.participants),
                "ratified": r.ratified,
                "completed": r.completed,
            }
            for r in state.running
        ],
        "stopped": [list(s) for s in state.stopped],
        "decisions": [
            [d.round, d.project, d.version, list(d.tally), d.adopted, d.override] for d in state.decisions
        ],
        "event": state.event,
        "pending_draw": state.pending_draw,
        "subsidies": [list(s) for s in state.subsidies],
        "platform_used_cents": state.platform_used_cents,
        "trajectory": [list(t) for t in state.trajectory],
        "notes": [list(n) for n in state.notes],
        # only when there are some: states of sessions without asks keep their earlier digests
        **({"asks": [list(a) for a in state.asks]} if state.asks else {}),
        **({"class_mode": True} if state.class_mode else {}),
        "seq": state.seq,
    }


def from_dict(scenario: Scenario, data: dict[str, Any]) -> State:
    def pledge(v: list) -> PledgeT:
        return PledgeT(int(v[0]), int(v[1]), int(v[2]), bool(v[3]), v[4] if len(v) > 4 else None)

    if data.get("class_mode"):
        scenario = class_version(scenario)
    return State(
        scenario=scenario,
        seed=data["seed"],
        phase=data["phase"],
        round=data["round"],
        families=tuple(
            Family(
                spec=FamilySpec.model_validate(f["spec"]),
                present=f["present"],
                money_delta_cents=f["money_delta_cents"],
                hours_delta_minutes=f["hours_delta_minutes"],
                savings_spent_cents=f["savings_spent_cents"],
            )
            for f in data["families"]
        ),
        base_factors=np.array(data["base_factors"], dtype=np.float64).reshape(-1, len(scenario.components), 4),
        sector_mult=np.array(data["sector_mult"], dtype=np.float64),
        passing=tuple(tuple(p) for p in data["passing"]),
        proposals=tuple(
            Proposal(
                project=p["project"],
                proposer=p["proposer"],
                scale=p["scale"],
                version=p["version"],
                pledges={k: pledge(v) for k, v in p["pledges"].items()},
                answers={k: AnswerT(*v) for k, v in p["answers"].items()},
                cofund_cents=p["cofund_cents"],
                status=p["status"],
            )
            for p in data["proposals"]
        ),
        running=tuple(
            Running(
                project=r["project"],
                scale=r["scale"],
                start_round=r["start_round"],
                commitments={k: pledge(v) for k, v in r["commitments"].items()},
                participants=tuple(r["participants"]),
                ratified=r["ratified"],
                completed=r["completed"],
            )
            for r in data["running"]
        ),
        stopped=tuple(tuple(s) for s in data["stopped"]),
        decisions=tuple(Decision(d[0], d[1], d[2], tuple(d[3]), d[4], d[5]) for d in data["decisions"]),
        event=data["event"],
        pending_draw=data["pending_draw"],
        subsidies=tuple(tuple(s) for s in data["subsidies"]),
        platform_used_cents=data["platform_used_cents"],
        trajectory=tuple(tuple(t) for t in data["trajectory"]),
        notes=_notes(data["notes"]),
        asks=tuple(tuple(a) for a in data.get("asks", ())),
        class_mode=bool(data.get("class_mode", False)),
        seq=data["seq"],
    )


def _notes(items) -> Notes:
    notes = NO_NOTES
    for n in items:
        notes = notes.add(tuple(n))
    return notes


def dumps(state: State) -> bytes:
    return orjson.dumps(to_dict(state), option=orjson.OPT_SORT_KEYS)


def digest(state: State) -> str:
    """SHA-256 of the canonical serialisation: equal digests mean equal states, byte for byte."""
    return hashlib.sha256(dumps(state)).hexdigest()
