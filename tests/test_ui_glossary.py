"""The glossary over any scene: the scenario's words, else the game's own; paged, readable, closable."""

from __future__ import annotations

import pygame
import pytest

from game.overlays import BUILT_IN
from tests.ui_helpers import next_step, ROOT, click, key, keyboard_press, make_app, on_screen, tap, texts, unreadable

DEMO = ROOT / "scenarios" / "fr-quartier.toml"


def in_session(tmp_path, scenario=DEMO, **kw):
    app = make_app(tmp_path, scenario, **kw)
    click(app, "title-new")
    click(app, "setup-roster")
    next_step(app)
    return app


def every_page(app) -> list[str]:
    """The texts of each glossary page, turning pages with the › button; checks each is readable."""
    seen = []
    while True:
        assert not unreadable(app), unreadable(app)[:3]
        seen.extend(b.text for b in app.painter.record if b.layer == 1)
        if not any(w.id == "overlay-page-next" and w.enabled for w in app.widgets):
            return seen
        click(app, "overlay-page-next")


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_the_scenario_glossary_in_both_languages(tmp_path, scale):
    app = in_session(tmp_path, text_scale=scale)
    scenario = app.state.scenario
    assert scenario.glossary
    click(app, "bar-glossary")
    assert app.overlay == "glossary" and on_screen(app, "Glossaire")
    seen = every_page(app)
    for g in scenario.glossary:
        assert g.term.get("fr") in seen and g.definition.get("fr") in seen
    key(app, pygame.K_ESCAPE)
    assert app.overlay is None
    click(app, "bar-lang")  # English
    key(app, pygame.K_F7)
    assert app.overlay == "glossary" and on_screen(app, "Glossary")
    seen = every_page(app)
    for g in scenario.glossary:
        assert g.term.get("en") in seen
    click(app, "overlay-close")
    assert app.overlay is None


def test_the_game_glossary_when_the_scenario_has_none(tmp_path):
    app = in_session(tmp_path, ROOT / "tests" / "data" / "mini.toml")
    assert not app.state.scenario.glossary
    tap(app, "bar-glossary")
    seen = every_page(app)
    words = {app.t(f"gloss.{k}") for k in BUILT_IN}
    assert len(BUILT_IN) == 12 and words <= set(seen), words - set(seen)
    assert "Codécision" in seen and "Engagement" in seen
    key(app, pygame.K_ESCAPE)
    app.set_language("pt")
    app.tick()
    click(app, "bar-glossary")
    assert {"Pegada", "Sobriedade", "Codecisão"} <= set(every_page(app))


def test_pages_turn_by_keyboard_and_wheel_and_the_scene_stays_out_of_reach(tmp_path):
    app = in_session(tmp_path, text_scale=2.0)
    key(app, pygame.K_F7)
    pages = app.view.get("overlay-pages")
    assert pages > 1
    assert not [w for w in app.widgets if not w.id.startswith(("bar-", "overlay-"))]
    first = texts(app)
    key(app, pygame.K_PAGEDOWN)
    assert app.view.get("overlay-page") == 1 and texts(app) != first
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False, precise_x=0.0, precise_y=1.0))
    app.tick()
    assert app.view.get("overlay-page") == 0
    keyboard_press(app, "overlay-page-next")
    assert app.view.get("overlay-page") == 1
    keyboard_press(app, "overlay-close")
    assert app.overlay is None and app.scene_key() == "situation"
