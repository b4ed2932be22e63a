"""The bots' choices in a batch: bots.Greedy and bots.RandomBot, phase by phase.

The random bot draws from one generator per session, seeded as engine/simulate.py seeds it, and
makes its draws in the same order (a card's withdrawal, the proposals, a draw per pledge
action, a draw per answer), so each session takes the same chances as in the engine.
"""

from __future__ import annotations

import numpy as np

from .ranking import PROPOSED, rank, takers
from .stacking import running_order


class Greedy:
    name = "greedy"
    own_chances = False  # its choices follow the state only: sessions alike so far stay alike

    def __init__(self, seeds: list[int]) -> None:
        pass

    def situation(self, t, s, r: int) -> None:
        return None

    def proposals(self, t, s, r: int, state, start) -> tuple[np.ndarray, np.ndarray]:
        return rank(t, s, r, state, start)

    def keep(self, q: int, asks: np.ndarray, made: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Which of the phase's actions the bot makes: the co-funding and each family's pledge."""
        return asks, made

    def answers(self, t, s, projects: np.ndarray, present: np.ndarray) -> np.ndarray:
        """(S, F) answers: 1 consent, 2 concern, 3 objection, 0 none."""
        return np.where(present, np.where(t.refuses[projects], 2, 1), 0)


class Random:
    name = "random"
    own_chances = True  # a generator per session: no two sessions are alike

    def __init__(self, seeds: list[int]) -> None:
        self.rngs = [np.random.default_rng([seed, 0x0B07]) for seed in seeds]

    def situation(self, t, s, r: int) -> None:
        """Now and then a family withdraws from a running project (its id first in sort order)."""
        order, count = running_order(s.run, s.place)
        for i in np.flatnonzero(count).tolist():
            rng = self.rngs[i]
            if rng.random() >= 0.2:
                continue
            p = int(order[i, int(rng.integers(int(count[i])))])
            committed = np.flatnonzero(s.has[i, p])
            if not committed.size or s.done[i, p]:
                continue  # nothing to withdraw from, or the rules refuse it (a completed project)
            f = committed[np.argmin(t.id_rank[committed])]
            s.money[i, p, f] = s.minutes[i, p, f] = 0
            s.part[i, p, f] = s.has[i, p, f] = False
            s.changed(i)

    def proposals(self, t, s, r: int, state, start) -> tuple[np.ndarray, np.ndarray]:
        n, P = s.run.shape
        picks = np.array([rng.choice(P, size=min(PROPOSED, P), replace=False) for rng in self.rngs],
                         dtype=np.int64).reshape(n, min(PROPOSED, P))
        if P < PROPOSED:
            picks = np.concatenate([picks, np.full((n, PROPOSED - P), -1)], axis=1)
        rows = np.arange(n)
        for q in range(PROPOSED):
            p = np.maximum(picks[:, q], 0)
            ok = (picks[:, q] >= 0) & t.proposable[p] & (~s.run[rows, p] | (s.done[rows, p] & t.renewable[p]))
            for project in np.unique(p[ok]).tolist():
                for needed in t.prerequisites[project]:
                    ok &= ~((p == project) & ~s.run[:, needed])
            picks[:, q] = np.where(ok, picks[:, q], -1)
        who = np.zeros((n, P, len(t.ids)), dtype=bool)
        units = state[4]
        for project in np.unique(picks[picks >= 0]).tolist():
            at = np.flatnonzero((picks == project).any(axis=1))
            who[at, project] = takers(t, s, project, at, units)
        return picks, who

    def keep(self, q: int, asks: np.ndarray, made: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """A draw per action, in the order bots.fund lists them: the co-funding, then each
        family's pledge; an action is made when its draw is under 0.8."""
        counts = asks.astype(np.int64) + made.sum(axis=1)
        rolls = self._draws(counts) < 0.8
        first = np.cumsum(counts) - counts  # where each session's draws start
        keep_asks = asks.copy()
        keep_asks[asks] = rolls[first[asks]]
        keep_made = made.copy()
        rows, _ = np.nonzero(made)
        order = (np.cumsum(made, axis=1) - 1)[made]  # each pledge's place among its session's
        keep_made[made] = rolls[first[rows] + asks[rows] + order]
        return keep_asks, keep_made

    def answers(self, t, s, projects: np.ndarray, present: np.ndarray) -> np.ndarray:
        """A draw per family present: an objection under 0.08, a concern under 0.25."""
        roll = self._draws(present.sum(axis=1))
        out = np.zeros(present.shape, dtype=np.int64)
        out[present] = np.where(roll < 0.08, 3, np.where(roll < 0.25, 2, 1))  # row by row, as drawn
        return out

    def _draws(self, counts: np.ndarray) -> np.ndarray:
        """counts[i] draws from session i's generator, all sessions' laid end to end."""
        parts = [rng.random(n) for rng, n in zip(self.rngs, counts.tolist()) if n]
        return np.concatenate(parts) if parts else np.zeros(0)

POLICIES = {"greedy": Greedy, "random": Random}
