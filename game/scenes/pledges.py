"""Pledges: a family gives money and time to a proposal, by its means; coverage shows what is met."""

from __future__ import annotations

import pygame

from engine import actions as A
from engine.resources import left, platform_left, proposal_coverage, running_coverage

from .. import theme
from .common import MAIN, euros, header, page_label, paged, project_name, rows_per_page

STEPS = {"monthly_eur": 10.0, "oneoff_eur": 100.0, "weekly_hours": 0.5}


def open_items(state) -> list[tuple[str, bool]]:
    """(project id, is running) of what can receive pledges now."""
    items = [(p.project, False) for p in state.proposals if p.status == "open"]
    items += [(r.project, True) for r in state.running if not r.completed]
    return items


def selection(app, items, key: str = "pl-project") -> str | None:
    ids = [p for p, _ in items]
    chosen = app.view.get(key)
    if chosen not in ids:
        chosen = ids[0] if ids else None
        app.view.set(key, chosen)
    return chosen


def draft_for(app, project: str, family) -> dict:
    key = f"draft-{project}-{family.id}"
    draft = app.view.get(key)
    if draft is None:
        state = app.state
        holder = state.proposal(project) or state.running_project(project)
        pledges = holder.pledges if hasattr(holder, "pledges") else holder.commitments
        p = pledges.get(family.id)
        draft = {"monthly_eur": p.monthly_eur if p else 0.0, "oneoff_eur": p.oneoff_eur if p else 0.0,
                 "weekly_hours": p.weekly_hours if p else 0.0, "participates": p.participates if p else True}
        app.view.set(key, draft)
    return draft


def project_list(app, ui, rect: pygame.Rect, items, chosen, key: str, status) -> None:
    t = app.t
    ui.panel(rect)
    per = rows_per_page(app, rect.h - 180, 110)
    rows, page, pages = paged(app, key + "-page", items, per)
    h = (rect.h - 180) // per
    y = rect.y + 20
    for pid, running in rows:
        label = project_name(app, pid) + " — " + status(pid, running)
        ui.button(f"{key}-{pid}", (rect.x + 16, y, rect.w - 32, h - 12), label, lambda p=pid: app.view.set(key, p),
                  selected=pid == chosen)
        y += h
    ui.page_buttons(key + "-page", (rect.x + 16, rect.bottom - 90, rect.w - 32, 70), page, pages,
                    lambda p: app.view.set(key + "-page", p), page_label(app, page, pages))
    if not items:
        ui.text(t("pledges.nothing"), rect.inflate(-32, -32), colour=theme.MUTED)


def coverage_of(state, pid: str, running: bool):
    if running:
        return running_coverage(state, state.running_project(pid))
    return proposal_coverage(state, state.proposal(pid))


def build(app, ui) -> None:
    t, state = app.t, app.state
    header(app, ui)
    items = open_items(state)
    chosen = selection(app, items)

    def status(pid, running):
        ok = coverage_of(state, pid, running).covered
        return t("coverage.covered") if ok else t("coverage.not_yet")

    project_list(app, ui, pygame.Rect(MAIN.x, MAIN.y, 500, MAIN.h), items, chosen, "pl-project", status)
    if chosen is None:
        return
    running = dict(items)[chosen]
    mid = pygame.Rect(MAIN.x + 520, MAIN.y, 700, MAIN.h)
    family_panel(app, ui, mid, chosen, running)
    coverage_panel(app, ui, pygame.Rect(mid.right + 20, MAIN.y, MAIN.right - mid.right - 20, MAIN.h), chosen, running)


