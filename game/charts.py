"""Charts drawn on the table: footprint bars against targets, and the CO₂ trajectory to 2050."""

from __future__ import annotations

import numpy as np
import pygame

from engine.footprint import target_trajectory
from engine.gaia import floors

from . import theme
from .scenes.common import FORMAT, footprint_mark

FLOOR_COLOUR = (170, 170, 170)
UNIT = (1000.0, 1000.0, 10000.0)  # t, MWh, gha
DIGITS = (1, 1, 2)


def targets(state) -> tuple[float, float, float]:
    tg = state.scenario.targets
    return tg.co2_kg.value, tg.energy_kwh.value, tg.biosphere_m2.value


def floor_totals(state) -> np.ndarray:
    return floors(state.scenario).sum(axis=0)


def scales(state, values: np.ndarray) -> list[float]:
    """One scale per footprint so every bar and its target fit (values: (n, 3))."""
    tg = targets(state)
    return [max(float(values[:, i].max()) if len(values) else 0.0, tg[i]) * 1.08 for i in range(3)]


def footprint_columns(app, ui, rect: pygame.Rect) -> list[pygame.Rect]:
    """The three column boxes of a footprint table, after a name column."""
    name_w = int(rect.w * 0.22)
    w = (rect.w - name_w) // 3
    return [pygame.Rect(rect.x + name_w + i * w, rect.y, w - 16, rect.h) for i in range(3)]


def footprint_header(app, ui, rect: pygame.Rect) -> None:
    t = app.t
    tg = targets(app.state)
    for i, col in enumerate(footprint_columns(app, ui, rect)):
        m = min(col.h - 8, 44)
        footprint_mark(ui, (col.x, col.y + (col.h - m) // 2, m, m), i)
        label = t(f"footprint.{i}", target=FORMAT[i](app, tg[i]))
        ui.text(label, (col.x + m + 10, col.y, col.w - m - 10, col.h), valign="middle", bold=True)


def footprint_row(app, ui, rect: pygame.Rect, name: str, values, most: list[float], before=None,
                  bold: bool = False) -> None:
    """A name, then per footprint a bar (public floor in grey at its end) and the value."""
    ui.text(name, (rect.x, rect.y, int(rect.w * 0.22) - 12, rect.h), valign="middle", bold=bold)
    floor = floor_totals(app.state)
    tg = targets(app.state)
    for i, col in enumerate(footprint_columns(app, ui, rect)):
        value_w = int(col.w * 0.3)
        bar = pygame.Rect(col.x, col.y + rect.h // 2 - 14, col.w - value_w - 10, 28)
        if before is not None:
            bar.y = col.y + rect.h // 2 - 4
            ui.bar((bar.x, bar.y - 22, bar.w, 14), before[i], most[i], theme.PANEL_ALT, "diagonal", tg[i])
        ui.bar(bar, values[i], most[i], theme.FOOTPRINT_COLOUR[i], theme.FOOTPRINT_PATTERN[i], tg[i])
        if floor[i] > 0 and most[i] > 0 and values[i] > 0:
            fw = max(2, int(bar.w * min(floor[i], values[i]) / most[i]))
            end = bar.x + min(bar.w, int(bar.w * values[i] / most[i]))
            ui.surf.blit(theme.pattern("cross", FLOOR_COLOUR, (fw, bar.h)), (end - fw, bar.y))
            pygame.draw.rect(ui.surf, theme.LINE, bar, 1)
        ui.text(app.t.num(values[i] / UNIT[i], DIGITS[i]), (col.right - value_w, rect.y, value_w, rect.h), valign="middle",
                align="right", bold=bold, wrap=False)


def trajectory_chart(app, ui, rect: pygame.Rect) -> None:
    """Association CO₂ per person by year (solid, dots) and the target line to the end year (dashed)."""
    state, t = app.state, app.t
    ui.panel(rect)
    title_h = int(app.painter.px("body") * 1.5)
    ui.text(t("chart.trajectory"), (rect.x + 20, rect.y + 10, rect.w - 40, title_h), bold=True)
    legend_h = title_h
    plot = pygame.Rect(rect.x + 110, rect.y + title_h + 30, rect.w - 150, rect.h - title_h - legend_h - 90)
    years = state.scenario.years
    target = target_trajectory(state)
    points = [(y, co2) for y, co2, _, _ in state.trajectory]
    top = max([v for _, v in target] + [v for _, v in points] + [1.0]) * 1.1

    def at(year, value):
        x = plot.x + plot.w * (year - years.start) / max(1, years.end - years.start)
        return int(x), int(plot.bottom - plot.h * value / top)

    pygame.draw.line(ui.surf, theme.INK, plot.bottomleft, plot.bottomright, 2)
    pygame.draw.line(ui.surf, theme.INK, plot.bottomleft, plot.topleft, 2)
    for frac in (0.0, 0.5, 1.0):
        v = top * frac / 1.1
        y = at(years.start, v)[1]
        ui.text(app.t.num(v / 1000, 1), (rect.x + 6, y - 18, 96, 36), align="right", wrap=False)
    for y in (years.start, years.end):
        x = at(y, 0)[0]
        ui.text(str(y), (x - 50, plot.bottom + 6, 100, 36), align="center", wrap=False)
    goal_y = at(years.end, targets(state)[0])[1]
    pygame.draw.line(ui.surf, theme.LINE, (plot.x, goal_y), (plot.right, goal_y), 1)
    tp = [at(y, v) for y, v in target]
    for a, b in zip(tp, tp[1:]):
        _dashed(ui.surf, a, b)
    pp = [at(y, v) for y, v in points]
    if len(pp) > 1:
        pygame.draw.lines(ui.surf, theme.VERMILLION, False, pp, 6)
    for p in pp:
        pygame.draw.circle(ui.surf, theme.INK, p, 9)
        pygame.draw.circle(ui.surf, theme.VERMILLION, p, 6)
    ly = rect.bottom - legend_h - 10
    pygame.draw.line(ui.surf, theme.VERMILLION, (rect.x + 20, ly + legend_h // 2), (rect.x + 70, ly + legend_h // 2), 6)
    ui.text(t("chart.association"), (rect.x + 80, ly, rect.w // 2 - 90, legend_h), valign="middle")
    _dashed(ui.surf, (rect.centerx, ly + legend_h // 2), (rect.centerx + 50, ly + legend_h // 2))
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


def gauge(app, ui, rect: pygame.Rect, index: int, value: float, target: float, start: float) -> None:
    """One footprint: where it started, where it is, and the target, as three lengths."""
    t = app.t
    most = max(value, target, start) * 1.1
    m = min(44, rect.h // 3)
    footprint_mark(ui, (rect.x, rect.y, m, m), index)
    ui.text(t(f"footprint.{index}", target=FORMAT[index](app, target)), (rect.x + m + 10, rect.y, rect.w - m - 10, m),
            bold=True, valign="middle")
    row = (rect.h - m - 10) // 2
    for k, (label, v, pat) in enumerate(((t("chart.start"), start, "diagonal"), (t("chart.now"), value, None))):
        y = rect.y + m + 10 + k * row
        ui.text(label, (rect.x, y, 180, row), valign="middle")
        colour = theme.PANEL_ALT if pat else theme.FOOTPRINT_COLOUR[index]
        ui.bar((rect.x + 190, y + row // 2 - 12, rect.w - 390, 24), v, most, colour,
               pat or theme.FOOTPRINT_PATTERN[index], target)
        ui.text(FORMAT[index](app, v), (rect.right - 190, y, 190, row), valign="middle", align="right", wrap=False)
