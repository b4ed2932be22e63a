"""The report's teacher pack in class mode: the questions by round, the generations, the words
used, and one A4 sheet per family, checked in headless Chromium."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from engine.scenario.load import load_scenario
from engine.simulate import play
from game.report import render
from game.teacher_pack import STYLE as PACK_STYLE
from game.teacher_pack import sheets_html
from game.i18n import I18n
from game.report import STYLE
from tests import chromium

ROOT = Path(__file__).resolve().parent.parent
CLASSROOM = ROOT / "scenarios" / "classroom.toml"


@pytest.fixture(scope="module")
def session():
    scenario = load_scenario(CLASSROOM)
    return play(scenario, CLASSROOM.read_text(encoding="utf-8"), seed=5, classroom=True)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_class_report_has_the_teacher_pack(session, lang):
    state = session.state
    assert state.class_mode and state.scenario.years.rounds == 3
    html = unescape(render(state, lang, "class.jsonl", session.fingerprint()))
    t = I18n(lang, classroom=True)
    assert t("report.pack_title") in html
    for r in (1, 2, 3):
        assert t("report.questions_round", round=r) in html
    sc = state.scenario
    for q in sc.questions:
        assert q.text.get(lang) in html, q.text.get(lang)
    assert html.count('<section class="sheet">') == len(state.present()) == 8
    assert t("report.words_title") in html and "<dt>" in html
    assert t("generation.seniors") in html
    assert not re.search(r"\b[A-I]\d\d\b", re.sub(r"<[^>]+>", " ", html)), "no bare SPIRAL code in the pack"


def test_a_plain_report_has_no_pack():
    scenario = load_scenario(CLASSROOM)
    plain = play(scenario, CLASSROOM.read_text(encoding="utf-8"), seed=5)
    assert not plain.state.class_mode
    assert "sheet" not in render(plain.state, "fr")


def test_each_family_sheet_prints_on_one_a4_page(session, tmp_path):
    state = session.state
    t = I18n("fr", classroom=True)
    page = (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><style>{STYLE}{PACK_STYLE}</style></head>'
            f"<body>{sheets_html(state, t, 'fr')}</body></html>")
    path = tmp_path / "sheets.html"
    path.write_text(page, encoding="utf-8")
    pdf = tmp_path / "sheets.pdf"
    done = chromium.run(f"--print-to-pdf={pdf}", "--no-pdf-header-footer", path.as_uri())
    assert pdf.exists() and pdf.stat().st_size > 0, done.stderr[-2000:]
    data = pdf.read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", data))
    assert pages == len(state.present()), f"{pages} pages for {len(state.present())} families: a sheet per page"
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)", data)
    assert box and abs(float(box.group(1)) - 595) < 3 and abs(float(box.group(2)) - 842) < 3, "A4"
