"""Debrief: the action plan (ratified now or later), the trajectory and footprints, equity; the report.

The plan is a list of projects with a short summary each; choosing one shows who takes part and
who gives what in a detail panel beside it (or in its place at large text sizes), so every
line stays readable instead of packing every family into one row.
"""

from __future__ import annotations

import pygame

from engine import actions as A
from engine.footprint import recorded
from engine.story import start_year, story

from .. import charts, theme
from ..analysis import association_totals
from .common import (MAIN, chosen_in, currency, euros, family_name, gives, header, names_fitting, page_label,
                     paged, pages_by_height, list_and_detail, project_name, wide)
from .results import figures_panel

BASE_TABS = ("plan", "footprints", "equity", "gap")


def build(app, ui) -> None:
    from .generations_view import generations_panel, has_generations

    t = app.t
    header(app, ui, t("debrief.title"))
    tab = app.view.get("db-tab", "plan")
    TABS = BASE_TABS + (("generations",) if has_generations(app.state) else ())  # noqa: N806
    labels = [t(f"debrief.tab_{name}") if name != "generations" else t("report.generations_title")
              for name in TABS] + [t("debrief.save")]
    w = (MAIN.w - len(TABS) * 20) // (len(TABS) + 1)
    h = 76 if all(ui.fits(label, w - 24, 68, bold=True) for label in labels) else 2 * ui.line(size=app.painter.floor) + 24
    h = ui.button_height(labels, w, h)
    for i, name in enumerate(TABS):
        ui.button(f"db-tab-{name}", (MAIN.x + i * (w + 20), MAIN.y, w, h), labels[i],
                  lambda n=name: _tab(app, n), selected=tab == name)
    ui.button("save-report", (MAIN.right - w, MAIN.y, w, h), labels[-1], lambda: save_report(app), style="primary")
    area = pygame.Rect(MAIN.x, MAIN.y + h + 20, MAIN.w, MAIN.h - h - 20)
    if tab == "plan":
        plan(app, ui, area)
    elif tab == "footprints":
        footprints(app, ui, area)
    elif tab == "gap":
        from ..asks_view import gap_tab

        gap_tab(app, ui, area)
    elif tab == "generations":
        generations_panel(app, ui, area, "db-gen-page")
    else:
        figures_panel(app, ui, area)


def _tab(app, name: str) -> None:
    if app.view.get("asks-open"):  # leaving the tab puts the asks away, the draft of an ask kept
        for key in ("ask-open", "asks-open", "escape"):
            app.view.set(key, None)
    app.view.set("db-tab", name)


def summary(app, r) -> str:
    """"6 familles · 320 €/mois · 2,4 h/sem.": the size of a project at a glance."""
    t = app.t
    money = sum(c.monthly_cents for c in r.commitments.values()) / 100
    hours = sum(c.weekly_minutes for c in r.commitments.values()) / 60
    parts = [t("misc.families", n=len(r.participants))]
    if money > 0:
        parts.append(t("gives.money", money=euros(app, money)))
    if hours > 0:
        parts.append(t("gives.hours", hours=t.num(hours, 1)))
    if r.ratified is not None:
        parts.append(t("debrief.ratified_now" if r.ratified else "debrief.ratified_later"))
    return " · ".join(parts)




def story_lines(app) -> list[str]:
    """What started and later stopped, and why; what lapsed: one plain line each."""
    from ..report import story_text

    return story_text(app.state, story(app.state), app.t, app.t.lang)


def story_panel(app, ui, rect: pygame.Rect, lines: list[str], title: str) -> None:
    ui.panel(rect)
    inner = rect.inflate(-32, -24)
    th = ui.line("h2") + 6
    ui.text(title, (inner.x, inner.y, inner.w, th), role="h2", bold=True)
    line = ui.line()
    pager_h = max(62, int(line * 1.3))
    heights = [min(ui.height(text, inner.w), 3 * line) for text in lines]
    room = inner.h - th - 10
    if sum(heights) + 8 * len(heights) > room:
        room -= pager_h + 8
    pages = pages_by_height(lines, heights, room, 8)
    page = min(app.view.get("db-story-page", 0), len(pages) - 1)
    for text, dy, h in pages[page]:
        ui.text(text, (inner.x, inner.y + th + 10 + dy, inner.w, h))
    ui.page_buttons("db-story-page", (inner.x, inner.bottom - pager_h, min(inner.w, 600), pager_h), page, len(pages),
                    lambda p: app.view.set("db-story-page", p), page_label(app, page, len(pages)))


