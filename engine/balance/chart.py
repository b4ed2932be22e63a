"""The balance explorer's chart: the Pareto front, CO2 per person against money, with the target
and the public-services floor as lines.

One layout of plain shapes (lines, dots, bands, polylines, labels; `bve simulate --chart` draws
its spread with the same ones) is written either as SVG text or as a PNG drawn with numpy and
encoded with zlib, so the engine needs no drawing library. The PNG's lettering is a 5×7 bitmap
font in capitals, enough for numbers and axis names.
"""

from __future__ import annotations

import math
import struct
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np

WIDTH, HEIGHT = 900, 560
LEFT, RIGHT, TOP, BOTTOM = 90, 30, 60, 70
INK, GRID, TARGET, FLOOR, POINT, STEP = "#222222", "#dddddd", "#c0392b", "#7f8c8d", "#2e86c1", "#85c1e9"


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    colour: str
    width: float = 1.0
    dashed: bool = False


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    r: float
    colour: str
    title: str = ""


@dataclass(frozen=True)
class Band:
    """The area between two lines over the same x positions: points are (x, y_low, y_high)."""
    points: tuple[tuple[float, float, float], ...]
    colour: str
    name: str = ""


@dataclass(frozen=True)
class Polyline:
    points: tuple[tuple[float, float], ...]
    colour: str
    width: float = 1.0
    dashed: bool = False
    name: str = ""


@dataclass(frozen=True)
class Label:
    x: float
    y: float  # baseline
    text: str
    size: int = 13
    anchor: str = "start"  # start | middle | end
    colour: str = INK
    vertical: bool = False


def _ticks(low: float, high: float, count: int = 6) -> list[float]:
    span = max(high - low, 1e-9)
    raw = span / count
    step = 10 ** math.floor(math.log10(raw))
    step *= next(m for m in (1, 2, 2.5, 5, 10) if step * m >= raw)
    first = math.ceil(low / step) * step
    return [first + i * step for i in range(int((high - first) / step + 1e-9) + 1)]


def _short(v: float) -> str:
    if abs(v) >= 1e6:
        return f"{v / 1e6:g}M"
    if abs(v) >= 1e3:
        return f"{v / 1e3:g}k"
    return f"{v:g}"


def layout(report) -> list:
    points = [(e["money_eur"], e["co2_kg"], e) for e in report.pareto]
    target = report.targets["co2"]["target"]
    floor = report.floor["co2_kg"]
    money_max = max([p[0] for p in points] + [1.0]) * 1.05
    co2_values = [p[1] for p in points] + [target, floor, report.baseline["co2_kg"]]
    co2_low, co2_high = 0.0, max(co2_values) * 1.08
    pw, ph = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(v: float) -> float:
        return LEFT + pw * v / money_max

    def y(v: float) -> float:
        return TOP + ph * (1 - (v - co2_low) / (co2_high - co2_low))

    shapes: list = []
    for t in _ticks(0, money_max):
        shapes += [Line(x(t), TOP, x(t), TOP + ph, GRID), Label(x(t), TOP + ph + 18, _short(t), 12, "middle")]
    for t in _ticks(co2_low, co2_high):
        shapes += [Line(LEFT, y(t), LEFT + pw, y(t), GRID), Label(LEFT - 8, y(t) + 4, _short(t), 12, "end")]
    shapes += [
        Line(LEFT, TOP + ph, LEFT + pw, TOP + ph, INK, 1.5),
        Line(LEFT, TOP, LEFT, TOP + ph, INK, 1.5),
        Label(WIDTH / 2, 30, f"{report.scenario}: Pareto front of CO2 against money ({report.roster['kind']} roster)", 16, "middle"),
        Label(LEFT + pw / 2, HEIGHT - 22, f"money over the whole run ({report.currency})", 13, "middle"),
        Label(24, TOP + ph / 2, "CO2 kg per person, final year", 13, "middle", vertical=True),
        Line(LEFT, y(target), LEFT + pw, y(target), TARGET, 2, True),
        Label(LEFT + pw - 4, y(target) - 6, f"target {target:,.0f} kg", 12, "end", TARGET),
        Line(LEFT, y(floor), LEFT + pw, y(floor), FLOOR, 1.5, True),
        Label(LEFT + pw - 4, y(floor) + 16, f"public services {floor:,.0f} kg", 12, "end", FLOOR),
    ]
    steps = _money_steps(points)
    for (m0, c0), (m1, c1) in zip(steps, steps[1:]):
        shapes += [Line(x(m0), y(c0), x(m1), y(c0), STEP, 1.5), Line(x(m1), y(c0), x(m1), y(c1), STEP, 1.5)]
    for money, co2, e in points:
        title = f"{co2:,.0f} kg, {money:,.0f} {report.currency}, {e['hours']:,.0f} h: {', '.join(e['projects']) or '-'}"
        shapes.append(Dot(x(money), y(co2), 4.5, POINT, title))
    return shapes


