"""Scenario format version 2: components, households, eligibility, alternatives, floors,
durability; version-1 files read as one component per sector and play exactly as before."""

from pathlib import Path

import numpy as np
import pytest

from engine import gaia
from engine.effects import Taking
from engine.footprint import component_units, family_units, with_effects
from engine.scenario.load import load_scenario, validate_text
from engine.scenario.upgrade import UpgradeError, upgrade_text
from engine.state import Running, replace, to_dict
from tests.helpers import at_phase

DATA = Path(__file__).parent / "data"
MINI_V2 = DATA / "mini-v2.toml"


@pytest.fixture(scope="module")
def v2():
    return load_scenario(MINI_V2)


def scenario_from(text: str, name: str = "x.toml"):
    scenario, issues = validate_text(text, name)
    assert scenario is not None, [str(i) for i in issues]
    return scenario


def errors_of(text: str) -> list[str]:
    scenario, issues = validate_text(text, "x.toml")
    assert scenario is None
    return [str(i) for i in issues]


def running(state, project, participants, completed=False):
    return replace(state, running=state.running + (Running(project, 1.0, 1, {}, tuple(participants), None, completed),))


# -- version 1 reads as one component per sector --------------------------------------------

def test_a_version_1_sector_is_one_component_named_after_it(mini):
    assert [(sid, c.id) for sid, c in mini.components] == [(s.id, s.id) for s in mini.sectors]
    assert mini.component_rows("mobility") == mini.component_rows("mobility", "mobility") == (2,)


def test_an_upgraded_file_plays_the_same_footprints_to_the_gram(mini, mini_text):
    upgraded = scenario_from(upgrade_text(mini_text))
    assert upgraded.schema_version == 2 and all(s.components for s in upgraded.sectors)
    old = at_phase(mini, "proposals")
    new = at_phase(upgraded, "proposals")
    old, new = running(old, "car-sharing", ["martin"]), running(new, "car-sharing", ["martin"])
    assert np.array_equal(family_units(old), family_units(new))
    assert to_dict(old)["base_factors"] == to_dict(new)["base_factors"]


def test_upgrade_keeps_comments_and_refuses_a_version_2_file(mini_text):
    text = mini_text.replace('unit = "km"\n', 'unit = "km"\n# how far one person goes\n', 1)
    upgraded = upgrade_text(text)
    assert "# how far one person goes" in upgraded and "schema_version = 2" in upgraded
    assert upgraded.count("[[sectors.components]]") == 5
    with pytest.raises(UpgradeError, match="already version 2"):
        upgrade_text(upgraded)
    with pytest.raises(UpgradeError, match="not valid TOML"):
        upgrade_text("schema_version = = 1")


def test_a_family_spec_without_household_dumps_as_in_version_1(mini):
    dumped = mini.families[0].model_dump(mode="json")
    assert "household" not in dumped
    assert all("component" not in o for o in dumped["adjustments"])


# -- the format says what is wrong ------------------------------------------------------------

def test_components_need_version_2_and_version_2_needs_components(mini_text):
    upgraded = upgrade_text(mini_text)
    assert any("need 'schema_version = 2'" in e for e in errors_of(upgraded.replace("schema_version = 2", "schema_version = 1")))
    v1_sector_in_v2 = mini_text.replace("schema_version = 1", "schema_version = 2")
    assert any("bve scenario upgrade" in e for e in errors_of(v1_sector_in_v2))


def test_unknown_component_and_carrier_are_named_with_their_line():
    text = MINI_V2.read_text(encoding="utf-8")
    bad = text.replace('component = "plane", factor = "quantity", multiplier = 0.5',
                       'component = "planes", factor = "quantity", multiplier = 0.5')
    found = errors_of(bad)
    assert any("unknown component 'planes' of sector 'mobility' (known: car, public_transport, plane)" in e for e in found)
    line = bad[: bad.index('"planes"')].count("\n") + 1
    assert any(e.startswith(f"x.toml:{line}:") for e in found)
    assert any("unknown energy carrier 'coal'" in e for e in errors_of(text.replace('carrier = "gas"', 'carrier = "coal"')))


