"""Sharing a project's running cost among the families who pledged to it.

Pledges are upper bounds. The cost actually committed is split by the scenario's rule: in
proportion to means (`by_means`), equally (`equal`), or in proportion to the people who benefit
(`by_benefit`), never above a family's pledge; what a capped family cannot take goes to the others.
"""

from __future__ import annotations

EPS = 1e-9


def allocate(need: float, caps: dict[str, float], weights: dict[str, float]) -> dict[str, float]:
    alloc = {f: 0.0 for f in caps}
    remaining = need
    active = sorted(f for f, cap in caps.items() if cap > EPS)
    while remaining > EPS and active:
        total = sum(weights.get(f, 0.0) for f in active)
        share = {f: (weights.get(f, 0.0) / total if total > EPS else 1.0 / len(active)) for f in active}
        capped = [f for f in active if caps[f] - alloc[f] <= remaining * share[f] + EPS]
        if not capped:
            for f in active:
                alloc[f] += remaining * share[f]
            remaining = 0.0
            break
        for f in capped:
            remaining -= caps[f] - alloc[f]
            alloc[f] = caps[f]
        active = [f for f in active if f not in capped]
    return alloc


def weights(rule: str, families: dict[str, tuple[float, int, bool]]) -> dict[str, float]:
    """families: id -> (means of this resource, people, participates)."""
    if rule == "equal":
        return {f: 1.0 for f in families}
    if rule == "by_benefit":
        return {f: float(people) if takes_part else 0.0 for f, (_, people, takes_part) in families.items()}
    return {f: max(m, 0.0) for f, (m, _, _) in families.items()}
