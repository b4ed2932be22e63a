"""The association's asks to the higher levels, written at the debrief beside the gap that calls for them.

The "why not 2 t" tab shows the gap split by cause; its closing words ("that is what your asks are
for") open the asks written so far, with a few starting points drawn from the gap's figures, and
a form: the
level, the subject (the sectors, the one the gap names first, then the projects) and one sentence
in the association's own words. Each confirmed ask is an engine action, logged and
undoable like every other decision; the level, subject and words being chosen are only a draft.
"""

from __future__ import annotations

from typing import NamedTuple

import pygame

from engine import actions as A
from engine.gaia import public_floors
from engine.gap import why_not_target
from engine.rules import MAX_ASKS
from engine.state import derived
from engine.story import story

from . import theme
from .scenes.common import page_label, paged, pages_by_height, tabs, tonnes, wide

TEXT = "ask-text"
MOST_CHARS = 300  # what the engine's Ask takes
# Who mostly decides what a sector still emits once every project runs, in the network's territories:
# food and goods follow the common agricultural policy and product rules, mobility the regional
# transport authorities, housing and services the national grid, renovation schemes and budgets.
# Only a starting point: the room changes the level and writes its own sentence.
SYSTEM_LEVEL = {"food": "europe", "goods": "europe", "mobility": "region", "housing": "state", "services": "state"}


def level_name(t, level: str) -> str:
    return t(f"asks.level.{level}")


def subject_name(state, lang: str, about: str) -> str:
    sc = state.scenario
    for s in sc.sectors:
        if s.id == about:
            return s.name.get(lang, sc.language)
    for p in sc.projects:
        if p.id == about:
            return p.name.get(lang, sc.language)
    return about


def ask_lines(state, t, lang: str) -> list[str]:
    """Each ask in one line, its level in words: shared by the screen and the report."""
    return [t("asks.line", level=level_name(t, level), subject=subject_name(state, lang, about), text=text)
            for _, level, about, text in state.asks]


class Facts(NamedTuple):
    subjects: list[str]  # the sectors, largest remainder first, then the projects
    suggestions: list[tuple[str, str, str]]  # (part of the gap, level, subject)
    remains: dict[str, float]  # what each sector keeps once every project runs, kg CO₂ per person


def facts(state) -> Facts:
    """What the form offers for this state, computed once: the gap walks every project."""
    return derived(state, "ask-facts", _facts)


def _facts(state) -> Facts:
    sc = state.scenario
    g = why_not_target(state)
    told = story(state)
    sectors = [sid for sid, _ in g.by_sector]
    ahead = [r.project for r in state.running] + [s.project for s in told.stopped] + [x.project for x in told.lapsed]
    projects = list(dict.fromkeys(ahead + [p.id for p in sc.projects]))
    found: list[tuple[str, str, str]] = []
    floor = public_floors(sc)[:, 0]
    if g.floor > 0 and floor.max() > 0:
        found.append(("floor", "state", sc.sectors[int(floor.argmax())].id))
    if g.by_sector and g.by_sector[0][1] > 0:
        sid = g.by_sector[0][0]
        found.append(("system", SYSTEM_LEVEL.get(sid, "state"), sid))
    short = [x.project for x in told.lapsed if x.why == "uncovered"] + [
        s.project for s in told.stopped if s.why in ("uncovered", "withdrawn")]
    if g.could > 0 and short:  # more means would let more projects run: the platform co-funds
        found.append(("could", "platform", short[0]))
    unique = list({(level, about): (part, level, about) for part, level, about in found}.values())
    return Facts(sectors + projects, unique, dict(g.by_sector))


def gap_tab(app, ui, rect: pygame.Rect) -> None:
    """The gap, whose closing words open the asks; the asks, with a way back; or the form."""
    from .gap_view import gap_panel

    if app.view.get("ask-open"):
        form(app, ui, rect)
    elif app.view.get("asks-open"):
        asks_panel(app, ui, rect)
    else:
        gap_panel(app, ui, rect, to_asks=lambda: open_asks(app))


