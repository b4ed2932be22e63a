"""A whole preset session through the real loop: by mouse, by finger, by keyboard alone."""

from __future__ import annotations

import pytest

from engine.log.replay import replay
from engine.state import digest
from tests.ui_helpers import SCREENS, click, keyboard_press, make_app, on_screen, overflowing, play, tap

KEY_TEXTS = {
    "title": ["Nouvelle partie"],
    "setup": ["Jouer avec les familles préinscrites"],
    "situation": ["Empreintes par personne et par an", "Martin", "Moyenne de l'association", "Carte événement"],
    "proposals": ["Autopartage", "Proposer"],
    "pledges": ["Couverture", "€ par mois", "Enregistrer l'engagement"],
    "codecision": ["Consentement", "Objection", "Décider"],
    "resolution": ["Ce qui démarre"],
    "review": ["Équité et bien-vivre", "CO₂ par personne et par an (t)"],
    "debrief": ["Plan d'action", "Enregistrer le rapport"],
}


# at 200 % the screen shows one panel at a time: the tabs name the others
KEY_TEXTS_LARGE = dict(KEY_TEXTS, **{
    "situation": ["Empreintes", "Martin", "Moyenne de l'association", "Événement"],
    "proposals": ["Autopartage", "S · Sobriété"],
    "pledges": ["Projets", "Familles", "Couverture"],
    "codecision": ["Projets", "Réponses", "Décision"],
    "review": ["Bien-vivre", "Équité", "Trajectoire"],
})


def check_scene(app, scene):
    for needle in (KEY_TEXTS if app.scale <= 1.0 else KEY_TEXTS_LARGE)[scene]:
        assert on_screen(app, needle), f"{needle!r} missing on {scene}"
    bad = overflowing(app)
    assert not bad, f"text outside its box on {scene} at {app.scale:.0%}: {bad[:3]}"
    raw = [b.text for b in app.painter.record if b.text.startswith(("rejected.", "misc.", "phase."))]
    assert not raw, raw


def finish(app):
    """The state on screen is the state the log replays to, byte for byte."""
    assert app.scene_key() == "debrief"
    result = replay(app.session.writer.path)
    assert result.ok, result.describe_error()
    assert digest(result.state) == digest(app.state)
    assert app.state.running, "the demo roster adopts at least one project"
    return result


def test_mouse_session_to_debrief(tmp_path):
    app = make_app(tmp_path)
    seen = play(app, click, shots=SCREENS / "100", check=check_scene)
    assert seen == list(KEY_TEXTS)
    finish(app)
    report = app.view.get("report")
    assert report and "<svg" in open(report, encoding="utf-8").read()


def test_touch_session_to_debrief(tmp_path):
    app = make_app(tmp_path)
    play(app, tap)
    finish(app)


def test_keyboard_only_session_at_200_percent(tmp_path):
    app = make_app(tmp_path, text_scale=2.0)
    seen = play(app, keyboard_press, shots=SCREENS / "200", check=check_scene)
    assert seen == list(KEY_TEXTS)
    finish(app)


@pytest.mark.parametrize("lang", ["en"])
def test_english_session(tmp_path, lang):
    app = make_app(tmp_path, lang=lang)
    play(app, click)
    assert on_screen(app, "Action plan")
    assert not overflowing(app)
