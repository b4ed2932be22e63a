"""The rules of a round, action by action, on the small test scenario."""

import pytest

from engine import actions as A
from engine.decision import RULES
from engine.resources import left, proposal_coverage
from engine.rules import Rejected, apply
from engine.sharing import allocate
from engine.state import AnswerT, digest
from tests.helpers import at_phase, draw, play


def cover_car_sharing(state):
    return play(
        state,
        A.Pledge(project="car-sharing", family="martin", monthly_eur=150, weekly_hours=2),
        A.Pledge(project="car-sharing", family="dupont", monthly_eur=170, participates=True),
    )


def test_phase_table_refuses_out_of_phase_actions(mini):
    state = at_phase(mini, "proposals")
    with pytest.raises(Rejected) as exc:
        apply(state, A.Pledge(project="car-sharing", family="martin", monthly_eur=10))
    assert exc.value.code == "phase/not_now"


def test_pledge_over_means_is_refused_with_its_reason_and_changes_nothing(mini):
    state = apply(at_phase(mini, "proposals"), A.Propose(project="car-sharing"))
    state = apply(state, A.Advance())
    before = digest(state)
    with pytest.raises(Rejected) as exc:
        apply(state, A.Pledge(project="car-sharing", family="silva", monthly_eur=41))
    assert exc.value.code == "pledge/over_means"
    assert exc.value.params == {"family": "silva", "resource": "money", "asked": 41, "left": 40}
    assert digest(state) == before


def test_coverage_needs_money_time_skill_and_participants(mini):
    state = apply(at_phase(mini, "proposals"), A.Propose(project="car-sharing"))
    state = apply(state, A.Advance())
    cov = proposal_coverage(state, state.proposal("car-sharing"))
    assert not cov.covered and cov.money == (0, 320)
    state = cover_car_sharing(state)
    cov = proposal_coverage(state, state.proposal("car-sharing"))
    assert cov.money == (320, 320) and cov.hours == (2, 2)
    assert cov.skills == (("organising", True),) and cov.participants == (2, 2, 6)
    assert cov.covered


def test_consent_adopts_without_objection_and_resolution_commits(mini):
    state = apply(at_phase(mini, "proposals"), A.Propose(project="car-sharing"))
    state = cover_car_sharing(apply(state, A.Advance()))
    state = apply(state, A.Advance())
    for f in state.present():
        answer = "concern" if f.id == "silva" else "consent"
        state = apply(state, A.Answer(project="car-sharing", family=f.id, answer=answer, reason="parking"))
    state = apply(state, A.Decide(project="car-sharing"))
    assert state.decisions[-1].tally == (2, 1, 0) and state.decisions[-1].adopted
    state = play(state, A.Advance())
    assert state.phase == "resolution"
    running = state.running_project("car-sharing")
    assert running.participants == ("martin", "dupont")
    assert running.commitments["martin"].monthly_eur == pytest.approx(150)
    # the running cost stays committed: Martin has 150 - 150 left
    assert left(state, state.family("martin")).money == pytest.approx(0)
    # savings flow back from the next round on
    state = play(state, A.Advance(), A.Advance())
    state = draw(state)
    assert state.round == 2
    assert left(state, state.family("martin")).money == pytest.approx(180)


def test_objection_needs_a_reason_and_blocks_under_consent(mini):
    state = apply(at_phase(mini, "proposals"), A.Propose(project="car-sharing"))
    state = cover_car_sharing(apply(state, A.Advance()))
    state = apply(state, A.Advance())
    with pytest.raises(Rejected) as exc:
        apply(state, A.Answer(project="car-sharing", family="silva", answer="objection"))
    assert exc.value.code == "answer/objection_needs_reason"
    state = apply(state, A.Answer(project="car-sharing", family="silva", answer="objection", criterion=0))
    with pytest.raises(Rejected) as exc:
        apply(state, A.Decide(project="car-sharing"))
    assert exc.value.code == "codecision/missing_answers"
    for fid in ("martin", "dupont"):
        state = apply(state, A.Answer(project="car-sharing", family=fid, answer="consent"))
    state = apply(state, A.Decide(project="car-sharing"))
    assert state.proposal("car-sharing").status == "objected"
    state = apply(state, A.Amend(project="car-sharing", scale=1.0, note="one car only in winter"))
    assert state.proposal("car-sharing").version == 2 and state.proposal("car-sharing").answers == {}


