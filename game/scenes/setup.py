"""Set-up: play the scenario's preset roster, or enter the real families one by one."""

from __future__ import annotations

import pygame

from engine import actions as A

from .. import theme
from . import family_form
from .common import MAIN, header, page_label, paged, rows_per_page


def build(app, ui) -> None:
    t, state = app.t, app.state
    header(app, ui, t("setup.title"))
    left = pygame.Rect(MAIN.x, MAIN.y, 700, MAIN.h)
    ui.panel(left)
    present = list(state.families)
    ui.text(t("setup.families", n=len(present)), (left.x + 24, left.y + 16, left.w - 48, 56), role="h2", bold=True)
    per = rows_per_page(app, left.h - 200, 88)
    rows, page, pages = paged(app, "setup-page", present, per)
    row_h = (left.h - 200) // per
    y = left.y + 84
    for f in rows:
        who = t("setup.members", children=f.spec.members.children, adults=f.spec.members.adults,
                seniors=f.spec.members.seniors)
        label = f.spec.name if f.present else t("setup.arrives_later", name=f.spec.name)
        ui.text(label, (left.x + 24, y, 330, row_h // 2), bold=True, valign="middle")
        ui.text(who, (left.x + 24, y + row_h // 2, 330, row_h // 2 - 6), colour=theme.MUTED, valign="middle")
        ui.button(f"setup-edit-{f.id}", (left.x + 364, y + 6, 150, row_h - 16), t("setup.edit"),
                  lambda f=f: family_form.open_form(app, f.spec))
        ui.button(f"setup-remove-{f.id}", (left.x + 524, y + 6, 150, row_h - 16), t("setup.remove"),
                  lambda f=f: app.act(A.RemoveFamily(family=f.id)))
        y += row_h
    ui.page_buttons("setup-page", (left.x + 24, left.bottom - 100, left.w - 48, 76), page, pages,
                    lambda p: app.view.set("setup-page", p), page_label(app, page, pages))
    if not present:
        ui.text(t("setup.none_yet"), (left.x + 24, left.y + 100, left.w - 48, 200), colour=theme.MUTED)

    right = pygame.Rect(left.right + 24, MAIN.y, MAIN.right - left.right - 24, MAIN.h)
    if app.view.get("form") is not None:
        family_form.build(app, ui, right)
        return
    ui.panel(right)
    roster = state.scenario.families
    inner = right.inflate(-60, -60)
    ui.text(t("setup.choose"), (inner.x, inner.y, inner.w, 70), role="h2", bold=True)
    ui.button("setup-roster", (inner.x, inner.y + 100, inner.w, 110),
              t("setup.roster", n=len(roster)), (lambda: app.act(A.UseRoster())) if roster else None,
              enabled=bool(roster) and not present, style="primary", role="h2")
    ui.button("setup-add", (inner.x, inner.y + 240, inner.w, 110), t("setup.add"),
              lambda: family_form.open_form(app, None), role="h2")
    ui.text(t("setup.explain"), (inner.x, inner.y + 380, inner.w, 300), colour=theme.MUTED)
