"""Properties of the version-2 model (hypothesis), over every shipped scenario and the version-2
test scenario, random portfolios of running projects, random takers and random completions:

- no component factor is brought below its floor (or below its value before projects, if lower);
- an ineligible household's footprint never changes with the project it cannot reach;
- two alternatives never both apply to a household;
- a non-durable effect is gone once its project completes;
- a sector is the sum of its components (plus its floor), the total the sum of the sectors;
- no impossible footprint: every figure non-negative and finite, none above what no project could
  bring (the largest multiplier of each factor, over every project at once).
"""

from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine import gaia
from engine.effects import Taking, excludes, stack
from engine.scenario.load import load_scenario
from tests.conftest import ROOT, SCENARIOS

PATHS = SCENARIOS + [ROOT / "tests" / "data" / "mini-v2.toml", ROOT / "tests" / "data" / "mini.toml"]
_LOADED: dict[Path, object] = {}


def scenario_at(path: Path):
    if path not in _LOADED:
        _LOADED[path] = load_scenario(path)
    return _LOADED[path]


def households(scenario):
    """The preset roster and one household per profile: the spread a table may meet."""
    ids, factors, homes, people = [], [], [], []
    for f in scenario.families:
        ids.append(f"family:{f.id}")
        factors.append(gaia.family_factors(scenario, f))
        homes.append(gaia.household(scenario, f))
        people.append(f.members.total)
    for p in scenario.profiles:
        ids.append(f"profile:{p.id}")
        base = gaia.profile_factors(scenario, p.id)
        factors.append(base)
        homes.append(gaia.profile_household(scenario, p.id, base))
        people.append(2)
    return ids, np.stack(factors), homes, people


@st.composite
def portfolios(draw):
    path = draw(st.sampled_from(PATHS))
    scenario = scenario_at(path)
    ids, base, homes, people = households(scenario)
    chosen = draw(st.lists(st.sampled_from(range(len(scenario.projects))), unique=True, max_size=12))
    taking = []
    for j in chosen:
        who = draw(st.lists(st.sampled_from(ids), unique=True, min_size=1))
        taking.append(Taking(scenario.projects[j], who, draw(st.booleans())))
    return scenario, ids, base, homes, people, taking


FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(portfolios())
def test_no_factor_below_its_floor(case):
    scenario, ids, base, homes, people, taking = case
    after = stack(scenario, base, ids, homes, people, taking)
    lowest = gaia.factor_floors(scenario)
    if lowest is not None:
        assert (after >= np.minimum(base, lowest) - 1e-12).all()
    assert np.isfinite(after).all() and (after >= 0).all()


@FAST
@given(portfolios())
def test_an_ineligible_household_never_changes_with_the_project(case):
    scenario, ids, base, homes, people, taking = case
    reasons: dict = {}
    after = stack(scenario, base, ids, homes, people, taking, reasons)
    for n, t in enumerate(taking):
        without = stack(scenario, base, ids, homes, people, taking[:n] + taking[n + 1:])
        for i, fid in enumerate(ids):
            why = reasons.get((t.project.id, fid))
            if why is not None and why.startswith("not eligible"):
                # the project cannot reach it: the household is as if the project did not run
                assert np.array_equal(after[i], without[i]), (t.project.id, fid)


@FAST
@given(portfolios())
def test_two_alternatives_never_both_apply(case):
    scenario, ids, base, homes, people, taking = case
    reasons: dict = {}
    stack(scenario, base, ids, homes, people, taking, reasons)
    for i, fid in enumerate(ids):
        applied = [t.project.id for t in taking
                   if (t.participants is None or t.project.common_good or fid in t.participants)
                   and (t.project.id, fid) not in reasons]
        for a in applied:
            for b in applied:
                assert a == b or not excludes(scenario, a, b), (fid, a, b)


@FAST
@given(portfolios())
def test_a_non_durable_effect_is_gone_once_its_project_completes(case):
    scenario, ids, base, homes, people, taking = case
    after = stack(scenario, base, ids, homes, people, taking)
    # the same portfolio, each completed project holding only its durable effects, all running
    kept = [Taking(t.project.model_copy(update={"effects": [e for e in t.project.effects if e.durable]})
                   if t.completed else t.project, t.participants) for t in taking]
    assert np.array_equal(after, stack(scenario, base, ids, homes, people, kept))


@FAST
@given(portfolios())
def test_totals_are_sums_of_components_and_no_footprint_is_impossible(case):
    scenario, ids, base, homes, people, taking = case
    after = stack(scenario, base, ids, homes, people, taking)
    comps = gaia.component_units(scenario, after)
    sectors = gaia.sector_units(scenario, comps)
    floor = gaia.separate_floor_units(scenario)
    for s, sector in enumerate(scenario.sectors):
        rows = list(scenario.component_rows(sector.id))
        assert np.array_equal(comps[:, rows].sum(axis=1) + floor[s], sectors[:, s])
    assert (comps >= 0).all() and (sectors >= 0).all()
    # no stack of projects can do more than every project's largest multiplier at once
    most = np.ones(4)
    for p in scenario.projects:
        for e in p.effects:
            most[gaia.FACTOR_INDEX[e.factor]] *= max(1.0, e.multiplier)
    bound = gaia.component_units(scenario, base * most)
    assert (comps <= bound).all()