def open_asks(app) -> None:
    app.view.set("asks-open", True)
    app.view.set("escape", lambda: close_asks(app))
    app.focus = "ask-write" if len(app.state.asks) < MAX_ASKS else None


def close_asks(app) -> None:
    app.view.set("asks-open", False)
    app.view.set("escape", None)
    app.focus = "gap-asks"


def _button_h(ui, label: str, w: int, least: int) -> int:
    """The height a button needs for its label to fit whole (the button pads its words)."""
    h = least
    while not ui.fits(label, w - 2 * max(8, h // 8), h - max(8, h // 8)) and h < 6 * least:
        h += ui.line() // 2
    return h


def asks_panel(app, ui, rect: pygame.Rect) -> None:
    t, state = app.t, app.state
    ui.panel(rect)
    inner = rect.inflate(-32, -24)
    line = ui.line()
    bh = max(70, int(line * 1.3))
    title = t("asks.title", n=len(state.asks), most=MAX_ASKS)
    back = "‹ " + t("debrief.tab_gap")
    bw = ui.width(back) + 40
    th = max(bh, min(ui.height(title, inner.w - bw - 20, "h2", True), 2 * ui.line("h2")))
    ui.button("asks-back", (inner.x, inner.y, bw, bh), back, lambda: close_asks(app))
    ui.text(title, (inner.x + bw + 20, inner.y, inner.w - bw - 20, th), role="h2", bold=True, valign="middle")
    top = inner.y + th + 12
    full = len(state.asks) >= MAX_ASKS
    write = t("asks.write") if not full else t("rejected.ask/too_many", most=MAX_ASKS)
    wh = _button_h(ui, write, inner.w, bh)
    ui.button("ask-write", (inner.x, inner.bottom - wh, inner.w, wh), write, lambda: open_form(app), enabled=not full,
              style="primary")
    bottom = inner.bottom - wh - 16
    lines = ask_lines(state, t, t.lang)
    pager_h = max(62, int(line * 1.3))
    # the suggestions take what the asks leave: room for the tallest ask and its pages when there are asks
    keep = (max(ui.height(x, inner.w) for x in lines) + pager_h + 24) if lines else line + 16
    found = facts(state).suggestions
    picks, used = [], 0
    if not full and found:
        label_h = min(ui.height(t("asks.suggested"), inner.w, bold=True), 2 * line)
        used = label_h + 8
        for part, level, about in found:
            text = t("asks.suggestion", level=level_name(t, level), subject=subject_name(state, t.lang, about),
                     part=t(f"gap.label.{part}"))
            h = _button_h(ui, text, inner.w, bh)
            if bottom - used - h - 12 - top < keep:
                break
            picks.append((text, level, about, h))
            used += h + 12
        if picks:
            y = bottom - used + 12
            ui.text(t("asks.suggested"), (inner.x, y, inner.w, label_h), bold=True)
            y += label_h + 8
            for i, (text, level, about, h) in enumerate(picks):
                ui.button(f"ask-suggest-{i}", (inner.x, y, inner.w, h), text,
                          lambda lv=level, ab=about: open_form(app, lv, ab), align="left")
                y += h + 12
            bottom -= used
    room = bottom - top
    if not lines:
        ui.text(t("asks.none"), (inner.x, top, inner.w, room), colour=theme.INK)
        return
    if sum(ui.height(x, inner.w) + 10 for x in lines) > room:
        room -= pager_h + 8
    heights = [min(ui.height(x, inner.w), room) for x in lines]  # an ask is read whole, a page to itself if need be
    pages = pages_by_height(lines, heights, room, 10)
    # the newest ask is on the last page: the one shown after adding it
    page = min(app.view.get("asks-page", len(pages) - 1), len(pages) - 1)
    for text, dy, h in pages[page]:
        ui.text(text, (inner.x, top + dy, inner.w, h))
    ui.page_buttons("asks-page", (inner.x, bottom - pager_h, min(inner.w, 600), pager_h), page, len(pages),
                    lambda p: app.view.set("asks-page", p), page_label(app, page, len(pages)))


def open_form(app, level: str | None = None, about: str | None = None) -> None:
    subjects = facts(app.state).subjects
    app.view.set("ask-open", True)
    app.view.set("ask-level", level)
    app.view.set("ask-about", about or subjects[0])
    app.view.set("ask-step", "text" if level else "level")
    app.view.set("ask-page", 0)
    app.view.set("escape", lambda: close_form(app))
    app.focus = None
    if level and about and not wide(app):
        _focus_text(app)


def close_form(app, added: bool = False) -> None:
    app.view.set("ask-open", False)
    app.view.set("escape", lambda: close_asks(app))
    app.entries.focus(None)
    if added:
        app.entries.set(TEXT, "")
        app.view.set("asks-page", 10**6)  # the last page, where the new ask is
    app.focus = "ask-write"


def _focus_text(app) -> None:
    app.focus = TEXT
    app.entries.focus(TEXT)


def confirm(app) -> None:
    level, about = app.view.get("ask-level"), app.view.get("ask-about")
    if level is None:
        return
    text = app.entries.value(TEXT)[:MOST_CHARS]
    if app.act(A.Ask(level=level, about=about, text=text)):
        app.toast(app.t("asks.added", level=level_name(app.t, level)))
        close_form(app, added=True)


def form(app, ui, rect: pygame.Rect) -> None:
    t = app.t
    ui.panel(rect)
    inner = rect.inflate(-40, -24)
    line = ui.line()
    bh = max(70, int(line * 1.3))
    level, about = app.view.get("ask-level"), app.view.get("ask-about")
    title = t("asks.form_title")
    th = min(ui.height(title, inner.w, "h2", True), 2 * ui.line("h2"))
    ui.text(title, (inner.x, inner.y, inner.w, th), role="h2", bold=True)
    y = inner.y + th + 12
    # the foot: the sentence's field (at 100 %), add, cancel
    add_w = max(ui.width(t("asks.add"), bold=True), ui.width(t("misc.cancel"))) + 60
    foot = pygame.Rect(inner.x, inner.bottom - bh, inner.w, bh)
    ui.button("ask-cancel", (foot.right - add_w, foot.y, add_w, bh), t("misc.cancel"), lambda: close_form(app))
    ui.button("ask-add", (foot.right - 2 * add_w - 20, foot.y, add_w, bh), t("asks.add"), lambda: confirm(app),
              enabled=level is not None, style="primary")
    if wide(app):
        prompt = _prompt(app, level, about)
        ph = min(ui.height(prompt, inner.w), 2 * line)
        ui.text(prompt, (inner.x, foot.y - ph - 8, inner.w, ph))
        ui.entry(TEXT, (inner.x, foot.y, foot.w - 2 * add_w - 40, bh), submit=lambda: confirm(app), limit=MOST_CHARS)
        area = pygame.Rect(inner.x, y, inner.w, foot.y - ph - 24 - y)
        label_w = max(ui.width(t("asks.level"), bold=True), ui.width(t("asks.about"), bold=True)) + 24
        levels_h = _levels(app, ui, pygame.Rect(area.x + label_w, area.y, area.w - label_w, area.h), level,
                           label=(t("asks.level"), label_w))
        _subjects(app, ui, pygame.Rect(area.x + label_w, area.y + levels_h + 20, area.w - label_w,
                                       area.h - levels_h - 20), about, label=(t("asks.about"), label_w))
        return
    steps = ["level", "subject", "text"]
    labels = [f"1. {t('asks.level')}", f"2. {t('asks.about')}", f"3. {t('asks.sentence')}"]
    chosen, area = tabs(app, ui, "ask-step", steps, labels, pygame.Rect(inner.x, y, inner.w, foot.y - 20 - y))
    if chosen == "level":
        _levels(app, ui, area, level, then=lambda: app.view.set("ask-step", "subject"))
    elif chosen == "subject":
        _subjects(app, ui, area, about, then=lambda: (app.view.set("ask-step", "text"), _focus_text(app)))
    else:
        prompt = _prompt(app, level, about)
        ph = min(ui.height(prompt, area.w), 3 * line)
        ui.text(prompt, (area.x, area.y, area.w, ph))
        ui.entry(TEXT, (area.x, area.y + ph + 12, area.w, bh), submit=lambda: confirm(app), limit=MOST_CHARS)


def _prompt(app, level, about) -> str:
    t = app.t
    if level is None:
        return t("asks.prompt_level")
    return t("asks.prompt", level=level_name(t, level), subject=subject_name(app.state, t.lang, about))


def _grid(ui, rect: pygame.Rect, labels: list[str], least_w: int, bh: int) -> tuple[int, int]:
    """(columns, row height) for buttons whose labels all fit at the text size or the floor."""
    cols = max(1, min(len(labels), rect.w // least_w))
    while True:
        w = (rect.w - 16 * (cols - 1)) // cols
        h = max(_button_h(ui, label, w, bh) for label in labels)
        if h <= 2 * bh or cols == 1:
            return cols, h
        cols -= 1


def _levels(app, ui, rect: pygame.Rect, chosen, label=None, then=None) -> int:
    t = app.t
    bh = max(70, int(ui.line() * 1.3))
    labels = [level_name(t, lv) for lv in A.ASK_LEVELS]
    if label is not None:
        ui.text(label[0], (rect.x - label[1], rect.y, label[1] - 16, bh), bold=True, valign="middle")
    cols, h = _grid(ui, rect, labels, 240, bh)
    w = (rect.w - 16 * (cols - 1)) // cols
    for i, (lv, text) in enumerate(zip(A.ASK_LEVELS, labels)):
        at = (rect.x + (i % cols) * (w + 16), rect.y + (i // cols) * (h + 12), w, h)

        def choose(lv=lv):
            app.view.set("ask-level", lv)
            if then is not None:
                then()

        ui.button(f"ask-level-{lv}", at, text, choose, selected=lv == chosen)
    rows = (len(labels) + cols - 1) // cols
    return rows * (h + 12) - 12


def _subjects(app, ui, rect: pygame.Rect, chosen, label=None, then=None) -> None:
    t, state = app.t, app.state
    bh = max(70, int(ui.line() * 1.3))
    offered = facts(state)
    subjects, remains = offered.subjects, offered.remains

    def text(about):
        name = subject_name(state, t.lang, about)
        return t("asks.sector", name=name, value=tonnes(app, remains[about])) if about in remains else name

    labels = [text(s) for s in subjects]
    if label is not None:
        ui.text(label[0], (rect.x - label[1], rect.y, label[1] - 16, bh), bold=True, valign="middle")
    cols, h = _grid(ui, rect, labels, 340, bh)
    pager_h = max(62, int(ui.line() * 1.3))
    rows = max(1, (rect.h + 12) // (h + 12))
    if rows * cols < len(subjects):
        rows = max(1, (rect.h - pager_h - 12 + 12) // (h + 12))
    shown, page, pages = paged(app, "ask-page", list(zip(subjects, labels)), rows * cols)
    w = (rect.w - 16 * (cols - 1)) // cols
    for i, (about, words) in enumerate(shown):
        at = (rect.x + (i % cols) * (w + 16), rect.y + (i // cols) * (h + 12), w, h)

        def choose(about=about):
            app.view.set("ask-about", about)
            if then is not None:
                then()

        ui.button(f"ask-about-{about}", at, words, choose, selected=about == chosen)
    ui.page_buttons("ask-page", (rect.x, rect.bottom - pager_h, min(rect.w, 600), pager_h), page, pages,
                    lambda p: app.view.set("ask-page", p), page_label(app, page, pages))


def asks_html(state, t, lang: str) -> str:
    """The report's section: every ask, its level in words, its subject and its sentence."""
    from html import escape

    head = "".join(f"<th>{escape(t(k))}</th>" for k in ("asks.level", "asks.about", "asks.sentence"))
    rows = "".join(f"<tr><td>{escape(level_name(t, level))}</td><td>{escape(subject_name(state, lang, about))}</td>"
                   f"<td>{escape(text)}</td></tr>" for _, level, about, text in state.asks)
    body = f"<table><tr>{head}</tr>{rows}</table>" if rows else f'<p class="muted">{escape(t("asks.none_report"))}</p>'
    return f'<section class="asks"><h2>{escape(t("report.asks"))}</h2>{body}</section>'
