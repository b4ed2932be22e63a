"""Text fields, drawn and edited by pygame_gui's UITextEntryLine (accents, cursor, clipboard).

Scenes place a field each frame with `ui.entry(id, rect)` and read it with `value(id)`. The
fields keep their text while hidden, and are rebuilt in the bundled font when the text size
changes.
"""

from __future__ import annotations

import pygame

from . import theme
from .fonts import BOLD, REGULAR


def _hex(rgb) -> str:
    return "#%02X%02X%02X" % tuple(rgb[:3])


class Entries:
    def __init__(self, app) -> None:
        self.app = app
        self.values: dict[str, str] = {}
        self.fields: dict[str, pygame_gui.elements.UITextEntryLine] = {}
        self.rects: dict[str, pygame.Rect] = {}
        self.focused: str | None = None
        self.pending: str | None = None  # a field asked for focus before it was first placed
        self.manager: pygame_gui.UIManager | None = None
        self.clock = pygame.time.Clock()

    def _theme(self) -> dict:
        size = str(round(theme.BODY * self.app.scale))
        font = {"name": "atkinson", "size": size, "regular_path": str(REGULAR), "bold_path": str(BOLD)}
        return {
            "defaults": {
                "colours": {
                    "dark_bg": _hex(theme.PANEL), "normal_text": _hex(theme.INK),
                    "text_cursor": _hex(theme.INK), "normal_border": _hex(theme.INK),
                    "selected_bg": _hex(theme.SELECTED), "selected_text": _hex(theme.INK),
                    "focused_border": _hex(theme.BLUE),
                },
            },
            "text_entry_line": {"font": font, "misc": {"border_width": "2", "padding": "10,6", "shape": "rounded_rectangle",
                                         "shape_corner_radius": "8"}},
        }

    def _ensure_manager(self) -> pygame_gui.UIManager:
        import pygame_gui  # only when a screen first shows a text field: the table starts faster

        if self.manager is None:
            self.manager = pygame_gui.UIManager(theme.LOGICAL, self._theme())
        return self.manager

    def rebuild(self) -> None:
        for wid, field in self.fields.items():
            self.values[wid] = field.get_text()
            field.kill()
        self.fields = {}
        self.rects = {}
        self.manager = None

    def value(self, wid: str) -> str:
        field = self.fields.get(wid)
        return field.get_text() if field is not None else self.values.get(wid, "")

    def set(self, wid: str, text: str) -> None:
        self.values[wid] = text
        field = self.fields.get(wid)
        if field is not None:
            field.set_text(text)

    def sync(self, placed: list[tuple[str, pygame.Rect, int]]) -> None:
        if not placed and not self.fields:
            return
        manager = self._ensure_manager()
        import pygame_gui

        wanted = {wid: rect for wid, rect, _ in placed}
        limits = {wid: limit for wid, _, limit in placed}
        for wid, rect in wanted.items():
            field = self.fields.get(wid)
            if field is None:
                field = pygame_gui.elements.UITextEntryLine(rect, manager, initial_text=self.values.get(wid, ""))
                field.set_text_length_limit(limits[wid])
                if not self.app.animations:  # a steady cursor: it never starts blinking
                    field.cursor_blink_delay_after_moving = float("inf")
                self.fields[wid] = field
            elif self.rects.get(wid) != rect:
                field.set_relative_position(rect.topleft)
                field.set_dimensions(rect.size)
            self.rects[wid] = rect
            if not field.visible:
                field.show()
        for wid, field in self.fields.items():
            if wid not in wanted and field.visible:
                self.values[wid] = field.get_text()
                field.hide()
                if self.focused == wid:
                    self.focus(None)
        pending, self.pending = self.pending, None
        if pending in wanted:
            self.focus(pending)

    def focus(self, wid: str | None) -> None:
        if self.focused is not None and self.focused in self.fields:
            self.fields[self.focused].unfocus()
        self.focused = wid if wid in self.fields else None
        self.pending = wid if wid is not None and self.focused is None else None
        if self.focused is not None and self.manager is not None:
            field = self.fields[self.focused]
            self.manager.set_focus_set(field)
            field.focus()

    def process(self, event) -> bool:
        """Give text and editing keys to the focused field; True when it used the event."""
        if self.focused is None or self.manager is None:
            return False
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_TAB, pygame.K_ESCAPE, pygame.K_RETURN,
                                                           pygame.K_KP_ENTER, pygame.K_UP, pygame.K_DOWN,
                                                           pygame.K_F11) + tuple(range(pygame.K_F1, pygame.K_F12)):
            return False
        if event.type in (pygame.KEYDOWN, pygame.KEYUP, pygame.TEXTINPUT, pygame.TEXTEDITING):
            self.manager.process_events(event)
            return True
        if event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP) and getattr(event, "button", 1) == 1:
            self.manager.process_events(event)
            field = self.fields[self.focused]
            if event.type == pygame.MOUSEBUTTONDOWN and field.rect.collidepoint(event.pos):
                return True
        return False

    def draw(self, surf: pygame.Surface) -> None:
        if self.manager is None or not any(f.visible for f in self.fields.values()):
            return
        self.manager.update(self.clock.tick() / 1000.0)
        self.manager.draw_ui(surf)
        for wid, rect in self.rects.items():
            field = self.fields.get(wid)
            if field is not None and field.visible:
                self.app.painter.record.append(_entry_box(field.get_text(), rect, self.app.painter))


def _entry_box(text: str, rect: pygame.Rect, painter):
    from .layout import TextBox

    return TextBox(text, rect, rect.inflate(-4, -4), painter.px("body"), painter.px("body"))
