"""Walking through portfolios: every one of them when there are few enough, a bounded search
beyond.

Exhaustive walk. The usable projects are split in two halves, lo and hi; a portfolio is a pair
(hi subset, lo subset). Each family-component's multipliers are a product over the projects, so
they split too: footprint = floor + Σ_{family, component} coef · lo_term[lo] · hi_term[hi]. For
a block of hi subsets, the footprints of all their portfolios are one matrix product
(hi block × family-components) @ (family-components × lo subsets). Costs are sums, so they
split the same way. Family-components whose lo terms are identical (untouched by lo projects, or
families that take part alike) are merged first, which shrinks the product. A family-component
that the whole catalogue could bring below one of its floors does not split (the floor holds the
product, not each half): those few are computed apart, portfolio by portfolio.

Bounded search (more than `EXHAUSTIVE_LIMIT` usable projects): a beam search adds one project
at a time; each layer keeps the front of CO2 against money and time, the best portfolios for
each footprint, and the most CO2 saved per euro, up to `width` portfolios. Then a local search
tries adding or removing one project around the best portfolios and up to `LOCAL_CENTRES` points
spread along the front, twice (a flip
that would leave a project without its prerequisites is skipped). The beam only ever adds a
project to portfolios that hold its prerequisites, and never grows an infeasible portfolio: more
projects never cost less, so nothing feasible is lost that way.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from .front import Rows, Tracker, front_of, quantize
from .model import (Model, alternatives_apart, cost_table, evaluate_masks, footprints_of, prerequisites_met,
                    product_terms)

EXHAUSTIVE_LIMIT = 22
CHUNK = 1 << 16
BEAM_WIDTH = 256
LOCAL_ROUNDS = 2
LOCAL_CENTRES = 128
Progress = Callable[[int, int], None] | None

_MONEY, _HOURS, _MONTHLY, _UPFRONT, _COFUND, _TIME = range(6)


def _half(model: Model, projects: list[int]):
    """Every subset of `projects`: masks (2^n,), cost sums (6, 2^n), multipliers (2^n, F, S, 4)."""
    costs = cost_table(model)
    masks = np.zeros(1, dtype=np.uint64)
    sums = np.zeros((6, 1))
    prod = np.ones((1,) + model.mult.shape[1:])
    for j in projects:
        masks = np.concatenate((masks, masks | np.uint64(1 << j)))
        sums = np.concatenate((sums, sums + costs[:, j:j + 1]), axis=1)
        prod = np.concatenate((prod, prod * model.mult[j]))
    return masks, sums, prod


def _floored(model: Model, usable: list[int]) -> np.ndarray:
    """Family-components (flat indices) whose product of multipliers may reach a floor."""
    if not model.lowest.any():
        return np.zeros(0, dtype=np.intp)
    least = np.prod(np.minimum(model.mult[usable], 1.0), axis=0)  # (F, K, 4)
    return np.flatnonzero((least < model.lowest).any(axis=-1).ravel())


def _factorised(model: Model, lo_prod: np.ndarray, hi_prod: np.ndarray, apart: np.ndarray):
    """Per footprint, (hi subsets × K) and (K × lo subsets) matrices whose product is the
    footprint without its floor and without the family-components kept `apart`."""
    coef = model.coefficients().reshape(3, -1).copy()
    coef[:, apart] = 0
    lo_terms = product_terms(lo_prod).reshape(3, len(lo_prod), -1)
    hi_terms = product_terms(hi_prod).reshape(3, len(hi_prod), -1)
    left, right = [], []
    for k in range(3):
        groups: dict[bytes, int] = {}
        columns, merged = [], []
        for c in np.flatnonzero(coef[k]):
            column = np.ascontiguousarray(lo_terms[k][:, c])
            g = groups.setdefault(column.tobytes(), len(columns))
            if g == len(columns):
                columns.append(column)
                merged.append(np.zeros(len(hi_prod)))
            merged[g] += hi_terms[k][:, c] * coef[k][c]
        if not columns:  # nothing weighs on this footprint but its floor
            columns, merged = [np.zeros(len(lo_prod))], [np.zeros(len(hi_prod))]
        left.append(np.ascontiguousarray(np.stack(merged, axis=1)))
        right.append(np.stack(columns))
    return left, right


def exhaustive(model: Model, tracker: Tracker, progress: Progress = None, chunk: int = CHUNK) -> None:
    usable = model.usable
    lo, hi = usable[: (len(usable) + 1) // 2], usable[(len(usable) + 1) // 2:]
    lo_masks, lo_sums, lo_prod = _half(model, lo)
    hi_masks, hi_sums, hi_prod = _half(model, hi)
    apart = _floored(model, usable)
    left, right = _factorised(model, lo_prod, hi_prod, apart)
    parts = _apart_parts(model, apart, lo_prod, hi_prod) if len(apart) else None
    checked = np.flatnonzero(model.prereq[usable]).size > 0
    exclusive = np.flatnonzero(model.excludes[usable]).size > 0
    rows_per_chunk = max(1, chunk // len(lo_masks))
    total = len(lo_masks) * len(hi_masks)
    for h0 in range(0, len(hi_masks), rows_per_chunk):
        h = slice(h0, min(h0 + rows_per_chunk, len(hi_masks)))
        part = [lo_sums[i][None, :] + hi_sums[i][h, None] for i in (_MONTHLY, _UPFRONT, _COFUND, _TIME)]
        ok = model.feasible(*part)
        masks = hi_masks[h, None] | lo_masks[None, :]
        if checked:
            ok &= prerequisites_met(model, masks)
        if exclusive:
            ok &= alternatives_apart(model, masks)
        hi_i, lo_i = np.nonzero(ok)
        fp = np.stack([(left[k][h] @ right[k])[hi_i, lo_i] for k in range(3)], axis=1) + model.floor
        if parts is not None:
            fp += _apart(parts, h, hi_i, lo_i)
        money = lo_sums[_MONEY][lo_i] + hi_sums[_MONEY][h][hi_i]
        hours = lo_sums[_HOURS][lo_i] + hi_sums[_HOURS][h][hi_i]
        tracker.evaluated += ok.size
        tracker.add(Rows(masks[hi_i, lo_i], *quantize(fp, money, hours)))
        if progress is not None:
            progress(min(h.stop * len(lo_masks), total), total)


def _apart_parts(model: Model, apart: np.ndarray, lo_prod: np.ndarray, hi_prod: np.ndarray):
    """The multipliers (R, 4, subsets), floors (R, 4) and weights (3, R) of the family-components
    kept apart, each factor's row contiguous."""
    lo = np.ascontiguousarray(lo_prod.reshape(len(lo_prod), -1, 4)[:, apart].transpose(1, 2, 0))
    hi = np.ascontiguousarray(hi_prod.reshape(len(hi_prod), -1, 4)[:, apart].transpose(1, 2, 0))
    return lo, hi, model.lowest.reshape(-1, 4)[apart], model.coefficients().reshape(3, -1)[:, apart]


