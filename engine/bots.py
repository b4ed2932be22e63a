"""Bot families for headless play: a greedy policy and a random one.

A policy proposes the actions of one phase; the driver tries each (the rules may refuse it),
then advances. Bots see only the state, like players at the table, and choose on whole units
(grams, cents, minutes) with exact ratios and ties broken by id, so that a bot makes the same
choice on every machine.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Callable, Iterator

import numpy as np

from . import actions as A
from . import gaia
from .effects import Taking, renewable
from .footprint import component_units, current_factors, event_factors, family_units, households, people, with_effects
from .resources import cofund_most, left, monthly_need, subsidy, upfront_need, weekly_need
from .scenario import FamilySpec, Scenario
from .state import State, derived
from .units import CENTS, MINUTES, WEEKS, apportion, cents, minutes


def roster(scenario: Scenario, count: int | None) -> list[FamilySpec]:
    """The preset roster, or `count` families made by cycling through it (new ids)."""
    base = [f for f in scenario.families if not f.arrives_later] or list(scenario.families)
    if count is None or count == len(base):
        return base
    out = []
    for i in range(count):
        spec = base[i % len(base)]
        if i >= len(base):
            spec = spec.model_copy(update={"id": f"{spec.id[:34]}-{i}", "name": f"{spec.name} {i // len(base) + 1}"})
        out.append(spec)
    return out


def co2_saved(state: State, project_ids: list[str]) -> list[int]:
    """Grams of CO2 each project would save the association in a year if every family that could
    took part (people × g per person, summed over families), in whole grams before any sum.

    When the scenario has no eligibility, alternatives or floors (every version-1 scenario),
    the candidates' effects multiply the current factors, all at once on (projects, families,
    components, 4) arrays; otherwise each candidate is stacked with the running projects, as the
    game would (effects.py)."""
    scenario = state.scenario
    factors = current_factors(state)
    weights = people(state)
    before = family_units(state)[..., 0].sum(axis=-1)  # (families,)
    if not _plain(scenario):
        base = event_factors(state)
        out = []
        for project_id in project_ids:
            # a completed service proposed again replaces its old run
            taking = [Taking(scenario.project(r.project), r.participants, r.completed)
                      for r in state.running if r.project != project_id]
            taking.append(Taking(scenario.project(project_id), takers(state, project_id)))
            after = gaia.units_by_sector(scenario, with_effects(state, base, taking))[..., 0].sum(axis=-1)
            out.append(int(((before - after) * weights).sum()))
        return out
    mult = np.ones((len(project_ids),) + factors.shape)
    for k, project_id in enumerate(project_ids):
        project = scenario.project(project_id)
        rows = _taker_rows(state, project_id)
        for e in project.effects if rows else ():
            mult[k][np.ix_(rows, scenario.component_rows(e.sector, e.component), [gaia.FACTOR_INDEX[e.factor]])] \
                *= e.multiplier
    after = gaia.units_by_sector(scenario, factors * mult)[..., 0].sum(axis=-1)  # (projects, families)
    return [int(v) for v in ((before - after) * weights).sum(axis=-1)]


def _plain(scenario: Scenario) -> bool:
    """No eligibility, no alternatives, no floors, every effect durable: effects simply multiply."""
    return gaia._per_scenario("plain", scenario, lambda sc: gaia.factor_floors(sc) is None and not any(
        p.eligible is not None or p.excludes or any(e.eligible is not None or not e.durable for e in p.effects)
        for p in sc.projects))


def takers(state: State, project_id: str) -> list[str]:
    """Who takes part: everyone for a common good, else the households the project can reach
    that emit most in the components it acts on, up to its capacity: benefits follow needs."""
    return [state.families[i].id for i in _taker_rows(state, project_id)]


def _taker_rows(state: State, project_id: str) -> list[int]:
    scenario = state.scenario
    project = scenario.project(project_id)
    present = [i for i, f in enumerate(state.families) if f.present]
    if not project.common_good:
        if project.eligible is not None:
            homes = households(state)
            present = [i for i in present if project.eligible.why_not(homes[i], state.families[i].people) is None]
        # household CO2 by component (people × grams per person), once per state for every candidate
        household = derived(state, "household_co2", lambda s: component_units(s)[:, :, 0] * people(s)[:, None])
        rows = [k for e in project.effects for k in scenario.component_rows(e.sector, e.component)]
        co2 = household[:, rows].sum(axis=1)
        present = sorted(present, key=lambda i: (-co2[i], i))[: project.capacity.max]
    return sorted(present)


def cost(state: State, project_id: str) -> Fraction:
    """Cents a project would cost until the end year, its hours counted at the scenario's value."""
    project = state.scenario.project(project_id)
    years = state.scenario.years.years_per_round * (state.scenario.years.rounds - state.round + 1)
    n = project.needs
    paying = years if n.monthly_rounds is None else min(years, n.monthly_rounds * state.scenario.years.years_per_round)
    money = cents(n.upfront_eur) + 12 * paying * cents(n.monthly_eur)
    time = WEEKS * years * minutes(n.weekly_hours) + minutes(n.setup_hours)
    return money + Fraction(time * cents(state.scenario.rules.hour_value), MINUTES)


