"""Immediate-mode widgets: each frame a scene draws its buttons and registers them here.

Hit testing, focus order (the order widgets are drawn) and activation all use the widgets of
the last frame drawn, so what a click reaches is always what the room saw.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Callable

import pygame

from . import theme
from .layout import Painter

Action = Callable[[], None]


@dataclass(slots=True)
class Widget:
    id: str
    rect: pygame.Rect
    label: str
    action: Action | None
    enabled: bool = True
    kind: str = "button"  # button | entry | number
    row: str | None = None  # left and right arrows stay within a row (a stepper's −, value, +)
    typed: Callable[[str], None] | None = None  # a number field: what the digits typed so far say
    checked: bool = False  # a ✓ drawn on the button (a family that has pledged)
    look: tuple | None = None  # a button's (label, selected, style, role, align, checked, bold): its face again


_BOXES: dict = {}
_KEY = (255, 0, 255)  # transparent corners: a colour key blits much faster than per-pixel alpha


def box(surf: pygame.Surface, rect: pygame.Rect, fill, edge, width: int, radius: int) -> None:
    """A rounded box, drawn once per size and colours and then blitted."""
    if rect.w * rect.h > 150_000:  # a panel: drawn straight away costs less than blitting its image
        pygame.draw.rect(surf, fill, rect, border_radius=radius)
        if width:
            pygame.draw.rect(surf, edge, rect, width, border_radius=radius)
        return
    key = (rect.size, fill, edge, width, radius)
    img = _BOXES.get(key)
    if img is None:
        img = pygame.Surface(rect.size)
        img.fill(_KEY)
        img.set_colorkey(_KEY, pygame.RLEACCEL)
        local = img.get_rect()
        pygame.draw.rect(img, fill, local, border_radius=radius)
        if width:
            pygame.draw.rect(img, edge, local, width, border_radius=radius)
        if len(_BOXES) > 3000:
            _BOXES.clear()
        _BOXES[key] = img
    surf.blit(img, rect)


@dataclass(slots=True)
class Region:
    """A drawn part of the screen kept for the next frames: its pixels, its text boxes, its widgets
    (with the actions they had when drawn) and text fields. `anchors` are the objects the key names
    by identity (the state, the language): holding them keeps their ids from being reused."""

    anchors: tuple
    image: pygame.Surface
    records: list
    widgets: list
    entries: list
    ids: frozenset


_REGIONS: OrderedDict = OrderedDict()
_REGION_PIXELS = [0]
REGION_PIXELS = 12_000_000  # about 48 MB of kept pixels at most; the oldest go first
_SEEN: OrderedDict = OrderedDict()  # keys drawn once and not kept yet
_SPARE: dict[tuple[int, int], list[pygame.Surface]] = {}  # forgotten regions' surfaces, to draw into again


def clear_regions() -> None:
    """Forget every kept region (the next frame draws everything again)."""
    for old in _REGIONS.values():
        _spare(old.image)
    _REGIONS.clear()
    _SEEN.clear()
    _REGION_PIXELS[0] = 0


def _spare(image: pygame.Surface) -> None:
    spare = _SPARE.setdefault(image.get_size(), [])
    if len(spare) < 2:
        spare.append(image)


def _keep(surf: pygame.Surface, rect: pygame.Rect) -> pygame.Surface:
    """A copy of `rect` of the screen, into a spare surface of that size when there is one (a new
    surface of the screen's size costs more to allocate than the copy itself)."""
    spare = _SPARE.get(rect.size)
    if spare:
        image = spare.pop()
        image.blit(surf, (0, 0), rect)
        return image
    return surf.subsurface(rect).copy()


def theme_key() -> tuple:
    """What the look depends on in the theme: a change of colours or sizes makes new regions."""
    return (getattr(theme, "current", None), theme.BG, theme.PANEL, theme.PANEL_ALT, theme.INK, theme.MUTED,
            theme.LINE, theme.PRIMARY, theme.SELECTED, theme.DISABLED_BG, theme.DISABLED_INK, theme.BODY,
            theme.MIN_TEXT, id(theme.SIZES))


class UI:
    def __init__(self, surf: pygame.Surface, painter: Painter, focus: str | None, hover: str | None) -> None:
        self.surf = surf
        self.p = painter
        self.focus = focus
        self.hover = hover
        self.widgets: list[Widget] = []
        self.entries: list[tuple[str, pygame.Rect, int]] = []
        self.theme = theme_key()

    # -- kept regions ----------------------------------------------------------------------------
    def region(self, key: tuple, rect, draw: Callable[[], None], anchors: tuple = (), bg=None,
               keep: Callable[[], bool] | None = None) -> None:
        """Draw `rect` through `draw()`, or blit what the same key drew before.

        The key must name everything the drawing depends on (objects named by identity go in
        `anchors` too). The focus ring and the hovered button's face are drawn over the kept
        pixels, never into them. `draw` must not paint outside `rect`; what it drew is not kept
        when `keep()` says so afterwards (a drawing that changed what its key names)."""
        rect = pygame.Rect(rect)
        if self.p.marks is not None:  # glossary words are marked as they are drawn: nothing kept
            if bg is not None:
                self.surf.fill(bg, rect)
            draw()
            return
        full = (key, tuple(rect), self.p.scale, self.p.floor, self.theme, tuple(map(id, anchors)))
        found = _REGIONS.get(full)
        if found is not None:
            _REGIONS.move_to_end(full)
            self.surf.blit(found.image, rect)
            layer = self.p.layer
            self.p.record.extend(found.records if all(b.layer == layer for b in found.records) else
                                 [replace(b, layer=layer) for b in found.records])
            self.widgets.extend(found.widgets)
            self.entries.extend(found.entries)
            self._over(found)
            return
        if bg is not None:
            self.surf.fill(bg, rect)
        n_rec, n_wid, n_ent = len(self.p.record), len(self.widgets), len(self.entries)
        focus, hover, self.focus, self.hover = self.focus, self.hover, None, None
        clip = self.surf.get_clip()
        self.surf.set_clip(rect.clip(clip))  # what is kept is all that was drawn, on every frame
        try:
            draw()
        finally:
            self.focus, self.hover = focus, hover
            self.surf.set_clip(clip)
        widgets = self.widgets[n_wid:]
        region = Region(tuple(anchors), None, self.p.record[n_rec:], widgets, self.entries[n_ent:],
                        frozenset(w.id for w in widgets))
        seen = full in _SEEN
        if not seen:  # kept from its second drawing on: a frame right after a change pays no copy
            _SEEN[full] = None
            if len(_SEEN) > 512:
                _SEEN.popitem(last=False)
        if seen and rect.w > 0 and rect.h > 0 and (keep is None or keep()):
            region.image = _keep(self.surf, rect.clip(self.surf.get_rect()))
            _REGIONS[full] = region
            image = region.image
            _REGION_PIXELS[0] += image.get_width() * image.get_height()
            while _REGION_PIXELS[0] > REGION_PIXELS and len(_REGIONS) > 1:
                _, old = _REGIONS.popitem(last=False)
                _REGION_PIXELS[0] -= old.image.get_width() * old.image.get_height()
                _spare(old.image)
        self._over(region)

    def _over(self, region: Region) -> None:
        """Over a region's pixels: the hovered button's face, then the focus ring."""
        if self.hover in region.ids:
            for w in region.widgets:
                if w.id == self.hover and w.look is not None and w.enabled:
                    n = len(self.p.record)
                    self._face(w.id, w.rect, w.enabled, *w.look)
                    del self.p.record[n:]  # the same words, already recorded once
        if self.focus in region.ids:
            for w in region.widgets:
                if w.id == self.focus:
                    self.focus_ring(w.rect)

    # -- plain drawing -----------------------------------------------------------------------
    def panel(self, rect, colour=None, border: bool = True) -> pygame.Rect:
        rect = pygame.Rect(rect)
        box(self.surf, rect, theme.PANEL if colour is None else colour, theme.LINE, 1 if border else 0, 10)
        return rect

    def text(self, text: str, rect, **kw) -> pygame.Rect:
        return self.p.text(self.surf, text, rect, **kw)

    def mark(self, rect, letter: str, colour, pattern: str = "solid") -> None:
        """A colour chip with a hatching and a letter: readable without colour vision."""
        rect = pygame.Rect(rect)
        self.surf.blit(theme.pattern(pattern, colour, rect.size), rect)
        inner = rect.inflate(-rect.w // 5, -rect.h // 5)  # room for a letter at the floor size
        pygame.draw.rect(self.surf, theme.WHITE, inner, border_radius=4)
        pygame.draw.rect(self.surf, theme.INK, rect, 2)
        self.p.text(self.surf, letter, inner, bold=True, align="center", valign="middle", wrap=False,
                    size=max(self.p.floor, int(inner.h * 0.8)), role="mark")

    @property
    def mark_px(self) -> int:
        """The side of a letter chip whose letter is not smaller than the floor."""
        return round(theme.MARK * self.p.scale)

    def fits(self, text: str, width: int, height: int, role: str = "body", bold: bool = False) -> bool:
        return self.p.fits(text, width, height, role, bold)

    def width(self, text: str, role: str = "body", bold: bool = False, size: int | None = None) -> int:
        """The width of a one-line text at a role's size (or a given size)."""
        return self.p.fonts.size(text, size or self.p.px(role), bold)[0]

    def height(self, text: str, width: int, role: str = "body", bold: bool = False) -> int:
        """The height a text takes wrapped to a width at its role's size."""
        return self.p.fit(text, width, 10**5, self.p.px(role), bold).height

    def button_height(self, labels, width: int, height: int, bold: bool = True) -> int:
        """`height`, or taller by a line at the floor size at a time (four more at most) until every
        label fits a button `width` wide (the face's padding counted)."""
        def fits(h: int) -> bool:
            pad = max(8, h // 8)
            return all(self.fits(label, width - 2 * pad, h - pad, bold=bold) for label in labels)

        step = self.line(size=self.p.floor)
        for _ in range(4):
            if fits(height):
                break
            height += step
        return height

    def line(self, role: str = "body", size: int | None = None) -> int:
        return self.p.fonts.line_height(size or self.p.px(role))

    def bar(self, rect, value: float, most: float, colour, pattern: str = "solid", target: float | None = None) -> None:
        """A length against a scale, with the target as a thick black line."""
        rect = pygame.Rect(rect)
        pygame.draw.rect(self.surf, theme.PANEL_ALT, rect)
        if most > 0 and value > 0:
            w = min(rect.w, int(rect.w * value / most))
            if w > 0:
                self.surf.blit(theme.pattern(pattern, colour, (w, rect.h)), rect.topleft)
        pygame.draw.rect(self.surf, theme.LINE, rect, 1)
        if target is not None and most > 0:
            x = rect.x + min(rect.w - 2, int(rect.w * target / most))
            pygame.draw.line(self.surf, theme.TARGET, (x, rect.y - 6), (x, rect.bottom + 6), 4)

    # -- interactive ---------------------------------------------------------------------------
    def button(
        self,
        wid: str,
        rect,
        label: str,
        action: Action | None,
        enabled: bool = True,
        selected: bool = False,
        style: str = "normal",
        role: str = "body",
        align: str = "center",
        row: str | None = None,
        checked: bool = False,
        bold: bool | None = None,
    ) -> pygame.Rect:
        rect = pygame.Rect(rect)
        enabled = enabled and action is not None
        look = (label, selected, style, role, align, checked, bold)
        self._face(wid, rect, enabled, *look)
        self.widgets.append(Widget(wid, rect, label, action, enabled, row=row, checked=checked, look=look))
        if self.focus == wid:
            self.focus_ring(rect)
        return rect

    def _face(self, wid: str, rect: pygame.Rect, enabled: bool, label: str, selected: bool, style: str, role: str,
              align: str, checked: bool, bold: bool | None) -> None:
        if not enabled:
            bg, ink = theme.DISABLED_BG, theme.DISABLED_INK
        elif style == "primary":
            bg, ink = theme.PRIMARY, theme.ON_PRIMARY
        elif selected:
            bg, ink = theme.SELECTED, theme.INK
        else:
            bg, ink = theme.PANEL, theme.INK
        if enabled and self.hover == wid and style != "primary" and not selected:
            bg = theme.PANEL_ALT
        box(self.surf, rect, bg, theme.INK if enabled else theme.LINE, 3 if selected else 2, 12)
        pad = max(8, rect.h // 8)
        inner = rect.inflate(-2 * pad, -pad)
        if checked:
            # the fonts have no ✓, so it is drawn: a thick tick at the left, the words beside it
            side = min(inner.h, 40)
            tick(self.surf, pygame.Rect(inner.x, inner.centery - side // 2, side, side), ink)
            inner = pygame.Rect(inner.x + side + 6, inner.y, inner.w - side - 6, inner.h)
        self.p.text(self.surf, label, inner, role=role, colour=ink, align=align,
                    valign="middle", bold=(style == "primary" or selected) if bold is None else bold)

    def focus_ring(self, rect) -> None:
        ring = pygame.Rect(rect).inflate(12, 12)
        pygame.draw.rect(self.surf, theme.WHITE, ring, 8, border_radius=16)
        pygame.draw.rect(self.surf, theme.FOCUS, ring, 5, border_radius=16)

    def stepper(self, wid: str, rect, label: str, value: str, minus: Action | None, plus: Action | None,
                typed: Callable[[str], None] | None = None, enter: Action | None = None) -> None:
        """A label, a large minus, the value, a large plus. With `typed`, the value is a field that
        takes digits (a click or the focus, then type; Enter does `enter`)."""
        rect = pygame.Rect(rect)
        bw = min(rect.h, 96)
        lw = rect.w * 2 // 5 if label else 0
        if label:
            self.text(label, (rect.x, rect.y, lw - 10, rect.h), valign="middle")
        self.button(f"{wid}-", (rect.x + lw, rect.y, bw, rect.h), "−", minus, role="h2", row=wid)
        vx = rect.x + lw + bw + 8
        vw = rect.right - bw - 8 - vx
        value_rect = pygame.Rect(vx, rect.y, vw, rect.h)
        if typed is not None:
            box(self.surf, value_rect, theme.WHITE, theme.INK, 2, 8)
            self.widgets.append(Widget(f"{wid}=", value_rect, value, enter, True, "number", row=wid, typed=typed))
        else:
            pygame.draw.rect(self.surf, theme.PANEL, value_rect, border_radius=8)
        self.text(value, (vx + 6, rect.y, vw - 12, rect.h), align="center", valign="middle", bold=True, wrap=False)
        if typed is not None and self.focus == f"{wid}=":
            self.focus_ring(value_rect)
        self.button(f"{wid}+", (rect.right - bw, rect.y, bw, rect.h), "+", plus, role="h2", row=wid)

    def toggle(self, wid: str, rect, label: str, on: bool, action: Action | None, on_text: str, off_text: str) -> None:
        rect = pygame.Rect(rect)
        lw = rect.w * 2 // 5
        self.text(label, (rect.x, rect.y, lw - 10, rect.h), valign="middle")
        mark = ""
        self.button(wid, (rect.x + lw, rect.y, rect.w - lw, rect.h), mark + (on_text if on else off_text),
                    action, selected=on)

    def entry(self, wid: str, rect, submit: Action | None = None, limit: int = 120) -> pygame.Rect:
        """A text field of at most `limit` characters: drawn by the text-entry widget, reachable by
        focus like a button; Enter in it does `submit`."""
        rect = pygame.Rect(rect)
        self.entries.append((wid, rect, limit))
        self.widgets.append(Widget(wid, rect, "", submit, True, "entry"))
        if self.focus == wid:
            self.focus_ring(rect)
        return rect

    def page_buttons(self, wid: str, rect, page: int, pages: int, set_page: Callable[[int], None], label: str) -> None:
        """‹ Page 2/5 ›: the arrows give way to the label when the row is narrow."""
        if pages <= 1:
            return
        rect = pygame.Rect(rect)
        need = self.width(label, size=self.p.floor) + 16
        bw = max(min(rect.h * 2, (rect.w - need) // 2 - 8), min(rect.h, rect.w // 3))
        self.button(f"{wid}-prev", (rect.x, rect.y, bw, rect.h), "‹", (lambda: set_page(page - 1)) if page > 0 else None)
        self.text(label, (rect.x + bw + 8, rect.y, rect.w - 2 * bw - 16, rect.h), align="center", valign="middle")
        self.button(f"{wid}-next", (rect.right - bw, rect.y, bw, rect.h), "›",
                    (lambda: set_page(page + 1)) if page < pages - 1 else None)


def tick(surf: pygame.Surface, rect: pygame.Rect, colour) -> None:
    w = max(4, rect.w // 6)
    pts = [(rect.x + rect.w * 0.1, rect.y + rect.h * 0.55), (rect.x + rect.w * 0.4, rect.y + rect.h * 0.85),
           (rect.x + rect.w * 0.9, rect.y + rect.h * 0.15)]
    pygame.draw.lines(surf, colour, False, pts, w)


def hit(widgets: list[Widget], pos) -> Widget | None:
    for w in reversed(widgets):
        if w.rect.collidepoint(pos):
            return w
    return None


def neighbour(widgets: list[Widget], current: Widget, direction: tuple[int, int]) -> Widget | None:
    """The nearest enabled widget in an arrow's direction (for keyboard-only play)."""
    cx, cy = current.rect.center
    best, best_score = None, None
    sideways = direction[1] == 0
    for w in widgets:
        if w is current or not w.enabled:
            continue
        if sideways and current.row is not None and w.row != current.row:
            continue  # a stepper's row is left up or down, never sideways
        dx, dy = w.rect.centerx - cx, w.rect.centery - cy
        along = dx * direction[0] + dy * direction[1]
        if along <= 0:
            continue
        across = abs(dx * direction[1]) + abs(dy * direction[0])
        score = along + 2 * across
        if best_score is None or score < best_score:
            best, best_score = w, score
    return best
