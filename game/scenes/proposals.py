"""Proposals: the scenario's catalogue, filterable by strategy and sector.

The catalogue is a list of names with their strategy mark; the chosen project's card (needs,
effects per footprint, savings, well-being dimensions, capacity) is shown beside it, or in its
place at large text sizes, so each line of the card is drawn at full size.
"""

from __future__ import annotations

import numpy as np
import pygame

from engine import actions as A
from engine.whatif import average_effect, taking_part

from .. import theme
from .common import (FORMAT, MAIN, STRATEGY_LETTER, chosen_in, euros, family_name, header, local, names_fitting, page_label,
                     list_and_detail, paged, project_name, sector_name, strategy_mark, wide)

_EFFECTS: dict = {}


def effect_per_footprint(state, project) -> np.ndarray:
    """Change of the three footprints per person for a household at the territory's defaults."""
    key = (id(state.scenario), project.id)
    if key not in _EFFECTS:
        _EFFECTS[key] = average_effect(state.scenario, project.id)
    return _EFFECTS[key]


def effect_for_family(state, project, family_id: str) -> float:
    """Change of one family's CO₂ per person a year if it takes part, from its factors now
    (the figures of `bve footprint --family`)."""
    return float(taking_part(state, project.id, family_id)[0])


def plain_effect(app, project, family_id: str | None) -> str:
    """One plain line: about how much CO₂ a year it changes for each person of the chosen family."""
    t, state = app.t, app.state
    d = effect_for_family(state, project, family_id) if family_id else float(effect_per_footprint(state, project)[0])
    if abs(d) < 5:
        return t("card.no_co2")
    kg = abs(d)
    amount = t("unit.kg", value=t.num(round(kg, -1) if kg < 1000 else round(kg, -2), 0)) if kg < 1000 else \
        t("unit.t", value=t.num(kg / 1000, 1))
    if family_id:
        return t("card.for_family" if d < 0 else "card.for_family_more", amount=amount,
                 name=family_name(app, family_id))
    return t("card.for_group" if d < 0 else "card.for_group_more", amount=amount)


def card_lines(app, project, family_id: str | None = None) -> list[tuple[str, str]]:
    """(label, value) lines of a project's card."""
    t, state = app.t, app.state
    n = project.needs
    skills = ", ".join(local(app, a.name) for a in state.scenario.activities if a.id in n.skills) or "—"
    delta = taking_part(state, project.id, family_id) if family_id else effect_per_footprint(state, project)
    effects = " · ".join(f"{t(f'mark.{i}')}\u00a0{'−' if d < 0 else '+'}{FORMAT[i](app, abs(d))}"
                         for i, d in enumerate(delta) if abs(d) > 1e-6)
    # the hours a proposal asks, as coverage counts them: the running time and the set-up spread over a year
    setup = n.setup_hours / 52.0
    if setup > 1e-9:
        needs = t("card.needs_setup", upfront=euros(app, n.upfront_eur), monthly=euros(app, n.monthly_eur),
                  hours=t.num(n.weekly_hours + setup, 1), setup=t.num(setup, 1))
    else:
        needs = t("card.needs", upfront=euros(app, n.upfront_eur), monthly=euros(app, n.monthly_eur),
                  hours=t.num(n.weekly_hours, 1))
    return [
        (t("card.description_label"), local(app, project.description)),
        (t("card.for_you_label"), plain_effect(app, project, family_id)),
        (t("card.strategy_label"), t("card.sectors", strategy=t(f"strategy.{project.strategy}"),
                                     sectors=", ".join(sector_name(app, s) for s in project.sectors))),
        (t("card.needs_label"), needs),
        (t("card.skills_label"), skills),
        (t("card.effects_label"), (effects or "—") + (" " + t("card.common_good") if project.common_good else "")),
        (t("card.savings_label"), t("card.savings", monthly=euros(app, project.savings.monthly_eur),
                                    hours=t.num(project.savings.weekly_hours, 1))),
        (t("card.wellbeing_label"), ", ".join(project.wellbeing) or "—"),
        (t("card.capacity_label"), t("card.capacity", lo=project.capacity.min, hi=project.capacity.max)),
    ]


