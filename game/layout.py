"""Text that always fits its box: wrap, then shrink down to a floor, then (last resort) cut.

Shrinking stops at a floor (28 px at 100 %, the body size; theme.floor), so a crowded box
never turns into fine print: the scenes summarise or page what would not fit at the floor, and
an ellipsis is the very last resort. Every text drawn goes through `Painter.text`, which
records the box it was given, the area drawn, the size used and whether it had to be cut; the
tests read that record to check sizes, cuts and overflow at every text size.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from . import theme
from .fonts import Fonts

ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class TextBox:
    text: str
    box: pygame.Rect
    drawn: pygame.Rect
    size: int
    requested: int
    role: str = "body"
    cut: bool = False
    layer: int = 0  # 0 the scene, 1 an overlay over it, 2 a toast over both
    colour: tuple = theme.INK


@dataclass(frozen=True, slots=True)
class Fit:
    size: int
    lines: tuple[str, ...]
    step: int  # distance between baselines
    height: int  # height of the whole block
    cut: bool = False


def _wrap(fonts: Fonts, text: str, width: int, size: int, bold: bool) -> list[str] | None:
    """Greedy word wrap; None when a single word is wider than the box at this size."""
    lines: list[str] = []
    for para in text.split("\n"):
        current = ""
        for word in para.split(" "):
            trial = f"{current} {word}" if current else word
            if fonts.size(trial, size, bold)[0] <= width:
                current = trial
                continue
            if fonts.size(word, size, bold)[0] > width:
                return None
            lines.append(current)
            current = word
        lines.append(current)
    return lines


def _cut(fonts: Fonts, text: str, width: int, size: int, bold: bool) -> str:
    if fonts.size(text, size, bold)[0] <= width:
        return text
    while text and fonts.size(text + ELLIPSIS, size, bold)[0] > width:
        text = text[:-1]
    return text + ELLIPSIS if text else ""


class Painter:
    """Draws text into boxes, fitted, and keeps this frame's record of text boxes."""

    def __init__(self, fonts: Fonts, scale: float = 1.0) -> None:
        self.fonts = fonts
        self.scale = scale
        self.record: list[TextBox] = []
        self.layer = 0
        self.marks = None  # called with each line drawn (class mode marks glossary words: game/words.py)
        self._fits: dict[tuple, Fit] = {}

    def px(self, role: str) -> int:
        return round(theme.SIZES.get(role, theme.BODY) * self.scale)

    @property
    def floor(self) -> int:
        return theme.floor(self.scale)

    def fits(self, text: str, width: int, height: int, role: str = "body", bold: bool = False) -> bool:
        """Whether the text fits its box without being cut (at the floor size or larger)."""
        return not self.fit(text, width, height, self.px(role), bold).cut

    def fit(self, text: str, width: int, height: int, size: int, bold: bool = False, wrap: bool = True) -> Fit:
        key = (text, width, height, size, bold, wrap, self.floor)
        found = self._fits.get(key)
        if found is None:
            found = self._fit(text, max(width, 1), max(height, 1), size, bold, wrap, min(size, self.floor))
            if len(self._fits) > 8000:
                self._fits.clear()
            self._fits[key] = found
        return found

    def _fit(self, text: str, width: int, height: int, size: int, bold: bool, wrap: bool, least: int) -> Fit:
        fonts = self.fonts
        s = size
        while True:
            step = fonts.line_height(s, bold)
            tall = fonts.height(text, s, bold)
            lines = _wrap(fonts, text, width, s, bold) if wrap else [text]
            if lines is not None and all(fonts.size(line, s, bold)[0] <= width for line in lines):
                block = (len(lines) - 1) * step + tall
                if block <= height:
                    return Fit(s, tuple(lines), step, block)
            if s <= least:
                break
            s = max(least, int(s * 0.9))
        # last resort: as many lines as fit, each cut to the width
        step, tall = fonts.line_height(s, bold), fonts.height(text, s, bold)
        room = max(0, (height - tall) // step + 1) if height >= tall else 0
        if room == 0:
            return Fit(s, (), step, 0, True)
        words = _wrap(fonts, text, 10**6, s, bold) if not wrap else (
            _wrap(fonts, text, width, s, bold) or [text])
        lines = [_cut(fonts, line, width, s, bold) for line in words[:room]]
        if len(words) > room:
            lines[-1] = _cut(fonts, lines[-1].rstrip(ELLIPSIS) + ELLIPSIS, width, s, bold)
        return Fit(s, tuple(lines), step, (len(lines) - 1) * step + tall, True)

    def text(
        self,
        surf: pygame.Surface,
        text: str,
        box: pygame.Rect | tuple,
        role: str = "body",
        colour=None,  # the theme's ink when it draws (the theme may change while the table runs)
        align: str = "left",
        valign: str = "top",
        bold: bool = False,
        wrap: bool = True,
        size: int | None = None,
    ) -> pygame.Rect:
        box = pygame.Rect(box)
        colour = theme.INK if colour is None else colour
        requested = size or self.px(role)
        fit = self.fit(text, box.w, box.h, requested, bold, wrap)
        y = box.y
        if valign == "middle":
            y = box.y + (box.h - fit.height) // 2
        elif valign == "bottom":
            y = box.bottom - fit.height
        drawn = pygame.Rect(box.x, y, 0, 0)
        for i, line in enumerate(fit.lines):
            if not line:
                continue
            img = self.fonts.render(line, fit.size, colour, bold)
            x = box.x
            if align == "center":
                x = box.x + (box.w - img.get_width()) // 2
            elif align == "right":
                x = box.right - img.get_width()
            at = pygame.Rect(x, y + i * fit.step, img.get_width(), img.get_height())
            surf.blit(img, at)
            if self.marks is not None:
                self.marks(self.fonts, line, at, fit.size, bold, self.layer)
            drawn = at if drawn.size == (0, 0) else drawn.union(at)
        self.record.append(TextBox(text, box, drawn, fit.size, requested, role, fit.cut, self.layer, tuple(colour)))
        return drawn
