"""What the greedy bot proposes: each option's CO2 saved per euro and hour (bots.Greedy._ranked,
bots.co2_saved), and who would take part (bots.takers), for every session at once."""

from __future__ import annotations

from fractions import Fraction
from types import SimpleNamespace

import numpy as np

from .stacking import apply_project, co2_units, factors, reached, stack

PROPOSED = 3  # the greedy bot proposes its three best projects a round


def takers(t, s, p: int, rows: np.ndarray, units: np.ndarray) -> np.ndarray:
    """bots.takers: everyone present for a common good, else those the project can reach that
    emit most in its components, up to its capacity."""
    present = s.present[rows]
    if t.common[p]:
        return present.copy()
    valid = present & t.eligible[p]
    household = _cells(units, rows, np.array(t.co2_rows[p])).sum(axis=-1) * t.people
    key = np.where(valid, -household, np.iinfo(np.int64).max)
    order = np.argsort(key, axis=1, kind="stable")
    place = np.empty_like(order)
    np.put_along_axis(place, order, np.broadcast_to(np.arange(order.shape[1]), order.shape), axis=1)
    return valid & (place < t.cap_max[p])


def _cells(a: np.ndarray, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """a[rows][:, :, columns] without copying every component of the rows first."""
    if rows.size == a.shape[0]:
        return a[:, :, columns]
    return a[rows[:, None, None], _ALL[: a.shape[1]][None, :, None], columns[None, None, :]]


_ALL = np.arange(64)


def saved(t, s, p: int, rows: np.ndarray, takers_: np.ndarray, state) -> np.ndarray:
    """bots.co2_saved for project p in the sessions `rows`: grams a year the association saves."""
    event, mult, applied, current, units = state
    weights = (t.people[None] * s.present[rows])
    columns = np.full(len(t.base[0]), -1)
    touched = t.touched[p]
    columns[touched] = np.arange(touched.size)
    before = _cells(units, rows, touched)
    if t.plain:
        extra = np.ones((rows.size, len(t.ids), touched.size, current.shape[-1]))
        apply_project(t, p, extra, takers_, None, rows=columns)
        after = co2_units(t, _cells(current, rows, touched) * extra, touched)
        return ((before - after).sum(axis=-1) * weights).sum(axis=-1)
    out = np.zeros(rows.size, dtype=np.int64)
    again = s.run[rows, p]  # a completed service proposed again: its old run gives way
    fresh = ~again
    if fresh.any():
        at = rows[fresh] if again.any() else rows
        # Q, E and C only: land never changes a footprint's CO2
        sub = _cells(mult[..., :3], at, touched)
        reach = reached(t, p, takers_[fresh], applied[at] if applied is not None else None)
        apply_project(t, p, sub, reach, None, rows=columns)
        e = _cells(event[..., :3], at, touched)
        after_f = e * sub
        if t.floors is not None:
            after_f = np.maximum(after_f, np.minimum(e, t.floors[touched, :3]))
        after = co2_units(t, after_f, touched)
        out[fresh] = ((before[fresh] - after).sum(axis=-1) * weights[fresh]).sum(axis=-1)
    if again.any():
        old = rows[again]
        view = SimpleNamespace(run=s.run[old].copy(), place=s.place[old], part=s.part[old], done=s.done[old])
        view.run[:, p] = False
        sub, sub_applied = stack(t, view)
        reach = reached(t, p, takers_[again], sub_applied)
        apply_project(t, p, sub, reach, None)
        after = co2_units(t, factors(t, event[old], sub)).sum(axis=-1)
        out[again] = ((units[old].sum(axis=-1) - after) * weights[again]).sum(axis=-1)
    return out


def rank(t, s, r: int, state, started) -> tuple[np.ndarray, np.ndarray]:
    """(S, 3) the projects the greedy bot proposes (-1: none), and (S, P, F) who would take part."""
    n, P = s.run.shape
    units = state[4]
    options = ~s.run | (s.done & t.renewable)
    for p, needed in enumerate(t.prerequisites):
        for q in needed:
            options[:, p] &= s.run[:, q]
    grams = np.zeros((n, P), dtype=np.int64)
    who = np.zeros((n, P, len(t.ids)), dtype=bool)
    for p in range(P):
        rows = np.flatnonzero(options[:, p])
        if rows.size:
            who[rows, p] = takers(t, s, p, rows, units)
            grams[rows, p] = saved(t, s, p, rows, who[rows, p], state)
    cost60, exact = t.round_cost(r, started)
    valid = options & (grams > 0)
    score = np.where(valid, -(grams / cost60), np.inf)
    order = np.lexsort((np.broadcast_to(t.project_rank, score.shape), score), axis=1)
    ranked = np.take_along_axis(score, order, axis=1)
    ties = ((ranked[:, 1:] == ranked[:, :-1]) & np.isfinite(ranked[:, 1:])).any(axis=1)
    for row in np.flatnonzero(ties):  # equal as floats: the exact ratios decide, as in the engine
        keyed = sorted((-Fraction(int(grams[row, p])) / exact[p], t.project_ids[p], p)
                       for p in np.flatnonzero(valid[row]).tolist())
        order[row, :len(keyed)] = [p for _, _, p in keyed]
    top = order[:, :PROPOSED]
    top = np.where(np.take_along_axis(valid, top, axis=1), top, -1)
    if top.shape[1] < PROPOSED:  # fewer projects in the catalogue than the bot proposes
        top = np.concatenate([top, np.full((n, PROPOSED - top.shape[1]), -1)], axis=1)
    top = np.where((top >= 0) & t.proposable[np.maximum(top, 0)], top, -1)
    return top, who
