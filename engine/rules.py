"""The rules: `apply(state, action) -> state`, one small handler per action kind.

Which actions each phase accepts is declared once, in PHASE_ACTIONS, so the flow of a round reads
in one place. A refused action raises `Rejected` with a namespaced message key and its
parameters (the table translates them) and changes nothing.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from . import actions as A
from .decision import RULES
from .effects import renewable
from .events import apply_event
from .resolution import fit_commitments, resolve, round_start
from .resources import cofund_most, left, proposal_coverage
from .state import (
    DEBRIEF, PHASES, SETUP, AnswerT, Decision, Family, PledgeT, Proposal, State, family_base_factors, replace, successor,
)
from .units import CENTS, MINUTES, cents, minutes


class Rejected(Exception):
    def __init__(self, code: str, **params) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def __str__(self) -> str:
        extra = ", ".join(f"{k}={v}" for k, v in self.params.items())
        return f"{self.code} ({extra})" if extra else self.code


# Every reason the rules may give for refusing an action: the table translates each one.
REJECTION_CODES = frozenset({
    "answer/objection_needs_reason", "answer/unknown_criterion",
    "ask/empty", "ask/too_many", "ask/unknown_subject",
    "codecision/already_decided", "codecision/missing_answers", "codecision/not_covered",
    "cofund/no_platform", "cofund/not_eligible", "cofund/too_much",
    "debrief/not_in_plan", "event/unknown",
    "family/duplicate", "family/too_many", "family/unknown", "family/unknown_activity",
    "family/unknown_profile", "family/unknown_sector",
    "note/empty", "phase/not_now",
    "pledge/capacity_full", "pledge/oneoff_running", "pledge/over_means",
    "project/unknown",
    "proposal/already_proposed", "proposal/already_running", "proposal/bad_variant",
    "proposal/needs_prerequisite", "proposal/unknown",
    "setup/families_already_entered", "setup/no_family", "setup/no_roster",
    "situation/draw_first", "situation/no_draw",
    "undo/nothing", "withdraw/nothing",
})

_ALWAYS = {"note", "undo"}
PHASE_ACTIONS: dict[str, set[str]] = {
    SETUP: {"add_family", "edit_family", "remove_family", "use_roster", "advance"} | _ALWAYS,
    "situation": {"draw_event", "withdraw", "advance"} | _ALWAYS,
    "proposals": {"propose", "withdraw", "advance"} | _ALWAYS,
    "pledges": {"pledge", "withdraw", "cofund", "advance"} | _ALWAYS,
    "codecision": {"answer", "amend", "decide", "pledge", "withdraw", "advance", "guess"} | _ALWAYS,
    "resolution": {"advance"} | _ALWAYS,
    "review": {"advance", "ask"} | _ALWAYS,
    DEBRIEF: {"ratify", "ask"} | _ALWAYS,
}


def apply(state: State, action: A.Action) -> State:
    kind = action.kind
    # notes and undos are taken in every phase, a draw pending or not: most lines of a long
    # workshop's log are one or the other, so they skip the dispatch below
    if kind == "note":
        return add_note(state, action.text)
    if kind == "undo":
        return undo(state)
    if kind not in PHASE_ACTIONS[state.phase]:
        raise Rejected("phase/not_now", action=kind, phase=state.phase)
    if state.pending_draw and kind not in ("draw_event", "undo", "note"):
        raise Rejected("situation/draw_first")
    new = HANDLERS[kind](state, action)
    if new is state:
        return replace(new, seq=state.seq + 1)
    # `new` was just built by the handler and nobody else holds it yet, so it is stamped in place
    # rather than copied once more. Chance's draw is not an undo point: undoing after it goes back
    # before the phase change that asked for it.
    object.__setattr__(new, "seq", state.seq + 1)
    object.__setattr__(new, "prev", state.prev if kind == "draw_event" else state)
    return new


def is_legal(state: State, action: A.Action) -> bool:
    try:
        apply(state, action)
    except Rejected:
        return False
    return True


# -- helpers -----------------------------------------------------------------------------
def _family(state: State, family_id: str) -> Family:
    family = state.family(family_id)
    if family is None or not family.present:
        raise Rejected("family/unknown", family=family_id)
    return family


def _open_proposal(state: State, project_id: str) -> Proposal:
    proposal = state.proposal(project_id)
    if proposal is None:
        raise Rejected("proposal/unknown", project=project_id)
    return proposal


SMALLER = (0.5, 0.75)  # the smaller sizes an amendment may also choose (docs/rules.md, "Co-decision")


def amend_sizes(project) -> tuple[float, ...]:
    """Every size an amendment may give a proposal, smallest first: the catalogue's variants and,
    when the catalogue lets the project change size (two variants or more), the smaller sizes
    ×0.5 and ×0.75 below its largest one. Money and time needs scale with the size (integer
    cents and minutes, engine.resources); a project listed at one size keeps it."""
    sizes = set(project.variants)
    if len(sizes) > 1:
        top = max(sizes)
        sizes |= {s for s in SMALLER if s < top and not any(abs(s - v) < 1e-6 for v in sizes)}
    return tuple(sorted(sizes))


def _check_scale(state: State, project_id: str, scale: float, amend: bool = False) -> None:
    project = state.scenario.project(project_id)
    allowed = amend_sizes(project) if amend else tuple(project.variants)
    if not any(abs(scale - v) < 1e-6 for v in allowed):
        raise Rejected("proposal/bad_variant", project=project_id, scale=scale, allowed=list(allowed))


# -- set-up ------------------------------------------------------------------------------
def _add_family(state: State, action: A.AddFamily) -> State:
    spec = action.family
    if state.family(spec.id) is not None:
        raise Rejected("family/duplicate", family=spec.id)
    if len(state.families) >= 24:
        raise Rejected("family/too_many", most=24)
    _check_family_refs(state, spec)
    base = np.concatenate([state.base_factors, family_base_factors(state.scenario, spec)[None]])
    return replace(state, families=state.families + (Family(spec=spec),), base_factors=base)


def _check_family_refs(state: State, spec) -> None:
    sc = state.scenario
    if spec.profile not in {p.id for p in sc.profiles}:
        raise Rejected("family/unknown_profile", profile=spec.profile)
    sectors = {s.id for s in sc.sectors}
    for o in spec.adjustments:
        if o.sector not in sectors:
            raise Rejected("family/unknown_sector", sector=o.sector)
    activities = {a.id for a in sc.activities}
    for a in (*spec.skills, *spec.likes, *spec.refuses):
        if a not in activities:
            raise Rejected("family/unknown_activity", activity=a)


def _edit_family(state: State, action: A.EditFamily) -> State:
    spec = action.family
    index = next((i for i, f in enumerate(state.families) if f.id == spec.id), None)
    if index is None:
        raise Rejected("family/unknown", family=spec.id)
    _check_family_refs(state, spec)
    base = state.base_factors.copy()
    base[index] = family_base_factors(state.scenario, spec)
    return replace(state.with_family(replace(state.families[index], spec=spec)), base_factors=base)


def _remove_family(state: State, action: A.RemoveFamily) -> State:
    index = next((i for i, f in enumerate(state.families) if f.id == action.family), None)
    if index is None:
        raise Rejected("family/unknown", family=action.family)
    keep = [i for i in range(len(state.families)) if i != index]
    return replace(
        state,
        families=tuple(state.families[i] for i in keep),
        base_factors=state.base_factors[keep],
    )


def _use_roster(state: State, action: A.UseRoster) -> State:
    roster = state.scenario.families
    if not roster:
        raise Rejected("setup/no_roster")
    if state.families:
        raise Rejected("setup/families_already_entered")
    families = tuple(Family(spec=spec, present=not spec.arrives_later) for spec in roster)
    base = np.stack([family_base_factors(state.scenario, spec) for spec in roster])
    return replace(state, families=families, base_factors=base)


# -- flow --------------------------------------------------------------------------------
def _advance(state: State, action: A.Advance) -> State:
    phase = state.phase
    if phase == SETUP:
        if not state.present():
            raise Rejected("setup/no_family")
        return round_start(replace(state, round=1), first=True)
    if phase == "review":
        if state.round >= state.scenario.years.rounds:
            return replace(state, phase=DEBRIEF)
        return round_start(replace(state, round=state.round + 1), first=False)
    nxt = PHASES[PHASES.index(phase) + 1]
    if nxt == "resolution":
        return resolve(replace(state, phase=nxt))
    return replace(state, phase=nxt)


def _draw_event(state: State, action: A.DrawEvent) -> State:
    if not state.pending_draw:
        raise Rejected("situation/no_draw")
    state = replace(state, pending_draw=False, event=action.event)
    if action.event is None:
        return state
    try:
        state.scenario.event(action.event)
    except KeyError:
        raise Rejected("event/unknown", event=action.event) from None
    return fit_commitments(apply_event(state, action.event))


# -- proposals and pledges -----------------------------------------------------------------
def _propose(state: State, action: A.Propose) -> State:
    sc = state.scenario
    try:
        project = sc.project(action.project)
    except KeyError:
        raise Rejected("project/unknown", project=action.project) from None
    if action.family is not None:
        _family(state, action.family)
    if state.proposal(project.id) is not None:
        raise Rejected("proposal/already_proposed", project=project.id)
    running = state.running_project(project.id)
    if running is not None and not (running.completed and renewable(project)):
        raise Rejected("proposal/already_running", project=project.id)
    missing = [q for q in project.prerequisites if state.running_project(q) is None]
    if missing:
        raise Rejected("proposal/needs_prerequisite", project=project.id, missing=missing)
    _check_scale(state, project.id, action.scale)
    proposal = Proposal(project=project.id, proposer=action.family, scale=action.scale)
    return replace(state, proposals=state.proposals + (proposal,))


def _pledge(state: State, action: A.Pledge) -> State:
    family = _family(state, action.family)
    proposal = state.proposal(action.project)
    running = state.running_project(action.project) if proposal is None else None
    if proposal is None and (running is None or running.completed):
        raise Rejected("proposal/unknown", project=action.project)
    # the log keeps euros and hours as written; the state holds them in whole cents and minutes
    pledge = PledgeT(cents(action.monthly_eur), cents(action.oneoff_eur), minutes(action.weekly_hours),
                     action.participates)
    if running is not None and pledge.oneoff_cents > 0:
        raise Rejected("pledge/oneoff_running", project=action.project)
    pledges = proposal.pledges if proposal is not None else running.commitments
    if action.participates:
        most = state.scenario.project(action.project).capacity.max
        # counted only when there could be too many: every pledge is checked here
        if len(pledges) >= most and sum(1 for k, p in pledges.items() if p.participates and k != family.id) >= most:
            raise Rejected("pledge/capacity_full", project=action.project, most=most)
    room = left(state, family, skip=action.project)
    for resource, asked, have, unit in (
        ("money", pledge.monthly_cents, room.money_cents, CENTS),
        ("savings", pledge.oneoff_cents, room.savings_cents, CENTS),
        ("hours", pledge.weekly_minutes, room.minutes, MINUTES),
    ):
        if asked > have:
            raise Rejected("pledge/over_means", family=family.id, resource=resource, asked=asked / unit,
                           left=max(have, 0) / unit)
    empty = not pledge.participates and not (pledge.monthly_cents or pledge.oneoff_cents or pledge.weekly_minutes)
    new = dict(pledges)
    new.pop(family.id, None)  # a new pledge replaces the old one and comes last, as it was made
    if not empty:
        new[family.id] = pledge
    if proposal is not None:
        return state.with_proposal(replace(proposal, pledges=new))
    participants = tuple(k for k, p in new.items() if p.participates)
    return state.with_running(replace(running, commitments=new, participants=participants))


def _withdraw(state: State, action: A.Withdraw) -> State:
    _family(state, action.family)
    proposal = state.proposal(action.project)
    if proposal is not None and action.family in proposal.pledges:
        pledges = {k: v for k, v in proposal.pledges.items() if k != action.family}
        return state.with_proposal(replace(proposal, pledges=pledges))
    running = state.running_project(action.project)
    if running is not None and action.family in running.commitments and not running.completed:
        commitments = {k: v for k, v in running.commitments.items() if k != action.family}
        participants = tuple(f for f in running.participants if f != action.family)
        return state.with_running(replace(running, commitments=commitments, participants=participants))
    raise Rejected("withdraw/nothing", project=action.project, family=action.family)


def _cofund(state: State, action: A.Cofund) -> State:
    platform = state.scenario.platform
    if platform is None:
        raise Rejected("cofund/no_platform")
    proposal = _open_proposal(state, action.project)
    project = state.scenario.project(proposal.project)
    if project.strategy not in platform.strategies:
        raise Rejected("cofund/not_eligible", project=project.id, strategy=project.strategy)
    amount, most = cents(action.amount), cofund_most(state, proposal)
    if amount > most:
        raise Rejected("cofund/too_much", project=project.id, asked=action.amount, most=most / CENTS)
    return state.with_proposal(replace(proposal, cofund_cents=amount))


# -- co-decision ---------------------------------------------------------------------------
def _answer(state: State, action: A.Answer) -> State:
    family = _family(state, action.family)
    proposal = _open_proposal(state, action.project)
    if proposal.status != "open":
        raise Rejected("codecision/already_decided", project=proposal.project)
    if not proposal_coverage(state, proposal).covered:
        raise Rejected("codecision/not_covered", project=proposal.project)
    if action.criterion is not None and action.criterion >= len(family.spec.criteria):
        raise Rejected("answer/unknown_criterion", family=family.id, criterion=action.criterion)
    answer = AnswerT(action.answer, action.reason, action.criterion)
    problem = RULES[state.scenario.rules.decision].validate(answer)
    if problem:
        raise Rejected(problem, family=family.id)
    return state.with_proposal(replace(proposal, answers={**proposal.answers, family.id: answer}))


def _amend(state: State, action: A.Amend) -> State:
    proposal = _open_proposal(state, action.project)
    if proposal.status == "adopted":
        raise Rejected("codecision/already_decided", project=proposal.project)
    _check_scale(state, proposal.project, action.scale, amend=True)
    amended = replace(proposal, scale=action.scale, version=proposal.version + 1, answers={}, status="open")
    state = state.with_proposal(amended)
    if action.note:
        state = replace(state, notes=state.notes.add((state.round, state.phase, action.note)))
    return state


def _decide(state: State, action: A.Decide) -> State:
    proposal = _open_proposal(state, action.project)
    if proposal.status != "open":
        raise Rejected("codecision/already_decided", project=proposal.project)
    if not proposal_coverage(state, proposal).covered:
        raise Rejected("codecision/not_covered", project=proposal.project)
    missing = [f.id for f in state.present() if f.id not in proposal.answers]
    if missing and action.override is None:
        raise Rejected("codecision/missing_answers", project=proposal.project, families=missing)
    rule = RULES[state.scenario.rules.decision]
    tally = rule.tally(proposal.answers[f.id] for f in state.present() if f.id in proposal.answers)
    adopted = rule.verdict(tally) if action.override is None else action.override == "adopt"
    decision = Decision(state.round, proposal.project, proposal.version, tally.as_tuple(), adopted, action.override)
    state = state.with_proposal(replace(proposal, status="adopted" if adopted else "objected"))
    return replace(state, decisions=state.decisions + (decision,))


# -- notes, debrief, undo ------------------------------------------------------------------
def add_note(state: State, text: str) -> State:
    """`apply(state, Note(text))`: the note joins the state's notes, nothing else changes."""
    if not text.strip():
        raise Rejected("note/empty")
    return successor(state, notes=state.notes.add((state.round, state.phase, text)))


