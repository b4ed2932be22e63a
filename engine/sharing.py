"""Sharing a project's cost among the families who pledged to it.

Pledges are upper bounds. The cost actually committed is split by the scenario's rule: in
proportion to means (`by_means`), equally (`equal`), or in proportion to the people who benefit
(`by_benefit`), never above a family's pledge; what a capped family cannot take goes to the others.
Everything is in whole units (cents or minutes), and the last split is the largest remainder
method (`units.apportion`), so the shares add up exactly to what is shared.
"""

from __future__ import annotations

from .units import apportion


def allocate(need: int, caps: dict[str, int], weights: dict[str, int]) -> dict[str, int]:
    """Water-filling with caps: each family's share of `need` in proportion to its weight, a
    family whose share would pass its cap taking its cap and the rest shared again among the
    others. The shares add up to min(need, sum of caps), never exceed a cap, never go below 0."""
    alloc = {f: 0 for f in caps}
    remaining = max(0, need)
    active = sorted(f for f, cap in caps.items() if cap > 0)
    while remaining > 0 and active:
        share = {f: max(0, weights.get(f, 0)) for f in active}
        total = sum(share.values())
        if total == 0:  # nobody has any weight: equal parts
            share, total = {f: 1 for f in active}, len(active)
        # a cap at or below the exact share remaining × w / total is taken whole (integer test)
        capped = [f for f in active if caps[f] * total <= remaining * share[f]]
        if not capped:
            alloc.update(apportion(remaining, share))
            break
        for f in capped:
            alloc[f] = caps[f]
            remaining -= caps[f]
        active = [f for f in active if f not in capped]
    return alloc


def weights(rule: str, families: dict[str, tuple[int, int, bool]]) -> dict[str, int]:
    """families: id -> (means of this resource in units, people, participates)."""
    if rule == "equal":
        return {f: 1 for f in families}
    if rule == "by_benefit":
        return {f: people if takes_part else 0 for f, (_, people, takes_part) in families.items()}
    return {f: max(m, 0) for f, (m, _, _) in families.items()}
