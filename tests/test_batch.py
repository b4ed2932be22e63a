"""The batch path of `bve simulate --runs` against the engine's, seed by seed: the same cards,
the same adopted projects in the same order, the same trajectory to the gram, on every shipped
scenario, with the preset roster and with twelve families, for both bot policies."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.batch import play_many
from engine.batch.counting import allocate, apportion
from engine.scenario.load import load_scenario
from engine.sharing import allocate as engine_allocate
from engine.simulate import run_once
from engine.units import apportion as engine_apportion
from tests.conftest import MINI, SCENARIOS

SEEDS = 36


def _same(path, seeds, families=None, policy="greedy", rules=None, change=None):
    scenario = load_scenario(path)
    if rules:  # the shipped scenarios all co-decide by consent and share by means
        scenario = scenario.model_copy(update={"rules": scenario.rules.model_copy(update=rules)})
    if change:
        scenario = scenario.model_copy(update=change(scenario))
    text = path.read_text(encoding="utf-8")
    batch = play_many(scenario, seeds, families=families, policy=policy)
    engine = [run_once(scenario, text, seed, families=families, policy=policy) for seed in seeds]
    for a, b in zip(batch, engine, strict=True):
        assert a.seed == b.seed
        assert a.cards == b.cards, a.seed
        assert a.adopted == b.adopted, (a.seed, a.adopted, b.adopted)
        assert a.rounds == b.rounds, (a.seed, [(x, y) for x, y in zip(a.rounds, b.rounds) if x != y])
    return batch


@pytest.mark.parametrize("families", [None, 12], ids=["roster", "twelve"])
@pytest.mark.parametrize("path", SCENARIOS + [MINI], ids=lambda p: p.stem)
def test_greedy_sessions_play_the_same_in_a_batch(path, families):
    runs = _same(path, list(range(SEEDS)), families)
    # the comparison is worth something only if chance changes the sessions
    assert len({tuple(r.adopted) for r in runs}) > 1 or len({str(r.rounds) for r in runs}) > 1
    assert any(r.adopted for r in runs)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_random_sessions_play_the_same_in_a_batch(path):
    runs = _same(path, list(range(100, 112)), None, "random")
    assert len({tuple(r.adopted) for r in runs}) > 1


@pytest.mark.parametrize("policy", ["greedy", "random"])
@pytest.mark.parametrize("sharing, decision", [("equal", "unanimity"), ("by_benefit", "majority"),
                                               ("by_means", "two_thirds")])
def test_every_sharing_and_decision_rule_plays_the_same(sharing, decision, policy):
    path = next(p for p in SCENARIOS if p.stem == "fr-quartier")
    runs = _same(path, list(range(8)), None, policy, {"sharing": sharing, "decision": decision})
    assert any(r.adopted for r in runs)


@pytest.mark.parametrize("policy", ["greedy", "random"])
@pytest.mark.parametrize("change", [lambda sc: {"events": []}, lambda sc: {"projects": sc.projects[:2]}],
                         ids=["no-deck", "two-projects"])
def test_an_empty_deck_and_a_short_catalogue_play_the_same(change, policy):
    runs = _same(MINI, list(range(6)), None, policy, change=change)
    assert any(r.adopted for r in runs)


@pytest.mark.slow
@pytest.mark.parametrize("policy", ["greedy", "random"])
@pytest.mark.parametrize("families", [None, 12], ids=["roster", "twelve"])
@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_a_larger_sweep_plays_the_same(path, families, policy):
    _same(path, list(range(1000, 1200)), families, policy)


def test_a_batch_is_cut_into_chunks_without_changing_a_run(monkeypatch):
    import engine.batch as batch

    scenario = load_scenario(SCENARIOS[0])
    whole = play_many(scenario, list(range(10)))
    monkeypatch.setattr(batch, "CHUNK", 3)
    seen = []
    cut = play_many(scenario, list(range(10)), on_done=seen.append)
    assert [r.as_dict() for r in cut] == [r.as_dict() for r in whole]
    assert seen == [3, 6, 9, 10]


ids = st.lists(st.integers(0, 10**7), min_size=1, max_size=9)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10**7), ids, st.data())
def test_the_batch_apportions_as_the_engine(total, weights, data):
    n = len(weights)
    valid = data.draw(st.lists(st.booleans(), min_size=n, max_size=n))
    names = data.draw(st.permutations([f"f{i:02d}" for i in range(n)]))
    rank = np.argsort(np.argsort(np.array(names)))
    expected = engine_apportion(total, {names[i]: weights[i] for i in range(n) if valid[i]})
    got = apportion(np.array([total]), np.array([weights]), np.array([valid]), rank)[0]
    assert {names[i]: int(got[i]) for i in range(n) if valid[i]} == expected
    assert not got[~np.array(valid)].any()


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10**6), st.data())
def test_the_batch_allocates_as_the_engine(need, data):
    n = data.draw(st.integers(1, 9))
    caps = data.draw(st.lists(st.integers(0, 10**6), min_size=n, max_size=n))
    weights = data.draw(st.lists(st.integers(0, 10**6), min_size=n, max_size=n))
    valid = data.draw(st.lists(st.booleans(), min_size=n, max_size=n))
    names = data.draw(st.permutations([f"f{i:02d}" for i in range(n)]))
    rank = np.argsort(np.argsort(np.array(names)))
    expected = engine_allocate(need, {names[i]: caps[i] for i in range(n) if valid[i]},
                               {names[i]: weights[i] for i in range(n) if valid[i]})
    got = allocate(np.array([need]), np.array([caps]), np.array([weights]), np.array([valid]), rank)[0]
    assert {names[i]: int(got[i]) for i in range(n) if valid[i]} == expected