def undo(state: State) -> State:
    """`apply(state, Undo())`: the state before the last action, with the next sequence number
    (the log's numbering never goes back)."""
    before = state.prev
    if before is None:
        raise Rejected("undo/nothing")
    return replace(before, seq=state.seq + 1)


def _guess(state: State, action: A.Guess) -> State:
    # kept with the notes, in whole kilograms, under its own tag (engine.predict reads it back)
    return replace(state, notes=state.notes.add((state.round, "guess", str(round(action.co2_kg)))))


def _ratify(state: State, action: A.Ratify) -> State:
    running = state.running_project(action.project)
    if running is None:
        raise Rejected("debrief/not_in_plan", project=action.project)
    return state.with_running(replace(running, ratified=action.now))


MAX_ASKS = 12  # a few clear asks carry further than many


def _ask(state: State, action: A.Ask) -> State:
    if not action.text.strip():
        raise Rejected("ask/empty")
    sc = state.scenario
    if action.about not in {s.id for s in sc.sectors} | {p.id for p in sc.projects}:
        raise Rejected("ask/unknown_subject", about=action.about)
    if len(state.asks) >= MAX_ASKS:
        raise Rejected("ask/too_many", most=MAX_ASKS)
    return replace(state, asks=state.asks + ((state.round, action.level, action.about, action.text.strip()),))


HANDLERS: dict[str, Callable[[State, A.Action], State]] = {
    "add_family": _add_family,
    "edit_family": _edit_family,
    "remove_family": _remove_family,
    "use_roster": _use_roster,
    "advance": _advance,
    "draw_event": _draw_event,
    "propose": _propose,
    "pledge": _pledge,
    "withdraw": _withdraw,
    "cofund": _cofund,
    "answer": _answer,
    "amend": _amend,
    "decide": _decide,
    "ratify": _ratify,
    "guess": _guess,
    "ask": _ask,
}
