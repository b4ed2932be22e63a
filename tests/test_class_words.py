"""Plain words in class mode: every table text a class session shows, in French, English and
Portuguese, and the classroom scenario's own texts, read at LIX ≤ 40 (easy: children's books)."""

from __future__ import annotations

import pytest

from engine.scenario.load import load_scenario
from game import i18n
from game.i18n import I18n, table
from tests.lix import counts, lix
from tests.ui_helpers import ROOT, click, make_app, play

CLASSROOM = ROOT / "scenarios" / "classroom.toml"
MOST = 40
LANGS = ("fr", "en", "pt")


def test_lix_counts_words_sentences_and_long_words():
    assert counts("Le chat dort. Il rêve de souris!") == (7, 2, 0)
    assert counts("Décarbonation énergétique") == (2, 1, 2)
    assert counts("{name} : 3 h") == (1, 1, 0)
    assert lix("Un mot. Deux mots.") == pytest.approx(2 / 2 * 1 + 0, abs=1)
    assert lix(["Décarbonation énergétique"]) == pytest.approx(2 + 100)


@pytest.fixture(scope="module")
def class_keys(tmp_path_factory):
    """The translation keys a whole class session uses, from the title to the saved report."""
    saved = set(i18n.USED)
    i18n.USED.clear()
    try:
        app = make_app(tmp_path_factory.mktemp("class"), CLASSROOM, seed=6, lang="fr")
        click(app, "title-new")
        assert app.state.class_mode
        play(app, lambda a, wid: click(a, wid))
        for phase in ("title", "setup", "situation", "proposals", "pledges", "codecision", "resolution", "review",
                      "debrief"):
            I18n("fr", classroom=True)(f"help.{phase}")
        used = set(i18n.USED)
    finally:
        i18n.USED.clear()
        i18n.USED.update(saved)
    return sorted(used)


def _texts(keys, lang):
    found = table(lang)
    return {k: found[k] for k in keys if k in found}


@pytest.mark.parametrize("lang", LANGS)
def test_every_class_mode_text_reads_easily(class_keys, lang):
    texts = _texts(class_keys, lang)
    assert len(texts) >= 0.9 * len(class_keys), "the language has the class session's texts"
    assert any(k.startswith("class.help.") for k in texts), "class mode speaks through its own help"
    whole = lix(texts.values())
    helps = {k: round(lix(v), 1) for k, v in texts.items() if k.startswith("class.help.")}
    print(f"LIX {lang}: {len(texts)} class-mode texts taken together {whole:.1f}; teacher's help {helps}")
    assert whole <= MOST, whole
    assert all(v <= MOST for v in helps.values()), helps
    # plain words: the grandparents by name, and no text of the facilitator's jargon
    assert not any("Aîné" in v or "aîné" in v for v in texts.values())


def test_the_classroom_scenario_reads_easily():
    sc = load_scenario(CLASSROOM)
    for lang in sc.territory.languages:
        pieces = [sc.territory.population_note.get(lang)]
        pieces += [p.name.get(lang) for p in sc.projects] + [p.description.get(lang) for p in sc.projects]
        pieces += [e.name.get(lang) for e in sc.events] + [e.description.get(lang) for e in sc.events]
        pieces += [g.definition.get(lang) for g in sc.glossary] + [q.text.get(lang) for q in sc.questions]
        value = lix(pieces)
        print(f"LIX classroom scenario {lang}: {value:.1f} over {len(pieces)} texts")
        assert value <= MOST, (lang, value)
