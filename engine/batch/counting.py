"""The engine's two ways of sharing whole units, on many sessions at once (rows).

`apportion` is `units.apportion` (the largest remainder method, ties to the id that sorts first)
and `allocate` is `sharing.allocate` (water-filling with caps), each row one session and each
column one family; `valid` says which families the engine's dict would hold. Integer arithmetic
only, so each row gives exactly what the engine gives for that session.
"""

from __future__ import annotations

import numpy as np


def apportion(total: np.ndarray, weights: np.ndarray, valid: np.ndarray, id_rank: np.ndarray) -> np.ndarray:
    """(S,) units shared by (S, F) integer weights among the valid families of each row."""
    w = np.where(valid, weights, 0)
    weight_sum = w.sum(axis=1)
    equal = (weight_sum <= 0) & valid.any(axis=1)  # no weight at all: equal shares
    if equal.any():
        w = np.where(equal[:, None] & valid, 1, w)
        weight_sum = w.sum(axis=1)
    safe = np.maximum(weight_sum, 1)[:, None]
    out, rest = np.divmod(total[:, None] * w, safe)
    out = np.where(valid, out, 0)
    left = total - out.sum(axis=1)
    if (left > 0).any():
        rest = np.where(valid, rest, -1)
        ranks = np.broadcast_to(id_rank, rest.shape)
        order = np.lexsort((ranks, -rest), axis=1)  # largest remainder first, then id
        place = np.empty_like(order)
        np.put_along_axis(place, order, np.arange(order.shape[1])[None, :].repeat(order.shape[0], 0), axis=1)
        out += (place < left[:, None]) & valid
    return out


def allocate(need: np.ndarray, caps: np.ndarray, weights: np.ndarray, valid: np.ndarray,
             id_rank: np.ndarray) -> np.ndarray:
    """(S,) needs shared by weight among the valid families, none above its (S, F) cap."""
    alloc = np.zeros(caps.shape, dtype=np.int64)
    remaining = np.maximum(need, 0).astype(np.int64)
    active = valid & (caps > 0)
    going = (remaining > 0) & active.any(axis=1)
    while going.any():
        share = np.where(active, np.maximum(weights, 0), 0)
        total = share.sum(axis=1)
        none = total == 0
        if none.any():  # nobody has any weight: equal parts
            share = np.where(none[:, None] & active, 1, share)
            total = share.sum(axis=1)
        capped = active & (caps * total[:, None] <= remaining[:, None] * share) & going[:, None]
        last = going & ~capped.any(axis=1)
        if last.any():
            alloc += np.where(last[:, None], apportion(np.where(last, remaining, 0), share, active & last[:, None],
                                                       id_rank), 0)
        alloc = np.where(capped, caps, alloc)
        remaining = remaining - np.where(capped, caps, 0).sum(axis=1)
        active &= ~capped
        going = going & ~last & (remaining > 0) & active.any(axis=1)
    return alloc
