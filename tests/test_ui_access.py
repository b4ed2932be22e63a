"""Accessibility: colours told apart under colour-vision deficiencies (simulated on screenshots),
a high-contrast theme, animations that can be turned off, and a focus that is always drawn."""

from __future__ import annotations

import itertools
import time

import numpy as np
import pygame
import pytest

from game import theme
from game.cli import build_parser
from game.play import Options
from tests.colour_vision import DEFICIENCIES, delta_e2000, lab, simulate
from tests.ui_helpers import ROOT, click, key, make_app, play, widget

DEMO = ROOT / "scenarios" / "fr-quartier.toml"
# ΔE2000 past which two colours are told apart at a glance (about 2.3 is the least noticeable
# difference; 10 and more reads as another colour)
APART = 15.0


def screenshot(app) -> np.ndarray:
    w, h = app.surface.get_size()
    return np.frombuffer(pygame.image.tobytes(app.surface, "RGB"), dtype=np.uint8).reshape(h, w, 3)


def test_the_colour_difference_is_ciede2000():
    """Sharma, Wu & Dalal's (2005) test pairs."""
    pairs = [((50, 2.6772, -79.7751), (50, 0, -82.7485), 2.0425), ((50, 0, 0), (50, -1, 2), 2.3669),
             ((50, 2.5, 0), (73, 25, -18), 27.1492), ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
             ((2.0776, 0.0795, -1.135), (0.9033, -0.0636, -0.5514), 0.9082)]
    for a, b, expected in pairs:
        assert float(delta_e2000(np.array(a), np.array(b))) == pytest.approx(expected, abs=1e-4)
    # the simulation keeps greys grey and a protanope's red dark
    assert np.abs(simulate(np.array([128, 128, 128]), "protanopia") - 128).max() <= 1
    assert simulate(np.array([255, 0, 0]), "protanopia").sum() < 255


@pytest.mark.parametrize("name", list(theme.THEMES))
def test_strategies_and_footprints_stay_apart_under_the_three_deficiencies(tmp_path, name):
    """Every scene of a session, each screenshot seen as by a protanope, a deuteranope and a
    tritanope: the pixels of each strategy's and each footprint's colour, as they are seen, differ
    from those of every other of their kind by at least APART."""
    app = make_app(tmp_path, DEMO, theme=name)
    groups = {"strategies": list(theme.STRATEGY_COLOUR.values()),
              "footprints": [*theme.FOOTPRINT_COLOUR, theme.BEFORE[0]]}
    palette = {tuple(c) for cs in groups.values() for c in cs}
    seen: dict[tuple[str | None, tuple], np.ndarray] = {}

    def look(app, scene):
        flat = screenshot(app).reshape(-1, 3)
        packed = (flat[:, 0].astype(np.int32) << 16) | (flat[:, 1].astype(np.int32) << 8) | flat[:, 2]
        for c in palette:
            pixels = flat[packed == (c[0] << 16 | c[1] << 8 | c[2])]
            if len(pixels) < 50:
                continue
            for deficiency in (None, *DEFICIENCIES):
                # the screenshot's pixels of that colour, as seen with the deficiency
                viewed = pixels if deficiency is None else simulate(pixels, deficiency)
                seen.setdefault((deficiency, c), np.median(viewed, axis=0))

    play(app, click, check=look)
    missing = sorted({c for _, c in seen} ^ palette)
    assert not missing, f"never on screen: {missing}"
    close = []
    for kind, colours in groups.items():
        for deficiency in (None, *DEFICIENCIES):
            for a, b in itertools.combinations(colours, 2):
                d = float(delta_e2000(lab(seen[deficiency, tuple(a)]), lab(seen[deficiency, tuple(b)])))
                if d < APART:
                    close.append((kind, deficiency, a, b, round(d, 1)))
    assert not close, close


