"""The session's story as the debrief tells it: what started and later stopped, and why; what
lapsed; who gave what one-off money; from which year a project acts.

The state keeps only what is running now. The story is read from the chain of states each
action left behind (`State.prev`; an undone step is not in it), so nothing new enters the
state or the log: the same log gives the same story.
"""

from __future__ import annotations

from dataclasses import dataclass

from .resources import proposal_coverage
from .units import CENTS
from .state import State, derived


@dataclass(frozen=True)
class Stopped:
    project: str
    started_round: int | None  # None: it started before the chain kept here
    stopped_round: int
    why: str  # event | withdrawn | uncovered
    event: str | None  # the event card of the round it stopped in, when it cut the project's means


@dataclass(frozen=True)
class Lapsed:
    project: str
    round: int
    why: str  # objected | uncovered | undecided


@dataclass(frozen=True)
class Story:
    stopped: tuple[Stopped, ...]
    lapsed: tuple[Lapsed, ...]
    oneoff: dict[str, dict[str, float]]  # project -> family -> one-off money given at its start


def start_year(state: State, start_round: int) -> int:
    """The first year a project adopted in a round acts: that round's own year."""
    years = state.scenario.years
    return years.start + years.years_per_round * max(start_round - 1, 0)


def history(state: State) -> list[State]:
    chain = []
    s: State | None = state
    while s is not None:
        chain.append(s)
        s = s.prev
    chain.reverse()
    return chain


def _given(r) -> tuple[int, int, int]:
    """Cents a month, minutes a week, and how many families give: exact, so compared plainly."""
    money = sum(c.monthly_cents for c in r.commitments.values())
    minutes = sum(c.weekly_minutes for c in r.commitments.values())
    return money, minutes, len(r.commitments)


def _weaker(before, after) -> bool:
    m0, h0, n0 = _given(before)
    m1, h1, n1 = _given(after)
    return m1 < m0 or h1 < h0 or n1 < n0


def story(state: State) -> Story:
    """What stopped and what lapsed in the session so far: read once per state (the screens ask
    at every frame, and the walk goes through the whole history)."""
    return derived(state, "story", _story)


def _story(state: State) -> Story:
    chain = history(state)
    started: dict[str, int] = {}
    cut: dict[str, tuple[str, str | None]] = {}  # project -> (why, event) of this round's cuts
    stopped: list[Stopped] = []
    lapsed: list[Lapsed] = []
    oneoff: dict[str, dict[str, float]] = {}
    for old, new in zip(chain, chain[1:]):
        if new.round != old.round:
            cut = {}
        before = {r.project: r for r in old.running}
        for r in new.running:
            was = before.get(r.project)
            if was is None:
                started.setdefault(r.project, r.start_round)
            elif r.project not in cut and _weaker(was, r):
                if old.phase != new.phase or new.round != old.round:
                    cut[r.project] = ("event", new.event) if new.event else ("uncovered", None)
                else:
                    cut[r.project] = ("withdrawn", None)
        if len(new.stopped) > len(old.stopped):
            for project, rnd, _ in new.stopped[len(old.stopped):]:
                why, event = cut.get(project, ("uncovered", None))
                stopped.append(Stopped(project, started.get(project), rnd, why, event))
        if old.phase == "codecision" and new.phase == "resolution":
            for p in old.proposals:
                if p.status == "adopted":
                    continue
                if p.status == "objected":
                    why = "objected"
                else:
                    why = "undecided" if proposal_coverage(old, p).covered else "uncovered"
                lapsed.append(Lapsed(p.project, old.round, why))
            _oneoff(old, new, oneoff)
    return Story(tuple(stopped), tuple(lapsed), oneoff)


def _oneoff(old: State, new: State, into: dict[str, dict[str, float]]) -> None:
    """Split each family's savings spent at a resolution among the projects it pledged one-off
    money to, in proportion to those pledges (exact when it gave to one project)."""
    adopted = [p for p in old.proposals if p.status == "adopted"]
    for f_new in new.families:
        f_old = old.family(f_new.id)
        spent = f_new.savings_spent_cents - (f_old.savings_spent_cents if f_old else 0)
        if spent <= 0:
            continue
        pledged = {p.project: p.pledges[f_new.id].oneoff_cents for p in adopted
                   if f_new.id in p.pledges and p.pledges[f_new.id].oneoff_cents > 0}
        total = sum(pledged.values())
        for project, amount in pledged.items():
            into.setdefault(project, {})[f_new.id] = spent * amount / total / CENTS
