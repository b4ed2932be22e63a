"""Money and time: what each family has, has committed, has pledged, and has left.

Pledges follow means: no pledge may take a family's money (€/month), savings (one-off €) or
time (h/week) below zero, counting what it already gives to running projects.
"""

from __future__ import annotations

from dataclasses import dataclass

from .state import Family, Proposal, Running, State, memo_on

EPS = 1e-9


@dataclass(frozen=True, slots=True)
class Means:
    money: float  # €/month
    savings: float  # one-off €
    hours: float  # h/week


def _savings_back(state: State) -> dict[str, tuple[float, float]]:
    """Savings of the projects a family takes part in flow back from the round after adoption."""
    back: dict[str, tuple[float, float]] = {}
    for r in state.running:
        if r.start_round < state.round:
            s = state.scenario.project(r.project).savings
            for fid in r.participants:
                money, hours = back.get(fid, (0.0, 0.0))
                back[fid] = (money + s.monthly_eur, hours + s.weekly_hours)
    return back


def means(state: State, family: Family) -> Means:
    back = memo_on("savings_back", state.running, state.round, lambda: _savings_back(state))
    back_money, back_hours = back.get(family.id, (0.0, 0.0))
    return Means(
        money=max(0.0, family.spec.money_month + family.money_delta + back_money),
        savings=max(0.0, family.spec.savings - family.savings_spent),
        hours=max(0.0, family.spec.hours_week + family.hours_delta + back_hours),
    )


def given(state: State, family_id: str, skip: str | None = None) -> Means:
    """What a family gives to running projects and has pledged to proposals (except `skip`)."""
    money = savings = hours = 0.0
    for r in state.running:
        c = r.commitments.get(family_id)
        if c is not None and not r.completed and r.project != skip:
            money += c.monthly_eur
            hours += c.weekly_hours
    for p in state.proposals:
        c = p.pledges.get(family_id)
        if c is not None and p.project != skip:
            money += c.monthly_eur
            savings += c.oneoff_eur
            hours += c.weekly_hours
    return Means(money, savings, hours)


def left(state: State, family: Family, skip: str | None = None) -> Means:
    have, out = means(state, family), given(state, family.id, skip)
    return Means(have.money - out.money, have.savings - out.savings, have.hours - out.hours)


# -- coverage --------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Coverage:
    money: tuple[float, float]  # (pledged, needed) €/month
    upfront: tuple[float, float]  # (pledged + co-funding + subsidy, needed) €
    hours: tuple[float, float]  # (pledged, needed) h/week
    skills: tuple[tuple[str, bool], ...]
    participants: tuple[int, int, int]  # (taking part, min, max)

    @property
    def covered(self) -> bool:
        n, lo, hi = self.participants
        return (
            self.money[0] + EPS >= self.money[1]
            and self.upfront[0] + EPS >= self.upfront[1]
            and self.hours[0] + EPS >= self.hours[1]
            and all(ok for _, ok in self.skills)
            and lo <= n <= hi
        )


def subsidy_share(state: State, project_id: str) -> float:
    strategy = state.scenario.project(project_id).strategy
    share = 0.0
    for s_strategy, s_project, s_share in state.subsidies:
        if s_project == project_id or (s_project is None and s_strategy == strategy):
            share = max(share, s_share)
    return share


def _coverage(state: State, project_id: str, scale: float, pledges: dict, extra_upfront: float, first: bool) -> Coverage:
    project = state.scenario.project(project_id)
    needs = project.needs
    money = sum(p.monthly_eur for p in pledges.values())
    hours = sum(p.weekly_hours for p in pledges.values())
    upfront_need = needs.upfront_eur * scale if first else 0.0
    upfront = sum(p.oneoff_eur for p in pledges.values()) + extra_upfront
    if first:
        upfront += subsidy_share(state, project_id) * upfront_need
    # setup hours are given over the project's first year, on top of its weekly running time
    hours_need = needs.weekly_hours * scale + (needs.setup_hours * scale / 52.0 if first else 0.0)
    skilled = set()
    for fid, p in pledges.items():
        if p.weekly_hours > 0:
            f = state.family(fid)
            if f is not None:
                skilled.update(f.spec.skills)
                skilled.update(f.spec.likes)
    takers = sum(1 for p in pledges.values() if p.participates)
    cap = project.capacity
    return Coverage(
        money=(money, needs.monthly_eur * scale),
        upfront=(upfront, upfront_need),
        hours=(hours, hours_need),
        skills=tuple((s, s in skilled) for s in needs.skills),
        participants=(takers, cap.min, cap.max),
    )


def proposal_coverage(state: State, proposal: Proposal) -> Coverage:
    """Memoised: every answer and decision asks again while the pledges stay the same. The rest
    it depends on is this round's subsidies and the families' skills, fixed once play starts."""
    extra = (proposal.project, proposal.scale, proposal.cofund, state.subsidies)
    return memo_on(
        "coverage", proposal.pledges, extra,
        lambda: _coverage(state, proposal.project, proposal.scale, proposal.pledges, proposal.cofund, True),
    )


def running_coverage(state: State, running: Running) -> Coverage:
    return _coverage(state, running.project, running.scale, running.commitments, 0.0, False)


def at_risk(state: State, running: Running) -> bool:
    return not running.completed and not running_coverage(state, running).covered


def platform_left(state: State) -> float:
    platform = state.scenario.platform
    if platform is None:
        return 0.0
    pledged = sum(p.cofund for p in state.proposals)
    return max(0.0, platform.envelope_per_round - state.platform_used - pledged)