def test_floors_and_eligibility_say_what_is_missing():
    text = MINI_V2.read_text(encoding="utf-8")
    assert any("at least one factor" in e for e in errors_of(
        text.replace('floors = { quantity = 40, estimate', 'floors = { estimate')))
    assert any("'cars_max' must be at least 'cars_min'" in e for e in errors_of(
        text.replace("eligible = { cars_min = 1 }", "eligible = { cars_min = 2, cars_max = 1 }")))


# -- where a project really acts -------------------------------------------------------------

def test_a_sector_is_the_sum_of_its_components_and_its_floor(v2):
    state = at_phase(v2, "proposals")
    comps, sectors = component_units(state), family_units(state)
    floor = gaia.separate_floor_units(v2)
    for i, sector in enumerate(v2.sectors):
        rows = list(v2.component_rows(sector.id))
        assert np.array_equal(comps[:, rows].sum(axis=1) + floor[i], sectors[:, i])
    # the only floored sector has one component: its floor is counted with it, as in version 1
    market = v2.component_rows("services")[0]
    assert floor.sum() == 0 and (comps[:, market, 0] == 1_400_000 + 2000 * 0.5 * 0.2 * 1000).all()


def test_primary_energy_counts_each_carrier_and_leaves_co2_alone(v2):
    factors = gaia.default_factors(v2)
    plain = gaia.footprints(factors, 0)
    primary = gaia.footprints(factors, 0, gaia.primary_factors(v2))
    electricity = v2.component_rows("housing", "electricity")[0]
    construction = v2.component_rows("housing", "construction")[0]
    assert primary[electricity, 1] == pytest.approx(plain[electricity, 1] * 2.3)
    assert primary[construction, 1] == plain[construction, 1]  # no carrier: embodied, factor 1
    assert np.array_equal(primary[:, 0], plain[:, 0])


def test_car_sharing_leaves_a_car_less_family_as_it_was(v2):
    state = at_phase(v2, "proposals")
    silva = [f.id for f in state.families].index("silva")  # flat profile: no car
    martin = [f.id for f in state.families].index("martin")
    after = running(state, "car-sharing", ["silva", "martin"])
    assert np.array_equal(family_units(after)[silva], family_units(state)[silva])
    car = v2.component_rows("mobility", "car")[0]
    plane = v2.component_rows("mobility", "plane")[0]
    assert component_units(after)[martin, car, 0] < component_units(state)[martin, car, 0]
    assert component_units(after)[martin, plane, 0] == component_units(state)[martin, plane, 0]


def test_of_two_alternatives_only_the_first_adopted_applies(v2):
    state = at_phase(v2, "proposals")
    martin = [f.id for f in state.families].index("martin")
    heating = v2.component_rows("housing", "heating")[0]
    base = state.base_factors[martin, heating, gaia.C]
    reasons = {}
    both = with_effects(state, state.base_factors, [
        Taking(v2.project("heat-pumps"), ["martin"]), Taking(v2.project("wood-boilers"), ["martin"])], reasons)
    assert both[martin, heating, gaia.C] == pytest.approx(base * 0.3)
    assert reasons[("wood-boilers", "martin")] == "excluded: its alternative 'heat-pumps' already applies"


def test_a_wood_heated_home_gets_no_heat_pump(v2):
    state = at_phase(v2, "proposals")
    dupont = [f.id for f in state.families].index("dupont")  # wood profile
    reasons = {}
    after = with_effects(state, state.base_factors, [Taking(v2.project("heat-pumps"), ["dupont"])], reasons)
    assert np.array_equal(after[dupont], state.base_factors[dupont])
    assert reasons[("heat-pumps", "dupont")] == "not eligible: heated with wood, not gas or oil"


