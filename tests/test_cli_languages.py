"""The command line speaks French, English or Portuguese, as the locale or BVE_LANG says."""

from __future__ import annotations

import json

import pytest

from game.cli import main
from game.i18n import command_language
from tests.conftest import MINI, ROOT


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


# a scenario with a decimal comma on line 3, then (once that is fixed) an unknown key on line 4
SLIP = 'schema_version = 2\n[territory]\nid = 0,5\n'


@pytest.mark.parametrize("lang, syntax, required, warning, missing, summary", [
    ("fr", "erreur de syntaxe TOML : écrivez 0.5 — un point décimal, pas une virgule",
     "'name' est obligatoire ici et manque", "attention :", "pas de texte 'pt'", "foyer moyen : "),
    ("en", "TOML syntax error: write 0.5 — a decimal point, not a comma",
     "'name' is required here and is missing", "warning:", "no 'pt' text", "average household: "),
    ("pt", "erro de sintaxe TOML: escreva 0.5 — um ponto decimal, não uma vírgula",
     "'name' é obrigatório aqui e falta", "aviso:", "falta o texto 'pt'", "agregado médio: "),
])
def test_bve_check_speaks_the_command_lines_language_and_keeps_file_and_line(
        lang, syntax, required, warning, missing, summary, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BVE_LANG", lang)
    bad = tmp_path / "bad.toml"
    bad.write_text(SLIP, encoding="utf-8")
    assert main(["check", str(bad)]) == 2
    assert f"{bad}:3: territory.id: {syntax} (" in capsys.readouterr().out
    bad.write_text(SLIP.replace("0,5", '"x"'), encoding="utf-8")
    assert main(["check", str(bad)]) == 2
    assert f"{bad}:2: territory.name: {required}" in capsys.readouterr().out
    # a scenario that loads but lacks its texts in one of its languages: warnings, then the summary
    pt = tmp_path / "pt.toml"
    pt.write_text(MINI.read_text(encoding="utf-8").replace('languages = ["fr", "en"]', 'languages = ["fr", "en", "pt"]'),
                  encoding="utf-8")
    assert main(["check", "--strict", str(pt)]) == 2
    out = capsys.readouterr().out
    assert f"{pt}:6: {warning} territory.name: {missing}" in out and summary in out
    # the JSON report is for machines: the same keys and the same English, whatever the language
    assert main(["check", "--format", "json", str(bad)]) == 2
    doc = json.loads(capsys.readouterr().out)
    assert "'name' is required here and is missing" in [i["message"] for i in doc["files"][0]["issues"]]
    # a command that loads a scenario says what is wrong with it in the same words
    assert main(["footprint", "--scenario", str(bad)]) == 2
    assert f"{bad}:2: territory.name: {required}" in capsys.readouterr().err


MINI_V2 = MINI.with_name("mini-v2.toml")


@pytest.mark.parametrize("lang, title, excluded, eligible, unknown", [
    ("fr", "Mini-quartier : dupont  (énergie : primaire)", "exclu : son alternative 'heat-pumps' s'applique déjà",
     "pas concerné : chauffage : bois, pas gaz ou fioul", "bve footprint : projet inconnu 'teleport'"),
    ("en", "Mini-quartier: dupont  (energy: primary)", "excluded: its alternative 'heat-pumps' already applies",
     "not eligible: heated with wood, not gas or heating oil", "bve footprint: unknown project 'teleport'"),
    ("pt", "Mini-quartier: dupont  (energia: primária)", "excluído: a sua alternativa 'heat-pumps' já se aplica",
     "não abrangido: aquecimento: lenha, não gás ou gasóleo", "bve footprint: projeto desconhecido 'teleport'"),
])
def test_bve_footprint_says_why_a_project_does_not_apply_in_three_languages(
        lang, title, excluded, eligible, unknown, monkeypatch, capsys):
    monkeypatch.setenv("BVE_LANG", lang)
    assert main(["footprint", "--scenario", str(MINI_V2), "--family", "dupont", "--projects", "heat-pumps"]) == 0
    out = capsys.readouterr().out
    colon = " :" if lang == "fr" else ":"  # French puts a space before a colon
    assert out.startswith(title) and f"heat-pumps{colon} {eligible}" in out
    assert main(["footprint", "--scenario", str(MINI_V2), "--family", "martin", "--projects",
                 "heat-pumps,wood-boilers"]) == 0
    assert excluded in capsys.readouterr().out
    assert main(["footprint", "--scenario", str(MINI_V2), "--projects", "teleport"]) == 2
    assert capsys.readouterr().err.startswith(unknown)
    # the JSON stays in the engine's English
    assert main(["footprint", "--scenario", str(MINI_V2), "--family", "dupont", "--projects", "heat-pumps",
                 "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["not_applied"] == {
        "heat-pumps": "not eligible: heated with wood, not gas or oil"}


@pytest.mark.parametrize("lang, wrote, already", [
    ("fr", "écrit : version 2, chaque secteur en une composante", "le fichier est déjà en version 2"),
    ("en", "wrote {out}: version 2, each sector one component", "the file is already version 2"),
    ("pt", "escrito: versão 2, cada setor numa só componente", "o ficheiro já está na versão 2"),
])
def test_bve_scenario_upgrade_speaks_three_languages(lang, wrote, already, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BVE_LANG", lang)
    out = tmp_path / "v2.toml"
    assert main(["scenario", "upgrade", str(MINI), "--out", str(out)]) == 0
    assert wrote.format(out=out) in capsys.readouterr().out
    assert main(["scenario", "upgrade", str(out), "--out", str(tmp_path / "v3.toml")]) == 2
    colon = " :" if lang == "fr" else ":"
    assert f"{out}{colon} {already}" in capsys.readouterr().err


@pytest.mark.parametrize("lang, ready", [
    ("fr", "scenarios/classroom.toml : ok, La rue des Écoliers (classe) (classroom, FR), langues fr, en, pt"),
    ("en", "scenarios/classroom.toml: ok, La rue des Écoliers (classe) (classroom, FR), languages fr, en, pt"),
    ("pt", "scenarios/classroom.toml: ok, La rue des Écoliers (classe) (classroom, FR), línguas fr, en, pt"),
])
def test_the_classroom_scenario_speaks_portuguese_too_and_passes_the_strict_check(lang, ready, monkeypatch, capsys):
    monkeypatch.setenv("BVE_LANG", lang)
    monkeypatch.chdir(ROOT)
    assert main(["check", "--strict", "scenarios/classroom.toml"]) == 0
    assert capsys.readouterr().out.startswith(ready)


@pytest.mark.parametrize("lang, usage, options, strict, required, choice", [
    ("fr", "utilisation : bve check", "options :", "les avertissements comptent comme des erreurs",
     "bve check : erreur : ces arguments sont obligatoires : FILE", "choix invalide : 'xml'"),
    ("en", "usage: bve check", "options:", "warnings count as errors",
     "bve check: error: the following arguments are required: FILE", "invalid choice: 'xml'"),
    ("pt", "utilização: bve check", "opções:", "os avisos contam como erros",
     "bve check: erro: estes argumentos são obrigatórios: FILE", "escolha inválida: 'xml'"),
])
def test_bve_help_and_argparses_own_words_in_three_languages(lang, usage, options, strict, required, choice,
                                                             monkeypatch, capsys):
    monkeypatch.setenv("BVE_LANG", lang)
    with pytest.raises(SystemExit) as done:
        main(["check", "--help"])
    out = capsys.readouterr().out
    assert done.value.code == 0 and out.startswith(usage) and options in out and strict in out
    with pytest.raises(SystemExit) as done:
        main(["check"])
    assert done.value.code == 2 and required in capsys.readouterr().err
    with pytest.raises(SystemExit) as done:
        main(["check", "--format", "xml", "x.toml"])
    assert done.value.code == 2 and choice in capsys.readouterr().err
    # each command's help, and play's and the network's, in the language
    for command, words in (("play", {"fr": "faire jouer la liste préparée toute seule",
                                     "en": "play the preset roster by itself",
                                     "pt": "pôr a lista preparada a jogar sozinha"}),
                           ("export", {"fr": "écrire sans demander", "en": "write without asking",
                                       "pt": "escrever sem perguntar"}),
                           ("footprint", {"fr": "un profil de foyer", "en": "a household profile",
                                          "pt": "um perfil de agregado"})):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        assert words[lang] in " ".join(capsys.readouterr().out.split()), command
    # and argparse is itself again once the command line is read
    import argparse
    from gettext import gettext

    assert argparse._ is gettext


@pytest.mark.parametrize("lang, bad_id, exists, fix_first", [
    ("fr", "n'est pas un identifiant de territoire valable", "existe déjà ; rien n'a été écrit", "ne se charge pas"),
    ("en", "is not a valid territory id", "already exists; nothing was written", "does not load"),
    ("pt", "não é um identificador de território válido", "já existe; nada foi escrito", "não carrega"),
])
def test_bve_scenario_new_speaks_three_languages(lang, bad_id, exists, fix_first, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BVE_LANG", lang)
    assert main(["scenario", "new", "--territory", "Bad Id!", "--lang", "fr"]) == 2
    assert bad_id in capsys.readouterr().err
    taken = tmp_path / "x.toml"
    taken.write_text("", encoding="utf-8")
    assert main(["scenario", "new", "--territory", "x", "--lang", "fr", "--out", str(taken)]) == 2
    assert exists in capsys.readouterr().err
    broken = tmp_path / "broken.toml"
    broken.write_text('schema_version = 2\n[territory]\nid = "a b"\n', encoding="utf-8")
    assert main(["scenario", "new", "--territory", "y", "--from", str(broken), "--out", str(tmp_path / "y.toml")]) == 2
    err = capsys.readouterr().err
    assert fix_first in err and f"{broken}:" in err  # the file's own problems follow, each at its line
    assert not (tmp_path / "y.toml").exists()
