"""The network's synthesis page, opened in real headless Chromium."""

import re

import pytest

from engine import actions as A
from engine.network.summary import summarise
from engine.network.synthesis import ENGLISH, render
from game.i18n import engine_words
from engine.rules import apply
from engine.simulate import play
from tests import chromium
from tests.conftest import SCENARIOS


@pytest.fixture(scope="module")
def summaries():
    from engine.scenario.load import load_scenario, read_text

    out = []
    chosen = [p for p in SCENARIOS if p.stem in ("fr-quartier", "pt-odemira", "cv-aldeia")]
    for i, path in enumerate(chosen):
        scenario, text = load_scenario(path), read_text(path)
        for seed in (1, 2):
            state = play(scenario, text, seed).state
            state = apply(state, A.Ask(level="region", about=scenario.sectors[i].id, text="Buses."))
            out.append(summarise(state, {"session": f"{path.stem}-{seed}", "created": "2026-12-06T09:00:00"}))
    return out


@pytest.mark.parametrize("language, title", [("fr", "Synthèse du réseau"), ("en", "TOGETHER network synthesis"),
                                             ("pt", "Síntese da rede")])
def test_one_row_per_territory_and_no_console_error(tmp_path, summaries, language, title):
    page = tmp_path / "synthesis.html"
    page.write_text(render(summaries, language, engine_words(language)), encoding="utf-8")
    dom, console = chromium.load(page)
    assert console == []
    assert dom.count('<tr class="territory">') == 3
    for territory in ("fr-quartier", "pt-odemira", "cv-aldeia"):
        assert f"<td>{territory}</td>" in dom
    assert dom.count('<tr class="ask">') == 3  # one subject per territory, each asked twice
    assert dom.count('<td class="n">2</td></tr>') >= 3
    assert f'<html lang="{language}">' in dom and f"<h1>{title}" in dom


def test_the_page_needs_nothing_from_outside(summaries):
    html = render(summaries, "fr")
    outside = [u for u in re.findall(r"""(?:src|href)=["']?([^"' >]+)""", html)]
    assert outside == []
    assert "@import" not in html and "url(" not in html


def test_bars_are_to_scale(summaries):
    html = render(summaries, "en")
    bars = re.findall(r'class="bar (co2_start|co2_end)" x="\d+" y="[\d.]+" width="([\d.]+)" height="\d+" '
                      r'fill="#\w+" data-value="([\d.]+)"', html)
    assert len(bars) == 6
    ratios = [float(width) / float(value) for _, width, value in bars if float(value) > 0]
    assert max(ratios) / min(ratios) < 1.01  # widths are drawn to 0.1 px


def test_the_engines_english_is_the_english_catalogue(summaries):
    say = engine_words("en")
    assert all(say(key, {}) == text for key, text in ENGLISH.items() if "{" not in text)
    assert render(summaries, "en") == render(summaries, "en", say)
