"""The keyboard as a facilitator uses it: rows kept, drafts kept, focus back, Enter validates, skips asked."""

from __future__ import annotations

import pygame

from engine import actions as A
from tests.ui_helpers import ROOT, click, key, keyboard_press, make_app, on_screen, play, type_text

DEMO = ROOT / "scenarios" / "fr-quartier.toml"


def _at(app, phase: str, *proposals: str) -> None:
    app.new_session(DEMO)
    assert app.act(A.UseRoster()) and app.act(A.Advance()) and app.act(A.Advance())
    for p in proposals:
        assert app.act(A.Propose(project=p))
    while app.state.phase != phase:
        assert app.act(A.Advance())
    app.tick()


def test_left_and_right_never_leave_a_stepper_row(tmp_path):
    app = make_app(tmp_path, DEMO)
    _at(app, "pledges", "car-sharing")
    click(app, "pl-monthly_eur=")
    key(app, pygame.K_RIGHT)
    assert app.focus == "pl-monthly_eur+"
    key(app, pygame.K_RIGHT)
    assert app.focus == "pl-monthly_eur+", "the row's end: the focus stays"
    key(app, pygame.K_LEFT)
    key(app, pygame.K_LEFT)
    assert app.focus == "pl-monthly_eur-"
    key(app, pygame.K_LEFT)
    assert app.focus == "pl-monthly_eur-", "never onto a family's button"
    key(app, pygame.K_RETURN)  # − at 0 stays 0
    key(app, pygame.K_DOWN)
    assert app.focus == "pl-oneoff_eur-"


def test_f8_asks_once_before_skipping_a_phase_with_nothing_done(tmp_path):
    app = make_app(tmp_path, DEMO)
    _at(app, "proposals")
    key(app, pygame.K_F8)
    assert app.state.phase == "proposals" and on_screen(app, "Rien n'a été fait dans cette étape")
    assert on_screen(app, "Passer quand même")
    key(app, pygame.K_F8)
    assert app.state.phase == "pledges"


def test_the_focus_comes_back_after_the_objection_and_enter_validates_its_words(tmp_path):
    app = make_app(tmp_path, DEMO)
    _at(app, "pledges", "carpooling")
    click(app, "pl-share")
    click(app, "bar-next")
    assert app.state.phase == "codecision"
    keyboard_press(app, "answer-martin-objection")
    assert app.view.get("objecting") == "martin"
    key(app, pygame.K_ESCAPE)
    assert app.view.get("objecting") is None and app.focus == "answer-martin-objection"
    key(app, pygame.K_RETURN)
    click(app, "objection-reason")
    type_text(app, "Trop de voitures")
    key(app, pygame.K_RETURN)
    answer = app.state.proposal("carpooling").answers["martin"]
    assert (answer.answer, answer.reason) == ("objection", "Trop de voitures")
    assert app.focus == "answer-martin-objection"


ARROW_KEYS = {(-1, 0): pygame.K_LEFT, (1, 0): pygame.K_RIGHT, (0, -1): pygame.K_UP, (0, 1): pygame.K_DOWN}


def reach(app, wid: str) -> int:
    """Move the focus to a widget as a person would: arrows toward it while they bring it nearer,
    else Tab or Shift+Tab, whichever is shorter; then Enter. Returns the keys pressed."""
    from game.widgets import neighbour

    n, seen = 0, set()
    for _ in range(200):
        if app.focus == wid:
            break
        target = next(w for w in app.widgets if w.id == wid)
        current = next((w for w in app.widgets if w.id == app.focus and w.enabled), None)
        if current is None:
            key(app, pygame.K_TAB)
            n += 1
            continue
        tx, ty = target.rect.center

        def gap(w):
            return abs(w.rect.centerx - tx) + abs(w.rect.centery - ty)
        moves = [(gap(w), d) for d, w in ((d, neighbour(app.widgets, current, d)) for d in ARROW_KEYS) if w]
        enabled = [w.id for w in app.widgets if w.enabled]
        i, j = enabled.index(current.id), enabled.index(wid)
        tabs = min((j - i) % len(enabled), (i - j) % len(enabled))
        best = min(moves) if moves else None
        if best is not None and best[0] < gap(current) and tabs > 2 and current.id not in seen:
            seen.add(current.id)
            key(app, ARROW_KEYS[best[1]])
        else:
            forward = (j - i) % len(enabled) <= (i - j) % len(enabled)
            key(app, pygame.K_TAB, mod=0 if forward else pygame.KMOD_SHIFT)
        n += 1
    assert app.focus == wid, (app.focus, wid)
    key(app, pygame.K_RETURN)
    return n + 1


def test_a_round_by_keyboard_counts_its_keys(tmp_path):
    """One round of 8 families and 2 projects, by keyboard alone: the fast paths (share the rest,
    typed amounts) make it a few hundred keys at most."""
    app = make_app(tmp_path, DEMO)
    _at(app, "proposals")
    n = 0
    for project in ("car-sharing", "carpooling"):
        n += reach(app, f"cat-{project}")
        n += reach(app, f"propose-{project}")
    n += reach(app, "bar-next")
    n += reach(app, "pl-share")
    n += reach(app, "pl-project-carpooling")
    n += reach(app, "pl-share")
    n += reach(app, "bar-next")
    assert app.state.phase == "codecision"
    for project in ("car-sharing", "carpooling"):
        if app.view.get("cd-project") != project:
            n += reach(app, f"cd-project-{project}")
        for f in app.state.present():
            n += reach(app, f"answer-{f.id}-consent")
        n += reach(app, "decide")
        assert app.state.proposal(project).status == "adopted"
    for _ in range(3):
        key(app, pygame.K_F8)
        n += 1
    assert app.state.round == 2
    print(f"keys for one round of 8 families and 2 projects: {n}")
    assert n <= 200, n
