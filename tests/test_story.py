"""The session's story: what started and later stopped (when, why), what lapsed, one-off money."""

from engine import actions as A
from engine.story import start_year, story
from tests.helpers import at_phase, draw, play


def _adopt_car_sharing(state):
    state = play(state, A.Propose(project="car-sharing"), A.Advance(),
                 A.Pledge(project="car-sharing", family="martin", monthly_eur=150, weekly_hours=2),
                 A.Pledge(project="car-sharing", family="silva", monthly_eur=40, participates=False),
                 A.Pledge(project="car-sharing", family="dupont", monthly_eur=130), A.Advance())
    for f in state.present():
        state = play(state, A.Answer(project="car-sharing", family=f.id, answer="consent"))
    return play(state, A.Decide(project="car-sharing"))


def test_a_project_stopped_by_an_event_card_is_told_with_its_card(mini):
    state = _adopt_car_sharing(at_phase(mini, "proposals"))
    state = play(state, A.Advance(), A.Advance(), A.Advance())  # resolution, review, round 2
    assert state.running_project("car-sharing") is not None and state.round == 2
    state = draw(state, "energy-up")  # everyone's means fall: the Silvas' 40 € no longer fit
    state = play(state, A.Advance(), A.Advance(), A.Advance(), A.Advance())  # … to resolution
    assert state.running_project("car-sharing") is None
    told = story(state)
    assert len(told.stopped) == 1
    s = told.stopped[0]
    assert (s.project, s.started_round, s.stopped_round, s.why, s.event) == ("car-sharing", 1, 2, "event", "energy-up")
    assert start_year(state, s.started_round) == 2025 and start_year(state, s.stopped_round) == 2030


def test_a_withdrawal_is_told_as_one_and_undone_steps_are_not_in_the_story(mini):
    state = _adopt_car_sharing(at_phase(mini, "proposals"))
    state = draw(play(state, A.Advance(), A.Advance(), A.Advance()), None)
    state = play(state, A.Withdraw(project="car-sharing", family="dupont"))
    undone = play(state, A.Undo())
    state = play(state, A.Advance(), A.Advance(), A.Advance(), A.Advance())
    assert [(s.project, s.why) for s in story(state).stopped] == [("car-sharing", "withdrawn")]
    assert story(play(undone, A.Advance(), A.Advance(), A.Advance(), A.Advance())).stopped == ()


def test_proposals_not_adopted_lapse_with_their_reason(mini):
    state = play(at_phase(mini, "proposals"), A.Propose(project="car-sharing"), A.Propose(project="garden"),
                 A.Advance(), A.Pledge(project="car-sharing", family="martin", monthly_eur=150, weekly_hours=2),
                 A.Pledge(project="car-sharing", family="dupont", monthly_eur=170), A.Advance(),
                 A.Answer(project="car-sharing", family="silva", answer="objection", reason="parking"))
    state = play(state, *[A.Answer(project="car-sharing", family=f.id, answer="consent")
                          for f in state.present() if f.id != "silva"], A.Decide(project="car-sharing"), A.Advance())
    assert sorted((x.project, x.round, x.why) for x in story(state).lapsed) == [
        ("car-sharing", 1, "objected"), ("garden", 1, "uncovered")]


def test_one_off_money_is_kept_per_project_and_family(mini):
    state = play(at_phase(mini, "proposals"), A.Propose(project="garden"), A.Advance(),
                 A.Pledge(project="garden", family="dupont", oneoff_eur=800, weekly_hours=2),
                 A.Pledge(project="garden", family="silva", weekly_hours=4), A.Advance())
    for f in state.present():
        state = play(state, A.Answer(project="garden", family=f.id, answer="consent"))
    state = play(state, A.Decide(project="garden"), A.Advance())
    given = story(state).oneoff["garden"]
    assert set(given) == {"dupont"}
    assert abs(given["dupont"] - state.family("dupont").savings_spent) < 1e-6 and given["dupont"] > 0
