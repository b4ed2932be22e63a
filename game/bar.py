"""The facilitator bar (always there once a session runs) and the toasts.

The bar's buttons are as wide as their words at the chosen text size; when the whole bar would
not fit, the words are measured at the floor size instead, so nothing is cut at 200 %.
"""

from __future__ import annotations

import time

import pygame

from . import theme
from .overlays import toggle

BAR = pygame.Rect(0, 980, 1920, 100)
GAP = 12


def facilitator_bar(app, ui) -> None:
    """The bar, kept while what it shows stays (its actions only name the app)."""
    from . import room

    state = app.state
    key = ("bar", state.phase, state.round >= state.scenario.years.rounds, state.prev is not None, app.overlay,
           room.is_open(app), asking(app), app.legal(_advance()), app.scale, app.language_fallback())
    ui.region(key, BAR, lambda: _bar(app, ui), anchors=(app.t,), bg=theme.BG)


_ADVANCE: list = []


def _advance():
    """The one Advance action the bar asks about (made once, not at every frame)."""
    if not _ADVANCE:
        from engine import actions as A

        _ADVANCE.append(A.Advance())
    return _ADVANCE[0]


def _bar(app, ui) -> None:
    pygame.draw.rect(ui.surf, theme.PANEL_ALT, BAR)
    pygame.draw.line(ui.surf, theme.LINE, BAR.topleft, BAR.topright, 2)
    y, h = BAR.y + 8, BAR.h - 16
    items, widths, nxt, next_w, _ = _layout(app, ui)
    x = 20
    for (wid, label, action, enabled, selected), w in zip(items, widths):
        if wid is None:
            ui.text(label, (x, y, w, h), align="center", valign="middle")
        else:
            ui.button(wid, (x, y, w, h), label, action, enabled=enabled, selected=selected)
        x += w + GAP
    if nxt is not None:
        ui.button("bar-next", (BAR.right - 20 - next_w, y, next_w, h), nxt, lambda: advance(app),
                  enabled=app.overlay is None and app.legal(_advance()), style="primary")


def in_pause(app, ui) -> bool:
    """Whether help and the glossary have left the bar for the pause panel (a longer language at a
    large size, when nothing else makes the bar fit)."""
    return _layout(app, ui)[4]


def _layout(app, ui) -> tuple[list, list[int], str | None, int, bool]:
    """The bar's items and their widths, the next step's words (None: no next step) and width, and
    whether help and the glossary went to the pause panel to make room."""
    from engine import actions as A
    from engine.rules import PHASE_ACTIONS

    t, state = app.t, app.state
    h = BAR.h - 16  # tall enough for a word at the floor size at 200 %
    items = [
        ("bar-undo", t("bar.undo"), lambda: app.act(A.Undo()), state.prev is not None, False),
        ("bar-pause", t("bar.pause"), lambda: toggle(app, "pause"), True, app.overlay == "pause"),
        ("bar-help", t("bar.help"), lambda: toggle(app, "help"), True, app.overlay == "help"),
        ("bar-glossary", t("bar.glossary"), lambda: toggle(app, "glossary"), True, app.overlay == "glossary"),
        ("bar-lang", _language_label(app), lambda: app.set_language(app.t.next_language()), True, False),
        ("bar-smaller", "A−", lambda: app.set_scale(round(app.scale - 0.25, 2)), app.scale > 1.0, False),
        (None, t("bar.text_size", percent=round(app.scale * 100)), None, True, False),
        ("bar-larger", "A+", lambda: app.set_scale(round(app.scale + 0.25, 2)), app.scale < 2.0, False),
    ]
    from . import room

    if state.phase in room.SCENES:
        items.append(("bar-room", t("room.open"), lambda: room.toggle(app), True, room.is_open(app)))
    has_next = "advance" in PHASE_ACTIONS[state.phase]
    nxt = (t("bar.skip_sure") if asking(app) else _next_label(app)) if has_next else ""
    pad = 2 * max(8, h // 8) + 14
    short = {"bar-undo": t("bar.undo_short"), None: f"{round(app.scale * 100)}\u00a0%",
             "bar-lang": "/".join(filter(None, (app.t.lang, app.language_fallback()))).upper()}
    # the words at their size, else at the floor size, else the short words at the floor size,
    # else without the text size's figure (the A− and A+ buttons stay), else with help and the
    # glossary in the pause panel (F1 and F7 still open them)
    for size, least, shorten in ((app.painter.px("body"), 440, 0), (app.painter.floor, 300, 0),
                                 (app.painter.floor, 0, 1), (app.painter.floor, 0, 2), (app.painter.floor, 0, 3)):
        if shorten == 1:
            items = [(wid, short.get(wid, label), *rest) for wid, label, *rest in items]
        elif shorten == 2:
            items = [item for item in items if item[0] is not None]
        elif shorten == 3:
            items = [item for item in items if item[0] not in ("bar-help", "bar-glossary")]
        widths = [max(h + 24, ui.width(label, size=size, bold=selected) + pad) for _, label, _, _, selected in items]
        next_w = max(least, ui.width(nxt, size=size, bold=True) + pad) if has_next else 0
        if sum(widths) + GAP * len(widths) + next_w + 40 <= BAR.w:
            break
    return items, widths, nxt if has_next else None, next_w, shorten == 3


def _language_label(app) -> str:
    """The table's language, and the scenario's when its own texts are shown in another one."""
    shown = app.language_fallback()
    if shown is None:
        return app.t.lang.upper()
    return app.t("bar.lang_fallback", lang=app.t.lang.upper(), shown=shown.upper())


def nothing_done(state) -> bool:
    """Whether moving on now skips a whole phase whose work was not done: no proposal made, no
    pledge to any proposal, or covered proposals not decided."""
    from engine.resources import proposal_coverage

    if state.phase == "proposals":
        return not state.proposals
    if state.phase == "pledges":
        return bool(state.proposals) and not any(p.pledges for p in state.proposals)
    if state.phase == "codecision":
        return any(p.status == "open" and not p.answers and proposal_coverage(state, p).covered
                   for p in state.proposals)
    return False


def asking(app) -> bool:
    return app.view.get("skip-asked") == (app.state.seq, app.state.phase)


def advance(app) -> None:
    """Next step (the bar's button and F8). Skipping a phase with nothing done asks once: the
    second press goes on."""
    state = app.state
    if nothing_done(state) and not asking(app):
        app.view.set("skip-asked", (state.seq, state.phase))
        app.toast(app.t("bar.skip_confirm"))
        return
    app.act(_advance())


def _next_label(app) -> str:
    state = app.state
    if state.phase == "setup":
        return app.t("bar.start")
    if state.phase == "review":
        last = state.round >= state.scenario.years.rounds
        return app.t("bar.to_debrief") if last else app.t("bar.next_round")
    return app.t("bar.next_phase")


def toasts(app, ui) -> None:
    now = time.monotonic()
    app.toasts = [x for x in app.toasts if x[1] > now]
    app.painter.layer = 2
    y = BAR.y - 20
    for message, _, bad in reversed(app.toasts):
        box = pygame.Rect(360, 0, 1200, 60 + 2 * ui.line())
        box.bottom = y
        pygame.draw.rect(ui.surf, theme.PANEL, box, border_radius=12)
        pygame.draw.rect(ui.surf, theme.DANGER_INK if bad else theme.INK, box, 4, border_radius=12)
        ui.text(message, box.inflate(-40, -20), colour=theme.DANGER_INK if bad else theme.INK, valign="middle",
                align="center")
        y = box.y - 12
        if y < 150:
            break
