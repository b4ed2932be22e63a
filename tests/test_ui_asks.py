"""The association's asks to the higher levels, written at the debrief by mouse and by keyboard alone."""

from __future__ import annotations

import pygame
import pytest

from engine import actions as A
from engine.gap import why_not_target
from engine.log.replay import replay
from engine.rules import MAX_ASKS
from engine.state import digest
from tests.test_ui_story import _play_to_debrief
from tests.ui_helpers import (ROOT, SCREENS, click, key, keyboard_press, make_app, on_screen, tap, type_text,
                              unreadable)

SHOTS = SCREENS / "asks"
SERVICES = "Des écoles et des hôpitaux rénovés, chauffés sans fioul, avec les moyens de le faire."
BUS = "Un bus toutes les 30 minutes jusqu'à la gare, même le dimanche."
REPAIR = "Des pièces détachées garanties quinze ans, pour réparer à la façon d'avant."


def _readable(app, name: str) -> None:
    app.toasts = []  # a toast passes; what stays on screen is what must read well
    app.tick()
    SHOTS.mkdir(parents=True, exist_ok=True)
    pygame.image.save(app.surface, str(SHOTS / f"{name}_{round(app.scale * 100)}.png"))
    assert not unreadable(app), (name, unreadable(app)[:4])


def _tab_to(app, wid: str) -> None:
    for _ in range(len(app.widgets) + 1):
        if app.focus == wid:
            return
        key(app, pygame.K_TAB)
    raise AssertionError(f"Tab never reaches {wid!r}")


def test_two_asks_by_mouse_logged_reported_and_undone(tmp_path):
    app = make_app(tmp_path)
    _play_to_debrief(app)
    click(app, "db-tab-gap")
    click(app, "gap-asks")
    assert on_screen(app, "Vos demandes aux autres échelons (0/12)") and on_screen(app, "Aucune demande pour l'instant")
    assert on_screen(app, "État · Services — Services publics"), "the public-services floor suggests the state"
    _readable(app, "1_empty")
    click(app, "ask-suggest-0")  # the suggestion chooses level and subject, the words are the room's
    assert app.view.get("ask-level") == "state" and app.view.get("ask-about") == "services"
    assert on_screen(app, "Votre demande (État · Services), en une phrase :")
    _readable(app, "2_form")
    click(app, "ask-text")
    type_text(app, SERVICES)
    _readable(app, "3_typed")
    click(app, "ask-add")
    click(app, "ask-write")
    subjects = [w.id for w in app.widgets if w.id.startswith("ask-about-")]
    first = why_not_target(app.state).by_sector[0][0]
    assert subjects[0] == f"ask-about-{first}", "the sector the gap names first comes first"
    assert app.view.get("ask-about") == first and app.view.get("ask-level") is None
    assert not next(w for w in app.widgets if w.id == "ask-add").enabled, "a level first"
    click(app, "ask-level-region")
    click(app, "ask-about-car-sharing")
    click(app, "ask-text")
    type_text(app, BUS)
    tap(app, "ask-add")  # a finger's tap adds it as a click does
    last = app.state.round
    assert app.state.asks == ((last, "state", "services", SERVICES), (last, "region", "car-sharing", BUS))
    assert on_screen(app, f"État · Services : {SERVICES}") and on_screen(app, f"Région · Autopartage : {BUS}")
    assert on_screen(app, "Vos demandes aux autres échelons (2/12)")
    _readable(app, "4_two_asks")

    result = replay(app.session.writer.path)
    assert result.ok, result.describe_error()
    assert result.state.asks == app.state.asks and digest(result.state) == digest(app.state)

    click(app, "save-report")
    html = (tmp_path / "session.report.html").read_text(encoding="utf-8")
    section = html[html.index("Demandes aux autres échelons"):]
    assert "<td>État</td><td>Services</td>" in section and "<td>Région</td><td>Autopartage</td>" in section
    assert "Des écoles et des hôpitaux rénovés" in section and "jusqu&#x27;à la gare" in section

    click(app, "bar-undo")
    assert app.state.asks == ((last, "state", "services", SERVICES),)
    assert not on_screen(app, BUS) and on_screen(app, "(1/12)")
    assert replay(app.session.writer.path).state.asks == app.state.asks


def test_an_ask_by_keyboard_alone_at_200_percent(tmp_path):
    app = make_app(tmp_path, text_scale=2.0)
    _play_to_debrief(app)
    keyboard_press(app, "db-tab-gap")
    keyboard_press(app, "gap-asks")
    _readable(app, "1_empty")
    keyboard_press(app, "ask-write")
    assert app.view.get("ask-step") == "level"
    _readable(app, "2_levels")
    _tab_to(app, "ask-level-municipality")
    key(app, pygame.K_RIGHT)  # the arrows reach the nearest level
    assert app.focus == "ask-level-platform"
    _tab_to(app, "ask-level-europe")
    key(app, pygame.K_RETURN)
    assert app.view.get("ask-level") == "europe" and app.view.get("ask-step") == "subject"
    _readable(app, "3_subjects")
    keyboard_press(app, "ask-about-goods")
    assert app.view.get("ask-step") == "text" and app.focus == "ask-text", "the sentence is next"
    type_text(app, REPAIR)
    _readable(app, "4_sentence")
    key(app, pygame.K_RETURN)
    assert app.state.asks == ((app.state.round, "europe", "goods", REPAIR),)
    assert on_screen(app, f"Europe · Biens : {REPAIR}")
    assert app.focus == "ask-write", "ready for the next ask"
    _readable(app, "5_one_ask")