class Greedy:
    """Proposes the projects with most CO2 saved per euro and hour, and funds them by means."""

    name = "greedy"

    def __init__(self, per_round: int = 3) -> None:
        self.per_round = per_round

    def phase_actions(self, now: Callable[[], State], rng: np.random.Generator) -> Iterator[A.Action]:
        """The actions of the current phase, each chosen on the state as it is when asked for."""
        state = now()
        phase = state.phase
        if phase == "proposals":
            yield from (A.Propose(project=p) for p in self._ranked(state)[: self.per_round])
        if phase == "pledges":
            for project in [p.project for p in state.proposals]:
                yield from fund(now(), project)
            return
        if phase == "codecision":
            for proposal in state.proposals:
                for f in state.present():
                    refuses = set(state.scenario.project(proposal.project).needs.skills) & set(f.spec.refuses)
                    yield A.Answer(project=proposal.project, family=f.id, answer="concern" if refuses else "consent")
                yield A.Decide(project=proposal.project)

    def _ranked(self, state: State) -> list[str]:
        scenario = state.scenario
        taken = {p.project for p in state.proposals} | {
            r.project for r in state.running if not (r.completed and renewable(scenario.project(r.project)))}
        running = {r.project for r in state.running}
        options = [
            p.id for p in state.scenario.projects
            if p.id not in taken and all(q in running for q in p.prerequisites)
        ]
        if not options:
            return []
        saved = co2_saved(state, options)
        # exact ratios (grams per cent, at least one euro of cost), ties by project id
        scores = [(-Fraction(s) / max(cost(state, pid), CENTS), pid) for s, pid in zip(saved, options) if s > 0]
        return [pid for _, pid in sorted(scores)]


def fund(state: State, project_id: str) -> list[A.Action]:
    """Pledges that cover a proposal's needs, each family giving in proportion to what it has left.

    Shares are whole cents and minutes (largest remainder); the actions carry them as euros and
    hours, which the rules turn back into the same cents and minutes."""
    proposal = state.proposal(project_id)
    project = state.scenario.project(project_id)
    scale = proposal.scale
    needs = project.needs
    present = list(state.present())
    room = {f.id: left(state, f, skip=project_id) for f in present}
    actions: list[A.Action] = []
    cofund = 0
    platform = state.scenario.platform
    need = upfront_need(project, scale)
    upfront = need - subsidy(state, project_id, need)
    if platform is not None and project.strategy in platform.strategies and upfront > 0:
        cofund = max(0, min(cofund_most(state, proposal), upfront))
        actions.append(A.Cofund(project=project_id, amount=cofund / CENTS))
    skilled = [f for f in present if set(needs.skills) & (set(f.spec.skills) | set(f.spec.likes))]
    money = _shares(monthly_need(project, scale), {f.id: room[f.id].money_cents for f in present})
    savings = _shares(max(0, upfront - cofund), {f.id: room[f.id].savings_cents for f in present})
    givers = {f.id: room[f.id].minutes for f in (skilled or present) if not set(needs.skills) & set(f.spec.refuses)}
    time = _shares(weekly_need(project, scale, first=True), givers or {f.id: room[f.id].minutes for f in present})
    participants = takers(state, project_id)
    for f in present:
        m, s, h = money.get(f.id, 0), savings.get(f.id, 0), time.get(f.id, 0)
        takes_part = f.id in participants
        if m or s or h or takes_part:
            actions.append(A.Pledge(project=project_id, family=f.id, monthly_eur=m / CENTS, oneoff_eur=s / CENTS,
                                    weekly_hours=h / MINUTES, participates=takes_part))
    return actions


def _shares(need: int, have: dict[str, int]) -> dict[str, int]:
    """Split `need` units in proportion to what each has (largest remainder), never above it."""
    have = {k: v for k, v in have.items() if v > 0}
    if need <= 0 or not have:
        return {}
    return apportion(min(need, sum(have.values())), have)


class RandomBot:
    """Random but legal-minded play: random proposals, partial pledges, mixed answers."""

    name = "random"

    def phase_actions(self, now: Callable[[], State], rng: np.random.Generator) -> Iterator[A.Action]:
        """The actions of the current phase, each chosen on the state as it is when asked for."""
        state = now()
        phase = state.phase
        projects = [p.id for p in state.scenario.projects]
        present = [f.id for f in state.present()]
        if phase == "proposals":
            picks = rng.choice(len(projects), size=min(3, len(projects)), replace=False)
            yield from (A.Propose(project=projects[int(i)]) for i in picks)
        if phase == "pledges":
            for project in [p.project for p in state.proposals]:
                yield from (a for a in fund(now(), project) if rng.random() < 0.8)
            return
        if phase == "codecision":
            for proposal in state.proposals:
                for fid in present:
                    roll = rng.random()
                    if roll < 0.08:
                        yield A.Answer(project=proposal.project, family=fid, answer="objection", reason="not now")
                    else:
                        yield A.Answer(project=proposal.project, family=fid,
                                       answer="concern" if roll < 0.25 else "consent")
                yield A.Decide(project=proposal.project)
        if phase == "situation" and state.running and rng.random() < 0.2:
            r = state.running[int(rng.integers(len(state.running)))]
            if r.commitments:
                yield A.Withdraw(project=r.project, family=sorted(r.commitments)[0])


POLICIES = {"greedy": Greedy, "random": RandomBot}
