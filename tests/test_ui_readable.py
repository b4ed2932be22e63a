"""Readable at every text size: no text under the floor, cut, outside its box or over another one."""

from __future__ import annotations

import pygame
import pytest

from game import theme
from game.fonts import Fonts
from game.i18n import PSEUDO
from game.layout import Painter
from tests.ui_helpers import next_step, ROOT, click, key, make_app, play, unreadable

DEMO = ROOT / "scenarios" / "fr-quartier.toml"
SCENES = ["title", "setup", "situation", "proposals", "pledges", "codecision", "resolution", "review", "debrief"]


def test_the_floor_grows_with_the_text_size():
    pygame.font.init()
    assert theme.floor(1.0) == 28 and theme.floor(1.25) == 28 and theme.floor(2.0) == 44
    for scale in (1.0, 1.5, 2.0):
        painter = Painter(Fonts(), scale)
        fit = painter.fit("un texte bien trop long pour une si petite boîte " * 4, 200, 60, painter.px("body"))
        assert fit.size == theme.floor(scale) and fit.cut
        roomy = painter.fit("Maintenant", 800, 200, painter.px("body"))
        assert roomy.size == painter.px("body") and not roomy.cut


def test_a_line_in_the_fallback_font_stands_on_the_body_font_line():
    """Words Atkinson lacks a letter of are drawn in Noto Sans, whose line is taller: such a line keeps
    the body font's height (same baseline) when its ink fits there, and loses none of its ink."""
    from game.fonts import REGULAR, covers

    pygame.font.init()
    fonts = Fonts()
    text = "[Ŵéĺĺ-béîñĝ ĺöŕéɱ]"
    assert not covers(REGULAR, text)
    for size in (28, 35, 44, 56):
        whole = fonts.font(size, False, text).render(text, True, theme.INK)
        drawn = fonts.render(text, size, theme.INK)
        assert drawn.get_height() == fonts.height(text, size) < whole.get_height()
        assert pygame.mask.from_surface(drawn).count() == pygame.mask.from_surface(whole).count()
    assert fonts.height(text, 28) == fonts.line_height(28) == fonts.height("Well-being", 28)
    assert Painter(fonts, 1.0).fits(text, 600, fonts.line_height(28))


def test_small_or_grey_text_is_found(tmp_path):
    """The check the scenes pass can fail: 22 px text (the old floor) and grey words are reported."""
    app = make_app(tmp_path, DEMO)
    assert not unreadable(app), unreadable(app)[:4]
    app.painter.text(app.surface, "Pas encore répondu", (100, 100, 600, 60), size=22)
    app.painter.text(app.surface, "Moyenne de l'association", (100, 200, 600, 60), colour=theme.MUTED)
    found = unreadable(app)
    assert any("at 22 px, under the floor of 28 px" in x for x in found), found
    assert any("in grey" in x for x in found), found


@pytest.mark.parametrize("scale, lang", [(1.0, None), (1.25, None), (2.0, None),
                                         (1.0, PSEUDO), (1.25, PSEUDO), (2.0, PSEUDO)])
def test_every_scene_of_a_whole_session_is_readable(tmp_path, scale, lang):
    """Every frame of the demo roster's five rounds, and help, glossary and pause over each scene;
    in the pseudo-language too (accented, 40 % longer than English), at every text size."""
    app = make_app(tmp_path, DEMO, text_scale=scale, lang=lang)
    assert lang is None or app.t("title.new").startswith("[")
    problems: dict[str, set] = {}

    def every(app, scene):
        for problem in unreadable(app):
            problems.setdefault(scene, set()).add(problem)

    def overlays(app, scene):
        for name in ("help", "glossary", "pause"):
            app.overlay = name
            app.tick()
            every(app, f"{scene} + {name}")
        app.overlay = None
        app.tick()

    assert play(app, click, check=overlays, every=every) == SCENES
    assert not problems, {scene: sorted(found)[:4] for scene, found in problems.items()}


@pytest.mark.parametrize("scale, lang", [(1.0, None), (2.0, None), (1.0, PSEUDO), (1.25, PSEUDO), (2.0, PSEUDO)])
def test_the_family_form_and_an_objection_are_readable(tmp_path, scale, lang):
    app = make_app(tmp_path, DEMO, text_scale=scale, lang=lang)
    click(app, "title-new")
    click(app, "setup-roster")
    click(app, "setup-edit-martin")
    for tab in ("form-tab-0", "form-tab-1"):
        click(app, tab)
        while True:
            assert not unreadable(app), (tab, unreadable(app)[:4])
            if not any(w.id == "form-page-next" and w.enabled for w in app.widgets):
                break
            click(app, "form-page-next")
    key(app, pygame.K_ESCAPE)
    assert app.view.get("form") is None
    next_step(app)
    next_step(app)
    click(app, "cat-car-sharing")
    assert not unreadable(app), unreadable(app)[:4]
    click(app, "propose-car-sharing")
    next_step(app)
    next_step(app)
    assert app.state.phase == "codecision"
    app.view.set("objecting", "martin")  # the panel an objection opens, with Martin's criteria
    app.tick()
    assert any(w.id == "objection-criterion-0" for w in app.widgets)
    assert not unreadable(app), unreadable(app)[:4]


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_chart_value_labels_never_meet_the_year_labels(tmp_path, scale):
    app = make_app(tmp_path, text_scale=scale)
    click(app, "title-new")
    click(app, "setup-roster")
    next_step(app)
    if scale > 1.0:
        click(app, "sit-view-chart")
    boxes = {b.text: b.drawn for b in app.painter.record}
    zero, first, last = boxes["0,0"], boxes["2025"], boxes["2050"]
    assert not zero.colliderect(first) and zero.right <= first.left
    assert first.right < last.left


def test_what_gives_way_at_200_percent_in_a_longer_language_stays_reachable(tmp_path):
    """Help and the glossary leave the bar for the pause panel; the debrief's story opens from a
    button under the plan: each still opens, readable, by a press."""
    app = make_app(tmp_path, DEMO, text_scale=2.0, lang=PSEUDO)
    click(app, "title-new")
    click(app, "setup-roster")
    next_step(app)
    ids = [w.id for w in app.widgets]
    assert "bar-help" not in ids and "bar-glossary" not in ids and "bar-room" in ids and "bar-next" in ids
    click(app, "bar-pause")
    assert not unreadable(app), unreadable(app)[:4]
    click(app, "pause-glossary")
    assert app.overlay == "glossary"
    key(app, pygame.K_F1)
    assert app.overlay == "help"
    app.overlay = None
    app.tick()
    assert play(app, click)[-1] == "debrief"
    app.view.set("db-open", False)
    app.toasts.clear()
    app.tick()
    assert any(w.id.startswith("db-row-") for w in app.widgets) and not unreadable(app), unreadable(app)[:4]
    click(app, "db-story")
    assert any(w.id == "db-story-back" for w in app.widgets)
    assert any(b.text == app.t("debrief.story_title") for b in app.painter.record)
    assert not unreadable(app), unreadable(app)[:4]
    key(app, pygame.K_ESCAPE)
    assert any(w.id == "db-story" for w in app.widgets)
    for lang in (None, "pt"):  # the real languages keep help and the glossary in the bar at 200 %
        other = make_app(tmp_path / (lang or "fr"), DEMO, text_scale=2.0, lang=lang)
        click(other, "title-new")
        click(other, "setup-roster")
        next_step(other)
        assert {"bar-help", "bar-glossary"} <= {w.id for w in other.widgets}
