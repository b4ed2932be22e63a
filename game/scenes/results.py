"""Resolution and review: what starts, before and after, the gauges, equity and meaningful time.

Long lists (who takes part, criteria newly served, each family's share) are summarised in one
line and detailed on demand in the same panel, paged, so nothing needs fine print.
"""

from __future__ import annotations

import pygame

from engine.debrief import serving
from engine.footprint import recorded

from .. import charts, theme
from ..analysis import association_totals, figures, per_family_totals, round_start_state, served_codes, serves
from .common import (MAIN, euros, family_name, header, names_fitting, page_label, paged, project_name, tabs,
                     wide)
from .situation import family_table


def build_resolution(app, ui) -> None:
    t = app.t
    header(app, ui)
    if not wide(app):
        view, area = tabs(app, ui, "res-view", ["started", "table"], [t("resolution.started"), t("tab.footprints")],
                          MAIN)
        (started_panel if view == "started" else before_after)(app, ui, area)
        return
    left = pygame.Rect(MAIN.x, MAIN.y, 700, MAIN.h)
    started_panel(app, ui, left)
    before_after(app, ui, pygame.Rect(left.right + 24, MAIN.y, MAIN.right - left.right - 24, MAIN.h))


def started_panel(app, ui, rect: pygame.Rect) -> None:
    t, state = app.t, app.state
    ui.panel(rect)
    inner = rect.inflate(-32, -24)
    line = ui.line()
    th = ui.line("h2") + 8
    ui.text(t("resolution.started"), (inner.x, inner.y, inner.w, th), role="h2", bold=True)
    y = inner.y + th + 8
    stopped = [s for s in state.stopped if s[1] == state.round]
    started = [r for r in state.running if r.start_round == state.round]
    pager_h = max(62, int(line * 1.4))
    stop_h = 2 * line + 8 if stopped else 0
    item_h = 4 * line + 20
    per = max(1, (inner.bottom - y - stop_h - pager_h - 10) // item_h)
    shown, page, pages = paged(app, "res-started-page", started, per)
    for r in shown:
        names = [family_name(app, f) for f in r.participants]
        money = sum(c.monthly_cents for c in r.commitments.values()) / 100
        hours = sum(c.weekly_minutes for c in r.commitments.values()) / 60
        ui.text(project_name(app, r.project), (inner.x, y, inner.w, line), bold=True)
        box = (inner.x, y + line + 4, inner.w, 2 * line)
        ui.text(names_fitting(app, ui, lambda text: t("debrief.who", n=len(names), who=text), names, box), box)
        gives = " · ".join(part for part, v in ((t("gives.money", money=euros(app, money)), money),
                                               (t("gives.hours", hours=t.num(hours, 1)), hours)) if v > 0) or "—"
        ui.text(t("resolution.gives", gives=gives), (inner.x, y + 3 * line + 4, inner.w, line))
        y += item_h
    if not started:
        ui.text(t("resolution.none"), (inner.x, y, inner.w, 2 * line))
    if stopped:
        names = [project_name(app, s[0]) for s in stopped]
        box = (inner.x, inner.bottom - pager_h - stop_h - 4, inner.w, stop_h)
        ui.text(names_fitting(app, ui, lambda text: t("resolution.stopped", names=text), names, box), box,
                colour=theme.DANGER_INK)
    ui.page_buttons("res-started-page", (inner.x, inner.bottom - pager_h, min(inner.w, 600), pager_h), page, pages,
                    lambda p: app.view.set("res-started-page", p), page_label(app, page, pages))


def before_after(app, ui, rect: pygame.Rect) -> None:
    state = app.state
    before_state = round_start_state(state)
    before = per_family_totals(before_state) if before_state is not state else None
    ids = [f.id for f in before_state.families if f.present]
    if before is not None:
        # align the rows of before with the families present now
        index = {fid: i for i, fid in enumerate(ids)}
        before = [before[index[f.id]] if f.id in index else None for f in state.present()]
    family_table(app, ui, rect, before, "res-page")


def build_review(app, ui) -> None:
    t = app.t
    header(app, ui)
    if not wide(app):
        view, area = tabs(app, ui, "rv-view", ["gauges", "chart", "wellbeing", "equity"],
                          [t("chart.gauges"), t("tab.trajectory"), t("tab.wellbeing"), t("tab.equity")], MAIN)
        if view == "gauges":
            gauges(app, ui, area)
        elif view == "chart":
            charts.trajectory_chart(app, ui, area)
        else:
            figures_panel(app, ui, area, newly_served(app), part=view)
        return
    left = pygame.Rect(MAIN.x, MAIN.y, 1000, MAIN.h)
    gauges(app, ui, pygame.Rect(left.x, left.y, left.w, left.h // 2 + 10))
    charts.trajectory_chart(app, ui, pygame.Rect(left.x, left.y + left.h // 2 + 26, left.w, left.h // 2 - 26))
    right = pygame.Rect(left.right + 24, MAIN.y, MAIN.right - left.right - 24, MAIN.h)
    figures_panel(app, ui, right, newly_served(app))


def gauges(app, ui, rect: pygame.Rect) -> None:
    state = app.state
    ui.panel(rect)
    inner = rect.inflate(-32, -24)
    first = recorded(state)[0] if state.trajectory else None
    now = association_totals(state)
    tg = charts.targets(state)
    gh = inner.h // 3
    for i in range(3):
        start = first[1 + i] if first else now[i]
        charts.gauge(app, ui, pygame.Rect(inner.x, inner.y + i * gh, inner.w, gh - 8), i, float(now[i]), tg[i],
                     float(start))


def newly_served(app) -> list[tuple[str, str]]:
    """(family, "criterion (code) ← projects") for each criterion served now and not at the
    round's start, with the projects that serve it (codes matched at the finest level)."""
    state = app.state
    before = round_start_state(state)
    out = []
    for f in state.present():
        was, now = served_codes(before, f.id), served_codes(state, f.id)
        by = dict(serving(state, f.id))
        for i, c in enumerate(f.spec.criteria):
            if serves(now, c.code) and not serves(was, c.code):
                names = ", ".join(project_name(app, p) for p in by.get(i, []))
                out.append((f.spec.name, f"{c.text} ({c.code}) ← {names}" if names else f"{c.text} ({c.code})"))
    return out


def new_criteria_line(app, ui, new: list[tuple[str, str]], box) -> str:
    """"7 — Martin 3, Benali 2 et 2 autres": a count, then who gains most, as many as fit."""
    t = app.t
    if not new:
        return t("review.new_criteria", items="—")
    counts: dict[str, int] = {}
    for name, _ in new:
        counts[name] = counts.get(name, 0) + 1
    names = [f"{name} {n}" for name, n in sorted(counts.items(), key=lambda kv: -kv[1])]
    return names_fitting(app, ui, lambda text: t("review.new_criteria", items=f"{len(new)} — {text}"), names, box)


def figures_panel(app, ui, rect: pygame.Rect, new: list | None = None, part: str | None = None) -> None:
    """Well-being figures and equity; `part` shows only one of them (large text)."""
    from .figures import criteria_list, equity_rows, wellbeing_lines

    t = app.t
    ui.panel(rect)
    inner = rect.inflate(-32, -24)
    if part is None and not wide(app):
        part, inner = tabs(app, ui, "fig-view", ["wellbeing", "equity"], [t("tab.wellbeing"), t("tab.equity")], inner)
    if app.view.get("rv-criteria") == (app.state.round, app.state.phase) and new:
        criteria_list(app, ui, inner, new)
        return
    fig = figures(app.state)
    y = inner.y
    if part in (None, "wellbeing"):
        th = ui.line("h2") + 8
        ui.text(t("review.title"), (inner.x, y, inner.w, th), role="h2", bold=True)
        y = wellbeing_lines(app, ui, inner, y + th + 4, fig, new)
    if part in (None, "equity"):
        equity_rows(app, ui, pygame.Rect(inner.x, y + 8, inner.w, inner.bottom - y - 8), fig)
