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

from collections import Counter
from fractions import Fraction

from .footprint import co2_target_line

# (key in Run.rounds, exact units per displayed unit): grams per kg, Wh per kWh, cm² per m²
FOOTPRINTS = (("co2_kg", 1000), ("energy_kwh", 1000), ("biosphere_m2", 10000))
PERCENTILES = (10, 50, 90)


def percentile(ordered: list[int], p: int) -> Fraction:
    """The p-th percentile of sorted whole numbers, as numpy.percentile's default ('linear') rule
    gives it, without its float rounding."""
    rank = Fraction(p, 100) * (len(ordered) - 1)
    low = int(rank)  # floor: rank is never negative
    if low + 1 >= len(ordered):
        return Fraction(ordered[-1])
    return ordered[low] + (rank - low) * (ordered[low + 1] - ordered[low])


def summary(values: list[int], scale: int) -> dict[str, float]:
    """Mean and percentiles of whole units, each rounded to a whole unit then shown in kg, kWh or m²."""
    ordered = sorted(values)
    out = {"mean": round(Fraction(sum(ordered), len(ordered))) / scale}
    for p in PERCENTILES:
        out[f"p{p}"] = round(percentile(ordered, p)) / scale
    return out


def exact(value: float, scale: int) -> int:
    """A recorded footprint back in whole units (it was recorded as a whole number of them)."""
    return round(value * scale)


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
    # each run's own target line (the starting average is the same for every seed of one roster;
    # a line per distinct start keeps the shares right should it ever differ)
    lines = {start: targets(scenario, start) for start in {run.rounds[0]["co2_kg"] for run in runs}}
    starts = sorted(run.rounds[0]["co2_kg"] for run in runs)
    shown = lines[starts[(n - 1) // 2]]  # the target shown: the line of the (lower) median start
    out_years = []
    for i, year in enumerate(years):
        entry: dict = {"year": year}
        reaching: dict[str, float | None] = {}
        for key, scale in FOOTPRINTS:
            values = [exact(run.rounds[i][key], scale) for run in runs]
            entry[key] = summary(values, scale)
            target = shown.get(year, {}).get(key)
            if target is None:
                reaching[key] = None
                continue
            reached = sum(1 for run, v in zip(runs, values)
                          if v <= Fraction(lines[run.rounds[0]["co2_kg"]][year][key]) * scale)
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
