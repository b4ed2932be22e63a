"""The balance explorer on all 2^20 portfolios of a 20-project catalogue (DESIGN §7: must ≤ 1 s,
goal ≤ 0.2 s), and on the default scenario's whole catalogue.

The 20-project catalogue is synthetic, built from the test scenario's sectors and profiles with
a seeded generator, so that the figure does not move when the shipped scenarios are edited:
12 families, every project usable, a few prerequisites and common goods.
"""

from __future__ import annotations

import copy
import time
import tomllib
from pathlib import Path

import numpy as np

from engine.balance import explore
from engine.scenario import Scenario

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "data" / "mini.toml"
MINI_V2 = ROOT / "tests" / "data" / "mini-v2.toml"
DEFAULT = ROOT / "scenarios" / "fr-quartier.toml"


def synthetic(projects: int = 20, families: int = 12, seed: int = 7) -> Scenario:
    rng = np.random.default_rng(seed)
    data = tomllib.loads(MINI.read_text(encoding="utf-8"))
    sectors = [s["id"] for s in data["sectors"]]
    template = data["projects"][0]
    catalogue = []
    for i in range(projects):
        p = copy.deepcopy(template)
        effects = [{"sector": sectors[(i + k) % 5], "factor": ("quantity", "energy", "carbon")[(i + k) % 3],
                    "multiplier": round(float(rng.uniform(0.6, 0.95)), 2), "estimate": "bench"}
                   for k in range(1 + i % 2)]
        low = int(rng.integers(1, 4))
        p.update(
            id=f"p{i:02d}", strategy=("sobriety", "efficiency", "decarbonisation")[i % 3],
            sectors=sorted({e["sector"] for e in effects}), effects=effects, common_good=i % 4 == 3,
            needs={"monthly_eur": float(rng.integers(0, 16) * 10), "upfront_eur": float(rng.integers(0, 16) * 500),
                   "setup_hours": float(rng.integers(0, 60)), "weekly_hours": float(rng.integers(1, 9) / 2),
                   "skills": [["organising"], ["gardening"], []][i % 3], "estimate": "bench"},
            capacity={"min": low, "max": int(rng.integers(max(low, 4), 13))},
            prerequisites=[f"p{i - 5:02d}"] if i % 7 == 6 else [],
        )
        catalogue.append(p)
    roster = []
    for i in range(families):
        f = copy.deepcopy(data["families"][i % 3])
        f.update(id=f"f{i:02d}", name=f"Family {i + 1}", money_month=float(rng.integers(10, 30) * 10),
                 savings=float(rng.integers(0, 16) * 500), hours_week=float(rng.integers(2, 9)),
                 profile=("flat", "house")[i % 2], skills=[("organising", "gardening")[i % 2]], likes=[])
        roster.append(f)
    data.update(projects=catalogue, families=roster, events=[e for e in data["events"]
                                                             if e["effect"]["kind"] in ("energy_price", "sector_factor")])
    return Scenario.model_validate(data)


def synthetic_v2(projects: int = 20, families: int = 12, seed: int = 7) -> Scenario:
    """The same size on the version-2 test scenario: 12 components, households, eligibility and
    floors (the products that may reach a floor are computed apart), no alternatives."""
    rng = np.random.default_rng(seed)
    data = tomllib.loads(MINI_V2.read_text(encoding="utf-8"))
    parts = [(s["id"], c["id"]) for s in data["sectors"] for c in s["components"]]
    templates = [p for p in data["projects"] if not p.get("excludes")]
    catalogue = []
    for i in range(projects):
        p = copy.deepcopy(templates[i % len(templates)])
        sector, component = parts[int(rng.integers(len(parts)))]
        p.update(id=f"p{i:02d}", prerequisites=[], sectors=[sector], effects=[
            {**p["effects"][0], "sector": sector, "component": component,
             "factor": ("quantity", "energy", "carbon", "land")[i % 4],
             "multiplier": round(float(rng.uniform(0.3, 0.95)), 2), "estimate": "bench"}],
            needs={"monthly_eur": float(rng.integers(0, 8) * 10), "upfront_eur": float(rng.integers(0, 8) * 500),
                   "weekly_hours": float(rng.integers(1, 5) / 2), "estimate": "bench"})
        catalogue.append(p)
    roster = []
    for i in range(families):
        f = copy.deepcopy(data["families"][i % 3])
        f.update(id=f"f{i:02d}", name=f"Family {i + 1}", money_month=float(rng.integers(10, 30) * 10),
                 savings=float(rng.integers(0, 16) * 500), hours_week=float(rng.integers(2, 9)), arrives_later=False)
        roster.append(f)
    data.update(projects=catalogue, families=roster, events=[e for e in data["events"]
                                                             if e["effect"]["kind"] in ("energy_price", "sector_factor")])
    return Scenario.model_validate(data)


def _best(fn, repeat: int = 5) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def run() -> dict:
    scenario = synthetic()
    explore(scenario)  # warm-up: imports, BLAS threads
    seconds, report = _best(lambda: explore(scenario))
    out = {
        "projects": len(scenario.projects),
        "usable": len(scenario.projects) - len(report.unusable),
        "families": len(report.roster["families"]),
        "portfolios": report.portfolios_evaluated,
        "feasible": report.feasible,
        "pareto_points": report.pareto_points,
        "seconds": seconds,
        "portfolios_per_s": report.portfolios_evaluated / seconds,
    }
    v2 = synthetic_v2()
    v2_seconds, v2_report = _best(lambda: explore(v2))
    out["v2"] = {"portfolios": v2_report.portfolios_evaluated, "seconds": v2_seconds}
    if DEFAULT.exists():
        from engine.scenario.load import load_scenario

        default = load_scenario(DEFAULT)
        d_seconds, d_report = _best(lambda: explore(default), repeat=3)
        out["default"] = {"scenario": DEFAULT.name, "projects": len(default.projects),
                          "portfolios": d_report.portfolios_evaluated, "seconds": d_seconds}
    return out


def report(r: dict) -> str:
    lines = [
        f"balance explorer (synthetic catalogue: {r['projects']} projects, {r['usable']} usable, {r['families']} families)",
        f"  all {r['portfolios']:,} portfolios ({r['feasible']:,} feasible, front of {r['pareto_points']}): "
        f"{r['seconds'] * 1000:.0f} ms, {r['portfolios_per_s'] / 1e6:.1f} M portfolios/s   (must <= 1 s, goal <= 0.2 s)",
    ]
    if "v2" in r:
        v = r["v2"]
        lines.append(f"  the same size in format version 2 (components, eligibility, floors): {v['portfolios']:,} "
                     f"portfolios in {v['seconds'] * 1000:.0f} ms ({v['seconds'] / r['seconds']:.1f}x)")
    if "default" in r:
        d = r["default"]
        lines.append(f"  {d['scenario']}: {d['projects']} projects, {d['portfolios']:,} portfolios in {d['seconds'] * 1000:.0f} ms")
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(run()))
