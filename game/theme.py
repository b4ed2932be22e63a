"""Colours, sizes and the marks that tell things apart without colour.

The palette starts from Okabe–Ito's; strategies and footprints keep apart under protanopia,
deuteranopia and tritanopia (the tests simulate them on screenshots, Machado et al. 2009, and
measure ΔE2000). They also carry a letter and a hatching pattern, so nothing is told by colour
alone. Every text/background pair the screen uses is listed by text_pairs() and checked for a WCAG
contrast of at least 4.5:1 by the tests (7:1 in the high-contrast theme).

Two themes, one set of names: `use("high-contrast")` swaps the palette (pure black on white,
black lines, darker greys); the drawing code reads `theme.INK` and the others when it draws.
"""

from __future__ import annotations

import pygame

LOGICAL = (1920, 1080)
MIN_WINDOW = (1280, 720)

# Okabe–Ito
ORANGE = (230, 159, 0)
SKY = (86, 180, 233)
GREEN = (0, 158, 115)
YELLOW = (240, 228, 66)
BLUE = (0, 114, 178)
VERMILLION = (213, 94, 0)
PURPLE = (204, 121, 167)
BLACK = (0, 0, 0)

# sobriety's colour: Okabe–Ito's sky blue and the bluish green look alike under tritanopia
LAVENDER = (165, 135, 240)
WHITE = (255, 255, 255)

STRATEGY_PATTERN = {"sobriety": "dots", "efficiency": "diagonal", "decarbonisation": "cross"}
FOOTPRINT_PATTERN = ("solid", "diagonal", "dots")

# The palettes: the same names in each; `use()` makes one of them the module's colours.
STANDARD = dict(
    BG=(247, 244, 236), PANEL=(255, 255, 255), PANEL_ALT=(236, 232, 222), INK=(26, 26, 26),
    MUTED=(74, 74, 74), LINE=(120, 120, 120), PRIMARY=BLUE, ON_PRIMARY=WHITE,
    DISABLED_BG=(214, 210, 200), DISABLED_INK=(84, 84, 84), FOCUS=BLACK, SELECTED=(255, 236, 170),
    DANGER_INK=(150, 50, 0), OK_INK=(0, 100, 70), TARGET=(26, 26, 26),
    STRATEGY_COLOUR={"sobriety": LAVENDER, "efficiency": ORANGE, "decarbonisation": GREEN},
    FOOTPRINT_COLOUR=(VERMILLION, YELLOW, GREEN),  # CO2, energy, biosphere
    # before a round or at the start: grey, hatched the other way (dark enough to stay apart
    # from the energy's yellow under tritanopia)
    BEFORE=((200, 200, 200), "back"),
    ANSWER_COLOUR={"consent": GREEN, "concern": YELLOW, "objection": VERMILLION},
)
HIGH_CONTRAST = dict(
    STANDARD,
    BG=(255, 255, 255), PANEL=(255, 255, 255), PANEL_ALT=(232, 232, 232), INK=(0, 0, 0),
    MUTED=(34, 34, 34), LINE=(0, 0, 0), PRIMARY=(0, 62, 130), ON_PRIMARY=WHITE,
    DISABLED_BG=(222, 222, 222), DISABLED_INK=(48, 48, 48), FOCUS=BLACK, SELECTED=(255, 214, 0),
    DANGER_INK=(140, 0, 0), OK_INK=(0, 82, 40), TARGET=(0, 0, 0),
    # fills light enough for black words at 7:1, still apart under the three deficiencies
    STRATEGY_COLOUR={"sobriety": LAVENDER, "efficiency": ORANGE, "decarbonisation": (0, 170, 135)},
    FOOTPRINT_COLOUR=((255, 100, 40), YELLOW, (0, 170, 135)),
    ANSWER_COLOUR={"consent": (0, 170, 135), "concern": YELLOW, "objection": (255, 100, 40)},
)
THEMES = {"standard": STANDARD, "high-contrast": HIGH_CONTRAST}
# the least contrast of a text on its background, per theme (WCAG AA, and AAA for high contrast)
LEAST_CONTRAST = {"standard": 4.5, "high-contrast": 7.0}
current = "standard"


def text_pairs() -> list[tuple]:
    """(text colour, background) pairs used on screen, in the current theme."""
    return [
        (INK, BG), (INK, PANEL), (INK, PANEL_ALT), (MUTED, PANEL), (MUTED, BG), (ON_PRIMARY, PRIMARY),
        (DISABLED_INK, DISABLED_BG), (INK, SELECTED), (DANGER_INK, PANEL), (OK_INK, PANEL),
        (DANGER_INK, BG), (OK_INK, BG), (DANGER_INK, PANEL_ALT), (OK_INK, PANEL_ALT),
        *((INK, c) for c in STRATEGY_COLOUR.values()), *((INK, c) for c in FOOTPRINT_COLOUR),
        *((INK, c) for c in ANSWER_COLOUR.values()), (INK, SKY),
    ]


def use(name: str) -> None:
    """Make a theme's palette the module's colours (drawing code reads them when it draws)."""
    global current
    if name not in THEMES:
        raise ValueError(f"unknown theme {name!r}: {', '.join(THEMES)}")
    globals().update(THEMES[name])
    current = name
    _PATTERNS.clear()


def from_environment(default: str = "standard") -> str:
    """BVE_THEME=high-contrast chooses the theme where no option does."""
    import os

    name = os.environ.get("BVE_THEME", "").strip().lower()
    return name if name in THEMES else default

BODY = 28
SIZES = {"title": 64, "h1": 44, "h2": 34, "body": BODY, "small": BODY}
MIN_TEXT = 28  # no text is drawn smaller, at any text size: the body size at 100 % (1080p)
SHRINK = 22  # at larger text sizes, text may shrink to SHRINK × scale (79 % of the body), never under MIN_TEXT


MARK = 44  # side of a letter chip at 100 %: its letter is then at the floor size


def floor(scale: float) -> int:
    """The smallest text size at a text scale: 28 px at 100 % (what fits no more is summarised,
    paged or cut, never drawn smaller), growing with the text once 22 px × scale passes it."""
    return max(MIN_TEXT, round(SHRINK * scale))


def luminance(rgb) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


_PATTERNS: dict[tuple, pygame.Surface] = {}


def pattern(kind: str, colour, size: tuple[int, int]) -> pygame.Surface:
    """A filled tile with a hatching drawn in black on the colour (cached by kind and size)."""
    key = (kind, tuple(colour), size)
    surf = _PATTERNS.get(key)
    if surf is not None:
        return surf
    w, h = max(size[0], 1), max(size[1], 1)
    surf = pygame.Surface((w, h))
    surf.fill(colour)
    ink = (40, 40, 40)
    if kind == "diagonal":
        for x in range(-h, w, 14):
            pygame.draw.line(surf, ink, (x, h), (x + h, 0), 2)
    elif kind == "dots":
        for y in range(5, h, 12):
            for x in range(5 + (y // 12 % 2) * 6, w, 12):
                pygame.draw.circle(surf, ink, (x, y), 2)
    elif kind == "back":  # what was before: lines the other way from every other hatching
        for x in range(-h, w, 12):
            pygame.draw.line(surf, ink, (x, 0), (x + h, h), 2)
    elif kind == "cross":
        for x in range(0, w, 16):
            pygame.draw.line(surf, ink, (x, 0), (x, h), 1)
        for y in range(0, h, 16):
            pygame.draw.line(surf, ink, (0, y), (w, y), 1)
    if len(_PATTERNS) > 400:
        _PATTERNS.clear()
    _PATTERNS[key] = surf
    return surf


use(current)
