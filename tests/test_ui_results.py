"""The review and the debrief: short plan rows, who gives what, criteria served, before and after."""

from __future__ import annotations

import re

import pygame

from engine.story import story
from game import theme
from game.scenes.common import names_fitting
from tests.ui_helpers import ROOT, click, key, make_app, on_screen, play, texts, unreadable

DEMO = ROOT / "scenarios" / "fr-quartier.toml"
NOTHING = re.compile(r"(?<![\d,])0[\u00a0 ]€/mois|(?<![\d,])0,0[\u00a0 ]h/sem")


def test_the_debrief_plan_shows_only_who_gives_something(tmp_path):
    app = make_app(tmp_path, DEMO)
    play(app, click)
    shown = texts(app)
    assert shown.count("Restitution") == 1, "the debrief's title once, in the header"
    assert not [t for t in shown if NOTHING.search(t)], "no family listed for giving nothing"
    while any(w.id == "db-page-prev" and w.enabled for w in app.widgets):
        click(app, "db-page-prev")
    checked = 0
    for r in app.state.running:
        if not any(w.id == f"db-row-{r.project}" for w in app.widgets):
            if any(w.id == "db-page-next" and w.enabled for w in app.widgets):
                click(app, "db-page-next")  # on the next page of the plan
        if not any(w.id == f"db-row-{r.project}" for w in app.widgets):
            continue
        click(app, f"db-row-{r.project}")
        checked += 1
        oneoff = story(app.state).oneoff.get(r.project, {})
        givers = [(f, c) for f, c in r.commitments.items() if c.monthly_eur > 0 or c.weekly_hours > 0]
        assert on_screen(app, f"Participent ({len(r.participants)})")
        for fid, c in givers[:3]:
            name = app.state.family(fid).spec.name

            def shown():
                return [t for t in texts(app) if t.startswith(name + " ") and ("/mois" in t or "h/sem" in t)]

            while not shown() and any(w.id == "db-givers-page-next" and w.enabled for w in app.widgets):
                click(app, "db-givers-page-next")  # who gives what is paged
            line = shown()[0]
            parts = (c.monthly_eur > 0) + (oneoff.get(fid, 0) > 0.005) + (c.weekly_hours > 0)
            assert line.count(" · ") == parts - 1, line
        assert not [t for t in texts(app) if NOTHING.search(t)]
        assert not unreadable(app), unreadable(app)[:3]
    assert checked >= 2


def test_names_are_summarised_to_what_fits(tmp_path):
    app = make_app(tmp_path)
    names = ["Martin", "Benali", "Nguyen", "Da Silva", "Diallo", "Lefèvre", "Moreau", "Kowalski"]
    from game.widgets import UI

    ui = UI(app.surface, app.painter, None, None)
    wide = names_fitting(app, ui, lambda x: f"Participent : {x}", names, (0, 0, 1800, 40))
    assert wide == "Participent : " + ", ".join(names)
    narrow = names_fitting(app, ui, lambda x: f"Participent : {x}", names, (0, 0, 520, 40))
    assert narrow.startswith("Participent : Martin") and re.search(r"et \d autres?$", narrow), narrow
    tiny = names_fitting(app, ui, lambda x: f"Participent : {x}", names, (0, 0, 260, 40))
    assert tiny == "Participent : 8 familles"


def test_the_review_summarises_new_criteria_and_details_them(tmp_path):
    app = make_app(tmp_path, DEMO)
    play(app, click, until="review")
    line = next(b for b in app.painter.record if b.text.startswith("Nouveaux critères servis"))
    assert not line.cut and line.size >= theme.floor(1.0)
    assert re.match(r"Nouveaux critères servis : \d+ — \w", line.text)
    click(app, "rv-criteria")
    assert on_screen(app, "Nouveaux critères servis ce tour")
    seen = set()
    while True:
        assert not unreadable(app), unreadable(app)[:3]
        seen.update(texts(app))
        if not any(w.id == "crit-page-next" and w.enabled for w in app.widgets):
            break
        click(app, "crit-page-next")
    assert any(re.search(r"\([A-I]\d*\)( ← .+)?$", t) for t in seen), "each criterion with its SPIRAL code"
    assert any(re.search(r"\([A-I]\d*\) ← \w", t) for t in seen), "and the projects that serve it"
    key(app, pygame.K_ESCAPE)
    assert on_screen(app, "Ce que chacun donne")


def test_before_and_after_are_told_by_words_and_hatching(tmp_path):
    app = make_app(tmp_path)
    play(app, click, until="resolution")
    assert on_screen(app, "Avant ce tour") and on_screen(app, "Après")
    play(app, click, until="review")
    assert on_screen(app, "Au départ (2025)") and on_screen(app, "Maintenant")
    before = theme.BEFORE[1]
    assert before not in theme.FOOTPRINT_PATTERN and before not in theme.STRATEGY_PATTERN.values()
