"""The actions a player could try now, as a finite list: for random play, tests and the table.

OpenSpiel's `legal_actions`: amounts are offered in a few steps (a quarter, half or all of what a
family has left, or what the project still needs), which is what a stepper at the table offers.
"""

from __future__ import annotations

from . import actions as A
from .resources import left, proposal_coverage
from .rules import PHASE_ACTIONS, amend_sizes, is_legal
from .state import State
from .units import CENTS, MINUTES


def candidates(state: State) -> list[A.Action]:
    """Actions worth trying in this phase; some may still be refused by the rules."""
    kinds = PHASE_ACTIONS[state.phase]
    out: list[A.Action] = [A.Advance(), A.Undo(), A.Note(text="note")]
    scenario = state.scenario
    present = state.present()
    if state.pending_draw:
        return [A.DrawEvent(event=e.id) for e in scenario.events] or [A.DrawEvent()]
    if "use_roster" in kinds:
        out.append(A.UseRoster())
        for spec in scenario.families:
            out.append(A.AddFamily(family=spec))
        for f in state.families:
            out.append(A.RemoveFamily(family=f.id))
    if "propose" in kinds:
        for p in scenario.projects:
            out += [A.Propose(project=p.id, scale=s) for s in p.variants]
    if "pledge" in kinds:
        for proposal in state.proposals:
            cov = proposal_coverage(state, proposal)
            for f in present:
                room = left(state, f, skip=proposal.project)
                for halves in (0, 1, 2):
                    out.append(A.Pledge(
                        project=proposal.project, family=f.id,
                        monthly_eur=max(0, min(room.money_cents, cov.money_cents[1])) * halves // 2 / CENTS,
                        oneoff_eur=max(0, min(room.savings_cents, cov.upfront_cents[1])) * halves // 2 / CENTS,
                        weekly_hours=max(0, min(room.minutes, cov.minutes[1])) * halves // 2 / MINUTES,
                        participates=halves > 0,
                    ))
        for r in state.running:
            for f in present:
                out.append(A.Pledge(project=r.project, family=f.id, monthly_eur=0, weekly_hours=0, participates=True))
    if "withdraw" in kinds:
        for proposal in state.proposals:
            out += [A.Withdraw(project=proposal.project, family=f) for f in proposal.pledges]
        for r in state.running:
            out += [A.Withdraw(project=r.project, family=f) for f in r.commitments]
    if "cofund" in kinds and scenario.platform is not None:
        for proposal in state.proposals:
            out.append(A.Cofund(project=proposal.project, amount=0))
            out.append(A.Cofund(project=proposal.project, amount=scenario.platform.envelope_per_round / 4))
    if "answer" in kinds:
        for proposal in state.proposals:
            for f in present:
                out.append(A.Answer(project=proposal.project, family=f.id, answer="consent"))
                out.append(A.Answer(project=proposal.project, family=f.id, answer="concern", reason="noted"))
                out.append(A.Answer(project=proposal.project, family=f.id, answer="objection", reason="not now"))
            out.append(A.Decide(project=proposal.project))
            out.append(A.Decide(project=proposal.project, override="adopt"))
            out += [A.Amend(project=proposal.project, scale=s) for s in amend_sizes(scenario.project(proposal.project))]
    if "ratify" in kinds:
        for r in state.running:
            out += [A.Ratify(project=r.project, now=True), A.Ratify(project=r.project, now=False)]
    return out


def legal_actions(state: State) -> list[A.Action]:
    return [a for a in candidates(state) if is_legal(state, a)]