def test_a_long_ask_is_kept_to_300_characters_and_reads_whole(tmp_path):
    app = make_app(tmp_path, text_scale=2.0)
    _play_to_debrief(app)
    click(app, "db-tab-gap")
    click(app, "gap-asks")
    for n in range(2):
        click(app, "ask-write")
        click(app, "ask-level-municipality")
        click(app, "ask-about-housing")
        type_text(app, f"Demande {n} : " + "des logements sobres et bien isolés pour tous " * 8)
        key(app, pygame.K_RETURN)
    assert [len(text) for _, _, _, text in app.state.asks] == [300, 300]
    assert on_screen(app, "Commune · Logement : Demande ")
    while True:
        _readable(app, "long")
        if not any(w.id == "asks-page-prev" and w.enabled for w in app.widgets):
            break
        click(app, "asks-page-prev")


def test_at_most_a_few_asks(tmp_path):
    app = make_app(tmp_path)
    _play_to_debrief(app)
    for n in range(MAX_ASKS):
        assert app.act(A.Ask(level="platform", about="garden", text=f"Ask {n}."))
    click(app, "db-tab-gap")
    click(app, "gap-asks")
    write = next(w for w in app.widgets if w.id == "ask-write")
    assert not write.enabled and on_screen(app, "Au plus 12 demandes : gardez les plus claires.")
    assert not any(w.id.startswith("ask-suggest-") for w in app.widgets)
    _readable(app, "full")


def test_escape_puts_the_form_away_and_keeps_the_words(tmp_path):
    app = make_app(tmp_path)
    _play_to_debrief(app)
    click(app, "db-tab-gap")
    click(app, "gap-asks")
    click(app, "ask-write")
    click(app, "ask-text")
    type_text(app, "Une piste cyclable")
    key(app, pygame.K_ESCAPE)
    assert not app.view.get("ask-open") and app.state.asks == ()
    click(app, "ask-write")
    assert app.entries.value("ask-text") == "Une piste cyclable", "the draft waits for the room"
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_ESCAPE)
    assert not app.view.get("asks-open") and app.focus == "gap-asks", "back to the gap, on the way to the asks"


@pytest.mark.parametrize("lang, heading, words", [
    ("fr", "Demandes aux autres échelons", "<td>Plateforme territoriale</td><td>Jardin partagé</td>"),
    ("en", "Asks to the higher levels", "<td>Territorial platform</td><td>Shared garden</td>"),
    ("pt", "Pedidos aos outros níveis", "<td>Plataforma territorial</td>"),
])
def test_the_report_lists_the_asks_in_its_language(tmp_path, lang, heading, words):
    from game.report import render

    app = make_app(tmp_path, lang=lang)
    _play_to_debrief(app)
    assert "<section class=\"asks\">" in render(app.state, lang) and words not in render(app.state, lang)
    assert app.act(A.Ask(level="platform", about="garden", text="Co-financer <les> bacs."))
    html = render(app.state, lang)
    section = html[html.index('<section class="asks">'):]
    assert heading in section and words in section and "Co-financer &lt;les&gt; bacs." in section


@pytest.mark.parametrize("scale", [1.0, 2.0])
@pytest.mark.parametrize("lang", ["fr", "en", "pt"])
def test_every_screen_of_the_asks_reads_well(tmp_path, lang, scale):
    """The gap, the asks, each step of the form and every page of the subjects, with a long catalogue."""
    demo = ROOT / "scenarios" / "fr-quartier.toml"
    app = make_app(tmp_path, demo, lang=lang, text_scale=scale)
    app.new_session(demo)
    assert app.act(A.UseRoster())
    while app.state.phase != "debrief":
        assert app.act(A.Advance())
    app.tick()
    seen = set()

    def check(name):
        app.toasts = []
        app.tick()
        assert not unreadable(app), (name, unreadable(app)[:4])
        seen.update(w.id for w in app.widgets)

    click(app, "db-tab-gap")
    check("gap")
    click(app, "gap-asks")
    check("asks")
    click(app, "ask-suggest-0")
    for step in (["level", "subject", "text"] if scale > 1 else [None]):
        if step is not None:
            click(app, f"ask-step-{step}")
        check(f"form {step}")
        while any(w.id == "ask-page-next" and w.enabled for w in app.widgets):
            click(app, "ask-page-next")
            check(f"form {step}, next page")
    assert {f"ask-level-{level}" for level in A.ASK_LEVELS} <= seen
    assert {f"ask-about-{p.id}" for p in app.state.scenario.projects} <= seen, "every project can be chosen"
