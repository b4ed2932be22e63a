"""The gettext catalogues: complete, every key used, compiled as read, and the pseudo-language."""

from __future__ import annotations

import gettext
import shutil
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from game import catalogues, i18n
from tests.conftest import ROOT


def test_no_key_is_missing_or_unused():
    problems = catalogues.report()
    assert not any(problems.values()), problems


def test_the_check_finds_a_missing_key_an_unused_one_and_a_lost_placeholder(tmp_path):
    """A copy of the catalogues and of one module, each spoilt once: the check names all three."""
    source = tmp_path / "i18n"
    shutil.copytree(catalogues.SOURCE_DIR, source, ignore=shutil.ignore_patterns("*.mo"))
    for folder in catalogues.CODE_DIRS:
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    bar = tmp_path / "game" / "bar.py"
    bar.write_text(bar.read_text(encoding="utf-8").replace('t("bar.undo")', 't("bar.undo_everything")'),
                   encoding="utf-8")
    pt = catalogues.po_path("pt", source)
    text = pt.read_text(encoding="utf-8")
    assert '"Página {page}/{pages}"' in text
    pt.write_text(text.replace('"Página {page}/{pages}"', '"Página {page}"'), encoding="utf-8")
    problems = catalogues.report(source, tmp_path)
    assert any(line.startswith("bar.undo_everything: asked for at game/bar.py:") for line in problems["missing"])
    assert "bar.undo: in the catalogues, used nowhere in the code" in problems["unused"]
    assert any(line.startswith("misc.page: pt has ['page']") for line in problems["placeholders"])


def test_the_check_command_says_the_catalogues_are_complete():
    out = subprocess.run([sys.executable, "-m", "game.catalogues", "check"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "the catalogues are complete, every key is used" in out.stdout


def test_the_compiled_catalogues_say_what_the_sources_say(tmp_path):
    written = catalogues.compile_all(out=tmp_path)
    assert {p.parent.parent.name for p in written} == {"fr", "en", "pt", "qps"}
    for lang in catalogues.LANGUAGES:
        compiled = gettext.translation(catalogues.DOMAIN, str(tmp_path), languages=[lang])
        source = catalogues.messages(lang)
        assert len(source) > 400
        assert all(compiled.gettext(k) == v for k, v in source.items()), lang


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz ÉéàçABC.,:'{}", max_size=80))
def test_the_pseudo_language_is_longer_accented_and_keeps_the_placeholders(text):
    shown = catalogues.pseudo(text)
    fields = catalogues.FIELD.findall(text)
    assert catalogues.FIELD.findall(shown) == fields
    letters = len(text) - sum(map(len, fields))
    if letters > 3:
        assert len(shown) - sum(map(len, fields)) >= letters * 1.4
        assert shown.startswith("[") and shown.endswith("]")
    else:  # a mark's letter or a unit stays as short
        assert len(shown) == len(text)


def test_the_table_speaks_the_pseudo_language():
    t = i18n.I18n(i18n.PSEUDO)
    assert t.lang == i18n.PSEUDO
    assert t("title.new") == catalogues.pseudo(i18n.I18n("en")("title.new"))
    assert "ñ" in t("title.new") and t("misc.page", page=2, pages=5).count("2/5") == 1


def test_the_engines_english_is_the_english_catalogues():
    """The engine words `bve check` in English for itself (engine/scenario/words.py), the
    catalogues for the command line: the two must say the same."""
    from engine.scenario.words import ENGLISH

    english = catalogues.messages("en")
    assert {k: english.get(k) for k in ENGLISH} == ENGLISH