def _money_steps(points: list) -> list[tuple[float, float]]:
    """The points no cheaper point beats on CO2: the staircase a reader follows."""
    out: list[tuple[float, float]] = []
    for money, co2, _ in sorted(points, key=lambda p: (p[0], p[1])):
        if not out or co2 < out[-1][1]:
            out.append((money, co2))
    return out


def write_chart(report, path) -> None:
    write(layout(report), path)


def write(shapes: list, path) -> None:
    """The shapes as SVG or PNG, as the file's suffix says (ValueError for another; OSError when
    the file cannot be written)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".svg":
        path.write_text(svg(shapes), encoding="utf-8")
    elif suffix == ".png":
        path.write_bytes(png(shapes))
    else:
        raise ValueError(f"a chart is written as .svg or .png, not '{path.suffix or path.name}'")


# -- SVG ----------------------------------------------------------------------------------------

def svg(shapes: list) -> str:
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
           f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif">',
           f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>']
    for s in shapes:
        if isinstance(s, Line):
            dash = ' stroke-dasharray="6 4"' if s.dashed else ""
            out.append(f'<line x1="{s.x1:.1f}" y1="{s.y1:.1f}" x2="{s.x2:.1f}" y2="{s.y2:.1f}" '
                       f'stroke="{s.colour}" stroke-width="{s.width}"{dash}/>')
        elif isinstance(s, Band):
            outline = [(x, lo) for x, lo, _ in s.points] + [(x, hi) for x, _, hi in reversed(s.points)]
            out.append(f'<polygon points="{_svg_points(outline)}" fill="{s.colour}"{_svg_name(s.name)}/>')
        elif isinstance(s, Polyline):
            dash = ' stroke-dasharray="6 4"' if s.dashed else ""
            out.append(f'<polyline points="{_svg_points(s.points)}" fill="none" stroke="{s.colour}" '
                       f'stroke-width="{s.width}"{dash}{_svg_name(s.name)}/>')
        elif isinstance(s, Dot):
            title = f"<title>{escape(s.title)}</title>" if s.title else ""
            out.append(f'<circle cx="{s.x:.1f}" cy="{s.y:.1f}" r="{s.r}" fill="{s.colour}">{title}</circle>')
        else:
            turn = f' transform="rotate(-90 {s.x:.1f} {s.y:.1f})"' if s.vertical else ""
            out.append(f'<text x="{s.x:.1f}" y="{s.y:.1f}" font-size="{s.size}" fill="{s.colour}" '
                       f'text-anchor="{s.anchor}"{turn}>{escape(s.text)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _svg_points(points) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def _svg_name(name: str) -> str:
    """A name for what a shape shows, so that a reader (or a test) finds the band or the median."""
    return f' data-series="{escape(name)}"' if name else ""


# -- PNG ----------------------------------------------------------------------------------------

_FONT_ROWS = """
0 .###. #...# #..## #.#.# ##..# #...# .###.
1 ..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.
2 .###. #...# ....# ...#. ..#.. .#... #####
3 ####. ....# ....# .###. ....# ....# ####.
4 ...#. ..##. .#.#. #..#. ##### ...#. ...#.
5 ##### #.... ####. ....# ....# #...# .###.
6 ..##. .#... #.... ####. #...# #...# .###.
7 ##### ....# ...#. ..#.. .#... .#... .#...
8 .###. #...# #...# .###. #...# #...# .###.
9 .###. #...# #...# .#### ....# ...#. .##..
A .###. #...# #...# ##### #...# #...# #...#
B ####. #...# #...# ####. #...# #...# ####.
C .###. #...# #.... #.... #.... #...# .###.
D ###.. #..#. #...# #...# #...# #..#. ###..
E ##### #.... #.... ####. #.... #.... #####
F ##### #.... #.... ####. #.... #.... #....
G .###. #...# #.... #.### #...# #...# .####
H #...# #...# #...# ##### #...# #...# #...#
I .###. ..#.. ..#.. ..#.. ..#.. ..#.. .###.
J ..### ...#. ...#. ...#. ...#. #..#. .##..
K #...# #..#. #.#.. ##... #.#.. #..#. #...#
L #.... #.... #.... #.... #.... #.... #####
M #...# ##.## #.#.# #.#.# #...# #...# #...#
N #...# #...# ##..# #.#.# #..## #...# #...#
O .###. #...# #...# #...# #...# #...# .###.
P ####. #...# #...# ####. #.... #.... #....
Q .###. #...# #...# #...# #.#.# #..#. .##.#
R ####. #...# #...# ####. #.#.. #..#. #...#
S .#### #.... #.... .###. ....# ....# ####.
T ##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..
U #...# #...# #...# #...# #...# #...# .###.
V #...# #...# #...# #...# #...# .#.#. ..#..
W #...# #...# #...# #.#.# #.#.# #.#.# .#.#.
X #...# #...# .#.#. ..#.. .#.#. #...# #...#
Y #...# #...# .#.#. ..#.. ..#.. ..#.. ..#..
Z ##### ....# ...#. ..#.. .#... #.... #####
. ..... ..... ..... ..... ..... .##.. .##..
, ..... ..... ..... ..... .##.. ..#.. .#...
- ..... ..... ..... ##### ..... ..... .....
: ..... .##.. .##.. ..... .##.. .##.. .....
/ ....# ....# ...#. ..#.. .#... #.... #....
( ...#. ..#.. .#... .#... .#... ..#.. ...#.
) .#... ..#.. ...#. ...#. ...#. ..#.. .#...
% ##..# ##..# ...#. ..#.. .#... #..## #..##
+ ..... ..#.. ..#.. ##### ..#.. ..#.. .....
' ..#.. ..#.. ..... ..... ..... ..... .....
_ ..... ..... ..... ..... ..... ..... #####
? .###. #...# ....# ...#. ..#.. ..... ..#..
"""
_FONT = {
    line[0]: np.array([[c == "#" for c in row] for row in line[2:].split()], dtype=bool)
    for line in _FONT_ROWS.strip().splitlines()
}
_FONT[" "] = np.zeros((7, 5), dtype=bool)


def _rgb(colour: str) -> np.ndarray:
    return np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)], dtype=np.uint8)


def _glyphs(text: str) -> list[np.ndarray]:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().upper()
    return [_FONT.get(ch, _FONT["?"]) for ch in plain]


def _disc(img: np.ndarray, cx: float, cy: float, r: float, colour: np.ndarray) -> None:
    h, w, _ = img.shape
    x0, x1 = max(int(cx - r), 0), min(int(cx + r) + 1, w)
    y0, y1 = max(int(cy - r), 0), min(int(cy + r) + 1, h)
    if x0 >= x1 or y0 >= y1:
        return
    yy, xx = np.mgrid[y0:y1, x0:x1]
    img[y0:y1, x0:x1][(xx - cx) ** 2 + (yy - cy) ** 2 <= r * r] = colour


def _line(img: np.ndarray, s: Line) -> None:
    colour = _rgb(s.colour)
    length = math.hypot(s.x2 - s.x1, s.y2 - s.y1)
    steps = max(int(length), 1)
    t = np.linspace(0, 1, steps + 1)
    if s.dashed:
        t = t[(t * length) % 10 < 6]
    xs = np.rint(s.x1 + (s.x2 - s.x1) * t).astype(int)
    ys = np.rint(s.y1 + (s.y2 - s.y1) * t).astype(int)
    half = max(int(round(s.width / 2)), 0)
    h, w, _ = img.shape
    for dy in range(-half, max(half, 1)):
        for dx in range(-half, max(half, 1)):
            ok = (xs + dx >= 0) & (xs + dx < w) & (ys + dy >= 0) & (ys + dy < h)
            img[ys[ok] + dy, xs[ok] + dx] = colour


def _text(img: np.ndarray, s: Label) -> None:
    glyphs = _glyphs(s.text)
    if not glyphs:
        return
    scale = max(1, round(s.size / 9))
    bitmap = np.concatenate([np.pad(g, ((0, 0), (0, 1))) for g in glyphs], axis=1)
    bitmap = np.kron(bitmap, np.ones((scale, scale), dtype=bool)).astype(bool)
    if s.vertical:
        bitmap = np.rot90(bitmap)
    bh, bw = bitmap.shape
    if s.vertical:
        x0, y0 = int(s.x - bw), int(s.y - bh / 2)
    else:
        shift = {"start": 0, "middle": bw / 2, "end": bw}[s.anchor]
        x0, y0 = int(s.x - shift), int(s.y - bh)
    h, w, _ = img.shape
    ys, xs = np.nonzero(bitmap)
    ys, xs = ys + y0, xs + x0
    ok = (xs >= 0) & (xs < w) & (ys >= 0) & (ys < h)
    img[ys[ok], xs[ok]] = _rgb(s.colour)


def _band(img: np.ndarray, s: Band) -> None:
    """Each pixel column between the first and last x, filled from the low line to the high one."""
    xs = np.array([p[0] for p in s.points])
    h, w, _ = img.shape
    columns = np.arange(max(int(np.ceil(xs.min())), 0), min(int(np.floor(xs.max())), w - 1) + 1)
    if not len(columns):
        return
    low = np.interp(columns, xs, [p[1] for p in s.points])
    high = np.interp(columns, xs, [p[2] for p in s.points])
    top, bottom = np.minimum(low, high), np.maximum(low, high)
    rows = np.arange(h)[:, None]
    inside = (rows >= np.rint(top)[None, :]) & (rows <= np.rint(bottom)[None, :])
    ys, cols = np.nonzero(inside)
    img[ys, columns[cols]] = _rgb(s.colour)


def raster(shapes: list) -> np.ndarray:
    img = np.full((HEIGHT, WIDTH, 3), 255, dtype=np.uint8)
    for s in shapes:
        if isinstance(s, Band):
            _band(img, s)
        elif isinstance(s, Polyline):
            for (x1, y1), (x2, y2) in zip(s.points, s.points[1:]):
                _line(img, Line(x1, y1, x2, y2, s.colour, s.width, s.dashed))
        elif isinstance(s, Line):
            _line(img, s)
        elif isinstance(s, Dot):
            _disc(img, s.x, s.y, s.r, _rgb(s.colour))
        else:
            _text(img, s)
    return img


def png(shapes: list) -> bytes:
    img = raster(shapes)
    h, w, _ = img.shape
    raw = np.concatenate((np.zeros((h, 1), dtype=np.uint8), img.reshape(h, w * 3)), axis=1).tobytes()

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b"")