def test_amend_may_choose_smaller_sizes_with_exact_needs(mini):
    """Amending offers the catalogue's sizes and, for a project listed at several, ×0.5 and ×0.75
    too; a proposal is still made at a catalogue size, and a one-size project keeps its size."""
    from engine.resources import monthly_need, upfront_need, weekly_need
    from engine.rules import amend_sizes

    solar = mini.project("solar")  # listed at 0.5, 1 and 2
    assert amend_sizes(solar) == (0.5, 0.75, 1.0, 2.0)
    one = next(p for p in mini.projects if len(p.variants) == 1)
    assert amend_sizes(one) == tuple(one.variants)
    state = cover_car_sharing(apply(apply(at_phase(mini, "proposals"), A.Propose(project="car-sharing")),
                                    A.Advance()))
    state = apply(state, A.Advance())
    assert state.phase == "codecision"
    with pytest.raises(Rejected) as exc:  # listed at one size: it keeps it
        apply(state, A.Amend(project="car-sharing", scale=0.75))
    assert exc.value.code == "proposal/bad_variant"
    assert apply(state, A.Amend(project="car-sharing", scale=1.0)).proposal("car-sharing").version == 2
    with pytest.raises(Rejected) as exc:  # a proposal is made at a catalogue size
        apply(at_phase(mini, "proposals"), A.Propose(project="car-sharing", scale=0.75))
    assert exc.value.code == "proposal/bad_variant"
    # needs in whole cents and minutes, rounded once
    assert isinstance(monthly_need(solar, 0.75), int) and isinstance(weekly_need(solar, 0.75, first=True), int)
    assert upfront_need(solar, 0.75) == round(round(solar.needs.upfront_eur * 100) * 0.75)


@pytest.mark.parametrize(
    "rule, answers, adopted",
    [
        ("consent", ["consent", "concern", "concern"], True),
        ("consent", ["consent", "consent", "objection"], False),
        ("unanimity", ["consent", "consent", "concern"], False),
        ("unanimity", ["consent", "consent", "consent"], True),
        ("majority", ["consent", "objection", "objection"], False),
        ("majority", ["consent", "concern", "objection"], True),
        ("two_thirds", ["consent", "concern", "objection"], True),
        ("two_thirds", ["consent", "objection", "objection"], False),
    ],
)
def test_decision_rules(rule, answers, adopted):
    r = RULES[rule]
    assert r.verdict(r.tally(AnswerT(a, "x") for a in answers)) is adopted


def test_sharing_by_means_caps_at_pledges_and_redistributes():
    alloc = allocate(300, {"a": 100, "b": 300, "c": 300}, {"a": 200, "b": 100, "c": 100})
    assert alloc == {"a": 100, "b": 100, "c": 100}
    alloc = allocate(300, {"a": 50, "b": 300}, {"a": 1, "b": 1})
    assert alloc == {"a": 50, "b": 250}
    assert sum(allocate(10, {"a": 3, "b": 3, "c": 4}, {}).values()) == 10


def test_sharing_gives_the_cents_left_over_to_the_largest_remainders():
    # 100 cents in thirds: 33 each, the last cent to the first id; 1000 by 1:2 -> 333.3 and 666.7
    assert allocate(100, {"b": 100, "a": 100, "c": 100}, {"a": 1, "b": 1, "c": 1}) == {"a": 34, "b": 33, "c": 33}
    assert allocate(1000, {"a": 1000, "b": 1000}, {"a": 1, "b": 2}) == {"a": 333, "b": 667}


def test_capacity_max_refuses_more_participants(mini):
    state = apply(at_phase(mini, "proposals"), A.Propose(project="garden"))
    state = apply(state, A.Advance())
    assert state.scenario.project("garden").capacity.max == 8
    for f in state.present():
        state = apply(state, A.Pledge(project="garden", family=f.id, participates=True))
    assert sum(p.participates for p in state.proposal("garden").pledges.values()) == 3


