"""Readability: translations complete, fonts with every character, contrast, text sizes."""

from __future__ import annotations

import re

import pytest

from game import i18n, theme
from game.fonts import BOLD, FALLBACK, REGULAR, codepoints, covers
from tests.ui_helpers import ROOT, click, make_app, play


def keys(lang: str) -> dict[str, str]:
    return i18n.table(lang)


def test_french_and_english_have_the_same_keys_and_placeholders():
    fr, en = keys("fr"), keys("en")
    assert set(fr) == set(en), set(fr) ^ set(en)
    for k in fr:
        assert i18n.placeholders(fr[k]) == i18n.placeholders(en[k]), k
        assert fr[k].strip() and en[k].strip(), k


def test_every_engine_refusal_is_translated():
    from engine.rules import REJECTION_CODES

    codes = REJECTION_CODES
    for lang in i18n.COMPLETE:
        missing = sorted(c for c in codes if f"rejected.{c}" not in keys(lang))
        assert not missing, f"{lang}: {missing}"


def test_every_key_used_in_a_session_exists(tmp_path):
    i18n.USED.clear()
    app = make_app(tmp_path)
    play(app, click)
    app.overlay = "help"
    app.tick()
    for lang in i18n.COMPLETE:
        missing = sorted(k for k in i18n.USED if k not in keys(lang))
        assert not missing, f"{lang}: {missing}"
    raw = re.compile(r"^[a-z_]+\.[a-z_./-]+$")
    assert not [b.text for b in app.painter.record if raw.match(b.text)]


@pytest.mark.parametrize("path", [REGULAR, BOLD, FALLBACK])
def test_bundled_fonts_have_french_portuguese_romanian(path):
    have = codepoints(path)
    for ch in "çãõșțéèêàâœÇÃÕȘȚ€":
        assert ord(ch) in have, (path.name, ch)


def test_every_character_has_a_font():
    assert ord("₂") in codepoints(FALLBACK)
    for lang in ("fr", "en", "pt"):
        for text in keys(lang).values():
            assert covers(REGULAR, text) or covers(FALLBACK, text), text


def test_font_licences_are_bundled():
    for name in ("OFL-AtkinsonHyperlegible.txt", "OFL-NotoSans.txt"):
        assert "SIL Open Font License" in (ROOT / "assets" / "fonts" / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", list(theme.THEMES))
def test_text_contrast_is_at_least_4_5_and_7_in_high_contrast(name):
    try:
        theme.use(name)
        low = [(ink, bg, round(theme.contrast(ink, bg), 2)) for ink, bg in theme.text_pairs()
               if theme.contrast(ink, bg) < theme.LEAST_CONTRAST[name]]
    finally:
        theme.use("standard")
    assert theme.LEAST_CONTRAST[name] >= 4.5
    assert not low, low


def test_marks_do_not_rely_on_colour_alone():
    assert len(set(theme.STRATEGY_PATTERN.values())) == 3
    assert len(set(theme.FOOTPRINT_PATTERN)) == 3
    from game.i18n import I18n
    from game.scenes.common import STRATEGY_LETTER, footprint_letter

    assert len(set(STRATEGY_LETTER.values())) == 3
    for lang in ("fr", "en", "pt"):
        letters = [footprint_letter(I18n(lang), i) for i in range(3)]
        assert len(set(letters)) == 3, (lang, letters)
    # a footprint's letter is its word's first letter in each language: never "É" outside French
    assert footprint_letter(I18n("pt"), 1) == "E" and footprint_letter(I18n("fr"), 1) == "É"


def test_body_text_is_at_least_28_px(tmp_path):
    app = make_app(tmp_path)
    sizes = []

    def check(app, scene):
        record = [b for b in app.painter.record if b.role != "mark"]
        small = [b for b in record if b.requested < theme.BODY]
        assert not small, (scene, small[:3])
        sizes.extend(b.size for b in record)

    play(app, click, check=check)
    big = sum(1 for s in sizes if s >= theme.BODY) / len(sizes)
    assert big >= 0.75, f"only {big:.0%} of the texts are drawn at 28 px or more"
