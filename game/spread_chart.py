"""`bve simulate --runs R --chart FILE`: where the runs' CO2 per person goes, year by year.

The band spans the 10th to the 90th percentile of the runs, the line through it is the median,
and the dashed line is the target line the table draws (from the association's start to the end
year's target). Drawn with the balance chart's shapes and written by them as SVG or PNG, so the
command line needs no drawing library; the words come translated from the caller.
"""

from __future__ import annotations

from engine.balance.chart import (
    BOTTOM, HEIGHT, INK, GRID, LEFT, RIGHT, TARGET, TOP, WIDTH, Band, Dot, Label, Line, Polyline, _ticks, write,
)

BAND, MEDIAN = "#aed6f1", "#1f618d"


def layout(dist: dict, words: dict[str, str]) -> list:
    """Shapes for `dist` (engine.simulate.distribution); `words`: title, x_axis, y_axis, band,
    median, target_line (the legend's words) and target (the end target's label, with {value}
    and {year})."""
    years = dist["years"]
    co2 = [(y["year"], y["co2_kg"]) for y in years]
    line = [(years[0]["year"], years[0]["co2_kg"]["p50"])]  # the target line starts at the start
    line += [(y["year"], y["target"]["co2_kg"]) for y in years if y["target"]["co2_kg"] is not None]
    first, last = years[0]["year"], years[-1]["year"]
    high = max([s["p90"] for _, s in co2] + [v for _, v in line]) / 1000 * 1.08
    pw, ph = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(year: float) -> float:
        return LEFT + pw * (year - first) / max(last - first, 1)

    def y(kg: float) -> float:
        return TOP + ph * (1 - kg / 1000 / high)

    shapes: list = []
    for year in [y_["year"] for y_ in years]:
        shapes += [Line(x(year), TOP, x(year), TOP + ph, GRID), Label(x(year), TOP + ph + 18, str(year), 12, "middle")]
    for t in _ticks(0, high):
        shapes += [Line(LEFT, y(t * 1000), LEFT + pw, y(t * 1000), GRID),
                   Label(LEFT - 8, y(t * 1000) + 4, f"{t:g}", 12, "end")]
    shapes += [
        Line(LEFT, TOP + ph, LEFT + pw, TOP + ph, INK, 1.5),
        Line(LEFT, TOP, LEFT, TOP + ph, INK, 1.5),
        Label(WIDTH / 2, 26, words["title"], 16, "middle"),
        Label(LEFT + pw / 2, HEIGHT - 22, words["x_axis"], 13, "middle"),
        Label(24, TOP + ph / 2, words["y_axis"], 13, "middle", vertical=True),
        Band(tuple((x(year), y(s["p10"]), y(s["p90"])) for year, s in co2), BAND, "band"),
        Polyline(tuple((x(year), y(kg)) for year, kg in line), TARGET, 2, True, "target"),
        Polyline(tuple((x(year), y(s["p50"])) for year, s in co2), MEDIAN, 2.5, False, "median"),
    ]
    for year, s in co2:
        shapes.append(Dot(x(year), y(s["p50"]), 3.5, MEDIAN,
                          f"{year}: p10 {s['p10'] / 1000:.2f} t, p50 {s['p50'] / 1000:.2f} t, p90 {s['p90'] / 1000:.2f} t"))
    end_year, end_target = line[-1]
    shapes.append(Label(x(end_year) - 4, y(end_target) + 18,
                        words["target"].format(value=f"{end_target / 1000:.2f}", year=end_year), 12, "end", TARGET))
    # the legend, in a row under the title: what the band, the line and the dashes are
    lx, ly = LEFT, 46
    shapes += [
        Band(((lx, ly - 8, ly + 2), (lx + 22, ly - 8, ly + 2)), BAND), Label(lx + 28, ly + 2, words["band"], 12),
        Line(lx + 240, ly - 3, lx + 262, ly - 3, MEDIAN, 2.5), Label(lx + 268, ly + 2, words["median"], 12),
        Line(lx + 420, ly - 3, lx + 442, ly - 3, TARGET, 2, True), Label(lx + 448, ly + 2, words["target_line"], 12),
    ]
    return shapes


def write_spread_chart(dist: dict, words: dict[str, str], path) -> None:
    """SVG or PNG by the suffix: ValueError for another suffix, OSError when it cannot be written."""
    write(layout(dist, words), path)
