"""The command line speaks French, English or Portuguese, as the locale or BVE_LANG says."""

from __future__ import annotations

import pytest

from game.cli import main
from game.i18n import command_language
from tests.conftest import MINI


@pytest.mark.parametrize("environ, lang", [
    ({}, "en"), ({"LANG": "C.UTF-8"}, "en"), ({"LANG": "fr_FR.UTF-8"}, "fr"), ({"LANG": "pt_PT.UTF-8"}, "pt"),
    ({"LANGUAGE": "pt_PT:en", "LANG": "fr_FR.UTF-8"}, "pt"), ({"LC_ALL": "de_DE.UTF-8", "LANG": "fr_FR.UTF-8"}, "en"),
    ({"LC_MESSAGES": "fr_BE@euro"}, "fr"), ({"BVE_LANG": "pt", "LANG": "fr_FR.UTF-8"}, "pt"),
    ({"BVE_LANG": "xx", "LANG": "fr_FR.UTF-8"}, "fr"),
])
def test_the_language_comes_from_bve_lang_then_the_locale(environ, lang):
    assert command_language(environ) == lang


@pytest.mark.parametrize("lang, words", [
    ("fr", ("profil inconnu 'castle'", "foyer moyen", "adoptés :", "graine 3")),
    ("en", ("unknown profile 'castle'", "average household", "adopted:", "seed 3")),
    ("pt", ("perfil desconhecido 'castle'", "agregado médio", "adotados:", "semente 3")),
])
def test_the_commands_messages_in_three_languages(lang, words, monkeypatch, capsys):
    monkeypatch.setenv("BVE_LANG", lang)
    unknown, average, adopted, seed = words
    assert main(["footprint", "--scenario", str(MINI), "--profile", "castle"]) == 2
    assert unknown in capsys.readouterr().err
    assert main(["footprint", "--scenario", str(MINI)]) == 0
    assert average in capsys.readouterr().out
    assert main(["simulate", "--scenario", str(MINI), "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(seed) and adopted in out
