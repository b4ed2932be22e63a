"""Languages: French, English and Portuguese complete; the table starts in the scenario's language."""

from __future__ import annotations

import re

import pytest

from game import i18n
from tests.ui_helpers import MINI, ROOT, click, make_app, on_screen, play, texts, unreadable

SCENARIOS = ROOT / "scenarios"


def keys(lang: str) -> dict[str, str]:
    return i18n.table(lang)


@pytest.mark.parametrize("lang", [lang for lang in i18n.COMPLETE if lang != "fr"])
def test_every_complete_language_has_every_key_with_its_placeholders(lang):
    fr, other = keys("fr"), keys(lang)
    assert set(other) == set(fr), sorted(set(fr) ^ set(other))
    for k in fr:
        assert i18n.placeholders(other[k]) == i18n.placeholders(fr[k]), k
        assert other[k].strip(), k


def test_portuguese_is_complete_and_european():
    assert set(i18n.COMPLETE) == {"fr", "en", "pt"} == set(i18n.LANGUAGES)
    words = " ".join(keys("pt").values()).lower()
    for brazilian in ("rodada", "tela", "mouse", "arquivo", "salvar", "você"):
        assert not re.search(rf"\b{brazilian}\b", words), brazilian
    for european in ("ecrã", "ronda", "guardar"):
        assert european in words, european


def ro_scenario(folder):
    """The mini scenario as a Romanian-and-English territory (the table has no Romanian)."""
    text = MINI.read_text(encoding="utf-8").replace('languages = ["fr", "en"]', 'languages = ["ro", "en"]')
    text = text.replace('name = { fr = "Mini-quartier", en = "Mini neighbourhood" }',
                        'name = { ro = "Mini-cartier", en = "Mini neighbourhood" }')
    path = folder / "ro-mini.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_table_starts_in_the_scenario_first_language(tmp_path):
    assert make_app(tmp_path, SCENARIOS / "pt-odemira.toml").t.lang == "pt"
    assert make_app(tmp_path, SCENARIOS / "fr-quartier.toml").t.lang == "fr"
    ro = make_app(tmp_path, ro_scenario(tmp_path))
    assert ro.t.lang == "en" and on_screen(ro, "New session")
    assert make_app(tmp_path, SCENARIOS / "pt-odemira.toml", lang="en").t.lang == "en"


def test_a_text_missing_in_the_screen_language_is_in_the_scenario_first_language(tmp_path):
    app = make_app(tmp_path, ro_scenario(tmp_path), lang="fr")
    click(app, "title-new")
    assert on_screen(app, "Mini-cartier") and on_screen(app, "Les familles de l'association")
    app = make_app(tmp_path, SCENARIOS / "pt-odemira.toml", lang="fr")
    click(app, "title-new")
    assert on_screen(app, "Freguesia do Vale do Mira")


def test_the_title_follows_the_chosen_scenario_until_someone_picks_a_language(tmp_path):
    app = make_app(tmp_path, None)
    assert app.t.lang == "fr"
    for _ in range(len(app.scenario_choices)):
        click(app, "title-scenario")
        if "pt-" in app.scenario_choices[app.view.get("scenario") % len(app.scenario_choices)].name:
            break
    assert app.t.lang == "pt" and on_screen(app, "Nova sessão")
    click(app, "title-lang-en")
    click(app, "title-scenario")
    assert app.t.lang == "en"


def test_the_language_switch_offers_portuguese(tmp_path):
    app = make_app(tmp_path, lang="fr")
    assert on_screen(app, "PT")
    click(app, "title-new")
    click(app, "bar-lang")
    assert app.t.lang == "en"
    click(app, "bar-lang")
    assert app.t.lang == "pt" and on_screen(app, "As famílias da associação")


def test_a_whole_session_in_portuguese(tmp_path):
    i18n.USED.clear()
    app = make_app(tmp_path, lang="pt")
    play(app, click)
    assert on_screen(app, "Plano de ação") and on_screen(app, "Guardar o relatório")
    assert not unreadable(app), unreadable(app)[:3]
    raw = re.compile(r"^[a-z_]+\.[a-z_./-]+$")
    assert not [t for t in texts(app) if raw.match(t)]
    assert not sorted(k for k in i18n.USED if k not in keys("pt"))


def test_a_scenario_without_the_table_language_is_told_once_and_shown_in_its_own(tmp_path):
    """Portuguese at the table, a scenario in French and English: one notice, then a bar that says so."""
    app = make_app(tmp_path, SCENARIOS / "fr-quartier.toml", lang="pt")
    notice = "Este cenário não está escrito em português: os seus próprios textos (território, projetos, cartas) " \
             "são mostrados em francês."
    assert on_screen(app, notice)
    assert [m for m, *_ in app.toasts].count(notice) == 1
    click(app, "title-new")
    app.run_frames(3)
    assert [m for m, *_ in app.toasts].count(notice) == 1, "told once, not at every frame nor every screen"
    assert on_screen(app, "PT (cenário: FR)") and on_screen(app, "Quartier des Tilleuls")
    click(app, "bar-lang")  # French: the scenario has it, nothing more to tell
    assert app.t.lang == "fr" and not on_screen(app, "(cenário:") and not on_screen(app, "(scénario :")
    assert "FR" in texts(app)
    mini = make_app(tmp_path, MINI, lang="fr")
    assert not [m for m, *_ in mini.toasts]


def test_a_portuguese_class_sees_the_classroom_scenario_in_portuguese(tmp_path):
    """The classroom scenario has its own texts in Portuguese: no notice, no French on the bar."""
    app = make_app(tmp_path, SCENARIOS / "classroom.toml", lang="pt")
    assert app.language_fallback() is None and not [m for m, *_ in app.toasts]
    assert on_screen(app, "A Rua da Escola (turma)")
    click(app, "title-new")
    app.run_frames(3)
    assert app.state.class_mode and not [m for m, *_ in app.toasts if "não está escrito em português" in m]
    assert not on_screen(app, "(cenário:") and not on_screen(app, "La rue des Écoliers")
