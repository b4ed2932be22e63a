"""Situation: each family's three footprints against the targets, the trajectory, the event card."""

from __future__ import annotations

import pygame

from .. import charts, theme
from ..analysis import association_totals, per_family_totals
from .common import MAIN, header, page_label, paged, rows_per_page, tonnes


def family_table(app, ui, rect: pygame.Rect, before=None, page_key: str = "fp-page") -> None:
    t, state = app.t, app.state
    ui.panel(rect)
    inner = rect.inflate(-40, -30)
    line = int(app.painter.px("body") * 1.6)
    ui.text(t("situation.per_person"), (inner.x, inner.y, inner.w, line), role="h2", bold=True)
    charts.footprint_header(app, ui, pygame.Rect(inner.x, inner.y + line + 6, inner.w, line))
    values = per_family_totals(state)
    assoc = association_totals(state)
    most = charts.scales(state, values)
    families = list(state.present())
    body_top = inner.y + 2 * line + 20
    footer = 3 * line + 70
    per = rows_per_page(app, inner.bottom - footer - body_top, 62)
    rows, page, pages = paged(app, page_key, list(enumerate(families)), per)
    row_h = min(80, (inner.bottom - footer - body_top) // per)
    y = body_top
    for i, f in rows:
        prev = before[i] if before is not None and i < len(before) else None
        charts.footprint_row(app, ui, pygame.Rect(inner.x, y, inner.w, row_h), f.spec.name, values[i], most, prev)
        y += row_h
    y = inner.bottom - footer
    pygame.draw.line(ui.surf, theme.LINE, (inner.x, y), (inner.right, y), 2)
    charts.footprint_row(app, ui, pygame.Rect(inner.x, y + 6, inner.w, line + 10), t("situation.average"), assoc,
                         most, bold=True)
    floor = charts.floor_totals(state)
    ui.text(t("situation.floor", co2=tonnes(app, floor[0])), (inner.x, y + line + 20, inner.w - 300, 2 * line),
            colour=theme.MUTED, valign="middle")
    ui.page_buttons(page_key, (inner.right - 280, y + line + 20, 280, int(line * 1.4)), page, pages,
                    lambda p: app.view.set(page_key, p), page_label(app, page, pages))


def event_card(app, ui, rect: pygame.Rect) -> None:
    t, state = app.t, app.state
    ui.panel(rect, theme.PANEL)
    pygame.draw.rect(ui.surf, theme.INK, rect, 3, border_radius=10)
    inner = rect.inflate(-40, -30)
    line = int(app.painter.px("body") * 1.5)
    ui.text(t("situation.event"), (inner.x, inner.y, inner.w, line), colour=theme.MUTED)
    if state.event is None:
        ui.text(t("situation.no_event"), (inner.x, inner.y + line, inner.w, inner.h - line), role="h2")
        return
    event = state.scenario.event(state.event)
    ui.text(event.name.get(t.lang, "fr"), (inner.x, inner.y + line, inner.w, line * 1.4), role="h2", bold=True)
    ui.text(event.description.get(t.lang, "fr"), (inner.x, inner.y + int(line * 2.6), inner.w,
                                                   inner.h - int(line * 2.6)))


def build(app, ui) -> None:
    header(app, ui)
    left = pygame.Rect(MAIN.x, MAIN.y, 1140, MAIN.h)
    family_table(app, ui, left)
    right = pygame.Rect(left.right + 24, MAIN.y, MAIN.right - left.right - 24, MAIN.h)
    charts.trajectory_chart(app, ui, pygame.Rect(right.x, right.y, right.w, right.h * 3 // 5))
    event_card(app, ui, pygame.Rect(right.x, right.y + right.h * 3 // 5 + 20, right.w, right.h * 2 // 5 - 20))