def test_the_high_contrast_theme_from_the_title_the_pause_the_option_and_the_environment(tmp_path, monkeypatch):
    app = make_app(tmp_path, DEMO)
    assert theme.current == "standard" and tuple(screenshot(app)[5, 5]) == theme.STANDARD["BG"]
    click(app, "title-contrast")
    assert theme.current == "high-contrast" and tuple(screenshot(app)[5, 5]) == theme.HIGH_CONTRAST["BG"]
    assert widget(app, "title-contrast").checked
    click(app, "title-new")
    click(app, "bar-pause")
    click(app, "pause-contrast")
    assert theme.current == "standard" and not widget(app, "pause-contrast").checked

    args = build_parser().parse_args(["play", "--theme", "high-contrast", "--no-animations"])
    assert (args.theme, args.animations) == ("high-contrast", False)
    make_app(tmp_path, DEMO, theme=args.theme)
    assert theme.current == "high-contrast"
    monkeypatch.setenv("BVE_THEME", "high-contrast")
    monkeypatch.setenv("BVE_ANIMATIONS", "off")
    app = make_app(tmp_path, DEMO)
    assert theme.current == "high-contrast" and not app.animations
    monkeypatch.delenv("BVE_THEME")
    monkeypatch.delenv("BVE_ANIMATIONS")
    app = make_app(tmp_path, DEMO)
    assert theme.current == "standard" and app.animations


def _typing_in_a_field(tmp_path, **kw):
    app = make_app(tmp_path, DEMO, **kw)
    click(app, "title-new")
    click(app, "setup-roster")
    click(app, "setup-edit-martin")
    click(app, "f-name")
    assert app.entries.focused == "f-name"
    return app


def _frames_over(app, seconds: float) -> set[bytes]:
    frames = set()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.tick()
        app.draw()  # drawn anew each time, so that only what moves can differ
        frames.add(pygame.image.tobytes(app.surface, "RGB"))
        time.sleep(0.05)
    return frames


def test_with_animations_off_nothing_blinks(tmp_path):
    moving = _typing_in_a_field(tmp_path)
    assert moving.animations and len(_frames_over(moving, 1.8)) > 1, "the cursor blinks"
    still = _typing_in_a_field(tmp_path, animations=False)
    assert len(_frames_over(still, 1.8)) == 1, "nothing moves"
    click(still, "form-cancel") if any(w.id == "form-cancel" for w in still.widgets) else key(still, pygame.K_ESCAPE)
    click(still, "bar-pause")
    assert not widget(still, "pause-motion").checked
    click(still, "pause-motion")
    assert still.animations and widget(still, "pause-motion").checked


def ring_drawn(app, wid: str) -> float:
    """The share of the focus ring around a widget that shows on the frame in the focus colour."""
    ring = widget(app, wid).rect.inflate(12, 12)
    area = ring.inflate(4, 4).clip(app.surface.get_rect())
    drawn = pygame.Surface(area.size)
    drawn.fill((0, 0, 0))
    pygame.draw.rect(drawn, (255, 255, 255), ring.inflate(-2, -2).move(-area.x, -area.y), 3, border_radius=16)
    mask = np.frombuffer(pygame.image.tobytes(drawn, "RGB"), dtype=np.uint8).reshape(-1, 3)[:, 0] == 255
    frame = app.surface.subsurface(area)
    shown = np.frombuffer(pygame.image.tobytes(frame, "RGB"), dtype=np.uint8).reshape(-1, 3)[mask]
    return float(np.all(shown == theme.FOCUS, axis=1).mean())


@pytest.mark.parametrize("name", list(theme.THEMES))
def test_a_whole_session_by_keyboard_with_the_focus_always_drawn(tmp_path, name):
    """Tab to every button the demo would press, the ring checked on the frame, then Enter."""
    app = make_app(tmp_path, DEMO, theme=name)
    faint = []

    def press(app, wid):
        enabled = [w.id for w in app.widgets if w.enabled]
        start = enabled.index(app.focus) if app.focus in enabled else -1
        for _ in range((enabled.index(wid) - start) % len(enabled) or len(enabled)):
            key(app, pygame.K_TAB, tick=False)
        app.tick()
        assert app.focus == wid, (app.focus, wid)
        share = ring_drawn(app, wid)
        if share < 0.9:
            faint.append((app.scene_key(), wid, round(share, 2)))
        key(app, pygame.K_RETURN)

    assert play(app, press)[-1] == "debrief"
    assert not faint, faint
