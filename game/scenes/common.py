"""Pieces every round scene shares: the header with the phase strip, names, pages, marks."""

from __future__ import annotations

import pygame

from .. import theme

HEADER = pygame.Rect(0, 0, 1920, 120)
MAIN = pygame.Rect(24, 136, 1872, 830)
STRATEGY_LETTER = {"sobriety": "S", "efficiency": "E", "decarbonisation": "D"}


def header(app, ui, title: str | None = None) -> None:
    """The round and the phase strip (or the territory and a title), kept while they stay."""
    state = app.state
    key = ("header", title, state.phase, state.round, state.scenario.years.rounds, state.year,
           id(state.scenario.territory.name))
    ui.region(key, HEADER.inflate(0, 8).move(0, 4), lambda: _header(app, ui, title), anchors=(app.t, state.scenario),
              bg=theme.BG)


def _header(app, ui, title: str | None) -> None:
    from engine.state import PHASES

    t, state = app.t, app.state
    pygame.draw.rect(ui.surf, theme.PANEL, HEADER)
    pygame.draw.line(ui.surf, theme.LINE, HEADER.bottomleft, HEADER.bottomright, 2)
    if state.phase in PHASES:
        left = t("header.round", round=state.round, rounds=state.scenario.years.rounds, year=str(state.year))
    else:
        left = local(app, state.scenario.territory.name)
    if state.class_mode and state.phase != "setup":
        left = f"{left} · {pace(app)}" if state.phase in PHASES else left
        title = f"{title} · {pace(app)}" if title is not None and state.phase not in PHASES else title
    if state.phase not in PHASES:
        # the territory's name takes what the title leaves, the title keeping its floor size
        title_w = ui.width(title or "", size=app.painter.floor) + 40
        left_w = min(max(520, ui.width(left, "h2", True) + 20), HEADER.w - 64 - title_w)
        ui.text(left, (24, 12, left_w, 96), role="h2", bold=True, valign="middle")
        ui.text(title or "", (left_w + 64, 12, HEADER.w - left_w - 88, 96), role="h1", valign="middle")
        return
    ui.text(left, (24, 12, 520, 96), role="h2", bold=True, valign="middle")
    labels = [f"{i + 1}. {t(f'phase.{phase}')}" for i, phase in enumerate(PHASES)]
    x, w = 560, 1340 // len(PHASES)
    widths = [w] * len(PHASES)
    if not all(ui.fits(label, w - 22, 76, bold=True) for label in labels):
        # large text: the current phase by name, the others by number
        current = PHASES.index(state.phase)
        small = max(64, ui.width("6", bold=True) + 40)
        widths = [small] * len(PHASES)
        widths[current] = 1340 - small * (len(PHASES) - 1)
        labels = [label if i == current else str(i + 1) for i, label in enumerate(labels)]
    for i, phase in enumerate(PHASES):
        box = pygame.Rect(x + 4, 18, widths[i] - 8, 84)
        x += widths[i]
        current = phase == state.phase
        pygame.draw.rect(ui.surf, theme.SELECTED if current else theme.PANEL_ALT, box, border_radius=10)
        pygame.draw.rect(ui.surf, theme.INK, box, 4 if current else 1, border_radius=10)
        ui.text(labels[i], box.inflate(-14, -8), align="center", valign="middle", bold=current)


def pace(app) -> str:
    """The pace guide: the minutes this step should take in a 90-minute class."""
    from engine.scenario.classroom import class_settings

    state = app.state
    return app.t("class.pace", minutes=class_settings(state.scenario).minutes(state.phase))


def dimension_words(app, code: str) -> str:
    """A SPIRAL code as the table shows it: in class mode the dimension in words, no digits."""
    state = app.state
    if state is None or not state.class_mode:
        return code
    letter = code[0]
    if letter == "I" and state.scenario.dimension_i is not None:
        return local(app, state.scenario.dimension_i)
    return app.t(f"dim.{letter}")


def codes_words(app, codes) -> str:
    """Several codes: in class mode each dimension named once, in words."""
    words = []
    for code in codes:
        w = dimension_words(app, code)
        if w not in words:
            words.append(w)
    return ", ".join(words)


def local(app, text) -> str:
    """A scenario text in the screen's language, else in the scenario's first language."""
    return text.get(app.t.lang, app.state.scenario.language)


def names_fitting(app, ui, make, names: list[str], rect, role: str = "body", bold: bool = False) -> str:
    """`make(list_text)` with as many names as fit the box at the floor size: "A, B and 3 others"."""
    rect = pygame.Rect(rect)
    t = app.t
    whole = make(", ".join(names) or "—")
    if len(names) <= 1 or ui.fits(whole, rect.w, rect.h, role, bold):
        return whole
    for k in range(len(names) - 1, 0, -1):
        text = make(t("misc.and_others", names=", ".join(names[:k]), n=len(names) - k))
        if ui.fits(text, rect.w, rect.h, role, bold):
            return text
    return make(t("misc.families", n=len(names)))


def wide(app) -> bool:
    """Panels side by side at 100 % text; larger, one panel at a time with tabs to switch."""
    return app.scale <= 1.0


def chosen_in(app, key: str, ids: list[str]) -> str:
    """The item the view remembers as chosen, or the first when it is gone."""
    chosen = app.view.get(key)
    return chosen if chosen in ids else ids[0]


def list_and_detail(app, rect: pygame.Rect, list_width: int, open_key: str, show_list, show_detail) -> None:
    """A list beside its chosen item's detail at 100 % text; at larger sizes one at a time: the
    list, or, once an item is opened, its detail with a way back."""
    if wide(app):
        left = pygame.Rect(rect.x, rect.y, list_width, rect.h)
        show_list(left)
        show_detail(pygame.Rect(left.right + 24, rect.y, rect.right - left.right - 24, rect.h), False)
    elif app.view.get(open_key):
        show_detail(rect, True)
    else:
        show_list(rect)


