"""Money and time: what each family has, has committed, has pledged, and has left.

Pledges follow means: no pledge may take a family's money (per month), savings (one-off) or
time (per week) below zero, counting what it already gives to running projects. Everything is
counted in whole cents and minutes (units.py); the float properties are for the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from .scenario.catalogue import Project
from .state import Family, Proposal, Running, State, memo_on
from .units import CENTS, MINUTES, WEEKS, cents, divide, minutes, scaled


class Means(NamedTuple):
    """A family's money, savings and time (had, given or left). A named tuple, built in one
    step: pledges and event cards ask every family's means many times over."""

    money_cents: int  # per month
    savings_cents: int  # one-off
    minutes: int  # per week

    @property
    def money(self) -> float:
        return self.money_cents / CENTS

    @property
    def savings(self) -> float:
        return self.savings_cents / CENTS

    @property
    def hours(self) -> float:
        return self.minutes / MINUTES


def _savings_back(state: State) -> dict[str, tuple[int, int]]:
    """Savings of the projects a family takes part in flow back from the round after adoption."""
    back: dict[str, tuple[int, int]] = {}
    for r in state.running:
        if r.start_round < state.round:
            s = state.scenario.project(r.project).savings
            for fid in r.participants:
                money, time = back.get(fid, (0, 0))
                back[fid] = (money + cents(s.monthly_eur), time + minutes(s.weekly_hours))
    return back


def means(state: State, family: Family) -> Means:
    # nothing flows back before a project runs: most pledges come before any does
    back = memo_on("savings_back", state.running, state.round, lambda: _savings_back(state)) if state.running else {}
    back_money, back_minutes = back.get(family.id, (0, 0))
    return Means(
        money_cents=max(0, family.base_money_cents + family.money_delta_cents + back_money),
        savings_cents=max(0, family.base_savings_cents - family.savings_spent_cents),
        minutes=max(0, family.base_minutes + family.hours_delta_minutes + back_minutes),
    )


def paid_off(state: State, running: Running) -> bool:
    """Whether a running project's monthly cost has ended: a loan (`monthly_rounds`) runs that
    many rounds from adoption, counted like a lifetime; the work goes on."""
    rounds = state.scenario.project(running.project).needs.monthly_rounds
    return rounds is not None and state.round >= running.start_round + rounds


def given(state: State, family_id: str, skip: str | None = None, generation: str | None = None) -> Means:
    """What a family gives to running projects and has pledged to proposals (except `skip`);
    with `generation`, only the pledges and commitments that name it."""
    money = savings = time = 0
    for r in state.running:
        c = r.commitments.get(family_id)
        if c is not None and not r.completed and r.project != skip and (generation is None or c.generation == generation):
            if not paid_off(state, r):
                money += c.monthly_cents
            time += c.weekly_minutes
    for p in state.proposals:
        c = p.pledges.get(family_id)
        if c is not None and p.project != skip and (generation is None or c.generation == generation):
            money += c.monthly_cents
            savings += c.oneoff_cents
            time += c.weekly_minutes
    return Means(money, savings, time)


def left(state: State, family: Family, skip: str | None = None) -> Means:
    """`means` less `given` (every pledge and every event card asks it)."""
    have, out = means(state, family), given(state, family.id, skip)
    return Means(have[0] - out[0], have[1] - out[1], have[2] - out[2])


# -- needs -----------------------------------------------------------------------------------
def monthly_need(project: Project, scale: float) -> int:
    """Cents per month a project of this size needs."""
    return scaled(cents(project.needs.monthly_eur), scale)


def upfront_need(project: Project, scale: float) -> int:
    """Cents a project of this size needs once."""
    return scaled(cents(project.needs.upfront_eur), scale)


def weekly_need(project: Project, scale: float, first: bool) -> int:
    """Minutes per week a project of this size needs; in its first year the setup hours come on
    top, spread over the year's 52 weeks."""
    need = scaled(minutes(project.needs.weekly_hours), scale)
    if first:
        need += divide(scaled(minutes(project.needs.setup_hours), scale), WEEKS)
    return need


def subsidy(state: State, project_id: str, need: int) -> int:
    """Cents of an upfront need that this round's subsidy pays."""
    return scaled(need, subsidy_share(state, project_id))


