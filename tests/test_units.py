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


# -- nothing machine-dependent on the way to the state ----------------------------------------
FORBIDDEN = {"tensordot", "dot", "vdot", "inner", "einsum", "matmul", "fsum", "exp", "expm1", "log", "log1p",
             "log2", "log10", "power", "float_power", "mean", "average", "std", "var", "prod", "cumprod"}


def _engine_imports(path, root):
    """The engine modules a module imports (relative imports resolved to files)."""
    import ast

    out = []
    package = path.parent
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package
            for _ in range(node.level - 1):
                base = base.parent
            names = [node.module] if node.module else [a.name for a in node.names]
            for name in names:
                target = base.joinpath(*name.split("."))
                for candidate in (target.with_suffix(".py"), target / "__init__.py"):
                    if candidate.exists():
                        out.append(candidate)
    return out


def test_nothing_on_the_way_to_the_state_calls_blas_or_a_transcendental():
    """The modules the rules, the bots and the sessions import use no BLAS product (@, dot,
    tensordot, einsum...), no compensated or reordered float reduction (fsum, mean...) and no
    exp/log/pow, whose last bits depend on the machine or the library (the balance explorer, a
    separate tool, may)."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "engine"
    todo = [root / "rules.py", root / "bots.py", root / "simulate.py", root / "legal.py"]
    seen = set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        todo += _engine_imports(path, root)
    found = []
    for path in sorted(seen):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult):
                found.append(f"{path.name}:{node.lineno}: @")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in FORBIDDEN:
                found.append(f"{path.name}:{node.lineno}: {node.func.attr}()")
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow) and not all(
                    isinstance(side, ast.Constant) and type(side.value) is int for side in (node.left, node.right)):
                found.append(f"{path.name}:{node.lineno}: **")
    assert len(seen) > 10 and not found, found
