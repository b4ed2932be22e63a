"""The round's turning points: its start (the draw to come) and its resolution.

At resolution adopted proposals start: their running cost is shared among the pledgers by the
scenario's sharing rule, their one-off cost leaves the pledgers' savings after subsidy and
platform co-funding, and running projects still uncovered stop. The association's footprint is
then recorded on the trajectory. All in whole cents, minutes, grams, watt-hours and cm².
"""

from __future__ import annotations

from .events import expire
from .footprint import association_total_units
from .resources import at_risk, left, means, monthly_need, subsidy, upfront_need, weekly_need
from .sharing import allocate, weights
from .state import PledgeT, Running, State, replace


def round_start(state: State, first: bool) -> State:
    if first:
        state = _record(state, state.scenario.years.start)
    state = expire(state)
    return replace(
        state,
        phase="situation",
        proposals=(),
        event=None,
        pending_draw=True,
        subsidies=(),
        platform_used_cents=0,
    )


def _record(state: State, year: int) -> State:
    return replace(state, trajectory=state.trajectory + ((year, *association_total_units(state)),))


def resolve(state: State) -> State:
    scenario = state.scenario
    # running projects whose needs are no longer met stop now
    risky = [at_risk(state, r) for r in state.running]
    stopped = tuple((r.project, state.round, "uncovered") for r, risk in zip(state.running, risky) if risk)
    running = [r for r, risk in zip(state.running, risky) if not risk]
    families = {f.id: f for f in state.families}
    platform_used = state.platform_used_cents
    for proposal in state.proposals:
        if proposal.status != "adopted":
            continue
        project = scenario.project(proposal.project)
        info = {
            fid: (means(state, families[fid]), families[fid].people, p.participates)
            for fid, p in proposal.pledges.items()
        }
        rule = scenario.rules.sharing
        monthly = allocate(
            monthly_need(project, proposal.scale),
            {f: p.monthly_cents for f, p in proposal.pledges.items()},
            weights(rule, {f: (m.money_cents, n, t) for f, (m, n, t) in info.items()}),
        )
        weekly = allocate(
            weekly_need(project, proposal.scale, first=True),
            {f: p.weekly_minutes for f, p in proposal.pledges.items()},
            weights(rule, {f: (m.minutes, n, t) for f, (m, n, t) in info.items()}),
        )
        need = upfront_need(project, proposal.scale)
        platform = min(proposal.cofund_cents, need)
        rest = max(0, need - subsidy(state, project.id, need) - platform)
        oneoff = allocate(
            rest,
            {f: p.oneoff_cents for f, p in proposal.pledges.items()},
            weights(rule, {f: (m.savings_cents, n, t) for f, (m, n, t) in info.items()}),
        )
        platform_used += platform
        for fid, amount in oneoff.items():
            if amount > 0:
                families[fid] = replace(families[fid], savings_spent_cents=families[fid].savings_spent_cents + amount)
        commitments = {
            fid: PledgeT(monthly[fid], 0, weekly[fid], p.participates) for fid, p in proposal.pledges.items()
        }
        # a pledger who gives nothing after sharing and does not take part is not kept
        commitments = {
            f: c for f, c in commitments.items() if c.participates or c.monthly_cents > 0 or c.weekly_minutes > 0
        }
        # a completed service proposed again is renewed: the new run takes the old one's place
        running = [r for r in running if r.project != project.id]
        running.append(
            Running(
                project=project.id,
                scale=proposal.scale,
                start_round=state.round,
                commitments=commitments,
                participants=tuple(f for f, c in commitments.items() if c.participates),
            )
        )
    # projects at the end of their lifetime are completed: costs end, savings and durable effects stay
    running = [
        replace(r, completed=True)
        if not r.completed and state.round - r.start_round + 1 >= scenario.project(r.project).lifetime_rounds
        else r
        for r in running
    ]
    state = replace(
        state,
        families=tuple(families[f.id] for f in state.families),
        running=tuple(running),
        stopped=state.stopped + stopped,
        proposals=(),
        platform_used_cents=platform_used,
    )
    return _record(state, scenario.years.round_years()[state.round - 1])


def fit_commitments(state: State) -> State:
    """After an event lowers a family's means, its latest commitments shrink until they fit:
    money and time are never negative. The projects concerned may then be at risk."""
    for family in state.families:
        room = left(state, family)
        if room.money_cents >= 0 and room.minutes >= 0:
            continue
        over_money, over_minutes = max(0, -room.money_cents), max(0, -room.minutes)
        running = list(state.running)
        for i in range(len(running) - 1, -1, -1):
            r = running[i]
            c = r.commitments.get(family.id)
            if c is None or r.completed:
                continue
            cut_money, cut_minutes = min(c.monthly_cents, over_money), min(c.weekly_minutes, over_minutes)
            over_money -= cut_money
            over_minutes -= cut_minutes
            new = replace(c, monthly_cents=c.monthly_cents - cut_money, weekly_minutes=c.weekly_minutes - cut_minutes)
            running[i] = replace(r, commitments={**r.commitments, family.id: new})
        state = replace(state, running=tuple(running))
    return state