def _apart(parts, h: slice, hi_i, lo_i) -> np.ndarray:
    """(n, 3): the footprints of the family-components a floor may hold, for the portfolios
    (hi_i, lo_i) of the block h, each product held at its floor: computed on the whole block of
    (hi, lo) pairs, one family-component and one factor at a time, then picked."""
    lo, hi, lowest, coef = parts
    out = np.zeros((3, h.stop - h.start, lo.shape[2]))
    for r in range(len(lo)):
        q, e, c, land = (np.multiply.outer(hi[r, i, h], lo[r, i]) for i in range(4))
        for factor, low in zip((q, e, c, land), lowest[r]):
            if low > 0:
                np.maximum(factor, low, out=factor)
        land *= q  # Q·L
        e *= q  # Q·E
        c *= e  # Q·E·C
        for k, term in enumerate((c, e, land)):
            term *= coef[k, r]
            out[k] += term
    return out[:, hi_i, lo_i].T


# -- bounded search ---------------------------------------------------------------------------

def _rows(model: Model, masks: np.ndarray, prod: np.ndarray, sums: np.ndarray) -> Rows:
    return Rows(masks, *quantize(footprints_of(model, prod), sums[_MONEY], sums[_HOURS]))


def beam(model: Model, tracker: Tracker, width: int = BEAM_WIDTH, progress: Progress = None) -> None:
    usable = model.usable
    costs = cost_table(model)
    masks = np.zeros(1, dtype=np.uint64)
    prod = np.ones((1,) + model.mult.shape[1:])
    sums = np.zeros((6, 1))
    start = _rows(model, masks, prod, sums)
    tracker.evaluated += 1
    tracker.add(start)
    baseline = float(start.fp[0, 0])
    seen = {0}
    for layer in range(len(usable)):
        kids = _children(model, usable, costs, masks, sums)
        if kids is None:
            break
        parent, project, kid_masks, kid_sums = kids
        kid_prod = prod[parent] * model.mult[project]
        rows = _rows(model, kid_masks, kid_prod, kid_sums)
        tracker.evaluated += len(rows)
        tracker.add(rows)
        seen.update(int(m) for m in kid_masks)
        pick = _select(rows, width, baseline)
        masks, prod, sums = kid_masks[pick], kid_prod[pick], kid_sums[:, pick]
        if progress is not None:
            progress(layer + 1, len(usable) + LOCAL_ROUNDS)
    _local_search(model, tracker, seen)
    if progress is not None:
        progress(len(usable) + LOCAL_ROUNDS, len(usable) + LOCAL_ROUNDS)


