"""Pledges: a family gives money and time to a proposal, by its means; coverage shows what is met."""

from __future__ import annotations

import pygame

from engine import actions as A
from engine.quick import cover_rest
from engine.resources import left

from .. import theme
from .common import MAIN, currency, steps, euros, header, page_label, paged, project_name, tabs, wide
from .coverage import coverage_of, coverage_panel, share_button, share_height



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
                 "weekly_hours": p.weekly_hours if p else 0.0, "participates": p.participates if p else True,
                 "generation": p.generation if p else None}
        app.view.set(key, draft)
    return draft


def project_list(app, ui, rect: pygame.Rect, items, chosen, key: str, status) -> None:
    t = app.t
    ui.panel(rect)
    inner = rect.inflate(-32, -32)
    line = ui.line()
    pager_h = max(62, int(line * 1.3))
    labels = {pid: project_name(app, pid) + " — " + status(pid, running) for pid, running in items}
    h = max(72, 2 * line + 16)
    for lines in (3, 4):
        if all(ui.fits(label, inner.w - 40, h - 12, bold=True) for label in labels.values()):
            break
        h = lines * ui.line(size=app.painter.floor) + 20
    per = max(1, (inner.h - pager_h - 10) // (h + 12))
    rows, page, pages = paged(app, key + "-page", items, per)
    y = inner.y
    for pid, running in rows:
        ui.button(f"{key}-{pid}", (inner.x, y, inner.w, h), labels[pid], lambda p=pid: app.view.set(key, p),
                  selected=pid == chosen)
        y += h + 12
    ui.page_buttons(key + "-page", (inner.x, inner.bottom - pager_h, inner.w, pager_h), page, pages,
                    lambda p: app.view.set(key + "-page", p), page_label(app, page, pages))
    if not items:
        ui.text(t("pledges.nothing"), inner, colour=theme.INK)


def build(app, ui) -> None:
    t, state = app.t, app.state
    header(app, ui)
    items = open_items(state)
    chosen = selection(app, items)

    def status(pid, running):
        ok = coverage_of(state, pid, running).covered
        return t("coverage.covered") if ok else t("coverage.not_yet")

    if not wide(app):
        family = chosen_family(app, "pl-family")
        names = ["projects", "families", "pledge", "coverage"]
        labels = [t("pledges.tab_projects"), t("pledges.tab_families"),
                  family.spec.name if family else t("pledges.who"), t("pledges.tab_coverage")]
        view, area = tabs(app, ui, "pl-view", names, labels, MAIN)
        if view == "projects" or chosen is None:
            project_list(app, ui, area, items, chosen, "pl-project", status)
        elif view == "families":
            ui.panel(area)
            family_chips(app, ui, area.inflate(-32, -32), "pl-family", checked=pledged(app, chosen))
        elif view == "pledge":
            pledge_panel(app, ui, area, chosen, dict(items)[chosen], family)
        else:
            coverage_panel(app, ui, area, chosen, dict(items)[chosen])
        return
    if chosen is None:
        project_list(app, ui, pygame.Rect(MAIN.x, MAIN.y, 500, MAIN.h), items, chosen, "pl-project", status)
        return
    running = dict(items)[chosen]
    share_h = share_height(app, ui, 500)
    project_list(app, ui, pygame.Rect(MAIN.x, MAIN.y, 500, MAIN.h - share_h - 16), items, chosen, "pl-project", status)
    share_button(app, ui, pygame.Rect(MAIN.x, MAIN.bottom - share_h, 500, share_h), chosen, running)
    mid = pygame.Rect(MAIN.x + 520, MAIN.y, 700, MAIN.h)
    ui.panel(mid)
    inner = mid.inflate(-32, -32)
    who_h = ui.height(t("pledges.who"), inner.w, bold=True)  # a line, in whichever font draws the words
    ui.text(t("pledges.who"), (inner.x, inner.y, inner.w, who_h), bold=True)
    chip_h, pager_h = max(64, int(ui.line() * 1.6)), max(60, int(ui.line() * 1.3))
    chips = pygame.Rect(inner.x, inner.y + who_h + 6, inner.w, 2 * (chip_h + 10) + pager_h + 4)
    family = family_chips(app, ui, chips, "pl-family", checked=pledged(app, chosen))
    pledge_panel(app, ui, pygame.Rect(mid.x, chips.bottom + 8, mid.w, mid.bottom - chips.bottom - 8), chosen, running,
                 family, border=False)
    coverage_panel(app, ui, pygame.Rect(mid.right + 20, MAIN.y, MAIN.right - mid.right - 20, MAIN.h), chosen, running,
                   share=False)


def chosen_family(app, key: str):
    families = list(app.state.present())
    fid = app.view.get(key)
    if fid not in [f.id for f in families]:
        fid = families[0].id if families else None
        app.view.set(key, fid)
    return app.state.family(fid) if fid else None


def pledged(app, pid: str | None):
    """Whether a family has a saved pledge to the project (a ✓ on its button)."""
    if pid is None:
        return lambda f: False
    state = app.state
    holder = state.proposal(pid) or state.running_project(pid)
    pledges = (holder.pledges if hasattr(holder, "pledges") else holder.commitments) if holder else {}
    return lambda f: f.id in pledges


def choose_family(app, key: str, fid: str) -> None:
    """Choosing the family already chosen changes nothing (its draft stays as it is)."""
    if app.view.get(key) != fid:
        app.view.set(key, fid)
        app.typing = None


def family_chips(app, ui, rect: pygame.Rect, key: str, mark=None, checked=None) -> object:
    families = list(app.state.present())
    chosen = chosen_family(app, key)
    widest = max([ui.width(f.spec.name + (mark(f) if mark else ""), bold=True) for f in families] + [1]) + 48 + (
        46 if checked else 0)
    cols = max(1, min(4, (rect.w + 10) // (widest + 10)))
    ch = max(64, int(ui.line() * 1.6))
    pager_h = max(60, int(ui.line() * 1.3))
    rows_fit = max(1, (rect.h + 10) // (ch + 10))
    if rows_fit * cols < len(families):
        rows_fit = max(1, (rect.h - pager_h) // (ch + 10))
    if app.view.get(key + "-follow") and chosen is not None:
        # the selection moved on by itself (after a save): turn to the page that shows it
        app.view.set(key + "-page", [f.id for f in families].index(chosen.id) // (cols * rows_fit))
        app.view.set(key + "-follow", False)
    rows, page, pages = paged(app, key + "-page", families, cols * rows_fit)
    cw = (rect.w - 10 * (cols - 1)) // cols
    for k, f in enumerate(rows):
        label = f.spec.name + (mark(f) if mark else "")
        ui.button(f"{key}-{f.id}", (rect.x + (k % cols) * (cw + 10), rect.y + (k // cols) * (ch + 10), cw, ch), label,
                  lambda f=f: choose_family(app, key, f.id), selected=chosen is not None and f.id == chosen.id,
                  checked=bool(checked and checked(f)))
    ui.page_buttons(key + "-page", (rect.x, rect.bottom - pager_h, rect.w, pager_h), page, pages,
                    lambda p: app.view.set(key + "-page", p), page_label(app, page, pages))
    return chosen


def pledge_panel(app, ui, rect: pygame.Rect, pid: str, running: bool, family, border: bool = True) -> None:
    """The steppers of one family's pledge to one project, what it has left, save and withdraw."""
    t, state = app.t, app.state
    if border:
        ui.panel(rect)
    inner = rect.inflate(-32, -32)
    if family is None:
        return
    d = draft_for(app, pid, family)
    line = ui.line()
    row = max(76, int(line * 1.3))
    btn_h = max(76, int(line * 1.3))
    y = inner.y
    if border:
        title = t("pledges.for", name=family.spec.name, project=project_name(app, pid))
        ui.text(title, (inner.x, y, inner.w, line), bold=True)
        y += line + 10
    sign = app.t.currency_sign(currency(app))
    save = lambda: save_pledge(app, pid, family)  # noqa: E731
    for field, label in (("monthly_eur", t("pledges.monthly", currency=sign)),
                         ("oneoff_eur", t("pledges.oneoff", currency=sign)), ("weekly_hours", t("pledges.hours"))):
        if running and field == "oneoff_eur":
            continue
        step = steps(state.scenario)[field]
        shown = t("unit.h", value=t.num(d[field], 1)) if field == "weekly_hours" else euros(app, d[field])

        def bump(delta, field=field):
            d[field] = max(0.0, round(d[field] + delta, 2))

        def typed(text, field=field):
            d[field] = typed_amount(text, LIMITS[field])
        ui.stepper(f"pl-{field}", (inner.x, y, inner.w, row), label, shown,
                   lambda b=bump, s=step: b(-s), lambda b=bump, s=step: b(s), typed=typed, enter=save)
        y += row + 10
    half = (inner.w - 12) // 2
    answer = t("misc.yes") if d["participates"] else t("misc.no")
    ui.button("pl-participates", (inner.x, y, half, row), t("pledges.participates_short", answer=answer),
              lambda: d.update(participates=not d["participates"]), selected=d["participates"])
    ui.button("pl-cover", (inner.x + half + 12, y, inner.w - half - 12, row), t("pledges.cover_rest"),
              lambda: (d.update(cover_rest(state, pid, family.id)), setattr(app, "typing", None)))
    y += row + 10
    if state.class_mode or family.spec.generation_hours is not None:
        ui.button("pl-generation", (inner.x, y, inner.w, row), generation_label(app, d.get("generation")),
                  lambda: d.update(generation=next_generation(family, d.get("generation"))),
                  selected=d.get("generation") is not None)
        y += row + 10
    room = left(state, family, skip=pid)
    ui.text(t("pledges.left_after", money=euros(app, room.money - d["monthly_eur"]),
              savings=euros(app, room.savings - d["oneoff_eur"]), hours=t.num(room.hours - d["weekly_hours"], 1)),
            (inner.x, y, inner.w, inner.bottom - btn_h - 10 - y))
    save_w = max(380, ui.width(t("pledges.save"), bold=True) + 48)
    ui.button("pl-save", (inner.right - save_w, inner.bottom - btn_h, save_w, btn_h), t("pledges.save"), save,
              style="primary")
    withdraw = A.Withdraw(project=pid, family=family.id)
    ui.button("pl-withdraw", (inner.x, inner.bottom - btn_h, max(220, ui.width(t("pledges.withdraw")) + 48), btn_h),
              t("pledges.withdraw"), lambda: app.act(withdraw, actor=family.id), enabled=app.legal(withdraw))


def generation_label(app, generation: str | None) -> str:
    who = app.t(f"generation.{generation}") if generation else app.t("generation.family")
    return f"{app.t('generation.who')} {who}"


def next_generation(family, generation: str | None) -> str | None:
    """The next generation the family has (then the whole family again): one press each."""
    from engine.scenario import GENERATIONS

    order = [None] + [g for g in GENERATIONS if getattr(family.spec.members, g)]
    return order[(order.index(generation) + 1) % len(order)] if generation in order else None


LIMITS = {"monthly_eur": 1e5, "oneoff_eur": 1e7, "weekly_hours": 80.0}


def typed_amount(text: str, most: float) -> float:
    """Digits as typed ("40", "2,5", "1.") as an amount, 0 when empty, never above the field's limit."""
    text = text.replace(",", ".")
    try:
        value = float(text) if text.strip(".") else 0.0
    except ValueError:
        value = 0.0
    return min(max(0.0, round(value, 2)), most)


def save_pledge(app, pid: str, family) -> None:
    """Save the draft as the family's pledge, then go on to the next family that has not pledged."""
    d = draft_for(app, pid, family)
    if not app.act(A.Pledge(project=pid, family=family.id, **d), actor=family.id):
        return
    app.typing = None
    families = list(app.state.present())
    done = pledged(app, pid)
    ids = [f.id for f in families]
    at = ids.index(family.id) if family.id in ids else -1
    for f in families[at + 1:] + families[:at + 1]:
        if not done(f):
            app.view.set("pl-family", f.id)
            app.view.set("pl-family-follow", True)
            return