def _row(ui, x: int, y: int, width: int, h: int, specs) -> int:
    """Buttons in a row, each as wide as its words at the floor size, sharing what is left; when
    the words do not fit on one line the row grows to two. Returns the row's height."""
    widths = [ui.width(label, size=ui.p.floor, bold=True) + 48 for _, label, _, _ in specs]
    if sum(widths) + 10 * (len(specs) - 1) > width:
        widths = [(width - 10 * (len(specs) - 1)) // len(specs)] * len(specs)
        if not all(ui.fits(label, w - 40, h - 12, bold=True) for (_, label, _, _), w in zip(specs, widths)):
            h = 2 * ui.line(size=ui.p.floor) + 24
    spare = max(0, (width - sum(widths) - 10 * (len(specs) - 1)) // len(specs))
    for (wid, label, action, selected), w in zip(specs, widths):
        ui.button(wid, (x, y, w + spare, h), label, action, selected=selected)
        x += w + spare + 10
    return h


def build(app, ui) -> None:
    t, state = app.t, app.state
    header(app, ui)
    sc = state.scenario
    fh = max(70, int(ui.line() * 1.2))
    strategy = app.view.get("filter-strategy")
    sector = app.view.get("filter-sector")
    present = [None] + [f.id for f in state.present()]
    by = app.view.get("proposer", 0) % len(present)
    by_label = t("proposals.by", who=family_name(app, present[by]))
    by_w = min(620, max(ui.width(t("proposals.by", who=family_name(app, f))) for f in present) + 48)
    proposer = lambda r: ui.button("proposer", r, by_label, lambda: app.view.set("proposer", by + 1))  # noqa: E731
    h1 = _row(ui, MAIN.x, MAIN.y, MAIN.w - (by_w + 20 if wide(app) else 0), fh,
         [(f"filter-s-{s or 'all'}", t("filter.all") if s is None else f"{STRATEGY_LETTER[s]} · {t(f'strategy.{s}')}",
           lambda s=s: app.view.set("filter-strategy", s), strategy == s)
          for s in (None, "sobriety", "efficiency", "decarbonisation")])
    if wide(app):
        proposer((MAIN.right - by_w, MAIN.y, by_w, fh))
    sectors = [None] + [s.id for s in sc.sectors]
    names = [t("filter.all_sectors") if s is None else sector_name(app, s) for s in sectors]
    if wide(app):
        h2 = _row(ui, MAIN.x, MAIN.y + h1 + 10, MAIN.w, fh,
                  [(f"filter-sector-{s or 'all'}", name, lambda s=s: app.view.set("filter-sector", s), sector == s)
                   for s, name in zip(sectors, names)])
    else:  # one button that cycles through the sectors
        i = sectors.index(sector) if sector in sectors else 0
        h2 = _row(ui, MAIN.x, MAIN.y + h1 + 10, MAIN.w, fh,
                  [("filter-sector", t("filter.sector", sector=names[i]),
                    lambda: app.view.set("filter-sector", sectors[(i + 1) % len(sectors)]), i > 0)])
    projects = [p for p in sc.projects if (strategy is None or p.strategy == strategy)
                and (sector is None or sector in p.sectors)]
    area = pygame.Rect(MAIN.x, MAIN.y + h1 + h2 + 30, MAIN.w, MAIN.bottom - (MAIN.y + h1 + h2 + 30))
    if not projects:
        ui.panel(area)
        ui.text(t("proposals.none"), area.inflate(-32, -24), colour=theme.INK)
        return
    chosen = chosen_in(app, "cat-chosen", [p.id for p in projects])
    list_and_detail(
        app, area, 760, "cat-open",
        lambda rect: catalogue(app, ui, rect, projects, chosen),
        lambda rect, back: card(app, ui, rect, sc.project(chosen), present[by], back=back,
                                proposer_button=proposer if back else None),
    )


def catalogue(app, ui, rect: pygame.Rect, projects, chosen: str) -> None:
    t, state = app.t, app.state
    ui.panel(rect)
    inner = rect.inflate(-24, -20)
    line = ui.line()
    m = ui.mark_px
    rh = max(m + 20, int(line * 1.5) + 12)
    proposed = " — " + t("card.proposed")
    if not all(ui.fits(project_name(app, p.id) + proposed, inner.w - m - 60, rh - 24, bold=True) for p in projects):
        rh = max(rh, 2 * ui.line(size=app.painter.floor) + 28)
    pager_h = max(62, int(line * 1.3))
    foot = line + 8
    per = max(1, (inner.h - pager_h - foot - 16) // rh)
    shown, page, pages = paged(app, "cat-page", projects, per)
    y = inner.y
    for p in shown:
        strategy_mark(app, ui, (inner.x, y + (rh - 12 - m) // 2, m, m), p.strategy)
        label = project_name(app, p.id)
        if state.proposal(p.id) is not None:
            label += " — " + t("card.proposed")
        ui.button(f"cat-{p.id}", (inner.x + m + 14, y, inner.w - m - 14, rh - 12), label, lambda p=p: _open(app, p.id),
                  selected=p.id == chosen and wide(app), align="left")
        y += rh
    ui.page_buttons("cat-page", (inner.x, inner.bottom - foot - pager_h - 8, min(inner.w, 600), pager_h), page, pages,
                    lambda p: app.view.set("cat-page", p), page_label(app, page, pages))
    names = [project_name(app, p.project) for p in state.proposals]
    box = (inner.x, inner.bottom - foot, inner.w, foot)
    ui.text(names_fitting(app, ui, lambda text: t("proposals.on_table", names=text), names, box), box,
            valign="middle")


def _open(app, pid: str) -> None:
    app.view.set("cat-chosen", pid)
    if not wide(app):
        app.view.set("cat-open", True)
        app.view.set("escape", lambda: _close(app))


def _close(app) -> None:
    app.view.set("cat-open", False)
    app.view.set("escape", None)


def card(app, ui, r: pygame.Rect, project, proposer, back: bool = False, proposer_button=None) -> None:
    t, state = app.t, app.state
    chosen = state.proposal(project.id) is not None
    ui.panel(r, theme.SELECTED if chosen else theme.PANEL)
    inner = r.inflate(-32, -24)
    line = ui.line()
    btn_h = max(64, int(line * 1.4))
    m = ui.mark_px
    x = inner.x
    if back:
        label = "‹ " + t("proposals.catalogue")
        bw = ui.width(label) + 48
        ui.button("cat-back", (x, inner.y, bw, btn_h), label, lambda: _close(app))
        x += bw + 20
    strategy_mark(app, ui, (x, inner.y + (btn_h - m) // 2, m, m), project.strategy)
    ui.text(project_name(app, project.id), (x + m + 16, inner.y, inner.right - x - m - 16, btn_h), role="h2",
            bold=True, valign="middle")
    body = pygame.Rect(inner.x, inner.y + btn_h + 16, inner.w, inner.h - 2 * btn_h - 32)
    if proposer_button is not None:
        proposer_button(pygame.Rect(inner.x, inner.bottom - 2 * btn_h - 12, inner.w, btn_h))
        body.h -= btn_h + 12
    pages = pairs(app, ui, body, card_lines(app, project, proposer), f"card-page-{project.id}")
    variants = project.variants
    key = f"variant-{project.id}"
    vi = app.view.get(key, variants.index(1.0) if 1.0 in variants else 0) % len(variants)
    scale = variants[vi]
    by = inner.bottom - btn_h
    if len(variants) > 1:
        ui.button(f"variant-{project.id}", (inner.x, by, max(220, ui.width(t("card.size", scale="0,00")) + 48), btn_h),
                  t("card.size", scale=t.num(scale, 2)), (lambda: app.view.set(key, vi + 1)) if not chosen else None)
    if chosen:
        label = t("card.proposed")
    elif state.running_project(project.id) is not None:
        label = t("card.running")
    else:
        label = t("card.propose")
    action = A.Propose(project=project.id, family=proposer, scale=scale)
    pw = max(300, ui.width(label, bold=True) + 48)
    ui.button(f"propose-{project.id}", (inner.right - pw, by, pw, btn_h), label,
              lambda: app.act(action, actor=proposer or "facilitator"), enabled=not chosen and app.legal(action),
              style="primary")
    key = f"card-page-{project.id}"
    page = app.view.get(key, 0)
    left = inner.x + (max(220, ui.width(t("card.size", scale="0,00")) + 48) + 20 if len(variants) > 1 else 0)
    ui.page_buttons(key, (left, by, inner.right - pw - 20 - left, btn_h), page, pages,
                    lambda p: app.view.set(key, p), page_label(app, page, pages))


def pairs(app, ui, rect: pygame.Rect, lines: list[tuple[str, str]], key: str) -> int:
    """Label / value lines in two columns, paged when they do not fit; returns the page count."""
    line = ui.line()
    label_w = min(rect.w // 3, max(ui.width(label, bold=True) for label, _ in lines) + 20)
    pages, y = [[]], 0
    for label, value in lines:
        h = max(ui.height(label, label_w - 12, bold=True), ui.height(value, rect.w - label_w), line)
        if pages[-1] and y + h > rect.h:
            pages.append([])
            y = 0
        pages[-1].append((label, value, y, min(h, rect.h)))
        y += h + 8
    page = min(app.view.get(key, 0), len(pages) - 1)
    for label, value, dy, h in pages[page]:
        ui.text(label, (rect.x, rect.y + dy, label_w - 12, h), bold=True)
        ui.text(value, (rect.x + label_w, rect.y + dy, rect.w - label_w, h))
    return len(pages)