# -- coverage --------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Coverage:
    money_cents: tuple[int, int]  # (pledged, needed) per month
    upfront_cents: tuple[int, int]  # (pledged + co-funding + subsidy, needed)
    minutes: tuple[int, int]  # (pledged, needed) per week
    skills: tuple[tuple[str, bool], ...]
    participants: tuple[int, int, int]  # (taking part, min, max)

    @property
    def covered(self) -> bool:
        n, lo, hi = self.participants
        return (
            self.money_cents[0] >= self.money_cents[1]
            and self.upfront_cents[0] >= self.upfront_cents[1]
            and self.minutes[0] >= self.minutes[1]
            and all(ok for _, ok in self.skills)
            and lo <= n <= hi
        )

    @property
    def money(self) -> tuple[float, float]:
        return (self.money_cents[0] / CENTS, self.money_cents[1] / CENTS)

    @property
    def upfront(self) -> tuple[float, float]:
        return (self.upfront_cents[0] / CENTS, self.upfront_cents[1] / CENTS)

    @property
    def hours(self) -> tuple[float, float]:
        return (self.minutes[0] / MINUTES, self.minutes[1] / MINUTES)


def subsidy_share(state: State, project_id: str) -> float:
    strategy = state.scenario.project(project_id).strategy
    share = 0.0
    for s_strategy, s_project, s_share in state.subsidies:
        if s_project == project_id or (s_project is None and s_strategy == strategy):
            share = max(share, s_share)
    return share


def _coverage(state: State, project_id: str, scale: float, pledges: dict, extra_upfront: int, first: bool) -> Coverage:
    project = state.scenario.project(project_id)
    money = sum(p.monthly_cents for p in pledges.values())
    time = sum(p.weekly_minutes for p in pledges.values())
    upfront_needed = upfront_need(project, scale) if first else 0
    upfront = sum(p.oneoff_cents for p in pledges.values()) + extra_upfront
    if first:
        upfront += subsidy(state, project_id, upfront_needed)
    skilled = set()
    for fid, p in pledges.items():
        if p.weekly_minutes > 0:
            f = state.family(fid)
            if f is not None:
                skilled.update(f.spec.skills)
                skilled.update(f.spec.likes)
    takers = sum(1 for p in pledges.values() if p.participates)
    cap = project.capacity
    return Coverage(
        money_cents=(money, monthly_need(project, scale)),
        upfront_cents=(upfront, upfront_needed),
        minutes=(time, weekly_need(project, scale, first)),
        skills=tuple((s, s in skilled) for s in project.needs.skills),
        participants=(takers, cap.min, cap.max),
    )


def proposal_coverage(state: State, proposal: Proposal) -> Coverage:
    """Memoised: every answer and decision asks again while the pledges stay the same. The rest
    it depends on is this round's subsidies and the families' skills, fixed once play starts."""
    extra = (proposal.project, proposal.scale, proposal.cofund_cents, state.subsidies)
    return memo_on(
        "coverage", proposal.pledges, extra,
        lambda: _coverage(state, proposal.project, proposal.scale, proposal.pledges, proposal.cofund_cents, True),
    )


def running_coverage(state: State, running: Running) -> Coverage:
    found = _coverage(state, running.project, running.scale, running.commitments, 0, False)
    if paid_off(state, running):  # the loan is repaid: no money is needed any more
        found = Coverage((found.money_cents[0], 0), found.upfront_cents, found.minutes, found.skills,
                         found.participants)
    return found


def at_risk(state: State, running: Running) -> bool:
    return not running.completed and not running_coverage(state, running).covered


def platform_left(state: State) -> int:
    """Cents the territorial platform can still give this round."""
    platform = state.scenario.platform
    if platform is None:
        return 0
    pledged = sum(p.cofund_cents for p in state.proposals)
    return max(0, cents(platform.envelope_per_round) - state.platform_used_cents - pledged)


def cofund_most(state: State, proposal: Proposal) -> int:
    """Cents the platform may give a proposal: its maximum share of the upfront need, within the
    envelope left (counting what the proposal already asked)."""
    platform = state.scenario.platform
    project = state.scenario.project(proposal.project)
    share = scaled(upfront_need(project, proposal.scale), platform.max_share)
    return min(share, platform_left(state) + proposal.cofund_cents)
