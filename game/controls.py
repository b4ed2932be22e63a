"""Mouse, touch and keyboard: every input ends as a press on a widget the room can see.

A press completes on release over the same widget (mouse button or finger), or with Enter /
Space on the focused widget. Tab and the arrows move the focus; Escape closes what is open.
Mouse events that SDL synthesises from touch are ignored, so a tap counts once.
"""

from __future__ import annotations

import pygame

from . import theme
from .overlays import toggle, turn_page
from .widgets import hit, neighbour

ACTIVATE = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)
ARROWS = {pygame.K_LEFT: (-1, 0), pygame.K_RIGHT: (1, 0), pygame.K_UP: (0, -1), pygame.K_DOWN: (0, 1)}
MOVES = (pygame.K_TAB, *ARROWS)  # keys that only move the focus
QUIET = {pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.FINGERDOWN, pygame.FINGERMOTION, pygame.KEYUP,
         pygame.TEXTEDITING, pygame.WINDOWENTER, pygame.WINDOWLEAVE, pygame.WINDOWFOCUSGAINED,
         pygame.WINDOWFOCUSLOST, pygame.WINDOWEXPOSED, pygame.VIDEOEXPOSE, pygame.ACTIVEEVENT}


class Controls:
    def logical(self, event) -> tuple[int, int]:
        """A finger's normalised position in the logical 1920×1080 frame (letterbox aware)."""
        if self.headless:
            w, h = theme.LOGICAL
        else:
            w, h = pygame.display.get_window_size()
        lw, lh = theme.LOGICAL
        k = min(w / lw, h / lh)
        ox, oy = (w - lw * k) / 2, (h - lh * k) / 2
        return int((event.x * w - ox) / k), int((event.y * h - oy) / k)

    def handle(self, event) -> None:
        kind = event.type
        if kind == pygame.QUIT:
            self.running = False
            return
        if kind == pygame.VIDEORESIZE or kind == pygame.WINDOWRESIZED:
            return
        if self.entries.process(event):
            return
        if kind not in QUIET and not (kind == pygame.KEYDOWN and event.key in MOVES):
            # anything else may change what the view holds in place (a draft, a form): what the
            # screen kept for the present view is drawn afresh (UI.region)
            self.view.version += 1
        if self._number(event):
            return
        if kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION) and getattr(event, "touch", False):
            return
        if kind == pygame.MOUSEMOTION:
            w = hit(self.widgets, event.pos)
            self.hover = w.id if w and w.enabled else None
        elif kind == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self._down(event.pos)
        elif kind == pygame.MOUSEBUTTONUP and event.button == 1:
            self._up(event.pos)
        elif kind == pygame.MOUSEWHEEL:
            self._wheel(event.y)
        elif kind == pygame.FINGERDOWN:
            self._down(self.logical(event))
        elif kind == pygame.FINGERUP:
            self._up(self.logical(event))
        elif kind == pygame.KEYDOWN:
            self._key(event)

    def _number(self, event) -> bool:
        """Digits typed into the focused number field: the first replaces the value, the next ones
        follow it; Backspace takes the last back. Enter is the field's own action (save, ask)."""
        if event.type not in (pygame.TEXTINPUT, pygame.KEYDOWN):
            return False
        current = next((w for w in self.widgets if w.id == self.focus), None)
        if current is None or current.kind != "number" or current.typed is None:
            return False
        wid, text = self.typing if self.typing and self.typing[0] == current.id else (current.id, "")
        if event.type == pygame.TEXTINPUT:
            chars = [c for c in event.text if c.isdigit() or (c in ",." and not any(x in text for x in ",."))]
            if not chars:
                return event.text.strip() != ""  # letters are not numbers: ignored here
            text += "".join(chars)
        elif event.key == pygame.K_BACKSPACE:
            text = text[:-1]
        else:
            return False
        self.typing = (wid, text)
        current.typed(text)
        return True

    def _down(self, pos) -> None:
        w = hit(self.widgets, pos)
        self.pressed = w.id if w and w.enabled else None
        if w is not None and w.kind == "entry":
            self.focus = w.id
            self.entries.focus(w.id)

    def _up(self, pos) -> None:
        w = hit(self.widgets, pos)
        pressed, self.pressed = self.pressed, None
        if w is not None and w.id == pressed and w.enabled:
            self.focus = w.id
            if w.kind != "entry":
                self.entries.focus(None)
            if w.kind == "number":
                self.typing = None  # a click on a number field readies it for digits
                return
            self.activate(w)

    def _wheel(self, dy: int) -> None:
        if self.overlay is not None:
            turn_page(self, -dy)
            return
        handler = self.view.get("wheel")
        if handler is not None:
            handler(-dy)

    def activate(self, widget) -> None:
        if widget.kind == "entry":
            self.entries.focus(widget.id)
            return
        if widget.action is not None and widget.enabled:
            widget.action()

    def focusable(self):
        return [w for w in self.widgets if w.enabled]

    def move_focus(self, step: int) -> None:
        items = self.focusable()
        if not items:
            return
        ids = [w.id for w in items]
        if self.focus in ids:
            i = (ids.index(self.focus) + step) % len(ids)
        else:
            i = 0 if step > 0 else len(ids) - 1
        self.set_focus(items[i])

    def set_focus(self, widget) -> None:
        self.focus = widget.id
        self.typing = None
        if widget.kind == "entry":
            self.entries.focus(widget.id)
        else:
            self.entries.focus(None)

    def _key(self, event) -> None:
        key, mods = event.key, event.mod
        ctrl = mods & pygame.KMOD_CTRL
        if key == pygame.K_F11:
            self.toggle_fullscreen()
        elif key == pygame.K_TAB:
            self.move_focus(-1 if mods & pygame.KMOD_SHIFT else 1)
        elif key == pygame.K_ESCAPE:
            if self.overlay is not None:
                self.overlay = None
            elif self.view.get("escape"):
                self.view.get("escape")()
            else:
                self.focus = None
                self.entries.focus(None)
        elif key in ARROWS:
            current = next((w for w in self.widgets if w.id == self.focus), None)
            if current is None:
                self.move_focus(1)
            else:
                target = neighbour(self.widgets, current, ARROWS[key])
                if target is not None:
                    self.set_focus(target)
        elif key in ACTIVATE:
            current = next((w for w in self.widgets if w.id == self.focus), None)
            if current is not None and current.kind == "entry" and key != pygame.K_SPACE:
                if current.action is not None:
                    current.action()  # Enter validates a text field
            elif current is not None and not (current.kind == "number" and key == pygame.K_SPACE):
                self.activate(current)
        elif key == pygame.K_F1:
            toggle(self, "help")
        elif key == pygame.K_F7:
            toggle(self, "glossary")
        elif key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP) and self.overlay is not None:
            turn_page(self, 1 if key == pygame.K_PAGEDOWN else -1)
        elif key == pygame.K_F2:
            self.set_language(self.t.next_language())
        elif key in (pygame.K_F3, pygame.K_MINUS, pygame.K_KP_MINUS) and (key == pygame.K_F3 or ctrl):
            self.set_scale(round(self.scale - 0.25, 2))
        elif key in (pygame.K_F4, pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS) and (key == pygame.K_F4 or ctrl):
            self.set_scale(round(self.scale + 0.25, 2))
        elif key == pygame.K_F5:
            toggle(self, "pause")
        elif key == pygame.K_F6 or (ctrl and key == pygame.K_z):
            if self.session is not None:
                from engine import actions as A

                self.act(A.Undo())
        elif key == pygame.K_F9:
            from . import room

            room.toggle(self)
        elif key == pygame.K_F8:
            if self.session is not None and self.overlay is None:
                from .bar import advance

                advance(self)
