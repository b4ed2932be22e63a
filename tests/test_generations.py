"""Generations with a voice, and class mode, in the engine: pledges of time that name a
generation, wishes per generation, the class version of a scenario, and logs that replay."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine import actions as A
from engine.generations import association_generations, generation_shares
from engine.log.replay import replay
from engine.log.session import Session
from engine.rules import Rejected, apply
from engine.scenario import FamilySpec
from engine.scenario.classroom import class_settings, class_version, questions
from engine.scenario.load import load_scenario
from engine.state import digest, from_dict, initial_state, to_dict
from tests.helpers import play

ROOT = Path(__file__).resolve().parent.parent
CLASSROOM = ROOT / "scenarios" / "classroom.toml"
QUARTIER = ROOT / "scenarios" / "fr-quartier.toml"


@pytest.fixture(scope="module")
def classroom():
    return load_scenario(CLASSROOM)


def _pledges_phase(scenario, project="school-garden"):
    state = play(initial_state(scenario, 3), A.ClassMode(), A.UseRoster(), A.Advance(), A.DrawEvent(event=None),
                 A.Advance(), A.Propose(project=project), A.Advance())
    assert state.phase == "pledges"
    return state


def test_generation_hours_must_add_up_and_name_present_generations():
    base = dict(id="a", name="A", money_month=10, profile="p")
    ok = FamilySpec(**base, members={"adults": 1, "seniors": 1}, hours_week=4,
                    generation_hours={"seniors": 3, "adults": 1})
    assert ok.generation_minutes("seniors") == 180 and ok.generation_minutes("children") == 0
    with pytest.raises(ValueError, match="add up"):
        FamilySpec(**base, members={"adults": 1, "seniors": 1}, hours_week=5,
                   generation_hours={"seniors": 3, "adults": 1})
    with pytest.raises(ValueError, match="no children"):
        FamilySpec(**base, members={"adults": 1}, hours_week=2, generation_hours={"children": 1, "adults": 1})


def test_a_family_without_generations_dumps_as_before():
    spec = FamilySpec(id="a", name="A", members={"adults": 1}, money_month=10, hours_week=1, profile="p",
                      criteria=[{"text": "x", "code": "D"}])
    dumped = spec.model_dump(mode="json")
    assert "generation_hours" not in dumped and "generation" not in dumped["criteria"][0]


def test_a_grandparent_pledges_time_and_the_review_shows_it(classroom):
    state = _pledges_phase(classroom)
    state = apply(state, A.Pledge(project="school-garden", family="rossi", monthly_eur=5, weekly_hours=3,
                                  generation="seniors"))
    state = apply(state, A.Pledge(project="school-garden", family="nguyen", monthly_eur=5, weekly_hours=1,
                                  generation="children"))
    shares = {s.generation: s for s in generation_shares(state, "rossi")}
    assert shares["seniors"].hours_given == 3 and shares["seniors"].projects == ("school-garden",)
    assert shares["seniors"].hours_can == 6
    assert shares["adults"].hours_given == 0
    assert [w.text for w in shares["children"].wishes] == ["Réparer mon vélo tout seul"]
    totals = association_generations(state)
    assert totals["seniors"][0] == 3 and totals["children"][0] == 1 and totals["adults"][0] == 0
    # the family stays the unit of money: the generation changes nothing of the money pledged
    assert state.proposal("school-garden").pledges["rossi"].monthly_cents == 500


def test_a_generation_gives_no_more_than_its_hours(classroom):
    state = _pledges_phase(classroom)
    with pytest.raises(Rejected) as exc:
        apply(state, A.Pledge(project="school-garden", family="rossi", weekly_hours=2, generation="adults"))
    assert exc.value.code == "pledge/generation_over_means" and exc.value.params["left"] == 1
    with pytest.raises(Rejected) as exc:
        apply(state, A.Pledge(project="school-garden", family="lefevre", weekly_hours=0.5, generation="children"))
    assert exc.value.code == "pledge/generation_over_means"
    no_kids = _pledges_phase(load_scenario(QUARTIER), project="carpooling")
    lonely = next(f for f in no_kids.present() if not f.spec.members.children)
    with pytest.raises(Rejected) as exc:
        apply(no_kids, A.Pledge(project="carpooling", family=lonely.id, weekly_hours=1, generation="children"))
    assert exc.value.code == "pledge/no_generation"


def test_wishes_served_follow_the_running_projects(classroom):
    state = _pledges_phase(classroom, project="grandparents-repair")  # a common good serving A, D, H, I
    state = apply(state, A.Pledge(project="grandparents-repair", family="rossi", monthly_eur=15, oneoff_eur=800,
                                  weekly_hours=2, generation="seniors"))
    state = apply(state, A.Pledge(project="grandparents-repair", family="garcia", weekly_hours=1, generation="children"))
    before = {s.generation: s for s in generation_shares(state, "rossi")}
    assert not any(w.served_by for s in before.values() for w in s.wishes), "nothing runs yet"
    state = play(state, A.Advance(), *[A.Answer(project="grandparents-repair", family=f.id, answer="consent")
                                       for f in state.present()], A.Decide(project="grandparents-repair"),
                 A.Advance())
    assert state.running_project("grandparents-repair") is not None
    after = {s.generation: s for s in generation_shares(state, "rossi")}
    served = {w.text: w.served_by for s in after.values() for w in s.wishes}
    assert served["Transmettre ce qu'on sait faire"] == ("grandparents-repair",)
    assert served["Tomber malade sans personne autour"] == (), "F is not served by the workshop"
    # the commitment keeps who gives the hours (the rules share the time actually needed)
    assert 0 < after["seniors"].hours_given <= 2 and after["seniors"].projects == ("grandparents-repair",)


def test_class_version_has_class_rounds_and_no_team_cards():
    quartier = load_scenario(QUARTIER)
    version = class_version(quartier)
    assert version.years.rounds == 3 and version.years.end == quartier.years.end
    assert (version.years.end - version.years.start) % 3 == 0
    assert all(e.effect.kind not in ("family_arrives", "family_leaves") for e in version.events)
    assert any(e.effect.kind == "family_arrives" for e in quartier.events), "the test needs such a card"
    assert not any(f.arrives_later for f in version.families)
    assert class_version(quartier) is version
    assert version.project(quartier.projects[0].id) == quartier.projects[0]


def test_the_classroom_scenario_plans_90_minutes_and_asks_questions(classroom):
    settings = class_settings(classroom)
    assert settings.default and settings.rounds == 3 and settings.total_minutes() == 90
    assert len(settings.suggested) == 3 and all(classroom.project(p) for p in settings.suggested)
    assert classroom.years.rounds == 3 and not any(f.arrives_later for f in classroom.families)
    for phase in ("situation", "pledges", "review", "debrief"):
        for q in questions(classroom, phase, 2):
            assert set(q.text.texts) == set(classroom.territory.languages)
    assert questions(classroom, "situation", 1) and questions(classroom, "debrief")
    for f in classroom.families:
        assert f.generation_hours is not None, f.id
        assert "children" in {c.generation for c in f.criteria}, f"{f.id}: the children have a voice"
    assert {c.generation for f in classroom.families for c in f.criteria} == {"children", "adults", "seniors"}


def test_class_mode_comes_first_and_once(classroom):
    state = play(initial_state(classroom, 1), A.ClassMode())
    with pytest.raises(Rejected):
        apply(state, A.ClassMode())
    with pytest.raises(Rejected):
        play(initial_state(classroom, 1), A.UseRoster(), A.ClassMode())


def test_a_class_session_log_replays_to_the_same_state(tmp_path):
    text = QUARTIER.read_text(encoding="utf-8")
    log = tmp_path / "class.jsonl"
    session = Session.new(text, 5, log_path=log, scenario_name="fr-quartier.toml", language="fr")
    session.act(A.ClassMode())
    session.act(A.UseRoster())
    session.act(A.Advance())
    state = session.state
    assert state.class_mode and state.scenario.years.rounds == 3
    session.close()
    again = replay(log)
    assert again.error is None, again.error
    assert digest(again.state) == digest(state)
    assert again.state.scenario.years.rounds == 3
    # the serialised state names class mode; a state that is not in class mode does not
    assert to_dict(state)["class_mode"] is True
    assert digest(from_dict(load_scenario(QUARTIER), to_dict(state))) == digest(state)
    plain = play(initial_state(load_scenario(QUARTIER), 5), A.UseRoster())
    assert "class_mode" not in to_dict(plain)


def test_a_pledge_without_generation_serialises_as_before(classroom):
    state = _pledges_phase(classroom)
    state = apply(state, A.Pledge(project="school-garden", family="rossi", weekly_hours=1))
    assert to_dict(state)["proposals"][0]["pledges"]["rossi"] == [0, 0, 60, True]
    state = apply(state, A.Pledge(project="school-garden", family="rossi", weekly_hours=1, generation="seniors"))
    assert to_dict(state)["proposals"][0]["pledges"]["rossi"] == [0, 0, 60, True, "seniors"]
    assert digest(from_dict(state.scenario, to_dict(state))) == digest(state)


def test_a_suggested_project_must_exist():
    from engine.scenario.load import validate_text

    text = CLASSROOM.read_text(encoding="utf-8").replace('suggested = ["school-garden"', 'suggested = ["no-such"', 1)
    scenario, issues = validate_text(text, "classroom.toml")
    assert scenario is None and any("no-such" in str(i) for i in issues), issues
    ok, issues = validate_text(CLASSROOM.read_text(encoding="utf-8"), "classroom.toml")
    assert ok is not None and not issues
