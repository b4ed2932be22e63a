"""Charts drawn on the table: footprint bars against targets, and the CO₂ trajectory to 2050.

Sizes come from the text size: columns, value boxes and axis labels are measured at the size
they are drawn, so a label never sits on another one. At large text the footprint table shows
one footprint at a time, chosen with the column headers.
"""

from __future__ import annotations

import numpy as np
import pygame

from engine.footprint import recorded, target_trajectory
from engine.gaia import public_floors
from engine.whatif import energy_basis

from . import theme
from .scenes.common import FORMAT, footprint_letter, footprint_mark, tonnes, wide

FLOOR_COLOUR = (170, 170, 170)
UNIT = (1000.0, 1000.0, 10000.0)  # t, MWh, gha
DIGITS = (1, 1, 2)
NAME_SHARE = 0.22  # of the table's width, for the names; more when one footprint is shown


def name_share(app) -> float:
    return NAME_SHARE if wide(app) else 0.3


def targets(state) -> tuple[float, float, float]:
    tg = state.scenario.targets
    return tg.co2_kg.value, tg.energy_kwh.value, tg.biosphere_m2.value


def floor_totals(state) -> np.ndarray:
    return public_floors(state.scenario).sum(axis=0)


def scales(state, values: np.ndarray) -> list[float]:
    """One scale per footprint so every bar and its target fit (values: (n, 3))."""
    tg = targets(state)
    return [max(float(values[:, i].max()) if len(values) else 0.0, tg[i]) * 1.08 for i in range(3)]


def shown_footprints(app) -> list[int]:
    return [0, 1, 2] if wide(app) else [app.view.get("fp-index", 0)]


def footprint_columns(app, ui, rect: pygame.Rect) -> list[tuple[int, pygame.Rect]]:
    """(footprint, column box) after the name column."""
    name_w = int(rect.w * name_share(app))
    shown = shown_footprints(app)
    w = (rect.w - name_w) // len(shown)
    return [(i, pygame.Rect(rect.x + name_w + k * w, rect.y, w - 16, rect.h)) for k, i in enumerate(shown)]