def tabs(app, ui, key: str, names: list[str], labels: list[str], rect) -> tuple[str, pygame.Rect]:
    """A row of tabs over `rect`; the chosen name and the area left under the tabs."""
    rect = pygame.Rect(rect)
    chosen = app.view.get(key, names[0])
    if chosen not in names:
        chosen = names[0]
    w = (rect.w - 16 * (len(names) - 1)) // len(names)
    h = max(70, int(ui.line() * 1.25))
    if not all(ui.fits(label, w - 24, h - 10, bold=True) for label in labels):
        h = 2 * ui.line(size=app.painter.floor) + 20
    h = ui.button_height(labels, w, h)
    for i, (name, label) in enumerate(zip(names, labels)):
        ui.button(f"{key}-{name}", (rect.x + i * (w + 16), rect.y, w, h), label,
                  lambda n=name: app.view.set(key, n), selected=name == chosen)
    return chosen, pygame.Rect(rect.x, rect.y + h + 16, rect.w, rect.h - h - 16)


def project_name(app, project_id: str) -> str:
    return local(app, app.state.scenario.project(project_id).name)


def family_name(app, family_id: str | None) -> str:
    if family_id is None:
        return app.t("misc.group")
    family = app.state.family(family_id)
    return family.spec.name if family is not None else family_id


def sector_name(app, sector_id: str) -> str:
    for s in app.state.scenario.sectors:
        if s.id == sector_id:
            return local(app, s.name)
    return sector_id


def strategy_mark(app, ui, rect, strategy: str) -> None:
    ui.mark(rect, STRATEGY_LETTER[strategy], theme.STRATEGY_COLOUR[strategy], theme.STRATEGY_PATTERN[strategy])


def footprint_letter(t, index: int) -> str:
    """The footprint's letter in the screen's language (É for énergie, E for energy)."""
    return t(f"mark.{index}")


def footprint_mark(ui, rect, index: int, t) -> None:
    ui.mark(rect, footprint_letter(t, index), theme.FOOTPRINT_COLOUR[index], theme.FOOTPRINT_PATTERN[index])


def rows_per_page(app, height: int, base: int) -> int:
    """How many rows of `base` px (at 100 % text) fit in `height` at the current text size."""
    return max(1, int(height // (base * (0.5 + 0.5 * app.scale))))


def paged(app, key: str, items: list, per_page: int) -> tuple[list, int, int]:
    pages = max(1, (len(items) + per_page - 1) // per_page)
    page = min(app.view.get(key, 0), pages - 1)
    return items[page * per_page:(page + 1) * per_page], page, pages


def pages_by_height(lines: list[str], heights: list[int], room: int, gap: int) -> list[list[tuple[str, int, int]]]:
    """Texts of different heights cut into pages of `room` pixels: each page a list of (text, y
    from the page's top, height); a text taller than the room has a page to itself."""
    pages: list[list[tuple[str, int, int]]] = [[]]
    y = 0
    for text, h in zip(lines, heights):
        if pages[-1] and y + h > room:
            pages.append([])
            y = 0
        pages[-1].append((text, y, h))
        y += h + gap
    return pages


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
    """An amount in the scenario's currency (the euro sign only for euros)."""
    return app.t.money(value, currency(app))


def money_scale(scenario) -> float:
    """How many of the scenario's currency units make a step of the euro's size (1 for euros, 100 for
    escudos): the families' monthly means tell, so the steppers move by amounts people think in."""
    import math

    means = sorted(f.money_month for f in scenario.families) or [150.0]
    typical = max(1.0, means[len(means) // 2])
    return float(10 ** max(0, round(math.log10(typical / 150))))


def steps(scenario) -> dict[str, float]:
    k = money_scale(scenario)
    return {"monthly_eur": 10.0 * k, "oneoff_eur": 100.0 * k, "weekly_hours": 0.5}


def currency(app) -> str:
    return app.state.scenario.territory.currency if app.state is not None else "EUR"


def gives(t, cur: str, name: str, monthly: float, hours: float, oneoff: float = 0.0) -> str:
    """What one family gives, only the parts it gives: "Martin 40 €/mois · 0,4 h/sem."."""
    parts = []
    if monthly > 0:
        parts.append(t("gives.money", money=t.money(monthly, cur)))
    if oneoff > 0.005:
        parts.append(t("gives.oneoff", money=t.money(oneoff, cur)))
    if hours > 0:
        parts.append(t("gives.hours", hours=t.num(hours, 1)))
    return t("gives.line", name=name, parts=" · ".join(parts))


def paged_text(app, ui, rect, text: str, key: str) -> None:
    """A long text in a box, whole sentences a page, with ‹ › when it takes more than one."""
    import re

    rect = pygame.Rect(rect)
    line = ui.line()
    whole = ui.height(text, rect.w)
    if whole <= rect.h:
        ui.text(text, rect)
        return
    pager_h = max(56, int(line * 1.2))
    room = rect.h - pager_h - 8
    sentences = [x for x in re.split(r"(?<=[.;:!?])\s+", text) if x]
    pages: list[str] = []
    for sentence in sentences:
        if pages and ui.height(pages[-1] + " " + sentence, rect.w) <= room:
            pages[-1] += " " + sentence
        else:
            pages.append(sentence)
    page = min(app.view.get(key, 0), len(pages) - 1)
    ui.text(pages[page], (rect.x, rect.y, rect.w, room))
    ui.page_buttons(key, (rect.x, rect.bottom - pager_h, min(rect.w, 600), pager_h), page, len(pages),
                    lambda p: app.view.set(key, p), page_label(app, page, len(pages)))
