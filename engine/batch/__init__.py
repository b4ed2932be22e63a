"""Many bot sessions at once: the batch path of `bve simulate --runs`.

The engine plays a session one action at a time, checking each (engine/simulate.py). Here the
bots (policies.py) of many sessions play each phase together, on numpy arrays with one row per
session: tables.py holds what never changes, sessions.py what does; cards.py, ranking.py,
pledges.py and resolution.py play the phases; means.py counts money and time, stacking.py the
effects on the factors, counting.py the shares in whole units.

Each step follows the engine's rules and bots for the actions the bots take: the same whole
cents, minutes and grams, the same shares and ties, the same products of factors in the same
order. So both paths give each seed the same cards, adopted projects and trajectory, which
tests/test_batch.py checks on every shipped scenario. A session's digest needs its log, so only
the engine's path gives one.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from .. import actions as A
from ..bots import roster
from ..rules import apply
from ..runs import Run
from ..scenario import Scenario
from ..state import initial_state
from ..units import footprint_values
from .cards import apply_cards, drawn, expire
from .means import room
from .pledges import Round, covered, fund, offered, pledge, verdict
from .ranking import PROPOSED
from .resolution import resolve
from .stacking import footprint, record, running_order
from .policies import POLICIES
from .sessions import Sessions
from .tables import tables

CHUNK = 2048  # sessions played together: more of them share their first rounds (24 families: ~250 MB)


def started(scenario: Scenario, families: int | None):
    """The state every session shares before chance's first card: families in, round 1 opened."""
    state = initial_state(scenario, 0)
    if families is None and scenario.families:
        state = apply(state, A.UseRoster())
    else:
        for spec in roster(scenario, families):
            state = apply(state, A.AddFamily(family=spec))
    return apply(state, A.Advance())


def play_many(scenario: Scenario, seeds: list[int], families: int | None = None, policy: str = "greedy",
              on_done: Callable[[int], None] | None = None) -> list[Run]:
    """The runs of `seeds`, as engine.simulate.run_once gives them (without the log's digest);
    `on_done(n)` is told each time n runs are done."""
    start = started(scenario, families)
    t = tables(start)
    out = []
    for first in range(0, len(seeds), CHUNK):
        out += _chunk(t, start, seeds[first:first + CHUNK], policy)
        if on_done is not None:
            on_done(len(out))
    return out


def _chunk(t, start, seeds: list[int], policy: str) -> list[Run]:
    sc = t.scenario
    years = sc.years
    cards = drawn(t, seeds, years.rounds)
    bots = POLICIES[policy](seeds)
    # Greedy sessions that drew the same cards so far are the same session so far: each group of
    # them is played once, and parts ways when their cards do (the random bots' chances differ
    # from the first round, so each of their sessions is its own group).
    alone = bots.own_chances
    group = np.arange(len(seeds)) if alone else np.zeros(len(seeds), dtype=np.int64)
    s = Sessions.new(t, len(seeds) if alone else 1, years.rounds, np.array(start.trajectory[0][1:], dtype=np.int64))
    for r in range(1, years.rounds + 1):
        if alone:
            s.cards[:, r] = cards[:, r]
        else:
            _, first, parted = np.unique(group * (len(t.cards) + 1) + cards[:, r] + 1, return_index=True,
                                         return_inverse=True)
            s = s.take(group[first])
            s.cards[:, r] = cards[first, r]
            group = parted.reshape(-1)
        if r > 1:
            expire(t, s, r)
        apply_cards(t, s, r)
        bots.situation(t, s, r)
        proposals, who = bots.proposals(t, s, r, footprint(t, s, co2_only=True), start)
        rnd = Round(proposals, len(t.ids))
        left = room(t, s, r)
        for q in range(PROPOSED):
            money, savings, time, part, asks, cofund, fits = fund(t, s, r, rnd, q, who, left)
            made = offered(money, savings, time, part) & s.present & (rnd.project[:, q] >= 0)[:, None]
            asks, made = bots.keep(q, asks, made)
            rnd.cofund[:, q] = np.where(asks, cofund, 0)
            pledge(rnd, q, money, savings, time, part, made & fits)
        present = s.present.copy()  # who answers is known as the co-decision opens
        for q in range(PROPOSED):
            live = rnd.project[:, q] >= 0
            answers = bots.answers(t, s, np.maximum(rnd.project[:, q], 0), present & live[:, None])
            rnd.adopted[:, q] = covered(t, s, rnd, q) & verdict(t, s, rnd, q, answers)
        resolve(t, s, r, rnd)
        s.trajectory.append(record(t, s, footprint(t, s)[4]))
    step = (years.end - years.start) // years.rounds
    labels = [years.start] + years.round_years()
    runs = []
    order, counts = running_order(s.run, s.place)
    values = footprint_values(np.stack(s.trajectory, axis=1)).tolist()  # (groups, rounds + 1, 3)
    counts = counts.tolist()
    group = group.tolist()
    cards = cards.tolist()
    for i, seed in enumerate(seeds):
        g = group[i]
        rounds = [{"year": year, "co2_kg": round(c, 3), "energy_kwh": round(e, 3), "biosphere_m2": round(b, 4)}
                  for year, (c, e, b) in zip(labels, values[g])]
        runs.append(Run(
            seed=seed, digest=None,
            adopted=[t.project_ids[p] for p in order[g, :counts[g]].tolist()],
            rounds=rounds,
            cards=[{"round": r, "year": years.start + (r - 1) * step,
                    "event": t.card_ids[cards[i][r]] if cards[i][r] >= 0 else None}
                   for r in range(1, years.rounds + 1)],
        ))
    return runs
