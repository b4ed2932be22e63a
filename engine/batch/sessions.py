"""The changing part of many sessions, as arrays with one row per session (or per group of
sessions that are, so far, the same session)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class Sessions:
    present: np.ndarray  # (S, F)
    money_delta: np.ndarray  # (S, F) cents per month, from event cards
    minutes_delta: np.ndarray  # (S, F) minutes per week, from event cards
    spent: np.ndarray  # (S, F) savings given to adopted projects
    sector_mult: np.ndarray  # (S, C, 4) event cards' multipliers
    cards: np.ndarray  # (S, rounds + 1) the card drawn in each round (-1: none)
    run: np.ndarray  # (S, P) the project runs (completed or not)
    done: np.ndarray  # (S, P) completed
    start: np.ndarray  # (S, P) the round it was adopted in
    place: np.ndarray  # (S, P) its place in the running order (later is larger)
    money: np.ndarray  # (S, P, F) commitments: cents per month
    minutes: np.ndarray  # (S, P, F) minutes per week
    part: np.ndarray  # (S, P, F) takes part
    has: np.ndarray  # (S, P, F) the family has a commitment
    trajectory: list  # (S, 3) int64: the association's units recorded at the start and each round's end
    placed: int = 0
    stacked: tuple | None = None  # the running projects' multipliers and who each applies to
    restack: np.ndarray | None = None  # (S,) sessions whose stack must be built anew
    appended: list = field(default_factory=list)  # (sessions (S,), project) joining the running order
    @classmethod
    def new(cls, t, n: int, rounds: int, start: np.ndarray) -> "Sessions":
        """n sessions as the start state holds them, its `start` units recorded."""
        f, p = len(t.ids), len(t.project_ids)
        zeros = lambda *shape: np.zeros(shape, dtype=np.int64)  # noqa: E731
        return cls(
            present=np.repeat(t.present[None], n, axis=0),
            money_delta=zeros(n, f), minutes_delta=zeros(n, f), spent=zeros(n, f),
            sector_mult=np.ones((n,) + t.base.shape[1:]),
            cards=np.full((n, rounds + 1), -1, dtype=np.int64),
            run=np.zeros((n, p), dtype=bool), done=np.zeros((n, p), dtype=bool),
            start=zeros(n, p), place=zeros(n, p),
            money=zeros(n, p, f), minutes=zeros(n, p, f),
            part=np.zeros((n, p, f), dtype=bool), has=np.zeros((n, p, f), dtype=bool),
            trajectory=[np.repeat(start[None], n, axis=0)],
        )

    def changed(self, rows) -> None:
        """The running projects or who takes part changed in these sessions: their stack is built
        anew when next asked for."""
        if self.stacked is not None:
            if self.restack is None:
                self.restack = np.zeros(self.count, dtype=bool)
            self.restack[rows] = True

    @property
    def count(self) -> int:
        return self.present.shape[0]

    def take(self, rows: np.ndarray) -> "Sessions":
        """The sessions `rows` (a row may come several times: sessions that part ways here)."""
        out = Sessions(**{name: (value[rows] if isinstance(value, np.ndarray) else value)
                          for name, value in vars(self).items() if name not in ("trajectory", "stacked", "appended")},
                       trajectory=[a[rows] for a in self.trajectory],
                       appended=[(mask[rows], p) for mask, p in self.appended])
        if self.stacked is not None:
            mult, applied = self.stacked
            out.stacked = (mult[rows], None if applied is None else applied[rows])
        return out

