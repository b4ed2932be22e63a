"""Debrief: the action plan (ratified now or later), the trajectory and footprints, equity; the report."""

from __future__ import annotations

import pygame

from engine import actions as A

from .. import charts, theme
from ..analysis import association_totals
from .common import MAIN, euros, family_name, header, page_label, paged, project_name, rows_per_page
from .results import figures_panel

TABS = ("plan", "footprints", "equity")


def build(app, ui) -> None:
    t = app.t
    header(app, ui, t("debrief.title"))
    tab = app.view.get("db-tab", "plan")
    x = MAIN.x
    for name in TABS:
        ui.button(f"db-tab-{name}", (x, MAIN.y, 420, 76), t(f"debrief.tab_{name}"),
                  lambda n=name: app.view.set("db-tab", n), selected=tab == name)
        x += 440
    ui.button("save-report", (MAIN.right - 460, MAIN.y, 460, 76), t("debrief.save"), lambda: save_report(app),
              style="primary")
    area = pygame.Rect(MAIN.x, MAIN.y + 96, MAIN.w, MAIN.h - 96)
    if tab == "plan":
        plan(app, ui, area)
    elif tab == "footprints":
        footprints(app, ui, area)
    else:
        figures_panel(app, ui, area)


def plan(app, ui, rect: pygame.Rect) -> None:
    t, state = app.t, app.state
    ui.panel(rect)
    inner = rect.inflate(-32, -24)
    running = list(state.running)
    if not running:
        ui.text(t("debrief.empty"), inner, role="h2", colour=theme.MUTED)
        return
    per = rows_per_page(app, inner.h - 80, 150)
    rows, page, pages = paged(app, "db-page", running, per)
    rh = (inner.h - 80) // per
    years = state.scenario.years
    for k, r in enumerate(rows):
        y = inner.y + k * rh
        start = years.start + years.years_per_round * r.start_round  # as engine.debrief.action_plan
        ui.text(t("debrief.project", name=project_name(app, r.project), year=str(start)), (inner.x, y, inner.w - 700, rh // 2),
                role="h2", bold=True, valign="middle")
        gives = "; ".join(
            t("debrief.gives", name=family_name(app, f), money=euros(app, c.monthly_eur), hours=t.num(c.weekly_hours, 1))
            for f, c in r.commitments.items() if c.monthly_eur > 0 or c.weekly_hours > 0) or "—"
        who = ", ".join(family_name(app, f) for f in r.participants) or "—"
        ui.text(t("debrief.who", who=who, gives=gives), (inner.x, y + rh // 2, inner.w - 700, rh // 2 - 10),
                colour=theme.MUTED)
        ui.text(t("debrief.ratified"), (inner.right - 680, y, 220, rh - 20), valign="middle", align="right")
        for j, now in enumerate((True, False)):
            action = A.Ratify(project=r.project, now=now)
            ui.button(f"ratify-{r.project}-{'now' if now else 'later'}", (inner.right - 440 + j * 230, y + 10, 210, rh - 30),
                      t("debrief.now" if now else "debrief.later"), lambda a=action: app.act(a),
                      selected=r.ratified is now)
        pygame.draw.line(ui.surf, theme.LINE, (inner.x, y + rh - 4), (inner.right, y + rh - 4), 1)
    ui.page_buttons("db-page", (inner.x, inner.bottom - 70, 600, 66), page, pages, lambda p: app.view.set("db-page", p),
                    page_label(app, page, pages))


def footprints(app, ui, rect: pygame.Rect) -> None:
    state = app.state
    left = pygame.Rect(rect.x, rect.y, 860, rect.h)
    ui.panel(left)
    inner = left.inflate(-32, -24)
    now = association_totals(state)
    first = state.trajectory[0] if state.trajectory else None
    tg = charts.targets(state)
    gh = inner.h // 3
    for i in range(3):
        start = first[1 + i] if first else now[i]
        charts.gauge(app, ui, pygame.Rect(inner.x, inner.y + i * gh, inner.w, gh - 16), i, float(now[i]), tg[i],
                     float(start))
    charts.trajectory_chart(app, ui, pygame.Rect(left.right + 24, rect.y, rect.right - left.right - 24, rect.h))


def save_report(app) -> None:
    from ..report import write_report

    try:
        path = write_report(app.state, app.session.writer.path if app.session.writer else None, app.t.lang)
    except OSError as exc:
        app.toast(app.t("debrief.report_failed", problem=str(exc)), bad=True)
        return
    app.view.set("report", str(path))
    app.toast(app.t("debrief.report_saved", path=path.name))
