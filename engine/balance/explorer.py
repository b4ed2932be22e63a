"""The balance explorer: which footprints a scenario's catalogue can reach with a roster's means.

`explore(scenario)` measures portfolios of the catalogue's projects (rules in `model`),
every one of them up to 2^22 usable-project portfolios and a bounded search beyond
(`search`), and returns a `BalanceReport`: for each of the three targets whether a
feasible portfolio reaches it by the final year and the best one; the cheapest portfolios that
reach the CO2 target; the Pareto front of CO2 against money and time; projects never useful and
projects always needed; and what the public-services floor leaves to the families.

Definitions the report relies on:
- money of a portfolio: monthly € × 12 × years of the run + upfront €, before co-funding;
  time: weekly hours × 52 × years + setup hours. "Cheapest" sorts by money, then time, then CO2.
- Pareto front: feasible portfolios that no other feasible portfolio beats or equals on CO2,
  money and time at once (one portfolio per point: the one with fewest projects). The report
  shows at most `pareto_cap` of them, spread evenly along money, always with the lowest CO2.
- never_useful: projects in no Pareto-optimal portfolio.
- always_needed: projects in every feasible portfolio evaluated that reaches the CO2 target;
  when none reaches it, projects in every Pareto-optimal portfolio within the best tenth of the
  reachable cut (CO2 ≤ best + 10 % of (no-project CO2 − best)).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from .front import Rows, Tracker
from .model import build_model, build_roster, evaluate_masks, Model
from .search import BEAM_WIDTH, CHUNK, EXHAUSTIVE_LIMIT, Progress, beam, exhaustive
from ..scenario import Scenario

TARGETS = ("co2", "energy", "biosphere")
UNITS = ("co2_kg", "energy_kwh", "biosphere_m2")
PARETO_CAP = 50
NEEDED_BAND = 0.1


@dataclass(frozen=True)
class BalanceReport:
    scenario: str
    currency: str
    roster: dict
    method: str  # "exhaustive" or "beam"
    projects: int
    portfolios_evaluated: int
    feasible: int
    seconds: float
    baseline: dict  # footprints with no project
    targets: dict  # "co2" | "energy" | "biosphere" -> {"target", "reachable", "best"}
    cheapest: list
    pareto: list
    pareto_points: int  # size of the whole front, before capping
    never_useful: list
    always_needed: list
    always_needed_rule: str
    unusable: dict  # project id -> why it cannot run with this roster
    floor: dict
    names: dict = field(default_factory=dict)  # project id -> name in the scenario's language

    def to_json(self) -> dict:
        """A JSON-ready dict (dump it with orjson or json)."""
        return {
            "portfolios_evaluated": self.portfolios_evaluated,
            "feasible": self.feasible,
            "targets": self.targets,
            "cheapest": self.cheapest,
            "pareto": self.pareto,
            "never_useful": self.never_useful,
            "always_needed": self.always_needed,
            "floor": self.floor,
            "baseline": self.baseline,
            "unusable": self.unusable,
            "search": {
                "scenario": self.scenario, "method": self.method, "projects": self.projects,
                "pareto_points": self.pareto_points, "always_needed_rule": self.always_needed_rule,
                "seconds": round(self.seconds, 3), "currency": self.currency,
            },
            "roster": self.roster,
        }


def explore(
    scenario: Scenario,
    roster: str = "preset",
    progress: Progress = None,
    *,
    exhaustive_limit: int = EXHAUSTIVE_LIMIT,
    beam_width: int = BEAM_WIDTH,
    pareto_cap: int | None = PARETO_CAP,
    chunk: int = CHUNK,
) -> BalanceReport:
    """Explore the catalogue's portfolios under a roster ("preset" or "profile-mix").

    `progress(done, total)` is called after each chunk of portfolios (or each search layer).
    `pareto_cap=None` keeps the whole front.
    """
    started = time.perf_counter()
    model = build_model(scenario, build_roster(scenario, roster))
    usable = model.usable
    tracker = Tracker(model.targets, float(model.money_total[usable].sum()), float(model.hours_total[usable].sum()))
    method = "exhaustive" if len(usable) <= exhaustive_limit else "beam"
    if method == "exhaustive":
        exhaustive(model, tracker, progress, chunk)
    else:
        beam(model, tracker, beam_width, progress)
    return _report(model, tracker, method, pareto_cap, time.perf_counter() - started)


def _report(model: Model, tracker: Tracker, method: str, cap: int | None, seconds: float) -> BalanceReport:
    front = tracker.front.front()
    front = front.take(np.lexsort((front.fp[:, 0], front.hours, front.money)))
    baseline = evaluate_masks(model, np.zeros(1, dtype=np.uint64))[0][0]
    best = [tracker.best[k] for k in range(3)]
    targets = {
        name: {
            "target": float(model.targets[k]),
            "reachable": bool(best[k].fp[0, k] <= tracker.targets[k]),
            "best": {"value": round(float(best[k].fp[0, k]), 3), **_entry(model, best[k], 0, short=True)},
        }
        for k, name in enumerate(TARGETS)
    }
    needed, rule = _always_needed(model, tracker, front, targets["co2"]["reachable"], float(baseline[0]))
    in_front = int(np.bitwise_or.reduce(front.mask)) if len(front) else 0
    shown = _spread(front, cap)
    floor_co2 = float(model.floor[0])
    scenario = model.scenario
    return BalanceReport(
        scenario=scenario.territory.id,
        currency=scenario.territory.currency,
        roster=_roster_info(model),
        method=method,
        projects=model.size,
        portfolios_evaluated=tracker.evaluated,
        feasible=tracker.feasible,
        seconds=seconds,
        baseline={u: round(float(v), 3) for u, v in zip(UNITS, baseline)},
        targets=targets,
        cheapest=[_entry(model, tracker.cheapest, i) for i in range(len(tracker.cheapest or ()))],
        pareto=[_entry(model, shown, i) for i in range(len(shown))],
        pareto_points=len(front),
        never_useful=[pid for j, pid in enumerate(model.ids) if not in_front >> j & 1],
        always_needed=_ids(model, needed),
        always_needed_rule=rule,
        unusable=dict(model.unusable),
        floor={
            **{u: round(float(v), 3) for u, v in zip(UNITS, model.floor)},
            "best_co2_kg_without_floor": round(float(best[0].fp[0, 0]) - floor_co2, 3),
            "co2_target_left_for_families_kg": round(max(0.0, float(model.targets[0]) - floor_co2), 3),
        },
        names={p.id: p.name.get(scenario.language) for p in scenario.projects},
    )


def _ids(model: Model, mask: int) -> list[str]:
    return [pid for j, pid in enumerate(model.ids) if mask >> j & 1]


def _entry(model: Model, rows: Rows, i: int, short: bool = False) -> dict:
    mask = int(rows.mask[i])
    out = {"projects": _ids(model, mask), "money_eur": round(float(rows.money[i]), 2),
           "hours": round(float(rows.hours[i]), 2)}
    if short:
        return out
    bits = [j for j in range(model.size) if mask >> j & 1]
    out.update({u: round(float(v), 3) for u, v in zip(UNITS, rows.fp[i])})
    out.update({
        "monthly_eur": round(float(model.monthly[bits].sum()), 2),
        "upfront_eur": round(float(model.upfront[bits].sum()), 2),
        "weekly_hours": round(float(model.weekly[bits].sum()), 2),
        "setup_hours": round(float(model.setup[bits].sum()), 2),
    })
    return out


def _always_needed(model: Model, tracker: Tracker, front: Rows, reachable: bool, baseline: float):
    if reachable:
        return int(tracker.reaching_and), "in every feasible portfolio that reaches the CO2 target"
    best = float(tracker.best[0].fp[0, 0])
    band = best + NEEDED_BAND * (baseline - best)
    near = front.mask[front.fp[:, 0] <= band + 1e-9]
    rule = (f"CO2 target out of reach: in every Pareto-optimal portfolio within {NEEDED_BAND:.0%} "
            f"of the best cut (CO2 <= {band:,.0f} kg)")
    return (int(np.bitwise_and.reduce(near)) if len(near) else 0), rule


def _spread(front: Rows, cap: int | None) -> Rows:
    """At most `cap` points of the front (sorted by money), evenly spread, keeping the lowest CO2."""
    if cap is None or len(front) <= cap:
        return front
    idx = set(np.linspace(0, len(front) - 1, max(cap - 1, 1)).round().astype(int).tolist())
    idx.add(int(np.argmin(front.fp[:, 0])))
    return front.take(np.array(sorted(idx)))


def _roster_info(model: Model) -> dict:
    r = model.roster
    return {
        "kind": r.kind,
        "families": [f.id for f in r.families],
        "people": r.people,
        "money_month": r.money_month,
        "savings": r.savings,
        "hours_week": r.hours_week,
        "cofunding_max": model.cofund_cap,
        "note": r.note,
    }


# -- text for the terminal --------------------------------------------------------------------

def render_text(report: BalanceReport, names: bool = True, rows: int = 15) -> str:
    """The report in a terminal's words and columns (English; project names in the scenario's
    first language when `names`)."""
    cur = report.currency
    label = (lambda pid: report.names.get(pid, pid)) if names else (lambda pid: pid)
    r = report.roster
    out = [
        f"Balance of {report.scenario}: {r['kind']} roster, {len(r['families'])} families, {r['people']:g} people; "
        f"{r['money_month']:,.0f} {cur}/month, {r['savings']:,.0f} {cur} savings, {r['hours_week']:,.1f} h/week, "
        f"platform up to {r['cofunding_max']:,.0f} {cur}",
    ]
    if r["note"]:
        out.append(f"  ({r['note']})")
    out.append(
        f"{report.portfolios_evaluated:,} portfolios of {report.projects} projects evaluated ({report.method}), "
        f"{report.feasible:,} feasible, in {report.seconds:.2f} s"
    )
    b = report.baseline
    out.append(f"Without any project, per person: CO2 {b['co2_kg']:,.0f} kg, energy {b['energy_kwh']:,.0f} kWh, "
               f"biosphere {b['biosphere_m2'] / 10000:.2f} gha")
    out += ["", "Targets for the final year, per person:"]
    for name in TARGETS:
        t = report.targets[name]
        out.append(f"  {name:<10} target {_value(name, t['target']):>12}   best {_value(name, t['best']['value']):>12}   "
                   f"{'reachable' if t['reachable'] else 'NOT reachable'}")
    out += ["", f"Cheapest portfolios reaching {_value('co2', report.targets['co2']['target'])} CO2 "
                f"(money over the whole run, then time):"]
    if not report.cheapest:
        out.append("  none")
    for i, e in enumerate(report.cheapest, 1):
        out.append(f"  {i}. {e['money_eur']:,.0f} {cur}, {e['hours']:,.0f} h, CO2 {e['co2_kg']:,.0f} kg: "
                   f"{', '.join(label(p) for p in e['projects']) or '-'}")
    out += ["", f"Pareto front of CO2 against money and time: {report.pareto_points} portfolios"
                f"{'' if len(report.pareto) == report.pareto_points else f', {len(report.pareto)} listed'}"]
    out.append(f"  {'CO2 kg':>9} {'money ' + cur:>14} {'hours':>9}  projects")
    for e in _thin(report.pareto, rows):
        out.append(f"  {e['co2_kg']:>9,.0f} {e['money_eur']:>14,.0f} {e['hours']:>9,.0f}  "
                   f"{', '.join(label(p) for p in e['projects']) or '-'}")
    out += [
        "",
        f"Never useful (in no Pareto-optimal portfolio): {', '.join(map(label, report.never_useful)) or 'none'}",
        f"Always needed ({report.always_needed_rule}): {', '.join(map(label, report.always_needed)) or 'none'}",
    ]
    for pid, why in report.unusable.items():
        out.append(f"Cannot run with this roster: {label(pid)}: {why}")
    f = report.floor
    out += [
        "",
        f"Public services: {f['co2_kg']:,.0f} kg CO2 per person, the same for everyone, lowered by no family project "
        f"(the municipality, region and state's part).",
        f"  The best portfolio leaves {f['best_co2_kg_without_floor']:,.0f} kg per person besides it; the CO2 target "
        f"leaves {f['co2_target_left_for_families_kg']:,.0f} kg for the families' own footprint.",
    ]
    return "\n".join(out)


def _value(name: str, v: float) -> str:
    if name == "co2":
        return f"{v:,.0f} kg"
    if name == "energy":
        return f"{v:,.0f} kWh"
    return f"{v / 10000:.2f} gha"


def _thin(entries: list, rows: int) -> list:
    if len(entries) <= rows:
        return entries
    idx = np.unique(np.linspace(0, len(entries) - 1, rows).round().astype(int))
    return [entries[i] for i in idx]


def write_chart(report: BalanceReport, path) -> None:
    """The Pareto front, CO2 against money, as SVG or PNG (by the file's extension)."""
    from .chart import write_chart as write

    write(report, path)
