"""Glossary words marked on the table in class mode: a word that has an entry is underlined
where it first appears on the screen, and a tap, a click or Tab then Enter on it opens its entry.

The painter tells this module each line it draws (`Painter.marks`); the marks found become
widgets after the scene is drawn, unless a button already covers them (a button keeps its press).
"""

from __future__ import annotations

import pygame

from . import theme
from .overlays import glossary_entries, toggle
from .terms import fold as _fold
from .terms import match_words, pattern


class Marker:
    """Finds the glossary's words in drawn lines; one marker per language and glossary."""

    def __init__(self, entries: list[tuple[str, str]]) -> None:
        self.entries = entries
        forms: dict[str, int] = {}
        for i, (term, _) in enumerate(entries):
            for w in match_words(term):
                forms.setdefault(_fold(w), i)
        self.forms = forms
        self.pattern = pattern(forms)
        self.found: list[tuple[int, pygame.Rect]] = []
        self.seen: set[int] = set()

    def start_frame(self) -> None:
        self.found, self.seen = [], set()

    def __call__(self, fonts, line: str, at: pygame.Rect, size: int, bold: bool, layer: int) -> None:
        if self.pattern is None or layer != 0:
            return
        folded = _fold(line)
        if len(folded) != len(line):  # a letter that folds into two: positions would slip
            return
        for m in self.pattern.finditer(folded):
            entry = self.forms[m.group(1)]
            if entry in self.seen:
                continue
            x0 = fonts.size(line[:m.start()], size, bold)[0]
            x1 = fonts.size(line[:m.end()], size, bold)[0]
            self.seen.add(entry)
            self.found.append((entry, pygame.Rect(at.x + x0, at.y, x1 - x0, at.h)))


_MARKERS: dict = {}


def marker_for(app) -> Marker | None:
    if not app.t.classroom or app.state is None:
        return None
    entries = glossary_entries(app)
    key = (app.t.lang, id(app.state.scenario))
    found = _MARKERS.get(key)
    if found is None or found.entries != entries:
        if len(_MARKERS) > 16:
            _MARKERS.clear()
        found = _MARKERS[key] = Marker(entries)
    return found


def open_entry(app, term: str) -> None:
    app.view.set("gl-filter", ("term", term))
    app.overlay = None
    toggle(app, "glossary")


def mark(app, ui, marker: Marker) -> None:
    """Underline the words found and make each one a widget, where no button lies."""
    from .widgets import Widget

    taken = [w.rect for w in ui.widgets]
    for entry, rect in marker.found:
        if rect.collidelist(taken) != -1 or rect.w <= 0:
            continue
        term = marker.entries[entry][0]
        wid = f"word-{entry}"
        y = rect.bottom - 2
        for x in range(rect.x, rect.right, 10):  # a dotted underline: marked, not a link's solid line
            pygame.draw.line(ui.surf, theme.BLUE, (x, y), (min(x + 5, rect.right), y), 3)
        if app.focus == wid:
            ui.focus_ring(rect.inflate(8, 6))
        ui.widgets.append(Widget(wid, rect, term, lambda t=term: open_entry(app, t), kind="word"))
