"""The event deck: a seeded draw at each round's situation, and the closed list of effects.

The draw's outcome is logged as chance's action, so a replay applies the logged card and never
depends on the generator.
"""

from __future__ import annotations


import numpy as np

from . import gaia
from .state import State, replace



def round_rng(seed: int, round_number: int) -> np.random.Generator:
    return np.random.default_rng([seed, round_number])


def draw(state: State) -> str | None:
    """Which card chance draws for this round: by weight, from the seed and the round only."""
    deck = state.scenario.events
    if not deck:
        return None
    weights = np.array([e.weight for e in deck], dtype=np.float64)
    pick = round_rng(state.seed, state.round).choice(len(deck), p=weights / weights.sum())
    return deck[int(pick)].id


def apply_event(state: State, event_id: str) -> State:
    effect = state.scenario.event(event_id).effect
    kind = effect.kind
    if kind == "energy_price":
        families = tuple(
            replace(f, money_delta=f.money_delta + effect.monthly_eur_per_person * f.people) if f.present else f
            for f in state.families
        )
        return replace(state, families=families)
    if kind == "subsidy":
        return replace(state, subsidies=state.subsidies + ((effect.strategy, effect.project, effect.share),))
    if kind == "family_arrives":
        family = state.family(effect.family)
        if family is None or family.present:
            return state
        return state.with_family(replace(family, present=True))
    if kind == "family_leaves":
        return _leave(state, effect.family)
    if kind == "family_means":
        families = tuple(
            replace(
                f,
                money_delta=f.money_delta + (effect.monthly_eur or 0.0),
                hours_delta=f.hours_delta + (effect.weekly_hours or 0.0),
            )
            if f.present and effect.family in (None, f.id)
            else f
            for f in state.families
        )
        return replace(state, families=families)
    # sector_factor: a change for everyone, from now on
    mult = state.sector_mult.copy()
    mult[state.scenario.sector_index(effect.sector), gaia.FACTOR_INDEX[effect.factor]] *= effect.multiplier
    passing = state.passing
    if effect.rounds is not None:
        passing += ((state.round + effect.rounds - 1, effect.sector, effect.factor, effect.multiplier),)
    return replace(state, sector_mult=mult, passing=passing)


def expire(state: State) -> State:
    """At a new round's start, passing changes whose time is over are taken back."""
    over = [p for p in state.passing if p[0] < state.round]
    if not over:
        return state
    mult = state.sector_mult.copy()
    for _, sector, factor, multiplier in over:
        mult[state.scenario.sector_index(sector), gaia.FACTOR_INDEX[factor]] /= multiplier
    return replace(state, sector_mult=mult, passing=tuple(p for p in state.passing if p[0] >= state.round))


def _leave(state: State, family_id: str | None) -> State:
    """The named family leaves, or else the present family that joined last; one always stays."""
    present = state.present()
    if len(present) <= 1:
        return state
    leaving = state.family(family_id) if family_id else present[-1]
    if leaving is None or not leaving.present:
        return state
    return drop_family(state, leaving.id)


def drop_family(state: State, family_id: str) -> State:
    """A family leaves: its pledges, answers and commitments go with it."""
    family = state.family(family_id)
    proposals = tuple(
        replace(
            p,
            pledges={k: v for k, v in p.pledges.items() if k != family_id},
            answers={k: v for k, v in p.answers.items() if k != family_id},
        )
        for p in state.proposals
    )
    running = tuple(
        replace(
            r,
            commitments={k: v for k, v in r.commitments.items() if k != family_id},
            participants=tuple(f for f in r.participants if f != family_id),
        )
        for r in state.running
    )
    state = replace(state, proposals=proposals, running=running)
    return state.with_family(replace(family, present=False))
