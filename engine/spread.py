"""Where many bot sessions end up: per recorded year, the mean and the 10th, 50th and 90th
percentiles of the three footprints, the share of runs reaching each target, and the projects
adopted most often.

Every figure comes from exact units, the whole grams, watt-hours and cm² per person that a run's
trajectory records (units.py; `Run.rounds` gives them as kg, kWh and m² with exactly that many
decimals), and from counts of runs. Means and percentiles are rational numbers of those units,
rounded once to a whole unit, so they are the same on every machine whatever the order of the
runs. Percentiles follow numpy's default rule (linear between the closest ranks), done exactly.
"""

from __future__ import annotations

import math
from collections import Counter
from fractions import Fraction

import numpy as np

from .footprint import co2_target_line

# (key in Run.rounds, exact units per displayed unit): grams per kg, Wh per kWh, cm² per m²
FOOTPRINTS = (("co2_kg", 1000), ("energy_kwh", 1000), ("biosphere_m2", 10000))
PERCENTILES = (10, 50, 90)


def percentile(ordered, p: int) -> Fraction:
    """The p-th percentile of sorted whole numbers, as numpy.percentile's default ('linear') rule
    gives it, without its float rounding."""
    rank = Fraction(p, 100) * (len(ordered) - 1)
    low = int(rank)  # floor: rank is never negative
    if low + 1 >= len(ordered):
        return Fraction(int(ordered[-1]))
    below, above = int(ordered[low]), int(ordered[low + 1])
    return below + (rank - low) * (above - below)


def summary(values: np.ndarray, scale: int) -> dict[str, float]:
    """Mean and percentiles of whole units, each rounded to a whole unit then shown in kg, kWh or m²."""
    ordered = np.sort(values)
    out = {"mean": round(Fraction(int(ordered.sum()), len(ordered))) / scale}  # an int64 sum: exact
    for p in PERCENTILES:
        out[f"p{p}"] = round(percentile(ordered, p)) / scale
    return out


def whole_units(runs: list, key: str, scale: int) -> np.ndarray:
    """(runs, years) of one footprint back in the whole units it was recorded in."""
    return np.rint(np.array([[r[key] for r in run.rounds] for run in runs]) * scale).astype(np.int64)


def targets(scenario, start_kg: float) -> dict[int, dict[str, float | None]]:
    """The target of each recorded year after the start: the three footprints' targets in the end
    year; before it, the CO2 target line (from the association's start to the end target, through
    the milestones), as the table draws it."""
    end = scenario.years.end
    t = scenario.targets
    out: dict[int, dict[str, float | None]] = {}
    for year, co2 in co2_target_line(scenario, start_kg)[1:]:
        out[year] = {"co2_kg": co2, "energy_kwh": None, "biosphere_m2": None}
    out[end] = {"co2_kg": t.co2_kg.value, "energy_kwh": t.energy_kwh.value, "biosphere_m2": t.biosphere_m2.value}
    return out


def spread(runs: list, scenario) -> dict:
    """The spread of `runs` (objects with `.rounds`, as Run gives them, and `.adopted`) per year,
    the shares reaching each target, and the projects adopted, most often first."""
    if not runs:
        raise ValueError("the spread of no run")
    n = len(runs)
    years = [r["year"] for r in runs[0].rounds]
    units = {key: whole_units(runs, key, scale) for key, scale in FOOTPRINTS}
    # each run's own target line: the starting average is the same for every seed of one roster,
    # and a line per distinct start keeps the shares right should it ever differ
    starts = units["co2_kg"][:, 0]
    lines = {int(g): targets(scenario, int(g) / 1000) for g in np.unique(starts)}
    shown = lines[int(np.sort(starts)[(n - 1) // 2])]  # the target shown: the (lower) median start's
    out_years = []
    for i, year in enumerate(years):
        entry: dict = {"year": year}
        reaching: dict[str, float | None] = {}
        for key, scale in FOOTPRINTS:
            values = units[key][:, i]
            entry[key] = summary(values, scale)
            if shown.get(year, {}).get(key) is None:
                reaching[key] = None
                continue
            reached = 0
            for start, line in lines.items():
                # at or under the target: compared in whole units, the target's exact value floored
                limit = math.floor(Fraction(line[year][key]) * scale)
                reached += int(np.count_nonzero(values[starts == start] <= limit))
            reaching[key] = round(reached / n, 4)
        entry["target"] = {key: shown.get(year, {}).get(key) for key, _ in FOOTPRINTS}
        entry["reaching"] = reaching
        out_years.append(entry)
    return {"runs": n, "years": out_years, "adopted": adopted(runs, scenario)}


def adopted(runs: list, scenario) -> list[dict]:
    """Each project running at the end of at least one run: in how many runs, and their share;
    most often first, then in the catalogue's order."""
    counts = Counter(p for run in runs for p in set(run.adopted))
    order = {p.id: i for i, p in enumerate(scenario.projects)}
    ranked = sorted(counts, key=lambda p: (-counts[p], order.get(p, len(order)), p))
    return [{"project": p, "runs": counts[p], "share": round(counts[p] / len(runs), 4)} for p in ranked]
