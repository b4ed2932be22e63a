"""Well-being at the right grain: a project serves a criterion when their codes match at the
finest level both give (B02 with B02; a bare letter matches its whole dimension)."""

import pytest

from engine import actions as A
from engine.debrief import codes_match, coverage, serving
from engine.rules import apply
from engine.scenario import Criterion
from engine.state import Running, initial_state, replace


@pytest.mark.parametrize("served, criterion, match", [
    ("B02", "B02", True), ("B02", "B01", False), ("B", "B01", True), ("B01", "B", True),
    ("A", "A", True), ("A03", "B03", False), ("D", "A03", False), ("A01", "A03", False),
])
def test_codes_match_at_the_finest_level_both_give(served, criterion, match):
    assert codes_match(served, criterion) is match


def test_a_garden_does_not_serve_paying_less_for_heating(mini):
    state = apply(initial_state(mini, 1), A.UseRoster())
    martin = state.family("martin")
    spec = martin.spec.model_copy(update={"criteria": [
        Criterion(text="Payer moins cher le chauffage", code="A03"), Criterion(text="Manger sain", code="A01"),
        Criterion(text="Voir mes amis", code="D")]})
    state = state.with_family(replace(martin, spec=spec))
    # the garden serves A01 and D (mini.toml)
    state = replace(state, running=(Running("garden", 1.0, 1, {}, ("martin",)),))
    assert coverage(state, "martin") == pytest.approx(2 / 3)
    assert serving(state, "martin") == [(0, []), (1, ["garden"]), (2, ["garden"])]
