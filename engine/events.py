"""The event deck: a seeded draw at each round's situation, and the closed list of effects.

The draw's outcome is logged as chance's action, so a replay applies the logged card and never
depends on the generator. The draw itself is integer arithmetic on a SHA-256 of the seed and
the round, so it is the same on every machine and every Python and numpy version, and a replay
can check it.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from itertools import accumulate

from . import gaia
from .state import State, replace
from .units import cents, minutes

WEIGHT_UNITS = 1000  # a card's weight counts to the thousandth


def card_weights(state: State) -> list[int]:
    """The deck's weights as whole thousandths (at least 1: every card can come up)."""
    return [max(1, round(e.weight * WEIGHT_UNITS)) for e in state.scenario.events]


def ticket(seed: int, round_number: int) -> int:
    """A 128-bit number drawn from the seed and the round only."""
    digest = hashlib.sha256(f"bve-draw:{seed}:{round_number}".encode("ascii")).digest()
    return int.from_bytes(digest[:16], "big")


def draw(state: State) -> str | None:
    """Which card chance draws for this round: by weight, from the seed and the round only.

    The ticket modulo the total weight falls in one card's span of the weights laid end to end
    (the modulo's bias is below total / 2^128)."""
    deck = state.scenario.events
    if not deck:
        return None
    return deck[pick(card_ends(state), state.seed, state.round)].id


def card_ends(state: State) -> list[int]:
    """The deck's weights laid end to end: where each card's span ends."""
    return list(accumulate(card_weights(state)))


def pick(ends: list[int], seed: int, round_number: int) -> int:
    """The number of the card whose span the ticket falls in, modulo the total weight."""
    return bisect_right(ends, ticket(seed, round_number) % ends[-1])


def apply_event(state: State, event_id: str) -> State:
    effect = state.scenario.event(event_id).effect
    kind = effect.kind
    if kind == "energy_price":
        families = tuple(
            replace(f, money_delta_cents=f.money_delta_cents + cents(effect.monthly_eur_per_person) * f.people)
            if f.present else f
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
                money_delta_cents=f.money_delta_cents + cents(effect.monthly_eur or 0.0),
                hours_delta_minutes=f.hours_delta_minutes + minutes(effect.weekly_hours or 0.0),
            )
            if f.present and effect.family in (None, f.id)
            else f
            for f in state.families
        )
        return replace(state, families=families)
    # sector_factor: a change for everyone, from now on
    # (a component's factor when the card names one: a greener grid changes electricity, not
    # the embodied emissions of houses)
    mult = state.sector_mult.copy()
    rows = list(state.scenario.component_rows(effect.sector, effect.component))
    mult[rows, gaia.FACTOR_INDEX[effect.factor]] *= effect.multiplier
    passing = state.passing
    if effect.rounds is not None:
        # a component is written only when the card names one: version-1 states stay as they were
        named = (effect.component,) if effect.component is not None else ()
        passing += ((state.round + effect.rounds - 1, effect.sector, effect.factor, effect.multiplier, *named),)
    return replace(state, sector_mult=mult, passing=passing)


def expire(state: State) -> State:
    """At a new round's start, passing changes whose time is over are taken back."""
    over = [p for p in state.passing if p[0] < state.round]
    if not over:
        return state
    mult = state.sector_mult.copy()
    for _, sector, factor, multiplier, *component in over:
        rows = list(state.scenario.component_rows(sector, component[0] if component else None))
        mult[rows, gaia.FACTOR_INDEX[factor]] /= multiplier
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
