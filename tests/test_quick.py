"""Quick pledges: cover the rest for one family, share the rest among those who have not pledged."""

from hypothesis import given, settings, strategies as st

from engine import actions as A
from engine.quick import cover_rest, share_rest
from engine.resources import left, proposal_coverage
from tests.helpers import at_phase, play


def _pledges_phase(mini, *projects):
    state = at_phase(mini, "proposals")
    return play(state, *[A.Propose(project=p) for p in projects], A.Advance())


def test_cover_the_rest_gives_what_the_others_leave_within_means(mini):
    state = _pledges_phase(mini, "car-sharing")
    state = play(state, A.Pledge(project="car-sharing", family="dupont", monthly_eur=200))
    rest = cover_rest(state, "car-sharing", "martin")
    assert rest["monthly_eur"] == 120 and rest["weekly_hours"] == 2 and rest["oneoff_eur"] == 0
    silva = cover_rest(state, "car-sharing", "silva")
    assert silva["monthly_eur"] == left(state, state.family("silva"), skip="car-sharing").money == 40


def test_sharing_the_rest_is_one_logged_pledge_per_family_and_covers_the_money_and_time(mini):
    state = _pledges_phase(mini, "car-sharing")
    state = play(state, A.Pledge(project="car-sharing", family="martin", monthly_eur=100, weekly_hours=1))
    actions = share_rest(state, "car-sharing")
    assert sorted(a.family for a in actions) == ["dupont", "silva"]
    after = play(state, *actions)
    cov = proposal_coverage(after, after.proposal("car-sharing"))
    assert cov.money[0] >= cov.money[1] and cov.hours[0] >= cov.hours[1]
    assert after.proposal("car-sharing").pledges["martin"].monthly_eur == 100, "a saved pledge stays as it was"
    assert share_rest(after, "car-sharing") == []


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 150), st.integers(0, 30))
def test_a_shared_rest_never_asks_more_than_a_family_has(mini, martin_money, martin_tenths):
    state = _pledges_phase(mini, "car-sharing", "garden")
    state = play(state, A.Pledge(project="car-sharing", family="martin", monthly_eur=martin_money,
                                 weekly_hours=martin_tenths / 10))
    for project in ("car-sharing", "garden"):
        state = play(state, *share_rest(state, project))  # the rules refuse any pledge over means
    for project in ("car-sharing", "garden"):
        cov = proposal_coverage(state, state.proposal(project))
        # covered, or the families who had not pledged have given all they had
        room = sum(left(state, f).money for f in state.present() if f.id != "martin")
        assert cov.money[0] + 1e-9 >= cov.money[1] or room < 1, (project, cov)
