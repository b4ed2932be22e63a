"""Exact units and the rounding rules (engine/units.py), the sharing of costs, and chance's draw."""

from collections import Counter
from fractions import Fraction

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from engine import actions as A
from engine.events import draw
from engine.rules import apply
from engine.sharing import allocate
from engine.state import initial_state, replace
from engine.units import apportion, cents, divide, divide_array, footprint_units, minutes

IDS = st.sampled_from(["ana", "ben", "cleo", "dai", "eli", "fay"])
AMOUNTS = st.integers(min_value=0, max_value=10**9)


@given(st.integers(-10**12, 10**12), st.integers(1, 10**6))
def test_divide_is_the_nearest_integer_halves_to_even(n, d):
    q = divide(n, d)
    assert abs(Fraction(n, d) - q) <= Fraction(1, 2)
    assert q == round(Fraction(n, d))  # Fraction rounds halves to even too
    assert divide_array(np.array([n], dtype=np.int64), d).tolist() == [q]


@given(st.integers(0, 10**9))
def test_euros_and_hours_written_in_a_log_come_back_to_the_same_cents_and_minutes(units):
    assert cents(units / 100) == units
    assert minutes(units / 60) == units


@given(st.lists(st.floats(0, 1e12, allow_nan=False), min_size=3, max_size=3))
def test_footprints_become_whole_units_of_the_nearest_value(values):
    units = footprint_units(np.array([values]))[0]
    assert units.dtype == np.int64
    for u, v, scale in zip(units.tolist(), values, (1000, 1000, 10_000)):
        assert u >= 0 and abs(u - min(v * scale, 2**48)) <= 0.5


@given(AMOUNTS, st.dictionaries(IDS, st.integers(0, 10**6), min_size=1))
def test_apportion_adds_up_and_stays_within_a_unit_of_the_exact_share(total, weights):
    shares = apportion(total, weights)
    assert sum(shares.values()) == total
    weight_sum = sum(weights.values())
    for f, share in shares.items():
        exact = Fraction(total * weights[f], weight_sum) if weight_sum else Fraction(total, len(weights))
        assert exact - 1 < share < exact + 1


@given(AMOUNTS, st.dictionaries(IDS, AMOUNTS, min_size=1), st.dictionaries(IDS, st.integers(0, 10**7)))
def test_allocate_shares_exactly_what_the_caps_allow(need, caps, weights):
    alloc = allocate(need, caps, weights)
    assert set(alloc) == set(caps)
    assert all(type(a) is int and 0 <= a <= caps[f] for f, a in alloc.items())
    assert sum(alloc.values()) == min(need, sum(caps.values()))


@given(AMOUNTS, st.dictionaries(IDS, AMOUNTS, min_size=2))
def test_equal_sharing_differs_by_at_most_a_unit_between_uncapped_families(need, caps):
    alloc = allocate(need, caps, {f: 1 for f in caps})
    uncapped = [a for f, a in alloc.items() if a < caps[f]]
    if uncapped:
        assert max(uncapped) - min(uncapped) <= 1
        assert min(uncapped) >= max(alloc.values()) - 1  # nobody capped got more than them


def test_chance_draws_by_weight_from_the_seed_and_round_only(mini):
    state = apply(apply(initial_state(mini, 3), A.UseRoster()), A.Advance())
    assert draw(state) == draw(replace(state, notes=(("x", "y", "z"),)))
    counts = Counter(draw(replace(state, seed=seed, round=r)) for seed in range(400) for r in range(1, 6))
    weights = {e.id: e.weight for e in mini.events}
    total = sum(weights.values())
    assert set(counts) == set(weights)
    for card, weight in weights.items():  # 2,000 draws: each card within 25 % of its expected count
        expected = 2000 * weight / total
        assert abs(counts[card] - expected) < 0.25 * expected, (card, counts)
