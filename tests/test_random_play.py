"""OpenSpiel's shared random-simulation test, over every shipped scenario.

Random legal actions to the end; at each step a copy equals the original, serialise/load
round-trips, and the budget invariants hold.
"""

import copy

import numpy as np
import pytest

from engine.legal import legal_actions
from engine.scenario.load import load_scenario
from engine.rules import apply
from engine.events import draw
from engine import actions as A
from engine.state import digest, from_dict, initial_state, to_dict
from tests.conftest import MINI, SCENARIOS
from tests.test_properties import assert_budgets


@pytest.mark.parametrize("path", [MINI, *SCENARIOS], ids=lambda p: p.name)
@pytest.mark.parametrize("seed", [1, 2])
def test_random_legal_play_to_the_end(path, seed):
    scenario = load_scenario(path)
    rng = np.random.default_rng(seed)
    state = initial_state(scenario, seed)
    steps = 0
    while not state.is_terminal and steps < 3000:
        if state.pending_draw:
            action = A.DrawEvent(event=draw(state))
        else:
            options = legal_actions(state)
            assert options, f"no legal action in {state.phase}"
            # lean towards moving on so that sessions end, but try everything on the way
            advance = [a for a in options if a.kind == "advance"]
            others = [a for a in options if a.kind not in ("advance", "undo")]
            if advance and (not others or rng.random() < 0.12):
                action = advance[0]
            elif rng.random() < 0.03 and any(a.kind == "undo" for a in options):
                action = A.Undo()
            else:
                action = others[int(rng.integers(len(others)))]
        new = apply(state, action)
        assert digest(copy.copy(new)) == digest(new)
        assert digest(from_dict(scenario, to_dict(new))) == digest(new)
        assert_budgets(new)
        state = new
        steps += 1
    assert state.is_terminal, f"session did not end in {steps} steps"
    assert len(state.trajectory) == scenario.years.rounds + 1
