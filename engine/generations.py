"""Generations with a voice: what the children, the adults and the grandparents of each family give
and which of their own wishes the running projects serve.

The family stays the unit of money and of decision; a pledge of time may name the generation
that gives it, and a criterion the generation that voiced it. Hours are counted in whole minutes.
"""

from __future__ import annotations

from dataclasses import dataclass

from .debrief import serving  # codes matched at the finest level both give
from .resources import given
from .scenario import GENERATIONS
from .state import State
from .units import MINUTES


def generation_given(state: State, family_id: str, generation: str, skip: str | None = None) -> int:
    """Minutes a week a family's generation gives to running projects and open proposals."""
    return given(state, family_id, skip, generation).minutes


@dataclass(frozen=True)
class Wish:
    text: str
    code: str
    sense: str
    served_by: tuple[str, ...]  # project ids


@dataclass(frozen=True)
class GenerationShare:
    generation: str  # children | adults | seniors
    people: int
    hours_can: float | None  # hours a week it can give (None: the family gave no split)
    hours_given: float  # hours a week its pledges and commitments name
    projects: tuple[str, ...]  # the projects it gives time to
    wishes: tuple[Wish, ...]


def generation_shares(state: State, family_id: str) -> list[GenerationShare]:
    """Per generation the family has: people, hours it can give and gives, its wishes and who serves them."""
    family = state.family(family_id)
    if family is None:
        return []
    spec = family.spec
    served_by = dict(serving(state, family_id))  # criterion's position -> the projects that serve it
    out = []
    for generation in GENERATIONS:
        people = getattr(spec.members, generation)
        wishes = tuple(
            Wish(c.text, c.code, c.sense, tuple(served_by.get(i, ())))
            for i, c in enumerate(spec.criteria) if c.generation == generation
        )
        if not people and not wishes:
            continue
        projects = tuple(
            h.project for h in (*state.running, *state.proposals)
            if _named(h, family_id, generation)
        )
        can = spec.generation_minutes(generation)
        out.append(GenerationShare(
            generation=generation,
            people=people,
            hours_can=None if can is None else can / MINUTES,
            hours_given=generation_given(state, family_id, generation) / MINUTES,
            projects=projects,
            wishes=wishes,
        ))
    return out


def _named(holder, family_id: str, generation: str) -> bool:
    pledges = getattr(holder, "pledges", None)
    if pledges is None:
        if holder.completed:
            return False
        pledges = holder.commitments
    c = pledges.get(family_id)
    return c is not None and c.generation == generation and c.weekly_minutes > 0


def association_generations(state: State) -> dict[str, tuple[float, int, int]]:
    """Per generation across the association: (hours a week given, wishes served, wishes voiced)."""
    hours = {g: 0 for g in GENERATIONS}
    served = {g: 0 for g in GENERATIONS}
    voiced = {g: 0 for g in GENERATIONS}
    for f in state.present():
        for g in GENERATIONS:
            hours[g] += generation_given(state, f.id, g)
        for share in generation_shares(state, f.id):
            voiced[share.generation] += len(share.wishes)
            served[share.generation] += sum(1 for w in share.wishes if w.served_by)
    return {g: (hours[g] / MINUTES, served[g], voiced[g]) for g in GENERATIONS}
