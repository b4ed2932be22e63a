"""Effects stacked on the families' factors, for many sessions at once.

The engine multiplies, for each family, the effects of the running projects in their running
order (effects.py). Sessions differ in that order, so the batch walks the running lists by
place: at the k-th place, every session whose k-th project is p gets p's effects, and a family
a project does not reach is multiplied by 1.0, which leaves its factor's bits as they were.
Each cell thus sees the same products, in the same order, as in the engine.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from .. import gaia
from ..units import FOOTPRINT_CEILING, FOOTPRINT_SCALE, divide_array, footprint_units


def running_order(run: np.ndarray, place: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(S, P) projects of each session in running order, and how many each runs."""
    key = np.where(run, place, np.iinfo(np.int64).max)
    return np.argsort(key, axis=1, kind="stable"), run.sum(axis=1)


def reached(t, p: int, takers: np.ndarray, applied: np.ndarray | None) -> np.ndarray:
    """(n, F) the families project p reaches: those taking part (everyone for a common good)
    that it is eligible for and whose alternative of it does not already apply."""
    reach = np.ones_like(takers) if t.common[p] else takers.copy()
    reach &= t.eligible[p]
    if applied is not None and t.exclusive[p]:
        reach &= ~applied[:, :, t.alternatives[p]].any(axis=-1)
    return reach


def apply_project(t, p: int, mult: np.ndarray, reach: np.ndarray, completed: np.ndarray | None,
                  rows: np.ndarray | None = None, sessions: np.ndarray | None = None) -> None:
    """Multiply p's effects into `mult` (n, F, C', 4) for the families reached (n, F); `rows`
    maps component rows to the columns of `mult` when it holds only some components, and
    `sessions`, when given, are the n rows of a larger `mult` to change in place."""
    for e in t.effects[p]:
        if e.factor >= mult.shape[-1]:  # a factor the caller left out (land, when only CO2 is weighed)
            continue
        hit = reach & e.reaches
        if completed is not None and not e.durable:
            hit &= ~completed[:, None]
        if not hit.any():
            continue
        columns = e.components if rows is None else rows[e.components]
        factor = np.where(hit, e.multiplier, 1.0)[:, :, None]
        if sessions is None:
            mult[:, :, columns, e.factor] *= factor
        else:
            mult[sessions[:, None, None], _FAMILIES[: hit.shape[1]][None, :, None], columns[None, None, :],
                 e.factor] *= factor


_FAMILIES = np.arange(64)


def stack(t, s) -> tuple[np.ndarray, np.ndarray | None]:
    """(S, F, C, 4) the running projects' multipliers and (S, F, P) which project applies to
    which family (kept only when some projects exclude each other)."""
    n = s.run.shape[0]
    mult = np.ones((n,) + t.base.shape)
    applied = np.zeros((n, len(t.ids), len(t.project_ids)), dtype=bool) if t.exclusive.any() else None
    order, count = running_order(s.run, s.place)
    for k in range(int(count.max()) if n else 0):
        at = order[:, k]
        live = k < count
        for p in np.unique(at[live]).tolist():
            idx = np.flatnonzero(live & (at == p))
            sub_applied = applied[idx] if applied is not None else None
            reach = reached(t, p, s.part[idx, p], sub_applied)
            if applied is not None:
                applied[idx, :, p] |= reach
            apply_project(t, p, mult, reach, s.done[idx, p], sessions=idx)
    return mult, applied


def factors(t, event: np.ndarray, mult: np.ndarray) -> np.ndarray:
    """Factors after events and projects, floored as effects.stack floors them."""
    out = event * mult
    if t.floors is not None:
        # only cells with a floor above zero can change: elsewhere max(f, min(e, 0)) is f itself,
        # factors being never negative
        rows, columns = t.floored
        keep = columns < event.shape[-1]
        rows, columns = rows[keep], columns[keep]
        out[..., rows, columns] = np.maximum(out[..., rows, columns],
                                             np.minimum(event[..., rows, columns], t.floors[rows, columns]))
    return out


def component_units(t, factors: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
    """(..., C', 3) int64 footprints per person-year of the components (or of `rows` only)."""
    sc = t.scenario
    floors = gaia.floors(sc)
    primary = gaia.primary_factors(sc)
    if rows is not None:
        floors = floors[rows]
        primary = None if primary is None else primary[rows]
    return footprint_units(gaia.footprints(factors, floors, primary))


def co2_units(t, factors: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
    """(..., C') the CO2 column of `component_units` alone, by the same operations: Q × E × C
    plus the floor, then whole grams (gaia.footprints, units.footprint_units)."""
    floor = gaia.floors(t.scenario)[:, 0]
    if rows is not None:
        floor = floor[rows]
    q, e, c = factors[..., 0], factors[..., 1], factors[..., 2]
    grams = (q * e * c + floor) * float(FOOTPRINT_SCALE[0])
    return np.rint(np.minimum(grams, FOOTPRINT_CEILING)).astype(np.int64)


def footprint(t, s, co2_only: bool = False):
    """The event factors, the running projects' multipliers, which project applies to whom, the
    factors, and the (S, F, C, 3) footprint units of every family (with `co2_only`, (S, F, C)
    grams of CO2: all the bots weigh)."""
    event = t.base[None] * s.sector_mult[:, None]
    if s.stacked is None:
        s.stacked = stack(t, s)
    else:
        _update(t, s)
    s.restack, s.appended = None, []
    mult, applied = s.stacked
    if co2_only:  # Q, E and C: land never changes a footprint's CO2
        current = factors(t, event[..., :3], mult[..., :3]) if s.run.any() else event[..., :3]
        return event, mult, applied, current, co2_units(t, current)
    current = factors(t, event, mult) if s.run.any() else event
    return event, mult, applied, current, component_units(t, current)


def _update(t, s) -> None:
    """The stack after a resolution or a card: the adopted projects' effects multiplied in at the
    end of the running order (as the engine would multiply them last), and built anew where a
    project stopped, completed with effects that stop, was renewed, or lost a participant."""
    mult, applied = s.stacked
    anew = s.restack if s.restack is not None else np.zeros(s.count, dtype=bool)
    for joined, p in s.appended:
        rows = np.flatnonzero(joined & ~anew)
        if rows.size:
            reach = reached(t, p, s.part[rows, p], applied[rows] if applied is not None else None)
            if applied is not None:
                applied[rows, :, p] |= reach
            apply_project(t, p, mult, reach, None, sessions=rows)
    rows = np.flatnonzero(anew)
    if rows.size:
        view = SimpleNamespace(run=s.run[rows], place=s.place[rows], part=s.part[rows], done=s.done[rows])
        fresh, fresh_applied = stack(t, view)
        mult[rows] = fresh
        if applied is not None:
            applied[rows] = fresh_applied


def record(t, s, units: np.ndarray) -> np.ndarray:
    """(S, 3) the association's units per person (footprint.association_total_units)."""
    sectors = gaia.sector_units(t.scenario, units)
    weights = t.people[None] * s.present
    total = weights.sum(axis=1)
    summed = (sectors * weights[:, :, None, None]).sum(axis=1)
    return divide_array(summed, total[:, None, None]).sum(axis=1)  # each session by its own people
