"""Why not 2 t? The debrief's screen and the report's section, in plain words with figures."""

from __future__ import annotations

import pygame

from engine.gap import why_not_target
from engine.state import derived

from . import theme
from .scenes.common import page_label, wide

PARTS = ("did", "could", "floor", "system")
COLOURS = {"did": theme.GREEN, "could": theme.SKY, "floor": (190, 190, 190), "system": theme.VERMILLION}
PATTERNS = {"did": "dots", "could": "diagonal", "floor": "cross", "system": "solid"}


def figures(state):
    g = why_not_target(state)
    return g, {"did": g.projects_did, "could": g.could, "floor": g.floor, "system": g.system}


def sentences(state, t, lang: str) -> tuple[str, list[tuple[str, str, float]], str]:
    """(summary, [(part, sentence, kg)], closing): the words shared by the screen and the report."""
    g, values = figures(state)
    sc = state.scenario
    tonnes = lambda kg: t("unit.t", value=t.num(kg / 1000, 1))  # noqa: E731
    names = {s.id: s.name.get(lang, sc.language) for s in sc.sectors}
    top = ", ".join(f"{names[sid].lower()} {tonnes(v)}" for sid, v in g.by_sector[:2] if v > 0)
    summary = t("gap.summary", now=tonnes(g.now), year=str(sc.years.end), target=tonnes(g.target),
                gap=tonnes(max(0.0, g.gap)))
    rows = [(part, t(f"gap.{part}", value=tonnes(values[part]), sectors=top), values[part]) for part in PARTS]
    return summary, rows, t("gap.asks", target=tonnes(g.target))


def gap_panel(app, ui, rect: pygame.Rect, to_asks=None) -> None:
    """The gap's parts, paged; with `to_asks`, its closing words are the button that opens the asks."""
    t, state = app.t, app.state
    ui.panel(rect)
    inner = rect.inflate(-40, -24)
    summary, rows, closing = _cached(app)
    line = ui.line()
    most = max(v for _, _, v in rows) or 1.0
    y = inner.y
    title = t("gap.title", target=t("unit.t", value=t.num(state.scenario.targets.co2_kg.value / 1000, 1)))
    if wide(app):  # at large text the tab names it
        ui.text(title, (inner.x, y, inner.w, ui.line("h2")), role="h2", bold=True)
        y += ui.line("h2") + 8
    sh = min(ui.height(summary, inner.w, bold=True), 2 * line)
    ui.text(summary, (inner.x, y, inner.w, sh), bold=True)
    y += sh + 12
    if to_asks is not None:
        closing = f"{closing} ({len(state.asks)}) ›"
    closing_h = min(ui.height(closing, inner.w, bold=True), 2 * line)
    if to_asks is not None:
        closing_h = max(70, closing_h + 2 * max(8, (closing_h + 24) // 8))  # a button pads its words
    pager_h = max(62, int(line * 1.3))
    room = inner.bottom - closing_h - 12 - y
    side = wide(app)
    label_w = min(max(ui.width(t(f"gap.label.{p}"), bold=True) for p in PARTS) + 20, inner.w // 3) if side else 0
    text_w = inner.w - label_w
    bh = 30

    def height(part, sentence):
        label = 0 if side else ui.line() + 4
        return label + bh + 10 + min(ui.height(sentence, text_w), 3 * line) + 14

    heights = [height(p, x) for p, x, _ in rows]
    pages, used = [[]], 0
    limit = room if sum(heights) <= room else room - pager_h - 8
    for row, h in zip(rows, heights):
        if pages[-1] and used + h > limit:
            pages.append([])
            used = 0
        pages[-1].append((row, h))
        used += h
    page = min(app.view.get("gap-page", 0), len(pages) - 1)
    for (part, sentence, kg), h in pages[page]:
        ry = y
        if side:
            ui.text(t(f"gap.label.{part}"), (inner.x, ry, label_w - 12, bh + 8), bold=True, valign="middle")
        else:
            ui.text(t(f"gap.label.{part}"), (inner.x, ry, inner.w, ui.line()), bold=True)
            ry += ui.line() + 4
        ui.bar((inner.x + label_w, ry + 4, text_w, bh), kg, most, COLOURS[part], PATTERNS[part])
        bottom = y + min(h, limit) - 14
        ui.text(sentence, (inner.x + label_w, ry + bh + 10, text_w, bottom - (ry + bh + 10)))
        y += h
    if len(pages) > 1:
        ui.page_buttons("gap-page", (inner.x, inner.bottom - closing_h - 12 - pager_h, min(600, inner.w), pager_h),
                        page, len(pages), lambda p: app.view.set("gap-page", p), page_label(app, page, len(pages)))
    if to_asks is None:
        ui.text(closing, (inner.x, inner.bottom - closing_h, inner.w, closing_h), bold=True)
    else:
        ui.button("gap-asks", (inner.x, inner.bottom - closing_h, inner.w, closing_h), closing, to_asks,
                  align="left", selected=True)


def _cached(app):
    """The gap's sentences, once per state and language: the gap walks every project."""
    lang = app.t.lang
    return derived(app.state, f"gap-sentences-{lang}", lambda state: sentences(state, app.t, lang))
