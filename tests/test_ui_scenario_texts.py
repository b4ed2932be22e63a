"""Everything the scenario says is seen: descriptions, the territory's note, localised marks, hours."""

from __future__ import annotations

from engine import actions as A
from engine.resources import proposal_coverage
from tests.ui_helpers import ROOT, click, make_app, on_screen, texts, unreadable

DEMO = ROOT / "scenarios" / "fr-quartier.toml"


def test_the_title_shows_the_territory_note(tmp_path):
    app = make_app(tmp_path, DEMO)
    assert on_screen(app, "Quartier fictif d'une ville moyenne française")
    assert not unreadable(app)


def test_the_family_form_shows_the_profile_description(tmp_path):
    app = make_app(tmp_path, DEMO)
    click(app, "title-new")
    click(app, "setup-add")
    profiles = app.state.scenario.profiles
    click(app, "f-profile")
    if not on_screen(app, profiles[1].description.fr):
        click(app, "form-page-next")  # the household's rows may take two pages at this size
    assert on_screen(app, profiles[1].description.fr), "the chosen profile is described"
    assert not unreadable(app), unreadable(app)[:3]


def test_the_card_describes_the_project_with_a_plain_effect_and_the_hours_coverage_asks(tmp_path):
    app = make_app(tmp_path, DEMO)
    app.new_session(DEMO)
    assert app.act(A.UseRoster()) and app.act(A.Advance()) and app.act(A.Advance())
    app.tick()
    click(app, "cat-car-sharing")
    project = app.state.scenario.project("car-sharing")
    assert on_screen(app, project.description.fr)
    assert on_screen(app, "de CO₂ en moins par an pour chaque personne qui y participe")
    click(app, "proposer")  # the card speaks for the family that proposes
    family = app.state.present()[0]
    assert on_screen(app, f"de CO₂ en moins par an pour chacun des {family.spec.name}")
    click(app, "propose-car-sharing")
    need = proposal_coverage(app.state, app.state.proposal("car-sharing")).hours[1]
    asked = app.t.num(need, 1)
    assert any(f"{asked}\u00a0h/sem." in x or f"{asked} h/sem." in x for x in texts(app)), (asked, texts(app))
    assert on_screen(app, "la première année pour la mise en route")
    assert not [x for x in texts(app) if "É " in x and "−" in x], "the energy mark is a word's letter"


def test_marks_speak_the_screen_language(tmp_path):
    app = make_app(tmp_path, DEMO, lang="pt")
    app.new_session(DEMO)
    assert app.act(A.UseRoster()) and app.act(A.Advance()) and app.act(A.Advance())
    app.tick()
    click(app, "cat-car-sharing")
    assert not [x for x in texts(app) if "É\u00a0" in x], "no French É in Portuguese"
    assert any("E\u00a0−" in x for x in texts(app))
