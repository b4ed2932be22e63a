"""What the balance explorer keeps while portfolios stream past: the best per target, the
cheapest that reach the CO2 target, the Pareto front of CO2 against money and time, and which
projects every target-reaching portfolio holds.

Values are snapped to a binary grid before they are compared (footprints to 1/1024, money and
hours to 1/64), so that two portfolios whose sums differ only by floating-point order count as
a tie. The grid is binary, so snapping itself is exact, and its rounding edges (odd multiples of
half a step) are not where the decimal numbers scenarios are written with land, as the edges of a
decimal grid are. A tie is broken the same way everywhere: fewer projects, then the lower mask.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

CHEAPEST = 5
FOOTPRINT_STEP = 1024.0
COST_STEP = 64.0
_ALL = np.uint64(0xFFFF_FFFF_FFFF_FFFF)
_GRID = 128  # cells per axis of the prefilter's money × hours grid
_BLOCK = 512  # points whose mutual dominance is settled in one pairwise block
_COMPACT_AT = 1 << 15  # candidates kept before they are reduced to their own front


def quantize(fp: np.ndarray, money: np.ndarray, hours: np.ndarray):
    return (np.rint(fp * FOOTPRINT_STEP) / FOOTPRINT_STEP, np.rint(money * COST_STEP) / COST_STEP,
            np.rint(hours * COST_STEP) / COST_STEP)


def popcount(masks: np.ndarray) -> np.ndarray:
    if hasattr(np, "bitwise_count"):
        return np.bitwise_count(masks)
    # numpy < 2: count the set bits of each byte
    table = np.array([bin(i).count("1") for i in range(256)], dtype=np.uint8)
    return table[masks.view(np.uint8).reshape(len(masks), 8)].sum(axis=1, dtype=np.uint8)


@dataclass(frozen=True)
class Rows:
    """Feasible portfolios and their measures, as parallel arrays."""

    mask: np.ndarray  # (n,) uint64
    fp: np.ndarray  # (n, 3) CO2 kg, energy kWh, biosphere m² per person, final year
    money: np.ndarray  # (n,) € over the run
    hours: np.ndarray  # (n,) hours over the run

    def __len__(self) -> int:
        return len(self.mask)

    def take(self, idx) -> Rows:
        return Rows(self.mask[idx], self.fp[idx], self.money[idx], self.hours[idx])

    @property
    def count(self) -> np.ndarray:
        return popcount(self.mask)

    @staticmethod
    def concat(parts: list[Rows]) -> Rows:
        return Rows(*(np.concatenate([getattr(p, f) for p in parts]) for f in ("mask", "fp", "money", "hours")))

    @staticmethod
    def empty() -> Rows:
        return Rows(np.zeros(0, np.uint64), np.zeros((0, 3)), np.zeros(0), np.zeros(0))


def _first(rows: Rows, keys: list[np.ndarray], n: int) -> Rows:
    """The n first rows in lexicographic order of keys (most significant first)."""
    order = np.lexsort([rows.mask, rows.count] + keys[::-1])
    return rows.take(order[:n])


def best_of(rows: Rows, k: int) -> Rows:
    """The row with the lowest footprint k; ties go to the cheaper, then the smaller portfolio."""
    v = rows.fp[:, k]
    tied = rows.take(np.flatnonzero(v == v.min()))
    return _first(tied, [tied.fp[:, k], tied.money, tied.hours], 1)


def cheapest_of(rows: Rows, n: int = CHEAPEST) -> Rows:
    """By money, then hours, then CO2."""
    if len(rows) > n:
        rows = rows.take(np.flatnonzero(rows.money <= np.partition(rows.money, n - 1)[n - 1]))
    return _first(rows, [rows.money, rows.hours, rows.fp[:, 0]], n)


def front_of(rows: Rows) -> Rows:
    """The non-dominated rows for (CO2, money, hours), all minimised, one row per distinct point.

    Sorted by CO2 (then money, hours), a point can only be dominated by one before it, and it is
    when an earlier point costs no more money and no more time. Earlier blocks are summed up by
    their staircase (least hours for at most so much money), queried with a binary search; inside
    a block the survivors are compared pairwise.
    """
    if len(rows) == 0:
        return rows
    co2 = rows.fp[:, 0]
    order = np.lexsort((rows.mask, rows.count, rows.hours, rows.money, co2))
    rows = rows.take(order)
    co2, money, hours = rows.fp[:, 0], rows.money, rows.hours
    new = np.ones(len(rows), dtype=bool)
    new[1:] = (co2[1:] != co2[:-1]) | (money[1:] != money[:-1]) | (hours[1:] != hours[:-1])
    rows = rows.take(np.flatnonzero(new))
    money, hours = rows.money, rows.hours
    keep = np.zeros(len(rows), dtype=bool)
    st_money, st_hours = np.zeros(0), np.zeros(0)
    for start in range(0, len(rows), _BLOCK):
        bm, bh = money[start:start + _BLOCK], hours[start:start + _BLOCK]
        alive = np.ones(len(bm), dtype=bool)
        if len(st_money):
            i = np.searchsorted(st_money, bm, side="right") - 1
            alive = (i < 0) | (st_hours[np.maximum(i, 0)] > bh)
        idx = np.flatnonzero(alive)
        if len(idx) > 1:
            sm, sh = bm[idx], bh[idx]
            dominated = np.triu((sm[:, None] <= sm[None, :]) & (sh[:, None] <= sh[None, :]), 1).any(axis=0)
            idx = idx[~dominated]
        keep[start + idx] = True
        st_money, st_hours = _staircase(np.concatenate((st_money, bm[idx])), np.concatenate((st_hours, bh[idx])))
    return rows.take(np.flatnonzero(keep))


def _staircase(money: np.ndarray, hours: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    order = np.lexsort((hours, money))
    money, least = money[order], np.minimum.accumulate(hours[order])
    step = np.ones(len(money), dtype=bool)
    step[1:] = least[1:] < least[:-1]
    return money[step], least[step]


class FrontFilter:
    """Keeps the candidates for the Pareto front from a stream of rows.

    A coarse grid over money × hours holds the least CO2 seen in each cell; a point whose CO2 is
    no lower than that of a cell strictly below it on both axes is dominated and dropped at once.
    What passes is reduced to its own front now and then, and exactly at the end.
    """

    def __init__(self, money_max: float, hours_max: float) -> None:
        self.scale = (_GRID / money_max if money_max > 0 else 0.0, _GRID / hours_max if hours_max > 0 else 0.0)
        self.least = np.full((_GRID, _GRID), np.inf)
        self.parts: list[Rows] = []
        self.kept = 0

    def _cells(self, rows: Rows) -> np.ndarray:
        a = np.minimum((rows.money * self.scale[0]).astype(np.int64), _GRID - 1)
        b = np.minimum((rows.hours * self.scale[1]).astype(np.int64), _GRID - 1)
        return a * _GRID + b

    def _below(self) -> np.ndarray:
        """For each cell, the least CO2 in the cells strictly below it on both axes."""
        p = np.minimum.accumulate(np.minimum.accumulate(self.least, axis=0), axis=1)
        out = np.full_like(p, np.inf)
        out[1:, 1:] = p[:-1, :-1]
        return out.ravel()

    def add(self, rows: Rows) -> None:
        if len(rows) == 0:
            return
        cells = self._cells(rows)
        np.minimum.at(self.least.ravel(), cells, rows.fp[:, 0])
        rows = rows.take(np.flatnonzero(rows.fp[:, 0] < self._below()[cells]))
        self.parts.append(rows)
        self.kept += len(rows)
        if self.kept > _COMPACT_AT:
            self._compact()

    def _compact(self) -> None:
        rows = Rows.concat(self.parts)
        rows = rows.take(np.flatnonzero(rows.fp[:, 0] < self._below()[self._cells(rows)]))
        rows = front_of(rows)
        self.parts, self.kept = [rows], len(rows)

    def front(self) -> Rows:
        if not self.parts:
            return Rows.empty()
        self._compact()
        return self.parts[0]


class Tracker:
    def __init__(self, targets: np.ndarray, money_max: float, hours_max: float) -> None:
        self.targets = np.rint(targets * FOOTPRINT_STEP) / FOOTPRINT_STEP
        self.evaluated = 0
        self.feasible = 0
        self.best: list[Rows | None] = [None, None, None]
        self.cheapest: Rows | None = None
        self.reaching_and = _ALL  # projects in every feasible portfolio that reaches the CO2 target
        self.front = FrontFilter(money_max, hours_max)

    def add(self, rows: Rows) -> None:
        """Takes feasible rows, already quantized."""
        if len(rows) == 0:
            return
        self.feasible += len(rows)
        for k in range(3):
            candidate = best_of(rows, k)
            self.best[k] = candidate if self.best[k] is None else best_of(Rows.concat([self.best[k], candidate]), k)
        reach = np.flatnonzero(rows.fp[:, 0] <= self.targets[0])
        if len(reach):
            self.reaching_and &= np.bitwise_and.reduce(rows.mask[reach])
            cheap = cheapest_of(rows.take(reach))
            self.cheapest = cheap if self.cheapest is None else cheapest_of(Rows.concat([self.cheapest, cheap]))
        self.front.add(rows)