def _children(model: Model, usable: list[int], costs: np.ndarray, masks: np.ndarray, sums: np.ndarray):
    """Feasible portfolios one project larger than a parent, each once: (parent index, added
    project, masks, cost sums), or None."""
    parents, projects = [], []
    for j in usable:
        bit, need = np.uint64(1 << j), model.prereq[j]
        ok = ((masks & bit) == 0) & ((masks & need) == need) & ((masks & model.excludes[j]) == 0)
        ok &= model.feasible(*(sums[i] + costs[i, j] for i in (_MONTHLY, _UPFRONT, _COFUND, _TIME)))
        idx = np.flatnonzero(ok)
        parents.append(idx)
        projects.append(np.full(len(idx), j))
    parent, project = np.concatenate(parents), np.concatenate(projects)
    if len(parent) == 0:
        return None
    kid = masks[parent] | (np.uint64(1) << project.astype(np.uint64))
    _, first = np.unique(kid, return_index=True)
    parent, project, kid = parent[first], project[first], kid[first]
    return parent, project, kid, sums[:, parent] + costs[:, project]


def _select(rows: Rows, width: int, baseline: float) -> np.ndarray:
    """Indices of the rows the next layer grows from."""
    if len(rows) <= width:
        return np.arange(len(rows))
    chosen: list[np.ndarray] = []
    front = front_of(rows)
    on_front = np.flatnonzero(np.isin(rows.mask, front.mask))
    on_front = on_front[np.argsort(rows.money[on_front], kind="stable")]
    half = width // 2
    if len(on_front) > half:
        on_front = on_front[np.unique(np.linspace(0, len(on_front) - 1, half).round().astype(int))]
    chosen.append(on_front)
    for k in range(3):
        chosen.append(np.argsort(rows.fp[:, k], kind="stable")[: width // 8])
    saved_per_euro = (baseline - rows.fp[:, 0]) / (rows.money + 1.0)
    chosen.append(np.argsort(-saved_per_euro, kind="stable"))
    order = np.concatenate(chosen)
    _, first = np.unique(order, return_index=True)
    return order[np.sort(first)][:width]


def _local_search(model: Model, tracker: Tracker, seen: set[int]) -> None:
    for _ in range(LOCAL_ROUNDS):
        front = tracker.front.front()
        front = front.take(np.argsort(front.money, kind="stable"))
        if len(front) > LOCAL_CENTRES:
            front = front.take(np.unique(np.linspace(0, len(front) - 1, LOCAL_CENTRES).round().astype(int)))
        centres = [front] + [b for b in tracker.best if b is not None]
        centre_masks = np.unique(np.concatenate([c.mask for c in centres]))
        flips = np.uint64(1) << np.array(model.usable, dtype=np.uint64)
        near = np.unique((centre_masks[:, None] ^ flips[None, :]).ravel())
        near = near[prerequisites_met(model, near) & alternatives_apart(model, near)]
        near = np.array([m for m in near if int(m) not in seen], dtype=np.uint64)
        if len(near) == 0:
            break
        seen.update(int(m) for m in near)
        tracker.evaluated += len(near)
        rows = _evaluate(model, near)
        tracker.add(rows)


def _evaluate(model: Model, masks: np.ndarray) -> Rows:
    fp, sums = evaluate_masks(model, masks)
    ok = model.feasible(sums[_MONTHLY], sums[_UPFRONT], sums[_COFUND], sums[_TIME])
    return Rows(masks[ok], *quantize(fp[ok], sums[_MONEY][ok], sums[_HOURS][ok]))