def plan(app, ui, rect: pygame.Rect) -> None:
    t, state = app.t, app.state
    running = list(state.running)
    told = story_lines(app)
    if not running:
        if not told:
            ui.panel(rect)
            ui.text(t("debrief.empty"), rect.inflate(-32, -24), role="h2", colour=theme.INK)
            return
        story_panel(app, ui, rect, told, t("debrief.none_running"))
        return
    if told and (wide(app) or not app.view.get("db-open")):
        # the story takes what its lines need, at most two fifths of the area, so the plan stays readable
        heights = [min(ui.height(x, rect.w - 64), 3 * ui.line()) + 8 for x in told]
        need = ui.line("h2") + 40 + sum(heights)
        # never less than its tallest line with the page buttons under it, even at large text sizes
        least = ui.line("h2") + 40 + max(heights) + max(62, int(ui.line() * 1.3)) + 8
        story_h = max(min(max(need, ui.line("h2") + ui.line() + 60), rect.h * 2 // 5), least)
        list_least = _row_height(app, ui, rect.w - 32, running) + max(66, int(ui.line() * 1.4)) + 34
        if not wide(app) and rect.h - story_h - 16 < list_least:
            # no room for both at this size: the story opens in the list's place from a button under it
            if app.view.get("db-story"):
                _story_alone(app, ui, rect, told)
                return
            label = t("debrief.story_title")
            bh = ui.button_height([label], rect.w, max(70, int(ui.line() * 1.3)), bold=False)
            ui.button("db-story", (rect.x, rect.bottom - bh, rect.w, bh), label, lambda: _open_story(app))
            story_h = bh
        else:
            story_panel(app, ui, pygame.Rect(rect.x, rect.bottom - story_h, rect.w, story_h), told,
                        t("debrief.story_title"))
        rect = pygame.Rect(rect.x, rect.y, rect.w, rect.h - story_h - 16)
    chosen = chosen_in(app, "db-row", [r.project for r in running])
    list_and_detail(
        app, rect, 1000, "db-open",
        lambda area: plan_list(app, ui, area, running, chosen),
        lambda area, back: detail(app, ui, area, state.running_project(chosen), back=back),
    )


def _open_story(app) -> None:
    app.view.set("db-story", True)
    app.view.set("escape", lambda: _close_story(app))


def _close_story(app) -> None:
    app.view.set("db-story", False)
    app.view.set("escape", None)


def _story_alone(app, ui, rect: pygame.Rect, told: list[str]) -> None:
    """The story in the plan's place, with a way back to the plan."""
    t = app.t
    back = "‹ " + t("debrief.tab_plan")
    bh = max(70, int(ui.line() * 1.3))
    bw = min(rect.w, max(300, ui.width(back) + 40))
    ui.button("db-story-back", (rect.x, rect.y, bw, bh), back, lambda: _close_story(app))
    story_panel(app, ui, pygame.Rect(rect.x, rect.y + bh + 16, rect.w, rect.h - bh - 16), told,
                t("debrief.story_title"))


def _label(app, r) -> str:
    t = app.t
    start = start_year(app.state, r.start_round)
    return t("debrief.project", name=project_name(app, r.project), year=str(start)) + "\n" + summary(app, r)


def _row_height(app, ui, width: int, running) -> int:
    """The height of the plan's rows in a panel `width` wide: two lines, or three at the floor size."""
    rh = 2 * ui.line() + 36
    if not all(ui.fits(_label(app, r), width - 60, rh - 30, bold=True) for r in running):
        rh = 3 * ui.line(size=app.painter.floor) + 36
    return rh


def plan_list(app, ui, rect: pygame.Rect, running, chosen: str) -> None:
    ui.panel(rect)
    inner = rect.inflate(-32, -24)
    label = lambda r: _label(app, r)  # noqa: E731
    rh = _row_height(app, ui, inner.w, running)
    pager_h = max(66, int(ui.line() * 1.4))
    per = max(1, (inner.h - pager_h - 10) // rh)
    rows, page, pages = paged(app, "db-page", running, per)
    for k, r in enumerate(rows):
        y = inner.y + k * rh
        ui.button(f"db-row-{r.project}", (inner.x, y, inner.w, rh - 14), label(r), lambda p=r.project: _open(app, p),
                  selected=r.project == chosen and wide(app), align="left")
    ui.page_buttons("db-page", (inner.x, inner.bottom - pager_h, min(inner.w, 600), pager_h), page, pages,
                    lambda p: app.view.set("db-page", p), page_label(app, page, pages))


def _open(app, pid: str) -> None:
    app.view.set("db-row", pid)
    app.view.set("db-open", True)
    app.view.set("db-givers-page", 0)
    if not wide(app):
        app.view.set("escape", lambda: (app.view.set("db-open", False), app.view.set("escape", None)))


def detail(app, ui, rect: pygame.Rect, r, back: bool = False) -> None:
    """One project of the plan: ratify, who takes part, who gives what (paged)."""
    t, state = app.t, app.state
    ui.panel(rect)
    inner = rect.inflate(-32, -24)
    line = ui.line()
    y = inner.y
    btn_h = max(70, int(line * 1.3))
    start = start_year(state, r.start_round)
    title = t("debrief.project", name=project_name(app, r.project), year=str(start))
    if back:
        bw = max(300, ui.width("‹ " + t("debrief.tab_plan")) + 40)
        ui.button("db-back", (inner.x, y, bw, btn_h), "‹ " + t("debrief.tab_plan"),
                  lambda: (app.view.set("db-open", False), app.view.set("escape", None)))
        ui.text(title, (inner.x + bw + 20, y, inner.w - bw - 20, btn_h), bold=True, valign="middle")
        y += btn_h + 16
    else:
        th = min(ui.height(title, inner.w, "h2", True), 2 * ui.line("h2"))
        ui.text(title, (inner.x, y, inner.w, th), role="h2", bold=True)
        y += th + 16
    label_w = min(inner.w // 3, ui.width(t("debrief.ratified")) + 20)
    ui.text(t("debrief.ratified"), (inner.x, y, label_w, btn_h), valign="middle")
    bw = (inner.w - label_w - 20) // 2
    for j, now in enumerate((True, False)):
        action = A.Ratify(project=r.project, now=now)
        ui.button(f"ratify-{r.project}-{'now' if now else 'later'}", (inner.x + label_w + j * (bw + 20), y, bw, btn_h),
                  t("debrief.now" if now else "debrief.later"), lambda a=action: app.act(a), selected=r.ratified is now)
    y += btn_h + 20
    names = [family_name(app, f) for f in r.participants]
    box = pygame.Rect(inner.x, y, inner.w, (2 if wide(app) else 1) * line)
    who = names_fitting(app, ui, lambda text: t("debrief.who", n=len(names), who=text), names, box)
    ui.text(who, box)
    y = box.bottom + 12
    ui.text(t("debrief.gives_title"), (inner.x, y, inner.w, line), bold=True)
    y += line + 6
    cur = currency(app)
    oneoff = story(state).oneoff.get(r.project, {})
    givers = [gives(t, cur, family_name(app, f), c.monthly_eur, c.weekly_hours, oneoff.get(f, 0.0))
              for f, c in r.commitments.items() if c.monthly_eur > 0 or c.weekly_hours > 0 or oneoff.get(f, 0) > 0.005]
    pager_h = max(66, int(line * 1.4))
    col_w = max([ui.width(g) for g in givers] + [1]) + 60
    cols = max(1, min(3, inner.w // col_w))
    per = cols * max(1, (inner.bottom - y - pager_h - 10) // line)
    shown, page, pages = paged(app, "db-givers-page", givers or ["—"], per)
    rows = (len(shown) + cols - 1) // cols
    for k, text in enumerate(shown):
        at = (inner.x + (k // rows) * (inner.w // cols), y + (k % rows) * line, inner.w // cols - 20, line)
        ui.text(text, at)
    ui.page_buttons("db-givers-page", (inner.x, inner.bottom - pager_h, min(inner.w, 600), pager_h), page, pages,
                    lambda p: app.view.set("db-givers-page", p), page_label(app, page, pages))


def footprints(app, ui, rect: pygame.Rect) -> None:
    state = app.state
    now = association_totals(state)
    first = recorded(state)[0] if state.trajectory else None
    tg = charts.targets(state)
    if wide(app):
        left = pygame.Rect(rect.x, rect.y, 860, rect.h)
        chart = pygame.Rect(left.right + 24, rect.y, rect.right - left.right - 24, rect.h)
    else:
        view, rest = _footprint_tabs(app, ui, rect)
        left = chart = rest
        if view == "chart":
            charts.trajectory_chart(app, ui, chart)
            return
    ui.panel(left)
    inner = left.inflate(-32, -24)
    gh = inner.h // 3
    for i in range(3):
        start = first[1 + i] if first else now[i]
        charts.gauge(app, ui, pygame.Rect(inner.x, inner.y + i * gh, inner.w, gh - 16), i, float(now[i]), tg[i],
                     float(start))
    if wide(app):
        charts.trajectory_chart(app, ui, chart)


def _footprint_tabs(app, ui, rect):
    from .common import tabs

    t = app.t
    return tabs(app, ui, "db-fp", ["gauges", "chart"], [t("chart.gauges"), t("chart.trajectory")], rect)


def save_report(app) -> None:
    from ..report import write_report

    try:
        path = write_report(app.state, app.session.writer.path if app.session.writer else None, app.t.lang,
                            fingerprint=app.session.fingerprint())
    except OSError as exc:
        app.toast(app.t("debrief.report_failed", problem=str(exc)), bad=True)
        return
    app.view.set("report", str(path))
    app.toast(app.t("debrief.report_saved", path=path.name))