def header_height(app, ui, width: int) -> int:
    """Room for the column headers: two lines, or the height of the footprint buttons."""
    t, tg = app.t, targets(app.state)
    if wide(app):
        # two lines, or more for a language whose names run longer
        cols = footprint_columns(app, ui, pygame.Rect(0, 0, width, 1))
        labels = [(t(f"footprint.{i}", target=FORMAT[i](app, tg[i])), col.w - ui.mark_px - 10) for i, col in cols]
        for lines in (2, 3, 4):
            if all(ui.fits(label, w, lines * ui.line() + 8, bold=True) for label, w in labels):
                break
        return lines * ui.line() + 8
    one = max(70, int(ui.line() * 1.25))
    labels = [f"{footprint_letter(t, i)} · " + t(f"footprint.{i}", target=FORMAT[i](app, tg[i])) for i in range(3)]
    if all(ui.fits(label, (width - 32) // 3 - 40, one - 10, bold=True) for label in labels):
        return one
    return 2 * ui.line(size=app.painter.floor) + 24


def footprint_header(app, ui, rect: pygame.Rect) -> None:
    t = app.t
    tg = targets(app.state)
    if not wide(app):
        chosen = app.view.get("fp-index", 0)
        w = (rect.w - 32) // 3
        for i in range(3):
            label = f"{footprint_letter(t, i)} · " + t(f"footprint.{i}", target=FORMAT[i](app, tg[i]))
            ui.button(f"fp-show-{i}", (rect.x + i * (w + 16), rect.y, w, rect.h), label,
                      lambda i=i: app.view.set("fp-index", i), selected=i == chosen)
        return
    for i, col in footprint_columns(app, ui, rect):
        m = ui.mark_px
        footprint_mark(ui, (col.x, col.y + (col.h - m) // 2, m, m), i, app.t)
        label = t(f"footprint.{i}", target=FORMAT[i](app, tg[i]))
        ui.text(label, (col.x + m + 10, col.y, col.w - m - 10, col.h), valign="middle", bold=True)


def value_width(ui) -> int:
    return ui.width("00,00", bold=True) + 12


def footprint_row(app, ui, rect: pygame.Rect, name: str, values, most: list[float], before=None,
                  bold: bool = False) -> None:
    """A name, then per footprint a bar (public floor in grey at its end) and the value: kept by
    what it shows, so a row whose figures did not change is not drawn again."""
    key = ("fp-row", name, tuple(map(float, values)), tuple(most), None if before is None else tuple(map(float, before)),
           bold, tuple(shown_footprints(app)), name_share(app), tuple(floor_totals(app.state)), targets(app.state))
    ui.region(key, rect, lambda: _footprint_row(app, ui, rect, name, values, most, before, bold), anchors=(app.t,))


def _footprint_row(app, ui, rect: pygame.Rect, name: str, values, most: list[float], before=None,
                   bold: bool = False) -> None:
    ui.text(name, (rect.x, rect.y, int(rect.w * name_share(app)) - 12, rect.h), valign="middle", bold=bold)
    floor = floor_totals(app.state)
    tg = targets(app.state)
    vw = value_width(ui)
    bar_h = max(20, min(28, rect.h // 3))
    for i, col in footprint_columns(app, ui, rect):
        bar = pygame.Rect(col.x, col.y + (rect.h - bar_h) // 2, col.w - vw - 10, bar_h)
        if before is not None:
            bar.y = col.y + rect.h // 2 + 2
            grey, hatch = theme.BEFORE
            ui.bar((bar.x, bar.y - bar_h - 4, bar.w, bar_h), before[i], most[i], grey, hatch, tg[i])
        ui.bar(bar, values[i], most[i], theme.FOOTPRINT_COLOUR[i], theme.FOOTPRINT_PATTERN[i], tg[i])
        if floor[i] > 0 and most[i] > 0 and values[i] > 0:
            fw = max(2, int(bar.w * min(floor[i], values[i]) / most[i]))
            end = bar.x + min(bar.w, int(bar.w * values[i] / most[i]))
            ui.surf.blit(theme.pattern("cross", FLOOR_COLOUR, (fw, bar.h)), (end - fw, bar.y))
            pygame.draw.rect(ui.surf, theme.LINE, bar, 1)
        ui.text(app.t.num(values[i] / UNIT[i], DIGITS[i]), (col.right - vw, rect.y, vw, rect.h), valign="middle",
                align="right", bold=bold, wrap=False)


def trajectory_chart(app, ui, rect: pygame.Rect) -> None:
    """Association CO₂ per person by year (solid, dots) and the target line to the end year (dashed)."""
    state, t = app.state, app.t
    ui.panel(rect)
    line = ui.line()
    title_h = int(line * 1.2)
    ui.text(t("chart.trajectory"), (rect.x + 20, rect.y + 10, rect.w - 40, title_h), bold=True)
    years = state.scenario.years
    target = target_trajectory(state)
    points = [(y, co2) for y, co2, _, _ in recorded(state)]
    top = max([v for _, v in target] + [v for _, v in points] + [1.0]) * 1.1
    ticks = [top * frac / 1.1 for frac in (0.0, 0.5, 1.0)]
    tick_text = [app.t.num(v / 1000, 1) for v in ticks]
    label_w = max(ui.width(s) for s in tick_text) + 8
    legend_h = int(line * 1.2)
    plot = pygame.Rect(rect.x + 24 + label_w + 10, rect.y + 20 + title_h + line // 2,
                       rect.w - 48 - label_w - 10, 0)
    plot.h = rect.bottom - 20 - legend_h - line - 10 - plot.y

    def at(year, value):
        x = plot.x + plot.w * (year - years.start) / max(1, years.end - years.start)
        return int(x), int(plot.bottom - plot.h * value / top)

    pygame.draw.line(ui.surf, theme.INK, plot.bottomleft, plot.bottomright, 2)
    pygame.draw.line(ui.surf, theme.INK, plot.bottomleft, plot.topleft, 2)
    # the value labels sit left of the axis, the year labels under it: their boxes never meet
    for v, text in zip(ticks, tick_text):
        y = at(years.start, v)[1]
        ui.text(text, (rect.x + 24, y - line // 2, label_w, line), align="right", valign="middle", wrap=False)
    half = plot.w // 2 - 10
    ui.text(str(years.start), (plot.x, plot.bottom + 6, half, line), wrap=False)
    ui.text(str(years.end), (plot.right - half, plot.bottom + 6, half, line), align="right", wrap=False)
    goal = targets(state)[0]
    goal_y = at(years.end, goal)[1]
    pygame.draw.line(ui.surf, theme.LINE, (plot.x, goal_y), (plot.right, goal_y), 1)
    # the target line named with its figure, the mid-point year marked, the gap that remains shown
    goal_text = t("chart.goal", year=str(years.end), value=tonnes(app, goal))
    gw = ui.width(goal_text) + 8
    # under the line, where neither the path nor the points go
    ui.text(goal_text, (plot.x + 12, min(goal_y + 2, plot.bottom - line), gw, line), wrap=False)
    mid_year = 2035 if years.start < 2035 < years.end else None
    if mid_year is not None:
        mx = at(mid_year, 0)[0]
        for yy in range(plot.y, plot.bottom, 16):
            pygame.draw.line(ui.surf, theme.LINE, (mx, yy), (mx, min(yy + 8, plot.bottom)), 2)
        mw = ui.width(str(mid_year)) + 8
        ui.text(str(mid_year), (mx - mw // 2, plot.bottom + 6, mw, line), align="center", wrap=False)
    tp = [at(y, v) for y, v in target]
    for a, b in zip(tp, tp[1:]):
        _dashed(ui.surf, a, b)
    pp = [at(y, v) for y, v in points]
    if len(pp) > 1:
        pygame.draw.lines(ui.surf, theme.VERMILLION, False, pp, 6)
    for p in pp:
        pygame.draw.circle(ui.surf, theme.INK, p, 9)
        pygame.draw.circle(ui.surf, theme.VERMILLION, p, 6)
    if points and points[-1][1] > goal:
        (lx, ly_), gap = pp[-1], points[-1][1] - goal
        pygame.draw.line(ui.surf, theme.INK, (lx + 14, ly_), (lx + 14, goal_y), 3)
        gap_text = t("chart.gap", value=tonnes(app, gap))
        gw2 = ui.width(gap_text, bold=True) + 8
        gx = min(lx + 22, plot.right - gw2)
        gy = max(plot.y, min((ly_ + goal_y) // 2 - line // 2, goal_y - 2 * line - 4))
        ui.text(gap_text, (gx, gy, gw2, line), bold=True, wrap=False)
    ly = rect.bottom - legend_h - 12
    mid = ly + legend_h // 2
    pygame.draw.line(ui.surf, theme.VERMILLION, (rect.x + 20, mid), (rect.x + 70, mid), 6)
    ui.text(t("chart.association"), (rect.x + 80, ly, rect.w // 2 - 90, legend_h), valign="middle")
    _dashed(ui.surf, (rect.centerx, mid), (rect.centerx + 50, mid))
    ui.text(t("chart.target"), (rect.centerx + 60, ly, rect.w // 2 - 80, legend_h), valign="middle")


def _dashed(surf, a, b, dash: int = 14) -> None:
    ax, ay = a
    bx, by = b
    length = max(1.0, ((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5)
    n = int(length // dash)
    for i in range(0, n, 2):
        p = (ax + (bx - ax) * i / n, ay + (by - ay) * i / n)
        q = (ax + (bx - ax) * min(i + 1, n) / n, ay + (by - ay) * min(i + 1, n) / n)
        pygame.draw.line(surf, theme.INK, p, q, 4)


def footprint_label(app, index: int, target: str) -> str:
    """A footprint's name and target; the energy's says on which basis it is counted."""
    if index != 1:
        return app.t(f"footprint.{index}", target=target)
    basis = energy_basis(app.state.scenario)
    return app.t("footprint.1.basis", basis=app.t(f"energy.basis.{basis}"), target=target)


def gauge(app, ui, rect: pygame.Rect, index: int, value: float, target: float, start: float) -> None:
    """One footprint: where it started (grey, hatched the other way), where it is, and the target."""
    t, state = app.t, app.state
    most = max(value, target, start) * 1.1
    m = ui.mark_px
    footprint_mark(ui, (rect.x, rect.y, m, m), index, app.t)
    ui.text(footprint_label(app, index, FORMAT[index](app, target)), (rect.x + m + 10, rect.y, rect.w - m - 10, m),
            bold=True, valign="middle")
    first = state.trajectory[0][0] if state.trajectory else state.year
    rows = ((t("chart.start", year=str(first)), start, *theme.BEFORE),
            (t("chart.now"), value, theme.FOOTPRINT_COLOUR[index], theme.FOOTPRINT_PATTERN[index]))
    label_w = max(ui.width(label) for label, *_ in rows) + 12
    value_w = ui.width(app.t("unit.mwh", value="00,0")) + 12  # the same for the three gauges
    row = (rect.h - m - 6) // 2
    for k, (label, v, colour, pat) in enumerate(rows):
        y = rect.y + m + 6 + k * row
        ui.text(label, (rect.x, y, label_w, row), valign="middle")
        bh = max(14, min(26, row - 8))
        ui.bar((rect.x + label_w, y + (row - bh) // 2, rect.w - label_w - value_w - 10, bh), v, most, colour, pat,
               target)
        ui.text(FORMAT[index](app, v), (rect.right - value_w, y, value_w, row), valign="middle", align="right",
                wrap=False)
