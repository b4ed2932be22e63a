"""Set-up: play the scenario's preset roster, or enter the real families one by one."""

from __future__ import annotations

import pygame

from engine import actions as A

from .. import theme
from . import family_form
from .common import MAIN, header, page_label, paged, wide


def members(app, spec) -> str:
    """"2 adultes, 1 enfant": only the generations present, singular where it is one."""
    m = spec.members
    parts = [app.t(f"setup.{k}", n=n) for k, n in (("adults", m.adults), ("children", m.children),
                                                   ("seniors", m.seniors)) if n]
    return ", ".join(parts) or "—"


def build(app, ui) -> None:
    t, state = app.t, app.state
    header(app, ui, t("setup.title"))
    if app.view.get("form") is not None and not wide(app):
        family_form.build(app, ui, MAIN)
        return
    left = pygame.Rect(MAIN.x, MAIN.y, 700 if wide(app) else 960, MAIN.h)
    ui.panel(left)
    inner = left.inflate(-48, -32)
    present = list(state.families)
    line = ui.line()
    th = ui.line("h2") + 8
    ui.text(t("setup.families", n=len(present)), (inner.x, inner.y, inner.w, th), role="h2", bold=True)
    ew = ui.width(t("setup.edit"), size=app.painter.floor) + 48
    rw = ui.width(t("setup.remove"), size=app.painter.floor) + 48
    name_w = inner.w - ew - rw - 28
    rh = 2 * line + 20
    if not all(ui.fits(members(app, f.spec), name_w, line + 4) for f in present):
        rh = line + 2 * ui.line(size=app.painter.floor) + 24
    pager_h = max(66, int(line * 1.3))
    top = inner.y + th + 12
    per = max(1, (inner.bottom - top - pager_h - 10) // rh)
    rows, page, pages = paged(app, "setup-page", present, per)
    y = top
    for f in rows:
        label = f.spec.name if f.present else t("setup.arrives_later", name=f.spec.name)
        ui.text(label, (inner.x, y, name_w, line), bold=True, valign="middle")
        ui.text(members(app, f.spec), (inner.x, y + line + 4, name_w, rh - line - 14), colour=theme.INK)
        bh = min(rh - 16, max(64, int(line * 1.4)))
        by = y + (rh - 8 - bh) // 2
        ui.button(f"setup-edit-{f.id}", (inner.right - ew - rw - 10, by, ew, bh), t("setup.edit"),
                  lambda f=f: family_form.open_form(app, f.spec))
        ui.button(f"setup-remove-{f.id}", (inner.right - rw, by, rw, bh), t("setup.remove"),
                  lambda f=f: app.act(A.RemoveFamily(family=f.id)))
        y += rh
    ui.page_buttons("setup-page", (inner.x, inner.bottom - pager_h, inner.w, pager_h), page, pages,
                    lambda p: app.view.set("setup-page", p), page_label(app, page, pages))
    if not present:
        ui.text(t("setup.none_yet"), (inner.x, top, inner.w, 3 * line), colour=theme.INK)

    right = pygame.Rect(left.right + 24, MAIN.y, MAIN.right - left.right - 24, MAIN.h)
    if app.view.get("form") is not None:
        family_form.build(app, ui, right)
        return
    ui.panel(right)
    roster = state.scenario.families
    inner = right.inflate(-60, -60)
    bh = max(110, int(ui.line("h2") * 1.4))
    if not all(ui.fits(label, inner.w - 40, bh - 20, "h2", True) for label in (t("setup.roster", n=len(roster)),
                                                                           t("setup.add"))):
        bh = 2 * ui.line(size=app.painter.floor) + 30
    ui.text(t("setup.choose"), (inner.x, inner.y, inner.w, ui.line("h2") + 8), role="h2", bold=True)
    y = inner.y + ui.line("h2") + 30
    ui.button("setup-roster", (inner.x, y, inner.w, bh),
              t("setup.roster", n=len(roster)), (lambda: app.act(A.UseRoster())) if roster else None,
              enabled=bool(roster) and not present, style="primary", role="h2")
    y += bh + 24
    ui.button("setup-add", (inner.x, y, inner.w, bh), t("setup.add"), lambda: family_form.open_form(app, None), role="h2")
    y += bh + 30
    ui.text(t("setup.explain"), (inner.x, y, inner.w, inner.bottom - y), colour=theme.INK)
