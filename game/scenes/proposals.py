"""Proposals: the scenario's catalogue as cards, filterable by strategy and sector."""

from __future__ import annotations

import numpy as np
import pygame

from engine import actions as A
from engine import gaia

from .. import theme
from .common import (FORMAT, MAIN, STRATEGY_LETTER, euros, family_name, header, page_label, paged, project_name,
                     sector_name, strategy_mark)

_FACTOR = {"quantity": gaia.Q, "energy": gaia.E, "carbon": gaia.C}


_EFFECTS: dict = {}


def effect_per_footprint(state, project) -> np.ndarray:
    """Change of the three footprints per person for a household at the territory's defaults."""
    key = (id(state.scenario), project.id)
    if key in _EFFECTS:
        return _EFFECTS[key]
    base = gaia.default_factors(state.scenario)
    after = base.copy()
    for e in project.effects:
        after[state.scenario.sector_index(e.sector), _FACTOR[e.factor]] *= e.multiplier
    _EFFECTS[key] = (gaia.footprints(after, 0) - gaia.footprints(base, 0)).sum(axis=0)
    return _EFFECTS[key]


def card_lines(app, project) -> list[str]:
    t, state = app.t, app.state
    n = project.needs
    skills = ", ".join(a.name.get(t.lang, "fr") for a in state.scenario.activities if a.id in n.skills) or "—"
    delta = effect_per_footprint(state, project)
    effects = " · ".join(f"{letter} {'−' if d < 0 else '+'}{FORMAT[i](app, abs(d))}"
                         for i, (letter, d) in enumerate(zip(("CO₂", "É", "B"), delta)) if abs(d) > 1e-6)
    return [
        t("card.sectors", strategy=t(f"strategy.{project.strategy}"),
          sectors=", ".join(sector_name(app, s) for s in project.sectors)),
        t("card.needs", upfront=euros(app, n.upfront_eur), monthly=euros(app, n.monthly_eur),
          hours=t.num(n.weekly_hours, 1), skills=skills),
        t("card.effects", effects=effects or "—") + (" " + t("card.common_good") if project.common_good else ""),
        t("card.savings", monthly=euros(app, project.savings.monthly_eur), hours=t.num(project.savings.weekly_hours, 1)),
        t("card.wellbeing", dims=", ".join(project.wellbeing) or "—", lo=project.capacity.min, hi=project.capacity.max),
    ]


def build(app, ui) -> None:
    t, state = app.t, app.state
    header(app, ui)
    sc = state.scenario
    fy, fh = MAIN.y, 70
    strategy = app.view.get("filter-strategy")
    sector = app.view.get("filter-sector")
    x = MAIN.x
    options = [None, "sobriety", "efficiency", "decarbonisation"]
    for s in options:
        label = t("filter.all") if s is None else f"{STRATEGY_LETTER[s]} · {t(f'strategy.{s}')}"
        w = 150 if s is None else 290
        ui.button(f"filter-s-{s or 'all'}", (x, fy, w, fh), label, lambda s=s: app.view.set("filter-strategy", s),
                  selected=strategy == s)
        x += w + 10
    present = [None] + [f.id for f in state.present()]
    by = app.view.get("proposer", 0) % len(present)
    ui.button("proposer", (MAIN.right - 520, fy, 520, fh), t("proposals.by", who=family_name(app, present[by])),
              lambda: app.view.set("proposer", by + 1))
    x = MAIN.x
    sectors = [None] + [s.id for s in sc.sectors]
    sw = (MAIN.w - 10 * (len(sectors) - 1)) // len(sectors)
    for s in sectors:
        ui.button(f"filter-sector-{s or 'all'}", (x, fy + fh + 10, sw, fh - 6),
                  t("filter.all_sectors") if s is None else sector_name(app, s),
                  lambda s=s: app.view.set("filter-sector", s), selected=sector == s)
        x += sw + 10
    projects = [p for p in sc.projects if (strategy is None or p.strategy == strategy)
                and (sector is None or sector in p.sectors)]
    cols, rows = (2, 2) if app.scale <= 1.25 else (1, 2)
    shown, page, pages = paged(app, "cat-page", projects, cols * rows)
    grid = pygame.Rect(MAIN.x, fy + 2 * fh + 24, MAIN.w, MAIN.bottom - (fy + 2 * fh + 24) - 80)
    cw, ch = (grid.w - 20 * (cols - 1)) // cols, (grid.h - 20 * (rows - 1)) // rows
    for k, project in enumerate(shown):
        r = pygame.Rect(grid.x + (k % cols) * (cw + 20), grid.y + (k // cols) * (ch + 20), cw, ch)
        project_card(app, ui, r, project, present[by])
    if not projects:
        ui.text(t("proposals.none"), grid, colour=theme.MUTED)
    ui.page_buttons("cat-page", (MAIN.centerx - 300, MAIN.bottom - 70, 600, 70), page, pages,
                    lambda p: app.view.set("cat-page", p), page_label(app, page, pages))
    proposed = [project_name(app, p.project) for p in state.proposals]
    ui.text(t("proposals.on_table", names=", ".join(proposed) or "—"), (MAIN.x, MAIN.bottom - 70, MAIN.centerx - 320 - MAIN.x, 70),
            valign="middle", colour=theme.MUTED)


def project_card(app, ui, r: pygame.Rect, project, proposer) -> None:
    t, state = app.t, app.state
    chosen = state.proposal(project.id) is not None
    ui.panel(r, theme.SELECTED if chosen else theme.PANEL)
    m = 56
    strategy_mark(app, ui, (r.x + 16, r.y + 16, m, m), project.strategy)
    ui.text(project_name(app, project.id), (r.x + m + 30, r.y + 12, r.w - m - 46, m + 8), role="h2", bold=True,
            valign="middle")
    btn_h = 64
    body = pygame.Rect(r.x + 16, r.y + m + 24, r.w - 32, r.h - m - 24 - btn_h - 20)
    lines = card_lines(app, project)
    lh = body.h // len(lines)
    for i, line in enumerate(lines):
        ui.text(line, (body.x, body.y + i * lh, body.w, lh - 2))
    variants = project.variants
    key = f"variant-{project.id}"
    vi = app.view.get(key, variants.index(1.0) if 1.0 in variants else 0) % len(variants)
    scale = variants[vi]
    by = r.bottom - btn_h - 10
    if len(variants) > 1:
        ui.button(f"variant-{project.id}", (r.x + 16, by, 200, btn_h), t("card.size", scale=t.num(scale, 2)),
                  (lambda: app.view.set(key, vi + 1)) if not chosen else None)
    if chosen:
        label = t("card.proposed")
    elif state.running_project(project.id) is not None:
        label = t("card.running")
    else:
        label = t("card.propose")
    action = A.Propose(project=project.id, family=proposer, scale=scale)
    ui.button(f"propose-{project.id}", (r.right - 316, by, 300, btn_h), label,
              lambda: app.act(action, actor=proposer or "facilitator"), enabled=not chosen and app.legal(action),
              style="primary")