def test_a_full_project_refuses_one_more_participant_but_not_its_own(mini_text):
    from engine.scenario.load import parse_scenario

    text = mini_text.replace("capacity = { min = 2, max = 8 }", "capacity = { min = 1, max = 2 }")
    assert text != mini_text
    state = apply(at_phase(parse_scenario(text), "proposals"), A.Propose(project="garden"))
    state = apply(state, A.Advance())
    first, second, third = [f.id for f in state.present()][:3]
    for family in (first, second):
        state = apply(state, A.Pledge(project="garden", family=family, participates=True))
    with pytest.raises(Rejected) as exc:
        apply(state, A.Pledge(project="garden", family=third, participates=True))
    assert exc.value.code == "pledge/capacity_full" and exc.value.params["most"] == 2
    # a participant changing its pledge, or a family giving without taking part, still may
    state = apply(state, A.Pledge(project="garden", family=first, participates=True, weekly_hours=1))
    state = apply(state, A.Pledge(project="garden", family=third, participates=False, weekly_hours=1))
    assert sorted(k for k, p in state.proposal("garden").pledges.items() if p.participates) == sorted([first, second])


def test_prerequisite_is_required(mini):
    state = at_phase(mini, "proposals")
    with pytest.raises(Rejected) as exc:
        apply(state, A.Propose(project="solar"))
    assert exc.value.code == "proposal/needs_prerequisite"


def test_undo_reverts_the_last_action_and_skips_chance(mini):
    state = at_phase(mini, "proposals")
    before = digest(state)
    state = apply(state, A.Propose(project="car-sharing"))
    state = apply(state, A.Undo())
    assert state.proposals == () and state.seq == 6
    # undo after the draw goes back before the phase change that asked for it
    situation = at_phase(mini, "situation", event="energy-up")
    back = apply(situation, A.Undo())
    assert back.phase == "setup" and back.round == 0
    assert before != digest(state)  # the sequence number keeps counting


def test_events_change_means_factors_and_roster(mini):
    base = at_phase(mini, "situation")
    energy = at_phase(mini, "situation", event="energy-up")
    martin = energy.family("martin")
    assert martin.money_delta == -10 * 4
    cold = at_phase(mini, "situation", event="cold-winter")
    assert cold.sector_mult[0, 1] == pytest.approx(1.1)
    arrived = at_phase(mini, "situation", event="newcomers")
    assert arrived.family("costa").present and not base.family("costa").present


def test_events_never_make_money_negative(mini):
    state = apply(at_phase(mini, "proposals"), A.Propose(project="car-sharing"))
    state = cover_car_sharing(apply(state, A.Advance()))
    state = apply(state, A.Advance())
    for f in state.present():
        state = apply(state, A.Answer(project="car-sharing", family=f.id, answer="consent"))
    state = play(state, A.Decide(project="car-sharing"), A.Advance(), A.Advance(), A.Advance())
    # round 2: energy prices rise: Martin's commitment shrinks to fit, the project is at risk
    state = draw(state, "energy-up")
    for f in state.families:
        room = left(state, f)
        assert room.money_cents >= 0 and room.minutes >= 0 and room.savings_cents >= 0
    from engine.resources import at_risk

    assert at_risk(state, state.running_project("car-sharing")) is False  # savings 180 cover the 40 € rise


def test_every_refusal_code_is_declared():
    """The table translates REJECTION_CODES: a code raised anywhere in the engine must be there."""
    import re
    from engine.rules import REJECTION_CODES
    from tests.conftest import ROOT

    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "engine").glob("*.py"))
    raised = set(re.findall(r'Rejected\(\s*"([a-z_]+/[a-z_]+)"', source))
    raised |= set(re.findall(r'return "([a-z_]+/[a-z_]+)"', source))
    assert raised == REJECTION_CODES


def test_a_passing_event_is_taken_back_when_its_rounds_are_over(mini):
    cold = at_phase(mini, "situation", event="cold-winter")
    assert cold.sector_mult[0, 1] == pytest.approx(1.1) and cold.passing == ((1, "housing", "energy", 1.1),)
    state = play(cold, *[A.Advance()] * 6)
    assert state.round == 2 and state.pending_draw
    assert state.sector_mult[0, 1] == pytest.approx(1.0) and state.passing == ()


def test_greedy_bots_give_places_to_the_households_that_emit_most(mini_text):
    from engine.bots import takers
    from engine.scenario.load import parse_scenario

    small = parse_scenario(mini_text.replace("capacity = { min = 2, max = 6 }", "capacity = { min = 2, max = 2 }"))
    state = at_phase(small, "proposals")
    # car-sharing acts on mobility: the two-car houses (Martin, Dupont) emit most there
    assert takers(state, "car-sharing") == ["martin", "dupont"]
    assert takers(state, "solar") == ["martin", "silva", "dupont"]  # a common good: everyone
