"""A round of many bot sessions at once: the card, the proposals, the pledges, the co-decision
and the resolution, each phase on arrays with one row per session.

Each step follows the engine's rules and bots (rules.py, resolution.py, events.py, bots.py) for
the actions the bots take: the same whole cents, minutes and grams, the same shares and ties,
the same products of factors in the same order. tests/test_batch.py holds the two paths to the
same adopted projects and trajectories.
"""

from __future__ import annotations

from bisect import bisect_right
from fractions import Fraction
from types import SimpleNamespace

import numpy as np

from .. import gaia
from ..decision import RULES, Tally
from ..events import ticket
from ..units import divide_array
from .counting import allocate, apportion
from .stacking import apply_project, component_units, factors, reached, running_order, stack

PROPOSED = 3  # the greedy bot proposes its three best projects a round


# -- means ---------------------------------------------------------------------------------
def means(t, s, r: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(S, F) money, savings and minutes each family has (resources.means)."""
    flowing = (s.run & (s.start < r))[:, :, None] & s.part
    back_money = (flowing * t.back_money[None, :, None]).sum(axis=1)
    back_minutes = (flowing * t.back_minutes[None, :, None]).sum(axis=1)
    return (np.maximum(0, t.base_money + s.money_delta + back_money),
            np.maximum(0, t.base_savings - s.spent),
            np.maximum(0, t.base_minutes + s.minutes_delta + back_minutes))


def paid_off(t, s, r: int) -> np.ndarray:
    loan = t.loan_rounds[None, :]
    return (loan >= 0) & (r >= s.start + loan)


def given_running(t, s, r: int) -> tuple[np.ndarray, np.ndarray]:
    """(S, F) money and minutes given to running projects (resources.given)."""
    live = (s.run & ~s.done)[:, :, None] & s.has
    money = np.where(live & ~paid_off(t, s, r)[:, :, None], s.money, 0).sum(axis=1)
    return money, np.where(live, s.minutes, 0).sum(axis=1)


# -- the situation: chance's card ----------------------------------------------------------
def draw(t, s, r: int) -> None:
    if not t.card_ids:
        return
    total = t.card_ends[-1]
    s.cards[:, r] = [bisect_right(t.card_ends, ticket(seed, r) % total) for seed in s.seeds]


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
    rows = np.arange(len(s.seeds))
    for k in range(int(count.max()) - 1, -1, -1):
        p = order[:, k]
        live = ((k < count) & ~s.done[rows, p])[:, None] & s.has[rows, p]
        cut_money = np.where(live, np.minimum(s.money[rows, p], over_money), 0)
        cut_minutes = np.where(live, np.minimum(s.minutes[rows, p], over_minutes), 0)
        s.money[rows, p] -= cut_money
        s.minutes[rows, p] -= cut_minutes
        over_money -= cut_money
        over_minutes -= cut_minutes


# -- footprints ----------------------------------------------------------------------------
def footprint(t, s):
    """The event factors, the running projects' multipliers, which project applies to whom, and
    the (S, F, C, 3) footprint units of every family."""
    event = t.base[None] * s.sector_mult[:, None]
    mult, applied = stack(t, s)
    current = factors(t, event, mult) if s.run.any() else event
    return event, mult, applied, current, component_units(t, current)


def record(t, s, units: np.ndarray) -> np.ndarray:
    """(S, 3) the association's units per person (footprint.association_total_units)."""
    sectors = gaia.sector_units(t.scenario, units)
    weights = t.people[None] * s.present
    total = weights.sum(axis=1)
    summed = (sectors * weights[:, :, None, None]).sum(axis=1)
    q, rest = np.divmod(summed, total[:, None, None])
    d = total[:, None, None]
    q = q + ((2 * rest > d) | ((2 * rest == d) & (q % 2 == 1)))
    return q.sum(axis=1)


# -- proposals: the greedy ranking ---------------------------------------------------------
def takers(t, s, p: int, rows: np.ndarray, units: np.ndarray) -> np.ndarray:
    """bots.takers: everyone present for a common good, else those the project can reach that
    emit most in its components, up to its capacity."""
    present = s.present[rows]
    if t.common[p]:
        return present.copy()
    valid = present & t.eligible[p]
    household = _cells(units[..., 0], rows, np.array(t.co2_rows[p])).sum(axis=-1) * t.people
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
    before = _cells(units, rows, touched)[..., 0]
    if t.plain:
        extra = np.ones((rows.size, len(t.ids), touched.size, 4))
        apply_project(t, p, extra, takers_, None, rows=columns)
        after = component_units(t, _cells(current, rows, touched) * extra, touched)[..., 0]
        return ((before - after).sum(axis=-1) * weights).sum(axis=-1)
    out = np.zeros(rows.size, dtype=np.int64)
    again = s.run[rows, p]  # a completed service proposed again: its old run gives way
    fresh = ~again
    if fresh.any():
        at = rows[fresh] if again.any() else rows
        sub = _cells(mult, at, touched).copy()
        reach = reached(t, p, takers_[fresh], applied[at] if applied is not None else None)
        apply_project(t, p, sub, reach, None, rows=columns)
        e = _cells(event, at, touched)
        after_f = e * sub
        if t.floors is not None:
            after_f = np.maximum(after_f, np.minimum(e, t.floors[touched]))
        after = component_units(t, after_f, touched)[..., 0]
        out[fresh] = ((before[fresh] - after).sum(axis=-1) * weights[fresh]).sum(axis=-1)
    if again.any():
        old = rows[again]
        view = SimpleNamespace(run=s.run[old].copy(), place=s.place[old], part=s.part[old], done=s.done[old])
        view.run[:, p] = False
        sub, sub_applied = stack(t, view)
        reach = reached(t, p, takers_[again], sub_applied)
        apply_project(t, p, sub, reach, None)
        after = component_units(t, factors(t, event[old], sub))[..., 0].sum(axis=-1)
        out[again] = ((units[old][..., 0].sum(axis=-1) - after) * weights[again]).sum(axis=-1)
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
    top = np.where((top >= 0) & t.proposable[np.maximum(top, 0)], top, -1)
    return top, who


# -- pledges and co-decision ---------------------------------------------------------------
class Round:
    """The proposals of one round and their pledges, (S, 3) and (S, 3, F)."""

    def __init__(self, proposals: np.ndarray, families: int) -> None:
        n, q = proposals.shape
        self.project = proposals
        self.money = np.zeros((n, q, families), dtype=np.int64)
        self.oneoff = np.zeros((n, q, families), dtype=np.int64)
        self.minutes = np.zeros((n, q, families), dtype=np.int64)
        self.part = np.zeros((n, q, families), dtype=bool)
        self.has = np.zeros((n, q, families), dtype=bool)
        self.cofund = np.zeros((n, q), dtype=np.int64)
        self.subsidy = np.zeros((n, q), dtype=np.int64)
        self.adopted = np.zeros((n, q), dtype=bool)


def subsidy_share(t, s, r: int, projects: np.ndarray) -> np.ndarray:
    share = np.zeros(projects.shape)
    for k, card in enumerate(t.cards):
        if card.kind == "subsidy":
            rows = s.cards[:, r] == k
            share = np.where(rows, card.subsidy[projects], share)
    return share


def fund(t, s, r: int, rnd: Round, q: int, who: np.ndarray) -> np.ndarray:
    """bots.fund for the q-th proposal of every session: the pledges each family would make,
    as (S, F) rows of (money, one-off, minutes, takes part), and the co-funding asked."""
    n = len(s.seeds)
    rows = np.arange(n)
    p = np.maximum(rnd.project[:, q], 0)
    live = rnd.project[:, q] >= 0
    present = s.present & live[:, None]
    have_money, have_savings, have_minutes = means(t, s, r)
    gave_money, gave_minutes = given_running(t, s, r)
    others = np.arange(rnd.project.shape[1]) != q
    room_money = have_money - gave_money - rnd.money[:, others].sum(axis=1)
    room_savings = have_savings - rnd.oneoff[:, others].sum(axis=1)
    room_minutes = have_minutes - gave_minutes - rnd.minutes[:, others].sum(axis=1)
    need = t.upfront[p]
    rnd.subsidy[:, q] = np.rint(need * subsidy_share(t, s, r, p)).astype(np.int64)
    upfront = need - rnd.subsidy[:, q]
    cofund = np.zeros(n, dtype=np.int64)
    asks = live & t.cofundable[p] & (upfront > 0)
    if asks.any():
        platform_left = np.maximum(0, t.envelope - rnd.cofund[:, others].sum(axis=1))
        most = np.minimum(t.cofund_share[p], platform_left)
        cofund = np.where(asks, np.maximum(0, np.minimum(most, upfront)), 0)
    money = _shares(t.monthly[p], room_money, present, t.id_rank)
    savings = _shares(np.maximum(0, upfront - cofund), room_savings, present, t.id_rank)
    skilled = present & t.skilled[p]
    pool = np.where(skilled.any(axis=1)[:, None], skilled, present)
    givers = pool & ~t.refuses[p]
    givers = np.where(givers.any(axis=1)[:, None], givers, present)
    time = _shares(t.weekly_first[p], room_minutes, givers, t.id_rank)
    part = who[rows, p] & present
    # the rules refuse a pledge asking more than a family has left, even 0 of a resource it
    # already overspent (rules._pledge)
    fits = (money <= room_money) & (savings <= room_savings) & (time <= room_minutes)
    return money, savings, time, part, asks, cofund, fits


def _shares(need: np.ndarray, have: np.ndarray, among: np.ndarray, id_rank: np.ndarray) -> np.ndarray:
    """bots._shares: `need` split by what each has, never above it."""
    valid = among & (have > 0)
    total = np.minimum(need, np.where(valid, have, 0).sum(axis=1))
    total = np.where((need > 0) & valid.any(axis=1), total, 0)
    return apportion(total, have, valid, id_rank)


def offered(money, savings, time, part) -> np.ndarray:
    """(S, F) the families bots.fund makes a pledge action for."""
    return (money > 0) | (savings > 0) | (time > 0) | part


def pledge(rnd: Round, q: int, money, savings, time, part, made: np.ndarray) -> None:
    """The pledges `made` (offered, kept by the bot, within means) join the q-th proposal."""
    rnd.money[:, q] = np.where(made, money, 0)
    rnd.oneoff[:, q] = np.where(made, savings, 0)
    rnd.minutes[:, q] = np.where(made, time, 0)
    rnd.part[:, q] = made & part
    rnd.has[:, q] = made


def covered(t, s, rnd: Round, q: int) -> np.ndarray:
    """resources.proposal_coverage(...).covered for the q-th proposal of every session."""
    p = np.maximum(rnd.project[:, q], 0)
    ok = rnd.project[:, q] >= 0
    ok &= rnd.money[:, q].sum(axis=1) >= t.monthly[p]
    ok &= rnd.oneoff[:, q].sum(axis=1) + rnd.cofund[:, q] + rnd.subsidy[:, q] >= t.upfront[p]
    ok &= rnd.minutes[:, q].sum(axis=1) >= t.weekly_first[p]
    count = rnd.part[:, q].sum(axis=1)
    ok &= (t.cap_min[p] <= count) & (count <= t.cap_max[p])
    giving = rnd.has[:, q] & (rnd.minutes[:, q] > 0)
    for project in np.unique(p[ok]).tolist():
        rows = ok & (p == project)
        for brings in t.skills[project]:
            ok[rows] &= (giving[rows] & brings).any(axis=1)
    return ok


def verdict(t, s, rnd: Round, q: int, answers: np.ndarray) -> np.ndarray:
    """The decision rule on (S, F) answers (0 none, 1 consent, 2 concern, 3 objection)."""
    rule = RULES[t.scenario.rules.decision]
    counts = [(answers == k).sum(axis=1) for k in (1, 2, 3)]
    cache: dict = {}
    out = np.zeros(len(s.seeds), dtype=bool)
    for i, key in enumerate(zip(*(c.tolist() for c in counts))):
        if key not in cache:
            cache[key] = rule.verdict(Tally(*key))
        out[i] = cache[key]
    return out


# -- resolution ----------------------------------------------------------------------------
def resolve(t, s, r: int, rnd: Round) -> None:
    """resolution.resolve: uncovered projects stop, adopted ones start, old ones complete."""
    have_money, _, have_minutes = means(t, s, r)
    _stop_uncovered(t, s, r)
    rule = t.scenario.rules.sharing
    rows = np.arange(len(s.seeds))
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
        s.money[at, pp] = np.where(keep[go], monthly[go], 0)
        s.minutes[at, pp] = np.where(keep[go], weekly[go], 0)
        s.part[at, pp] = keep[go] & rnd.part[go, q]
        s.has[at, pp] = keep[go]
        s.run[at, pp] = True
        s.done[at, pp] = False
        s.start[at, pp] = r
        s.placed += 1
        s.place[at, pp] = s.placed
    s.done |= s.run & ~s.done & (r - s.start + 1 >= t.lifetime[None, :])


def _stop_uncovered(t, s, r: int) -> None:
    live = s.run & ~s.done
    money = np.where(s.has, s.money, 0).sum(axis=2)
    minutes = np.where(s.has, s.minutes, 0).sum(axis=2)
    ok = money >= np.where(paid_off(t, s, r), 0, t.monthly[None, :])
    ok &= minutes >= t.weekly_later[None, :]
    count = (s.has & s.part).sum(axis=2)
    ok &= (t.cap_min[None, :] <= count) & (count <= t.cap_max[None, :])
    giving = s.has & (s.minutes > 0)
    for p, needed in enumerate(t.skills):
        for brings in needed:
            ok[:, p] &= (giving[:, p] & brings).any(axis=1)
    stop = live & ~ok
    if stop.any():
        at, pp = np.nonzero(stop)
        s.run[at, pp] = False
        s.money[at, pp] = 0
        s.minutes[at, pp] = 0
        s.part[at, pp] = False
        s.has[at, pp] = False
