"""The room view: one footprint across the width, 8 and 12 families on one screen, 40 px and more."""

from __future__ import annotations

import pygame
import pytest

from engine import actions as A
from game import room
from tests.ui_helpers import ROOT, SCREENS, click, key, make_app, on_screen, play, unreadable

DEMO = ROOT / "scenarios" / "fr-quartier.toml"
MORE = ("Petit", "Rousseau", "Haddad", "Ferreira")


def _session(app, families: int) -> None:
    app.new_session(DEMO)
    assert app.act(A.UseRoster())
    for k, name in enumerate(MORE[:families - len(app.state.present())]):
        spec = app.state.families[k].spec.model_copy(update={"id": name.lower(), "name": name})
        assert app.act(A.AddFamily(family=spec))
    assert len(app.state.present()) == families
    assert app.act(A.Advance())
    app.tick()


def _check_room(app, shot) -> None:
    names = [b for b in app.painter.record if b.text in {f.spec.name for f in app.state.present()}]
    assert len(names) == len(app.state.present()), "every family on one screen"
    assert not any(w.id.startswith("room-page") for w in app.widgets)
    assert min(b.size for b in names) >= room.ROOM_PX
    for needle in ("services publics : 1,4 t — décidé aux autres échelons", "cible 2050 : 2,0 t",
                   "moyenne de l'association"):
        assert on_screen(app, needle), needle
    assert not unreadable(app), unreadable(app)[:3]
    shot.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(app.surface, str(shot))


@pytest.mark.parametrize("scale", [1.0, 1.5])
@pytest.mark.parametrize("families", [8, 12])
def test_the_room_view_shows_every_family_large(tmp_path, scale, families):
    app = make_app(tmp_path, DEMO, text_scale=scale)
    _session(app, families)
    click(app, "bar-room")
    _check_room(app, SCREENS / "room" / f"{families}_families_{round(scale * 100)}_co2.png")
    click(app, "room-fp-1")
    assert on_screen(app, "moyenne de l'association") and not unreadable(app)
    key(app, pygame.K_F9)
    assert not room.is_open(app) and on_screen(app, "Carte événement" if scale == 1.0 else "Événement")


def test_a_whole_session_at_150_percent_with_the_room_view(tmp_path):
    app = make_app(tmp_path, DEMO, text_scale=1.5)
    shots = SCREENS / "150"

    def check(app, scene):
        assert not unreadable(app), (scene, unreadable(app)[:3])
        if scene in room.SCENES:
            click(app, "bar-room")
            _check_room(app, shots / f"room_{scene}.png")
            if scene != "situation":
                assert on_screen(app, "depuis le tour précédent")
            click(app, "room-close")

    play(app, click, shots=shots, check=check)
    assert app.scene_key() == "debrief"


def test_co_decision_shows_twelve_families_on_one_page_and_the_safety_check_hides_answers(tmp_path):
    app = make_app(tmp_path, DEMO)
    _session(app, 12)
    assert app.act(A.Advance()) and app.act(A.Propose(project="carpooling")) and app.act(A.Advance())
    app.tick()
    click(app, "pl-share")
    click(app, "bar-next")
    assert app.state.phase == "codecision"
    families = app.state.present()
    assert all(any(w.id == f"answer-{f.id}-consent" for w in app.widgets) for f in families), "one page"
    assert not any(w.id == "cd-page-next" for w in app.widgets)
    assert on_screen(app, "Pas encore de verdict : personne n'a répondu")
    assert not next(w for w in app.widgets if w.id == "decide-override").enabled, "no override before an answer"
    assert not unreadable(app), unreadable(app)[:3]
    click(app, "cd-secret")
    click(app, f"answer-{families[0].id}-concern")
    assert on_screen(app, "a répondu") and not on_screen(app, "Réserve :")
    assert on_screen(app, "Verdict caché jusqu'à la dernière réponse")
    for f in families[1:]:
        click(app, f"answer-{f.id}-consent")
    assert on_screen(app, "Toutes les familles ont répondu.")
    assert on_screen(app, "Selon la règle : adopté"), "revealed together once all have answered"
    assert not on_screen(app, "a répondu")
    pygame.image.save(app.surface, str(SCREENS / "room" / "codecision_12_families_100.png"))
