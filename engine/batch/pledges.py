"""The pledges bots.fund makes for each proposal, and the co-decision on them: coverage
(resources.proposal_coverage) and the decision rule's verdict."""

from __future__ import annotations

import numpy as np

from ..decision import RULES, Tally
from .counting import apportion


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


def fund(t, s, r: int, rnd: Round, q: int, who: np.ndarray, means_left: tuple) -> np.ndarray:
    """bots.fund for the q-th proposal of every session: the pledges each family would make,
    as (S, F) rows of (money, one-off, minutes, takes part), and the co-funding asked."""
    n = s.count
    rows = np.arange(n)
    p = np.maximum(rnd.project[:, q], 0)
    live = rnd.project[:, q] >= 0
    present = s.present & live[:, None]
    money_left, savings_left, minutes_left = means_left
    others = np.arange(rnd.project.shape[1]) != q
    room_money = money_left - rnd.money[:, others].sum(axis=1)
    room_savings = savings_left - rnd.oneoff[:, others].sum(axis=1)
    room_minutes = minutes_left - rnd.minutes[:, others].sum(axis=1)
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
    return (rnd.project[:, q] >= 0) & met(
        t, p, rnd.money[:, q].sum(axis=1) - t.monthly[p],
        rnd.oneoff[:, q].sum(axis=1) + rnd.cofund[:, q] + rnd.subsidy[:, q] - t.upfront[p],
        rnd.minutes[:, q].sum(axis=1) - t.weekly_first[p], rnd.part[:, q].sum(axis=1),
        rnd.has[:, q] & (rnd.minutes[:, q] > 0))


def met(t, projects: np.ndarray, money: np.ndarray, upfront, minutes: np.ndarray, count: np.ndarray,
        giving: np.ndarray) -> np.ndarray:
    """resources.Coverage.covered, row by row: money, upfront and minutes at or above their needs
    (given as what is pledged less what is needed), participants within the project's capacity,
    and each skill it needs brought by a family that gives time (`giving`, (N, F))."""
    ok = (money >= 0) & (upfront >= 0) & (minutes >= 0)
    ok &= (t.cap_min[projects] <= count) & (count <= t.cap_max[projects])
    for project in np.unique(projects[ok]).tolist():
        rows = ok & (projects == project)
        for brings in t.skills[project]:
            ok[rows] &= (giving[rows] & brings).any(axis=1)
    return ok


def verdict(t, s, rnd: Round, q: int, answers: np.ndarray) -> np.ndarray:
    """The decision rule on (S, F) answers (0 none, 1 consent, 2 concern, 3 objection)."""
    rule = RULES[t.scenario.rules.decision]
    counts = [(answers == k).sum(axis=1) for k in (1, 2, 3)]
    cache: dict = {}
    out = np.zeros(s.count, dtype=bool)
    for i, key in enumerate(zip(*(c.tolist() for c in counts))):
        if key not in cache:
            cache[key] = rule.verdict(Tally(*key))
        out[i] = cache[key]
    return out