def test_stacked_effects_stop_at_the_floor(v2):
    state = at_phase(v2, "proposals")
    martin = [f.id for f in state.families].index("martin")
    heating = v2.component_rows("housing", "heating")[0]
    after = with_effects(state, state.base_factors, [Taking(v2.project("insulation"), ["martin"])])
    assert state.base_factors[martin, heating, gaia.E] * 0.25 < 35
    assert after[martin, heating, gaia.E] == 35


def test_a_non_durable_effect_is_gone_once_its_project_completes(v2):
    state = at_phase(v2, "proposals")
    martin = [f.id for f in state.families].index("martin")
    runs = running(state, "car-sharing", ["martin", "dupont"])
    done = running(state, "car-sharing", ["martin", "dupont"], completed=True)
    assert family_units(runs)[martin, :, 0].sum() < family_units(state)[martin, :, 0].sum()
    assert np.array_equal(family_units(done), family_units(state))
    kept = running(state, "insulation", ["martin"], completed=True)
    assert family_units(kept)[martin, :, 0].sum() < family_units(state)[martin, :, 0].sum()


def test_floor_area_per_person_is_read_from_the_balance_when_nobody_gives_it(v2):
    home = gaia.household(v2, v2.families[0])  # martin: house profile, 55 m²
    assert home.area_m2 == 55 and home.cars == 2 and home.heating == "oil"
    reasons = {}
    state = at_phase(v2, "proposals")
    with_effects(state, state.base_factors, [Taking(v2.project("home-sharing"), ["martin", "silva"])], reasons)
    assert reasons[("home-sharing", "martin", 0)] == "not eligible: 4 people, more than 3"
    assert reasons[("home-sharing", "silva", 0)] == "not eligible: 30 m² per person, less than 40"


# -- loans and renewal --------------------------------------------------------------------------

def test_a_loan_ends_after_its_rounds_while_the_work_goes_on(v2):
    from engine.resources import given, running_coverage
    from engine.state import PledgeT

    state = at_phase(v2, "proposals")  # round 1
    pledge = PledgeT(monthly_cents=20_000, weekly_minutes=0)
    loan = Running("insulation", 1.0, 1, {"martin": pledge}, ("martin",))
    state = replace(state, running=(loan,))
    assert given(state, "martin").money_cents == 20_000 and running_coverage(state, loan).covered
    later = replace(state, round=3)  # insulation: monthly_rounds = 2
    assert given(later, "martin").money_cents == 0
    assert running_coverage(later, loan).money_cents[1] == 0 and running_coverage(later, loan).covered


def test_a_completed_service_may_be_renewed_and_a_completed_insulation_not(v2):
    from engine import actions as A
    from engine.rules import Rejected, apply

    state = at_phase(v2, "proposals")
    state = replace(state, running=(Running("car-sharing", 1.0, 1, {}, ("martin",), None, True),
                                    Running("insulation", 1.0, 1, {}, ("martin",), None, True)))
    renewed = apply(state, A.Propose(project="car-sharing"))
    assert renewed.proposal("car-sharing") is not None
    with pytest.raises(Rejected):
        apply(state, A.Propose(project="insulation"))


def test_an_event_card_may_change_one_component_for_a_while(v2):
    from engine import actions as A
    from engine.events import expire
    from engine.footprint import event_factors
    from engine.rules import apply

    state = at_phase(v2, "situation", event="greener-grid")
    electricity = v2.component_rows("housing", "electricity")[0]
    heating = v2.component_rows("housing", "heating")[0]
    assert state.sector_mult[electricity, gaia.C] == 0.5 and state.sector_mult[heating, gaia.C] == 1
    assert state.passing == ((1, "housing", "carbon", 0.5, "electricity"),)
    assert np.array_equal(event_factors(state)[:, heating], state.base_factors[:, heating])
    later = expire(replace(state, round=2))
    assert later.passing == () and (later.sector_mult == 1).all()
    assert to_dict(later)["sector_mult"] == [[1.0] * 4] * len(v2.components)
    assert apply(state, A.Advance()).phase == "proposals"
