"""Situation: each family's three footprints against the targets, the trajectory, the event card."""

from __future__ import annotations

import pygame

from .. import charts, theme
from ..analysis import association_totals, per_family_totals
from .common import MAIN, header, local, page_label, paged, tabs, tonnes, wide


def family_table(app, ui, rect: pygame.Rect, before=None, page_key: str = "fp-page") -> None:
    """Each family's footprints as bars, the association's average, the public floor apart."""
    t, state = app.t, app.state
    ui.panel(rect)
    inner = rect.inflate(-40, -30)
    line, low = ui.line(), ui.line(size=app.painter.floor)
    y = inner.y
    if wide(app):
        th = ui.line("h2") + 4
        ui.text(t("situation.per_person"), (inner.x, y, inner.w, th), role="h2", bold=True)
        y += th + 4
    head = pygame.Rect(inner.x, y, inner.w, charts.header_height(app, ui, inner.w))
    charts.footprint_header(app, ui, head)
    y = head.bottom + 8
    pager_h = max(62, int(line * 1.4))
    pager_w = 2 * pager_h + ui.width(page_label(app, 9, 9)) + 48
    note = t("situation.floor" if wide(app) else "situation.floor_short", co2=tonnes(app, charts.floor_totals(state)[0]))
    note_w = inner.w - pager_w - 20
    note_h = max(pager_h, min(4 * line, app.painter.fit(note, note_w, 10**5, app.painter.px("body")).height))
    legend_h = line + 8 if before is not None else 0
    name_w = int(inner.w * charts.name_share(app)) - 12
    one_line = lambda name: ui.fits(name, name_w, line + 8, bold=True)  # noqa: E731
    avg_h = line + 16 if one_line(t("situation.average")) else 2 * low + 8
    bottom = inner.bottom - note_h - legend_h - 10
    values = per_family_totals(state)
    most = charts.scales(state, values)
    families = list(state.present())
    area = bottom - avg_h - 12 - y
    per = max(1, area // (line + 8 if all(one_line(f.spec.name) for f in families) else 2 * low + 6))
    rows, page, pages = paged(app, page_key, list(enumerate(families)), per)
    row_h = min(80, area // per)
    for i, f in rows:
        prev = before[i] if before is not None and i < len(before) else None
        charts.footprint_row(app, ui, pygame.Rect(inner.x, y, inner.w, row_h), f.spec.name, values[i], most, prev)
        y += row_h
    y = bottom - avg_h
    pygame.draw.line(ui.surf, theme.LINE, (inner.x, y - 6), (inner.right, y - 6), 2)
    charts.footprint_row(app, ui, pygame.Rect(inner.x, y, inner.w, avg_h), t("situation.average"),
                         association_totals(state), most, bold=True)
    y = bottom + 10
    if before is not None:
        legend(app, ui, pygame.Rect(inner.x, y, inner.w, line))
        y += legend_h
    ui.text(note, (inner.x, y, note_w, note_h), valign="middle")
    ui.page_buttons(page_key, (inner.right - pager_w, y + (note_h - pager_h) // 2, pager_w, pager_h), page, pages,
                    lambda p: app.view.set(page_key, p), page_label(app, page, pages))


def legend(app, ui, rect: pygame.Rect) -> None:
    """Before and after told by a word and a hatching, not by colour alone."""
    t = app.t
    grey, hatch = theme.BEFORE
    index = charts.shown_footprints(app)[0]
    x = rect.x
    for label, colour, pat in ((t("situation.before"), grey, hatch),
                               (t("situation.after"), theme.FOOTPRINT_COLOUR[index], theme.FOOTPRINT_PATTERN[index])):
        ui.bar((x, rect.centery - 12, 60, 24), 1, 1, colour, pat)
        w = ui.width(label) + 12
        ui.text(label, (x + 72, rect.y, w, rect.h), valign="middle", wrap=False)
        x += 72 + w + 30


def event_card(app, ui, rect: pygame.Rect) -> None:
    t, state = app.t, app.state
    ui.panel(rect, theme.PANEL)
    pygame.draw.rect(ui.surf, theme.INK, rect, 3, border_radius=10)
    inner = rect.inflate(-40, -30)
    line = ui.line()
    ui.text(t("situation.event"), (inner.x, inner.y, inner.w, line), colour=theme.INK)
    y = inner.y + line + 8
    if state.event is None:
        ui.text(t("situation.no_event"), (inner.x, y, inner.w, inner.bottom - y), role="h2")
        return
    event = state.scenario.event(state.event)
    name = local(app, event.name)
    nh = app.painter.fit(name, inner.w, 2 * ui.line("h2"), app.painter.px("h2"), True).height
    ui.text(name, (inner.x, y, inner.w, nh), role="h2", bold=True)
    y += nh + 12
    ui.text(local(app, event.description), (inner.x, y, inner.w, inner.bottom - y))


def build(app, ui) -> None:
    t = app.t
    header(app, ui)
    if not wide(app):
        view, area = tabs(app, ui, "sit-view", ["table", "chart", "event"],
                          [t("tab.footprints"), t("tab.trajectory"), t("tab.event")], MAIN)
        {"table": family_table, "chart": charts.trajectory_chart, "event": event_card}[view](app, ui, area)
        return
    left = pygame.Rect(MAIN.x, MAIN.y, 1140, MAIN.h)
    family_table(app, ui, left)
    right = pygame.Rect(left.right + 24, MAIN.y, MAIN.right - left.right - 24, MAIN.h)
    charts.trajectory_chart(app, ui, pygame.Rect(right.x, right.y, right.w, right.h * 3 // 5))
    event_card(app, ui, pygame.Rect(right.x, right.y + right.h * 3 // 5 + 20, right.w, right.h * 2 // 5 - 20))
