"""The facilitator bar (always there once a session runs), the help and pause overlays, toasts."""

from __future__ import annotations

import time

import pygame

from engine import actions as A
from engine.rules import PHASE_ACTIONS

from . import theme

BAR = pygame.Rect(0, 980, 1920, 100)


def facilitator_bar(app, ui) -> None:
    t, state = app.t, app.state
    pygame.draw.rect(ui.surf, theme.PANEL_ALT, BAR)
    pygame.draw.line(ui.surf, theme.LINE, BAR.topleft, BAR.topright, 2)
    y, h = BAR.y + 14, BAR.h - 28
    x = 20

    def place(wid, w, label, action, enabled=True, style="normal", selected=False):
        nonlocal x
        ui.button(wid, (x, y, w, h), label, action, enabled=enabled, style=style, selected=selected)
        x += w + 14

    place("bar-undo", 220, t("bar.undo"), lambda: app.act(A.Undo()), enabled=state.prev is not None)
    place("bar-pause", 200, t("bar.pause"), lambda: _toggle(app, "pause"), selected=app.overlay == "pause")
    place("bar-help", 200, t("bar.help"), lambda: _toggle(app, "help"), selected=app.overlay == "help")
    place("bar-lang", 150, app.t.lang.upper(), lambda: app.set_language(app.t.next_language()))
    place("bar-smaller", 110, "A−", lambda: app.set_scale(round(app.scale - 0.25, 2)), enabled=app.scale > 1.0)
    ui.text(t("bar.text_size", percent=round(app.scale * 100)), (x, y, 170, h), align="center", valign="middle")
    x += 184
    place("bar-larger", 110, "A+", lambda: app.set_scale(round(app.scale + 0.25, 2)), enabled=app.scale < 2.0)
    if "advance" in PHASE_ACTIONS[state.phase]:
        nxt = _next_label(app)
        ui.button("bar-next", (BAR.right - 460, y, 440, h), nxt, lambda: app.act(A.Advance()),
                  enabled=app.overlay is None and app.legal(A.Advance()), style="primary")


def _next_label(app) -> str:
    state = app.state
    if state.phase == "setup":
        return app.t("bar.start")
    if state.phase == "review":
        last = state.round >= state.scenario.years.rounds
        return app.t("bar.to_debrief") if last else app.t("bar.next_round")
    return app.t("bar.next_phase")


def _toggle(app, name: str) -> None:
    app.overlay = None if app.overlay == name else name


def overlays(app, ui) -> None:
    if app.overlay is None:
        return
    dim = pygame.Surface(theme.LOGICAL, pygame.SRCALPHA)
    dim.fill((0, 0, 0, 150))
    ui.surf.blit(dim, (0, 0), area=pygame.Rect(0, 0, 1920, BAR.y))
    keep = [w for w in ui.widgets if w.id.startswith("bar-")]
    ui.widgets[:] = keep
    ui.entries.clear()
    box = pygame.Rect(360, 200, 1200, 600)
    ui.panel(box)
    t = app.t
    if app.overlay == "pause":
        ui.text(t("pause.title"), box.inflate(-80, -80).move(0, -150), role="title", align="center", valign="middle")
        ui.text(t("pause.body"), (box.x + 80, box.y + 300, box.w - 160, 160), align="center")
        ui.button("overlay-close", (box.centerx - 200, box.bottom - 130, 400, 90), t("pause.resume"),
                  lambda: _toggle(app, "pause"), style="primary")
        return
    phase = app.scene_key()
    ui.text(t("help.heading", phase=t(f"phase.{phase}")), (box.x + 60, box.y + 40, box.w - 120, 80), role="h1")
    ui.text(t(f"help.{phase}"), (box.x + 60, box.y + 140, box.w - 120, 260))
    ui.text(t("help.keys"), (box.x + 60, box.y + 400, box.w - 120, 80), colour=theme.MUTED)
    ui.button("overlay-close", (box.centerx - 200, box.bottom - 110, 400, 86), t("misc.close"),
              lambda: _toggle(app, "help"), style="primary")


def toasts(app, ui) -> None:
    now = time.monotonic()
    app.toasts = [x for x in app.toasts if x[1] > now]
    y = BAR.y - 20
    for message, _, bad in reversed(app.toasts):
        box = pygame.Rect(460, 0, 1000, 110)
        box.bottom = y
        pygame.draw.rect(ui.surf, theme.PANEL, box, border_radius=12)
        pygame.draw.rect(ui.surf, theme.DANGER_INK if bad else theme.INK, box, 4, border_radius=12)
        ui.text(message, box.inflate(-40, -20), colour=theme.DANGER_INK if bad else theme.INK, valign="middle",
                align="center")
        y = box.y - 12
