"""Asks to the higher levels: logged actions of the review and the debrief."""

import pytest

from engine import actions as A
from engine.rules import MAX_ASKS, Rejected, apply
from engine.simulate import play
from engine.state import from_dict, to_dict


@pytest.fixture(scope="module")
def debrief(mini, mini_text):
    return play(mini, mini_text, 3).state


def test_an_ask_is_kept_with_its_round_level_and_subject(debrief):
    state = apply(debrief, A.Ask(level="region", about="mobility", text="  A bus every 30 minutes.  "))
    assert state.asks == ((debrief.round, "region", "mobility", "A bus every 30 minutes."),)
    assert from_dict(state.scenario, to_dict(state)).asks == state.asks
    assert apply(state, A.Undo()).asks == ()


def test_an_ask_may_be_about_a_project(debrief):
    state = apply(debrief, A.Ask(level="platform", about="solar", text="Co-fund the roofs."))
    assert state.asks[0][2] == "solar"


@pytest.mark.parametrize(
    "ask, code",
    [
        (A.Ask(level="state", about="nowhere", text="Something."), "ask/unknown_subject"),
        (A.Ask(level="state", about="housing", text="   "), "ask/empty"),
    ],
)
def test_a_bad_ask_is_refused_with_its_reason(debrief, ask, code):
    with pytest.raises(Rejected) as err:
        apply(debrief, ask)
    assert err.value.code == code


def test_a_few_asks_at_most(debrief):
    state = debrief
    for i in range(MAX_ASKS):
        state = apply(state, A.Ask(level="europe", about="goods", text=f"Ask {i}."))
    with pytest.raises(Rejected) as err:
        apply(state, A.Ask(level="europe", about="goods", text="One more."))
    assert err.value.code == "ask/too_many"


def test_asks_wait_for_the_review(mini):
    from tests.helpers import at_phase

    with pytest.raises(Rejected) as err:
        apply(at_phase(mini, "pledges"), A.Ask(level="region", about="food", text="Local canteens."))
    assert err.value.code == "phase/not_now"


def test_the_debrief_summary_and_bve_replay_carry_the_asks(tmp_path, mini, mini_text, capsys):
    from engine.debrief import summary
    from engine.log.session import resume
    from game.cli import main

    log = tmp_path / "s.jsonl"
    play(mini, mini_text, 3, log_path=log)
    session, _ = resume(log, durable=False)
    session.act(A.Ask(level="municipality", about="mobility", text="A safe cycle path to the school."))
    session.close()
    assert summary(session.state)["asks"] == [
        {"round": mini.years.rounds, "level": "municipality", "about": "mobility",
         "text": "A safe cycle path to the school."}]
    assert main(["replay", str(log)]) == 0
    assert "ask to the municipality, about mobility: A safe cycle path to the school." in capsys.readouterr().out