def family_chips(app, ui, rect: pygame.Rect, key: str, mark=None) -> object:
    families = list(app.state.present())
    fid = app.view.get(key)
    if fid not in [f.id for f in families]:
        fid = families[0].id if families else None
        app.view.set(key, fid)
    cols = 3 if app.scale <= 1.5 else 2
    per = cols * rows_per_page(app, rect.h - 70, 64)
    rows, page, pages = paged(app, key + "-page", families, per)
    ch = (rect.h - (70 if pages > 1 else 0)) // max(1, (per + cols - 1) // cols)
    cw = (rect.w - 10 * (cols - 1)) // cols
    for k, f in enumerate(rows):
        label = f.spec.name + (mark(f) if mark else "")
        ui.button(f"{key}-{f.id}", (rect.x + (k % cols) * (cw + 10), rect.y + (k // cols) * ch, cw, ch - 10), label,
                  lambda f=f: app.view.set(key, f.id), selected=f.id == fid)
    ui.page_buttons(key + "-page", (rect.x, rect.bottom - 64, rect.w, 60), page, pages,
                    lambda p: app.view.set(key + "-page", p), page_label(app, page, pages))
    return app.state.family(fid) if fid else None


def family_panel(app, ui, rect: pygame.Rect, pid: str, running: bool) -> None:
    t, state = app.t, app.state
    ui.panel(rect)
    inner = rect.inflate(-32, -32)
    ui.text(t("pledges.who"), (inner.x, inner.y, inner.w, 44), bold=True)
    family = family_chips(app, ui, pygame.Rect(inner.x, inner.y + 50, inner.w, 250), "pl-family")
    if family is None:
        return
    d = draft_for(app, pid, family)
    y = inner.y + 316
    row = 84
    for field, label in (("monthly_eur", t("pledges.monthly")), ("oneoff_eur", t("pledges.oneoff")),
                         ("weekly_hours", t("pledges.hours"))):
        if running and field == "oneoff_eur":
            continue
        step = STEPS[field]
        shown = t("unit.h", value=t.num(d[field], 1)) if field == "weekly_hours" else euros(app, d[field])

        def bump(delta, field=field):
            d[field] = max(0.0, round(d[field] + delta, 2))
        ui.stepper(f"pl-{field}", (inner.x, y, inner.w, row - 12), label, shown,
                   lambda b=bump, s=step: b(-s), lambda b=bump, s=step: b(s))
        y += row
    ui.toggle("pl-participates", (inner.x, y, inner.w, row - 12), t("pledges.participates"), d["participates"],
              lambda: d.update(participates=not d["participates"]), t("misc.yes"), t("misc.no"))
    y += row
    room = left(state, family, skip=pid)
    ui.text(t("pledges.left", money=euros(app, room.money), savings=euros(app, room.savings),
              hours=t.num(room.hours, 1)), (inner.x, y, inner.w, inner.bottom - y - 96), colour=theme.MUTED)
    action = A.Pledge(project=pid, family=family.id, **d)
    ui.button("pl-save", (inner.right - 380, inner.bottom - 84, 380, 84), t("pledges.save"),
              lambda: app.act(action, actor=family.id), style="primary")
    withdraw = A.Withdraw(project=pid, family=family.id)
    ui.button("pl-withdraw", (inner.x, inner.bottom - 84, 260, 84), t("pledges.withdraw"),
              lambda: app.act(withdraw, actor=family.id), enabled=app.legal(withdraw))


def coverage_panel(app, ui, rect: pygame.Rect, pid: str, running: bool) -> None:
    t, state = app.t, app.state
    ui.panel(rect)
    inner = rect.inflate(-32, -24)
    cov = coverage_of(state, pid, running)
    ui.text(t("coverage.title", name=project_name(app, pid)), (inner.x, inner.y, inner.w, 80), role="h2", bold=True)
    y = inner.y + 90
    rows = [("money", cov.money, euros), ("upfront", cov.upfront, euros),
            ("hours", cov.hours, lambda a, v: t("unit.h", value=t.num(v, 1)))]
    for name, (have, need), fmt in rows:
        if name == "upfront" and need <= 0:
            continue
        ok = have + 1e-9 >= need
        ui.text(t(f"coverage.{name}", have=fmt(app, have), need=fmt(app, need)), (inner.x, y, inner.w, 44))
        ui.bar((inner.x, y + 50, inner.w - 130, 26), have, max(need, have, 1e-9), theme.BLUE, "solid", need)
        ui.text(t("coverage.ok") if ok else t("coverage.missing"), (inner.right - 120, y + 40, 120, 44),
                colour=theme.OK_INK if ok else theme.DANGER_INK, bold=True, align="right", wrap=False)
        y += 96
    n, lo, hi = cov.participants
    ui.text(t("coverage.participants", n=n, lo=lo, hi=hi), (inner.x, y, inner.w, 44))
    y += 54
    for skill, ok in cov.skills:
        name = next((a.name.get(t.lang, "fr") for a in state.scenario.activities if a.id == skill), skill)
        ui.text(t("coverage.skill_ok" if ok else "coverage.skill_missing", skill=name), (inner.x, y, inner.w, 44),
                colour=theme.OK_INK if ok else theme.DANGER_INK)
        y += 48
    if state.scenario.platform is not None and not running:
        ui.text(t("pledges.cofund", left=euros(app, platform_left(state))), (inner.x, y, inner.w, 44))
        cofund_row(app, ui, pygame.Rect(inner.x, y + 50, inner.w, 76), pid)
        y += 140
    waiting = [f.spec.name for f in state.present() if not any(f.id in p.pledges for p in state.proposals)]
    ui.text(t("pledges.waiting", names=", ".join(waiting) or "—"), (inner.x, y, inner.w, inner.bottom - y),
            colour=theme.MUTED)


def cofund_row(app, ui, rect: pygame.Rect, pid: str) -> None:
    t, state = app.t, app.state
    proposal = state.proposal(pid)
    key = f"cofund-{pid}"
    amount = app.view.get(key, proposal.cofund)
    step = 100.0
    ui.stepper("cofund", (rect.x, rect.y, rect.w - 200, rect.h), "", euros(app, amount), lambda: app.view.set(key, max(0.0, amount - step)),
               lambda: app.view.set(key, amount + step))
    action = A.Cofund(project=pid, amount=amount)
    ui.button("cofund-ask", (rect.right - 188, rect.y, 188, rect.h), t("pledges.ask"), lambda: app.act(action),
              enabled=app.legal(action) and abs(amount - proposal.cofund) > 1e-9)
