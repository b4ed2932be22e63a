"""Predict, then reveal: the room's guess is logged before the resolution, and the review sets it
beside the result."""

from __future__ import annotations

import pygame

from engine.predict import guess, result
from engine.log.replay import replay
from engine.state import digest
from tests.ui_helpers import ROOT, click, key, make_app, next_step, on_screen, play, type_text, unreadable

DEMO = ROOT / "scenarios" / "fr-quartier.toml"


def test_the_guess_is_recorded_then_revealed_in_the_review(tmp_path):
    app = make_app(tmp_path, DEMO)
    play(app, click, until="codecision")
    click(app, "cd-guess")
    assert on_screen(app, "Avant de voir le résultat : que parie la salle ?")
    click(app, "guess=")
    type_text(app, "7,5")
    key(app, pygame.K_RETURN)
    assert guess(app.state) == 7500
    assert not unreadable(app), unreadable(app)[:3]
    while app.state.phase != "review":
        next_step(app)
    got = result(app.state)
    assert got is not None
    assert on_screen(app, "Pari de la salle : 7,5 t · résultat : ")
    replayed = replay(app.session.writer.path)
    assert replayed.ok and digest(replayed.state) == digest(app.state), "the guess is in the log"
