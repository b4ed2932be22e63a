"""The round's turning points: its start (the draw to come) and its resolution.

At resolution adopted proposals start: their running cost is shared among the pledgers by the
scenario's sharing rule, their one-off cost leaves the pledgers' savings after subsidy and
platform co-funding, and running projects still uncovered stop. The association's footprint is
then recorded on the trajectory.
"""

from __future__ import annotations


from .events import expire
from .footprint import association_footprint
from .resources import EPS, at_risk, left, means, subsidy_share
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
        platform_used=0.0,
    )


def _record(state: State, year: int) -> State:
    co2, energy, bio = (float(v) for v in association_footprint(state).sum(axis=0))
    return replace(state, trajectory=state.trajectory + ((year, co2, energy, bio),))


def resolve(state: State) -> State:
    scenario = state.scenario
    # running projects whose needs are no longer met stop now
    risky = [at_risk(state, r) for r in state.running]
    stopped = tuple((r.project, state.round, "uncovered") for r, risk in zip(state.running, risky) if risk)
    running = [r for r, risk in zip(state.running, risky) if not risk]
    families = {f.id: f for f in state.families}
    platform_used = state.platform_used
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
            project.needs.monthly_eur * proposal.scale,
            {f: p.monthly_eur for f, p in proposal.pledges.items()},
            weights(rule, {f: (m.money, n, t) for f, (m, n, t) in info.items()}),
        )
        weekly = allocate(
            (project.needs.weekly_hours + project.needs.setup_hours / 52.0) * proposal.scale,
            {f: p.weekly_hours for f, p in proposal.pledges.items()},
            weights(rule, {f: (m.hours, n, t) for f, (m, n, t) in info.items()}),
        )
        upfront_need = project.needs.upfront_eur * proposal.scale
        platform = min(proposal.cofund, upfront_need)
        rest = max(0.0, upfront_need * (1 - subsidy_share(state, project.id)) - platform)
        oneoff = allocate(
            rest,
            {f: p.oneoff_eur for f, p in proposal.pledges.items()},
            weights(rule, {f: (m.savings, n, t) for f, (m, n, t) in info.items()}),
        )
        platform_used += platform
        for fid, amount in oneoff.items():
            if amount > EPS:
                families[fid] = replace(families[fid], savings_spent=families[fid].savings_spent + amount)
        commitments = {
            fid: PledgeT(monthly[fid], 0.0, weekly[fid], p.participates) for fid, p in proposal.pledges.items()
        }
        # a pledger who gives nothing after sharing and does not take part is not kept
        commitments = {
            f: c for f, c in commitments.items() if c.participates or c.monthly_eur > EPS or c.weekly_hours > EPS
        }
        running.append(
            Running(
                project=project.id,
                scale=proposal.scale,
                start_round=state.round,
                commitments=commitments,
                participants=tuple(f for f, c in commitments.items() if c.participates),
            )
        )
    # projects at the end of their lifetime are completed: costs end, effects and savings stay
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
        platform_used=platform_used,
    )
    return _record(state, scenario.years.round_years()[state.round - 1])


def fit_commitments(state: State) -> State:
    """After an event lowers a family's means, its latest commitments shrink until they fit:
    money and time are never negative. The projects concerned may then be at risk."""
    for family in state.families:
        room = left(state, family)
        if room.money >= -EPS and room.hours >= -EPS:
            continue
        over_money, over_hours = max(0.0, -room.money), max(0.0, -room.hours)
        running = list(state.running)
        for i in range(len(running) - 1, -1, -1):
            r = running[i]
            c = r.commitments.get(family.id)
            if c is None or r.completed:
                continue
            cut_money, cut_hours = min(c.monthly_eur, over_money), min(c.weekly_hours, over_hours)
            over_money -= cut_money
            over_hours -= cut_hours
            new = replace(c, monthly_eur=c.monthly_eur - cut_money, weekly_hours=c.weekly_hours - cut_hours)
            running[i] = replace(r, commitments={**r.commitments, family.id: new})
        state = replace(state, running=tuple(running))
    return state
