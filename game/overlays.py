"""What opens over a scene: pause, help and the glossary.

Help and the glossary are laid out as blocks (a bold term, then plain words) measured at the
chosen text size and paged, so a long glossary or a 200 % text size turns pages instead of
shrinking the words. The scene underneath stays drawn, dimmed, and cannot be pressed.
"""

from __future__ import annotations

import unicodedata

import pygame

from . import theme

BAR_TOP = 980
# the game's own words, shown when a scenario brings no glossary of its own
BUILT_IN = ("footprint", "co2", "energy", "biosphere", "sobriety", "efficiency", "decarbonisation",
            "consent", "concern", "objection", "pledge", "codecision")


def toggle(app, name: str) -> None:
    app.overlay = None if app.overlay == name else name
    app.view.set("overlay-page", 0)


def box_for(app) -> pygame.Rect:
    """The overlay grows with the text size, up to nearly the whole space above the bar."""
    k = max(0.0, min(1.0, app.scale - 1.0))
    w, h = int(1400 + 440 * k), int(740 + 160 * k)
    return pygame.Rect((1920 - w) // 2, (BAR_TOP - h) // 2, w, h)


def glossary_entries(app) -> list[tuple[str, str]]:
    """(term, definition) in the current language: the scenario's glossary, else the game's own."""
    t = app.t
    state = app.state
    if state is not None and state.scenario.glossary:
        first = state.scenario.language
        found = [(g.term.get(t.lang, first), g.definition.get(t.lang, first)) for g in state.scenario.glossary]
    else:
        found = [(t(f"gloss.{k}"), t(f"gloss.{k}_def")) for k in BUILT_IN]
    return sorted(found, key=lambda e: _plain(e[0]))


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def paginate(painter, blocks: list[tuple[str, str]], width: int, height: int) -> list[list[tuple]]:
    """Blocks (title, body) placed into pages of `height`, each with its measured heights."""
    body = painter.px("body")
    gap = painter.fonts.line_height(body) // 2
    pages: list[list[tuple]] = [[]]
    used = 0
    for title, text in blocks:
        th = painter.fit(title, width, 10**5, body, True).height if title else 0
        bh = painter.fit(text, width, 10**5, body).height if text else 0
        need = th + (6 if title and text else 0) + bh
        if pages[-1] and used + gap + need > height:
            pages.append([])
            used = 0
        used += (gap if pages[-1] else 0) + need
        pages[-1].append((title, text, th, bh))
    return pages


def paged_blocks(app, ui, box: pygame.Rect, heading: str, blocks: list[tuple[str, str]], close, top=None) -> None:
    """`top(ui, rect) -> height`, if given, draws a row under the heading (the glossary's letters)."""
    inner = box.inflate(-60, -48)
    head_h = ui.line("h1") + 8
    ui.text(heading, (inner.x, inner.y, inner.w, head_h), role="h1", bold=True)
    if top is not None:
        head_h += top(ui, pygame.Rect(inner.x, inner.y + head_h + 8, inner.w, 0)) + 8
    foot_h = max(86, int(ui.line() * 1.5))
    area = pygame.Rect(inner.x, inner.y + head_h + 16, inner.w, inner.h - head_h - 16 - foot_h - 20)
    pages = paginate(app.painter, blocks, area.w, area.h)
    page = max(0, min(app.view.get("overlay-page", 0), len(pages) - 1))
    y = area.y
    gap = ui.line() // 2
    for title, text, th, bh in pages[page]:
        if title:
            ui.text(title, (area.x, y, area.w, th), bold=True)
            y += th + (6 if text else 0)
        if text:
            ui.text(text, (area.x, y, area.w, bh))
            y += bh
        y += gap
    close_w = max(300, ui.width(app.t("misc.close"), bold=True) + 60)
    ui.button("overlay-close", (inner.right - close_w, inner.bottom - foot_h, close_w, foot_h), app.t("misc.close"),
              close, style="primary")
    ui.page_buttons("overlay-page", (inner.x, inner.bottom - foot_h, inner.w - close_w - 40, foot_h), page,
                    len(pages), lambda p: app.view.set("overlay-page", p),
                    app.t("misc.page", page=page + 1, pages=len(pages)))
    app.view.set("overlay-pages", len(pages))


def turn_page(app, step: int) -> None:
    pages = app.view.get("overlay-pages", 1)
    app.view.set("overlay-page", max(0, min(pages - 1, app.view.get("overlay-page", 0) + step)))


def overlays(app, ui) -> None:
    if app.overlay is None:
        return
    dim = pygame.Surface(theme.LOGICAL, pygame.SRCALPHA)
    dim.fill((0, 0, 0, 150))
    ui.surf.blit(dim, (0, 0), area=pygame.Rect(0, 0, 1920, BAR_TOP))
    ui.widgets[:] = [w for w in ui.widgets if w.id.startswith("bar-")]
    ui.entries.clear()
    app.painter.layer = 1
    box = box_for(app)
    ui.panel(box)
    t = app.t
    if app.overlay == "pause":
        inner = box.inflate(-80, -60)
        title_h = ui.line("title") + 10
        ui.text(t("pause.title"), (inner.x, inner.y, inner.w, title_h), role="title", align="center")
        foot_h = max(90, int(ui.line() * 1.5))
        # the settings a person may need mid-session: contrast and animations
        set_h = max(80, int(ui.line() * 1.4))
        sy = inner.bottom - foot_h - 30 - set_h
        half = (inner.w - 20) // 2
        ui.button("pause-contrast", (inner.x, sy, half, set_h), t("settings.contrast"), app.toggle_contrast,
                  checked=theme.current == "high-contrast")
        ui.button("pause-motion", (inner.x + half + 20, sy, inner.w - half - 20, set_h), t("settings.animations"),
                  app.toggle_animations, checked=app.animations)
        from .bar import in_pause

        if app.state is not None and in_pause(app, ui):  # the bar had no room left for them
            sy -= set_h + 20
            ui.button("pause-help", (inner.x, sy, half, set_h), t("bar.help"), lambda: toggle(app, "help"))
            ui.button("pause-glossary", (inner.x + half + 20, sy, inner.w - half - 20, set_h), t("bar.glossary"),
                      lambda: toggle(app, "glossary"))
        ui.text(t("pause.body"), (inner.x, inner.y + title_h + 30, inner.w, sy - 30 - inner.y - title_h - 30),
                align="center")
        w = max(400, ui.width(t("pause.resume"), bold=True) + 60)
        ui.button("overlay-close", (box.centerx - w // 2, inner.bottom - foot_h, w, foot_h), t("pause.resume"),
                  lambda: toggle(app, "pause"), style="primary")
    elif app.overlay == "glossary":
        entries = glossary_entries(app)
        shown = filtered(entries, app.view.get("gl-filter"))
        paged_blocks(app, ui, box, t("glossary.title"), shown or [("", t("glossary.none"))],
                     lambda: close_glossary(app), top=lambda ui, rect: letter_index(app, ui, rect, entries))
    else:
        phase = app.scene_key()
        blocks = [("", t(f"help.{phase}")), *class_questions(app, phase), (t("help.keys_title"), t("help.keys"))]
        paged_blocks(app, ui, box, t("help.heading", phase=t(f"phase.{phase}")), blocks, lambda: toggle(app, "help"))


def initial(term: str) -> str:
    return (_plain(term)[:1] or "#").upper()


def filtered(entries: list[tuple[str, str]], how) -> list[tuple[str, str]]:
    """The entries a letter or a marked word asks for (all of them when nothing is asked)."""
    if not how:
        return entries
    kind, value = how
    if kind == "letter":
        return [e for e in entries if initial(e[0]) == value]
    return [e for e in entries if e[0] == value] or entries


def close_glossary(app) -> None:
    app.view.set("gl-filter", None)
    toggle(app, "glossary")


def letter_index(app, ui, rect: pygame.Rect, entries) -> int:
    """A row of the letters the glossary's words start with, and "all": the index by letter."""
    letters = sorted({initial(term) for term, _ in entries})
    how = app.view.get("gl-filter")
    h = max(56, ui.line() + 16)
    all_label = app.t("glossary.letters") + " ·"
    x = rect.x
    specs = [("overlay-letters-all", all_label, None)] + [(f"overlay-letter-{c}", c, ("letter", c)) for c in letters]
    for wid, label, value in specs:
        w = max(h, ui.width(label, bold=True) + 28)
        if x + w > rect.right:
            break  # a very large text size keeps the letters that fit (the pages still hold every word)
        ui.button(wid, (x, rect.y, w, h), label, lambda v=value: _filter(app, v), selected=how == value)
        x += w + 8
    return h


def _filter(app, value) -> None:
    app.view.set("gl-filter", value)
    app.view.set("overlay-page", 0)


def class_questions(app, phase: str) -> list[tuple[str, str]]:
    """In class mode, the scenario's questions for this step come with the teacher's help."""
    state = app.state
    if state is None or not state.class_mode:
        return []
    from engine.scenario.classroom import questions

    lang, first = app.t.lang, state.scenario.language
    found = [q.text.get(lang, first) for q in questions(state.scenario, phase, state.round)]
    return [(app.t("class.questions") if i == 0 else "", text) for i, text in enumerate(found)]
