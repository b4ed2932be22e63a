"""Predict, then reveal (DESIGN §3): the room's guess of the association's CO₂, against the result.

A guess is recorded before the resolution shows the new footprints (a `guess` action, kept with
the notes under the tag "guess"); the review puts it beside what the round gave.
"""

from __future__ import annotations

from .footprint import recorded
from .state import State


def guess(state: State, round_number: int | None = None) -> float | None:
    """The room's last guess for a round (this one by default), in kg of CO₂ per person a year."""
    wanted = state.round if round_number is None else round_number
    found = [float(text) for rnd, tag, text in state.notes if tag == "guess" and rnd == wanted]
    return found[-1] if found else None


def result(state: State, round_number: int | None = None) -> float | None:
    """The association's CO₂ per person recorded at that round's resolution."""
    wanted = state.round if round_number is None else round_number
    years = state.scenario.years.round_years()
    if not 1 <= wanted <= len(years):
        return None
    return next((co2 for year, co2, _, _ in recorded(state) if year == years[wanted - 1]), None)
