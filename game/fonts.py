"""The bundled fonts and the cache of rendered text.

Atkinson Hyperlegible (designed for low vision) draws everything it can; Noto Sans draws the
strings that need a character Atkinson lacks (the subscript ₂ of CO₂). Which font has which
character is read from the fonts' own `cmap` tables, so the choice never depends on guessing
from rendered pixels.
"""

from __future__ import annotations

import struct
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path

import pygame

from engine.shipped import assets_dir

ASSETS = assets_dir()
FONT_DIR = ASSETS / "fonts"
REGULAR = FONT_DIR / "AtkinsonHyperlegible-Regular.ttf"
BOLD = FONT_DIR / "AtkinsonHyperlegible-Bold.ttf"
FALLBACK = FONT_DIR / "NotoSans-Variable.ttf"


@lru_cache(maxsize=None)
def codepoints(path: Path) -> frozenset[int]:
    """Every character a TrueType font maps to a glyph (cmap formats 4 and 12)."""
    data = Path(path).read_bytes()
    tables = struct.unpack(">H", data[4:6])[0]
    offset = None
    for i in range(tables):
        tag, _, where, _ = struct.unpack(">4sIII", data[12 + 16 * i: 28 + 16 * i])
        if tag == b"cmap":
            offset = where
    if offset is None:
        return frozenset()
    found: set[int] = set()
    count = struct.unpack(">H", data[offset + 2: offset + 4])[0]
    for i in range(count):
        platform, encoding, sub = struct.unpack(">HHI", data[offset + 4 + 8 * i: offset + 12 + 8 * i])
        if platform not in (0, 3):
            continue
        start = offset + sub
        fmt = struct.unpack(">H", data[start: start + 2])[0]
        if fmt == 4:
            found |= _format4(data, start)
        elif fmt == 12:
            groups = struct.unpack(">I", data[start + 12: start + 16])[0]
            for g in range(groups):
                lo, hi, _ = struct.unpack(">III", data[start + 16 + 12 * g: start + 28 + 12 * g])
                found.update(range(lo, hi + 1))
    return frozenset(found)


def _format4(data: bytes, start: int) -> set[int]:
    segs = struct.unpack(">H", data[start + 6: start + 8])[0] // 2
    ends = struct.unpack(f">{segs}H", data[start + 14: start + 14 + 2 * segs])
    base = start + 16 + 2 * segs
    starts = struct.unpack(f">{segs}H", data[base: base + 2 * segs])
    deltas = struct.unpack(f">{segs}h", data[base + 2 * segs: base + 4 * segs])
    ro_at = base + 4 * segs
    offsets = struct.unpack(f">{segs}H", data[ro_at: ro_at + 2 * segs])
    found: set[int] = set()
    for i, (lo, hi) in enumerate(zip(starts, ends)):
        for c in range(lo, hi + 1):
            if c == 0xFFFF:
                continue
            if offsets[i] == 0:
                glyph = (c + deltas[i]) & 0xFFFF
            else:
                at = ro_at + 2 * i + offsets[i] + 2 * (c - lo)
                glyph = struct.unpack(">H", data[at: at + 2])[0]
                glyph = (glyph + deltas[i]) & 0xFFFF if glyph else 0
            if glyph:
                found.add(c)
    return found


def covers(path: Path, text: str) -> bool:
    have = codepoints(path)
    return all(ord(ch) in have or ch in "\n\t" for ch in text)


def shown(text: str) -> str:
    """The text as drawn: the narrow no-break space that groups thousands (1 500 €), which
    Atkinson lacks, is drawn as a no-break space, so an amount keeps the body font and its height."""
    return text.replace("\u202f", "\u00a0") if "\u202f" in text else text


class Fonts:
    """pygame Font objects by (size, bold, fallback), and rendered text by content."""

    def __init__(self, max_cached: int = 6000) -> None:
        self._fonts: dict[tuple[int, bool, bool], pygame.font.Font] = {}
        self._text: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self._bands: dict[tuple, tuple[int, int] | None] = {}
        self._max = max_cached

    def font(self, size: int, bold: bool = False, text: str = "") -> pygame.font.Font:
        fallback = bool(text) and not covers(BOLD if bold else REGULAR, shown(text))
        key = (size, bold, fallback)
        font = self._fonts.get(key)
        if font is None:
            path = FALLBACK if fallback else (BOLD if bold else REGULAR)
            font = pygame.font.Font(path, size)
            if fallback and bold:
                font.bold = True
            self._fonts[key] = font
        return font

    def size(self, text: str, size: int, bold: bool = False) -> tuple[int, int]:
        text = shown(text)
        return self.font(size, bold, text).size(text)

    def line_height(self, size: int, bold: bool = False) -> int:
        return self.font(size, bold).get_linesize()

    def height(self, text: str, size: int, bold: bool = False) -> int:
        """The height of one line of this text as drawn."""
        drawn = shown(text)
        band = self._band(drawn, size, bold)
        return band[1] if band is not None else self.font(size, bold, drawn).get_height()

    def _band(self, drawn: str, size: int, bold: bool) -> tuple[int, int] | None:
        """For a text the fallback font draws: the rows of its image kept (from the top, how many),
        so that its line is the body font's line, on the same baseline, whenever its ink fits there
        (Noto Sans keeps more room above its letters than Atkinson: a line of accented words would
        otherwise stand taller than the lines around it). None for a text the body font draws."""
        key = (drawn, size, bold)
        if key in self._bands:
            return self._bands[key]
        band = None
        font = self.font(size, bold, drawn)
        if drawn and font is not self.font(size, bold):
            body = self.font(size, bold)
            ink = [m for m in font.metrics(drawn) if m is not None]
            top = max([body.get_ascent()] + [m[3] for m in ink])
            under = max([-body.get_descent()] + [-m[2] for m in ink])
            skip = max(0, font.get_ascent() - top)
            extra = body.get_height() - body.get_ascent() + body.get_descent()  # the body font's own spare row
            band = (skip, min(top + under + extra, font.get_height() - skip))
        if len(self._bands) > 4000:
            self._bands.clear()
        self._bands[key] = band
        return band

    def render(self, text: str, size: int, color: tuple, bold: bool = False) -> pygame.Surface:
        key = (text, size, color, bold)
        surf = self._text.get(key)
        if surf is not None:
            self._text.move_to_end(key)
            return surf
        drawn = shown(text)
        surf = self.font(size, bold, drawn).render(drawn, True, color)
        band = self._band(drawn, size, bold)
        if band is not None and band != (0, surf.get_height()):
            surf = surf.subsurface((0, band[0], surf.get_width(), band[1])).copy()
        self._text[key] = surf
        if len(self._text) > self._max:
            self._text.popitem(last=False)
        return surf
