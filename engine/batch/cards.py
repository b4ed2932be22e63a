"""Chance's card of each session's round (events.py), and the commitments it makes too large
shrunk to fit (resolution.fit_commitments)."""

from __future__ import annotations

import numpy as np

from ..events import pick
from .means import given_running, means
from .stacking import running_order


def drawn(t, seeds: list[int], rounds: int) -> np.ndarray:
    """(S, rounds + 1) the card chance draws for each seed in each round (-1: an empty deck); the
    draw depends on the seed and the round only (events.draw)."""
    out = np.full((len(seeds), rounds + 1), -1, dtype=np.int64)
    if t.card_ids:
        for r in range(1, rounds + 1):
            out[:, r] = [pick(t.card_ends, seed, r) for seed in seeds]
    return out


def expire(t, s, r: int) -> None:
    """Passing cards whose time is over are taken back, in the order they came (events.expire)."""
    for drawn in range(1, r):
        for k, card in enumerate(t.cards):
            if card.kind == "sector_factor" and card.rounds is not None and drawn + card.rounds - 1 == r - 1:
                rows = np.flatnonzero(s.cards[:, drawn] == k)
                if rows.size:
                    s.sector_mult[np.ix_(rows, card.components, [card.factor])] /= card.multiplier


def apply_cards(t, s, r: int) -> None:
    """Each session's card (events.apply_event), then commitments fitted to means."""
    for k, card in enumerate(t.cards):
        rows = np.flatnonzero(s.cards[:, r] == k)
        if not rows.size:
            continue
        present = s.present[rows]
        if card.kind == "energy_price":
            s.money_delta[rows] += np.where(present, card.money, 0)
        elif card.kind == "family_means":
            s.money_delta[rows] += np.where(present, card.money, 0)
            s.minutes_delta[rows] += np.where(present, card.minutes, 0)
        elif card.kind == "family_arrives":
            if card.family >= 0:
                s.present[rows, card.family] = True
        elif card.kind == "family_leaves":
            _leave(t, s, rows, card.family)
        elif card.kind == "sector_factor":
            s.sector_mult[np.ix_(rows, card.components, [card.factor])] *= card.multiplier
    _fit(t, s, r)


def _leave(t, s, rows: np.ndarray, family: int) -> None:
    present = s.present[rows]
    count = present.sum(axis=1)
    if family == -1:
        return
    if family == -2:  # the present family that joined last
        leaving = present.shape[1] - 1 - np.argmax(present[:, ::-1], axis=1)
    else:
        leaving = np.full(rows.size, family)
    go = (count > 1) & present[np.arange(rows.size), leaving]
    rows, leaving = rows[go], leaving[go]
    s.present[rows, leaving] = False
    s.changed(rows)
    s.money[rows, :, leaving] = 0
    s.minutes[rows, :, leaving] = 0
    s.part[rows, :, leaving] = False
    s.has[rows, :, leaving] = False


def _fit(t, s, r: int) -> None:
    """resolution.fit_commitments: the latest commitments shrink until money and time fit."""
    have_money, _, have_minutes = means(t, s, r)
    gave_money, gave_minutes = given_running(t, s, r)
    over_money = np.maximum(0, gave_money - have_money)
    over_minutes = np.maximum(0, gave_minutes - have_minutes)
    if not (over_money.any() or over_minutes.any()):
        return
    order, count = running_order(s.run, s.place)
    rows = np.arange(s.count)
    for k in range(int(count.max()) - 1, -1, -1):
        p = order[:, k]
        live = ((k < count) & ~s.done[rows, p])[:, None] & s.has[rows, p]
        cut_money = np.where(live, np.minimum(s.money[rows, p], over_money), 0)
        cut_minutes = np.where(live, np.minimum(s.minutes[rows, p], over_minutes), 0)
        s.money[rows, p] -= cut_money
        s.minutes[rows, p] -= cut_minutes
        over_money -= cut_money
        over_minutes -= cut_minutes
