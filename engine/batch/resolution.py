"""The round's resolution (resolution.resolve): uncovered projects stop, adopted ones start with
their cost shared by the scenario's rule, old ones complete."""

from __future__ import annotations

import numpy as np

from .counting import allocate
from .means import means, paid_off
from .pledges import Round, met


def resolve(t, s, r: int, rnd: Round) -> None:
    """resolution.resolve: uncovered projects stop, adopted ones start, old ones complete."""
    have_money, _, have_minutes = means(t, s, r)
    _stop_uncovered(t, s, r)
    rule = t.scenario.rules.sharing
    rows = np.arange(s.count)
    for q in range(rnd.project.shape[1]):
        go = rnd.adopted[:, q]
        if not go.any():
            continue
        p = np.maximum(rnd.project[:, q], 0)
        valid = rnd.has[:, q] & go[:, None]
        savings = np.maximum(0, t.base_savings - s.spent)

        def weights(have):
            if rule == "equal":
                return np.ones_like(have)
            if rule == "by_benefit":
                return np.where(rnd.part[:, q], t.people, 0)
            return np.maximum(have, 0)

        rank = t.id_rank
        monthly = allocate(np.where(go, t.monthly[p], 0), rnd.money[:, q], weights(have_money), valid, rank)
        weekly = allocate(np.where(go, t.weekly_first[p], 0), rnd.minutes[:, q], weights(have_minutes), valid, rank)
        need = t.upfront[p]
        rest = np.maximum(0, need - rnd.subsidy[:, q] - np.minimum(rnd.cofund[:, q], need))
        oneoff = allocate(np.where(go, rest, 0), rnd.oneoff[:, q], weights(savings), valid, rank)
        s.spent += np.where(valid, oneoff, 0)
        keep = valid & (rnd.part[:, q] | (monthly > 0) | (weekly > 0))
        at = rows[go]
        pp = p[go]
        s.changed(at[s.run[at, pp]])  # a completed service renewed: its old run gives way
        for project in np.unique(pp).tolist():  # the others join the end of the running order
            s.appended.append((go & (p == project), project))
        s.money[at, pp] = np.where(keep[go], monthly[go], 0)
        s.minutes[at, pp] = np.where(keep[go], weekly[go], 0)
        s.part[at, pp] = keep[go] & rnd.part[go, q]
        s.has[at, pp] = keep[go]
        s.run[at, pp] = True
        s.done[at, pp] = False
        s.start[at, pp] = r
        s.placed += 1
        s.place[at, pp] = s.placed
    ending = s.run & ~s.done & (r - s.start + 1 >= t.lifetime[None, :])
    s.changed(np.flatnonzero((ending & t.renewable[None, :]).any(axis=1)))  # effects that stop with them
    s.done |= ending


def _stop_uncovered(t, s, r: int) -> None:
    """resolution.resolve's first step: running projects whose commitments no longer cover their
    needs (resources.running_coverage) stop."""
    n, projects = s.run.shape
    money = np.where(s.has, s.money, 0).sum(axis=2) - np.where(paid_off(t, s, r), 0, t.monthly[None, :])
    minutes = np.where(s.has, s.minutes, 0).sum(axis=2) - t.weekly_later[None, :]
    ok = met(t, np.tile(np.arange(projects), n), money.reshape(-1), 0, minutes.reshape(-1),
             (s.has & s.part).sum(axis=2).reshape(-1), (s.has & (s.minutes > 0)).reshape(n * projects, -1))
    stop = s.run & ~s.done & ~ok.reshape(n, projects)
    if stop.any():
        at, pp = np.nonzero(stop)
        s.changed(at)
        s.run[at, pp] = False
        s.money[at, pp] = 0
        s.minutes[at, pp] = 0
        s.part[at, pp] = False
        s.has[at, pp] = False
