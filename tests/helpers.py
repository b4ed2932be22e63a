"""Small builders shared by the engine tests."""

from engine import actions as A
from engine.rules import apply
from engine.state import initial_state


def play(state, *actions):
    for a in actions:
        state = apply(state, a)
    return state


def draw(state, event=None):
    """Chance's move, as the session makes it, with a chosen card."""
    return apply(state, A.DrawEvent(event=event))


def at_phase(scenario, phase, seed=1, event=None):
    """A state with the preset roster at round 1's given phase (the chosen card drawn)."""
    state = play(initial_state(scenario, seed), A.UseRoster(), A.Advance())
    state = draw(state, event)
    order = ["situation", "proposals", "pledges", "codecision"]
    for _ in range(order.index(phase)):
        state = apply(state, A.Advance())
    return state
