"""Pieces every round scene shares: the header with the phase strip, names, pages, marks."""

from __future__ import annotations

import pygame

from engine.state import PHASES

from .. import theme

HEADER = pygame.Rect(0, 0, 1920, 120)
MAIN = pygame.Rect(24, 136, 1872, 830)
STRATEGY_LETTER = {"sobriety": "S", "efficiency": "E", "decarbonisation": "D"}
FOOTPRINT_LETTER = ("C", "É", "B")


def header(app, ui, title: str | None = None) -> None:
    t, state = app.t, app.state
    pygame.draw.rect(ui.surf, theme.PANEL, HEADER)
    pygame.draw.line(ui.surf, theme.LINE, HEADER.bottomleft, HEADER.bottomright, 2)
    if state.phase in PHASES:
        left = t("header.round", round=state.round, rounds=state.scenario.years.rounds, year=str(state.year))
    else:
        left = state.scenario.territory.name.get(t.lang, "fr")
    ui.text(left, (24, 12, 520, 96), role="h2", bold=True, valign="middle")
    if state.phase not in PHASES:
        ui.text(title or "", (560, 12, 1340, 96), role="h1", valign="middle")
        return
    x, w = 560, 1340 // len(PHASES)
    for i, phase in enumerate(PHASES):
        box = pygame.Rect(x + i * w + 4, 18, w - 8, 84)
        current = phase == state.phase
        pygame.draw.rect(ui.surf, theme.SELECTED if current else theme.PANEL_ALT, box, border_radius=10)
        pygame.draw.rect(ui.surf, theme.INK, box, 4 if current else 1, border_radius=10)
        ui.text(f"{i + 1}. {t(f'phase.{phase}')}", box.inflate(-14, -8), align="center", valign="middle",
                bold=current)


def project_name(app, project_id: str) -> str:
    return app.state.scenario.project(project_id).name.get(app.t.lang, "fr")


def family_name(app, family_id: str | None) -> str:
    if family_id is None:
        return app.t("misc.group")
    family = app.state.family(family_id)
    return family.spec.name if family is not None else family_id


def sector_name(app, sector_id: str) -> str:
    for s in app.state.scenario.sectors:
        if s.id == sector_id:
            return s.name.get(app.t.lang, "fr")
    return sector_id


def strategy_mark(app, ui, rect, strategy: str) -> None:
    ui.mark(rect, STRATEGY_LETTER[strategy], theme.STRATEGY_COLOUR[strategy], theme.STRATEGY_PATTERN[strategy])


def footprint_mark(ui, rect, index: int) -> None:
    ui.mark(rect, FOOTPRINT_LETTER[index], theme.FOOTPRINT_COLOUR[index], theme.FOOTPRINT_PATTERN[index])


def rows_per_page(app, height: int, base: int) -> int:
    """How many rows of `base` px (at 100 % text) fit in `height` at the current text size."""
    return max(1, int(height // (base * (0.5 + 0.5 * app.scale))))


def paged(app, key: str, items: list, per_page: int) -> tuple[list, int, int]:
    pages = max(1, (len(items) + per_page - 1) // per_page)
    page = min(app.view.get(key, 0), pages - 1)
    return items[page * per_page:(page + 1) * per_page], page, pages


def page_label(app, page: int, pages: int) -> str:
    return app.t("misc.page", page=page + 1, pages=pages)


def tonnes(app, kg: float) -> str:
    return app.t("unit.t", value=app.t.num(kg / 1000, 1))


def mwh(app, kwh: float) -> str:
    return app.t("unit.mwh", value=app.t.num(kwh / 1000, 1))


def gha(app, m2: float) -> str:
    return app.t("unit.gha", value=app.t.num(m2 / 10000, 2))


FORMAT = (tonnes, mwh, gha)


def euros(app, value: float) -> str:
    return app.t("unit.eur", value=app.t.num(value))
