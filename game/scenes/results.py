"""Resolution and review: what starts, before and after, the gauges, equity and meaningful time."""

from __future__ import annotations

import pygame

from .. import charts, theme
from ..analysis import association_totals, figures, per_family_totals, round_start_state, served_codes, serves
from .common import MAIN, euros, family_name, header, project_name
from .situation import family_table


def build_resolution(app, ui) -> None:
    t, state = app.t, app.state
    header(app, ui)
    left = pygame.Rect(MAIN.x, MAIN.y, 700, MAIN.h)
    ui.panel(left)
    inner = left.inflate(-32, -24)
    ui.text(t("resolution.started"), (inner.x, inner.y, inner.w, 56), role="h2", bold=True)
    y = inner.y + 66
    started = [r for r in state.running if r.start_round == state.round]
    for r in started:
        who = ", ".join(family_name(app, f) for f in r.participants) or "—"
        money = sum(c.monthly_eur for c in r.commitments.values())
        hours = sum(c.weekly_hours for c in r.commitments.values())
        ui.text(project_name(app, r.project), (inner.x, y, inner.w, 44), bold=True)
        ui.text(t("resolution.line", who=who, money=euros(app, money), hours=t.num(hours, 1)),
                (inner.x, y + 46, inner.w, 90), colour=theme.MUTED)
        y += 146
        if y > inner.bottom - 200:
            break
    if not started:
        ui.text(t("resolution.none"), (inner.x, y, inner.w, 90), colour=theme.MUTED)
        y += 100
    stopped = [s for s in state.stopped if s[1] == state.round]
    if stopped:
        names = ", ".join(project_name(app, s[0]) for s in stopped)
        ui.text(t("resolution.stopped", names=names), (inner.x, y, inner.w, inner.bottom - y), colour=theme.DANGER_INK)
    before_state = round_start_state(state)
    before = per_family_totals(before_state) if before_state is not state else None
    ids = [f.id for f in before_state.families if f.present]
    if before is not None:
        # align the rows of before with the families present now
        index = {fid: i for i, fid in enumerate(ids)}
        before = [before[index[f.id]] if f.id in index else None for f in state.present()]
    family_table(app, ui, pygame.Rect(left.right + 24, MAIN.y, MAIN.right - left.right - 24, MAIN.h), before,
                 "res-page")


def build_review(app, ui) -> None:
    t, state = app.t, app.state
    header(app, ui)
    left = pygame.Rect(MAIN.x, MAIN.y, 1000, MAIN.h)
    ui.panel(left)
    inner = left.inflate(-32, -24)
    first = state.trajectory[0] if state.trajectory else None
    now = association_totals(state)
    tg = charts.targets(state)
    gh = (inner.h // 2 - 20) // 3
    for i in range(3):
        start = first[1 + i] if first else now[i]
        charts.gauge(app, ui, pygame.Rect(inner.x, inner.y + i * gh, inner.w, gh - 10), i, float(now[i]), tg[i],
                     float(start))
    charts.trajectory_chart(app, ui, pygame.Rect(inner.x, inner.y + 3 * gh + 10, inner.w, inner.bottom - inner.y - 3 * gh - 10))
    right = pygame.Rect(left.right + 24, MAIN.y, MAIN.right - left.right - 24, MAIN.h)
    figures_panel(app, ui, right, newly_served(app))


def newly_served(app) -> list[str]:
    state = app.state
    before = round_start_state(state)
    out = []
    for f in state.present():
        was, now = served_codes(before, f.id), served_codes(state, f.id)
        for c in f.spec.criteria:
            if serves(now, c.code) and not serves(was, c.code):
                out.append(f"{f.spec.name} : {c.text} ({c.code})")
    return out


def figures_panel(app, ui, rect: pygame.Rect, new: list[str] | None = None) -> None:
    t, state = app.t, app.state
    ui.panel(rect)
    inner = rect.inflate(-32, -24)
    fig = figures(state)
    pct = lambda v: f"{round(100 * v)} %"  # noqa: E731
    lines = [
        t("review.inclusion", share=pct(fig.inclusion), left_out=", ".join(fig.left_out) or "—"),
        t("review.coverage", share=pct(fig.coverage)),
        t("review.meaningful", share=pct(fig.meaningful) if fig.meaningful is not None else "—"),
    ]
    refused = [r.name for r in fig.families if r.refused_hours > 0]
    if refused:
        lines.append(t("review.refused", names=", ".join(refused)))
    if new is not None:
        lines.append(t("review.new_criteria", items="; ".join(new) or "—"))
    y = inner.y
    ui.text(t("review.title"), (inner.x, y, inner.w, 56), role="h2", bold=True)
    y += 66
    line_h = (inner.h // 2 - 66) // max(1, len(lines))
    for line in lines:
        ui.text(line, (inner.x, y, inner.w, line_h - 6))
        y += line_h
    ui.text(t("review.equity"), (inner.x, y, inner.w, 48), bold=True)
    y += 52
    rows = fig.families[: max(1, (inner.bottom - y) // 44)]
    rh = (inner.bottom - y) // max(1, len(rows))
    rh = min(rh, 60)
    for r in rows:
        mr = "—" if r.money_ratio is None else t.num(r.money_ratio, 2)
        hr = "—" if r.hours_ratio is None else t.num(r.hours_ratio, 2)
        ui.text(t("review.equity_row", name=r.name, money=mr, hours=hr),
                (inner.x, y, inner.w, rh - 4), valign="middle")
        y += rh
