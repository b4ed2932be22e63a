"""The Gaïa arithmetic against values computed by hand."""

import numpy as np
import pytest

from engine import gaia


def test_worked_example_of_the_design_car_sharing():
    # DESIGN §3: 9,000 km × 0.55 kWh/km × 0.27 kg/kWh, then × 0.7 for car-sharing participants
    factors = np.array([[9000.0, 0.55, 0.27, 0.0]])
    before = gaia.footprints(factors, np.zeros((1, 3)))
    assert before[0, gaia.CO2] == pytest.approx(1336.5)
    assert before[0, gaia.ENERGY] == pytest.approx(4950.0)
    after = gaia.footprints(factors * [0.7, 1, 1, 1], np.zeros((1, 3)))
    assert after[0, gaia.CO2] == pytest.approx(935.55)


def test_three_footprints_and_floor_are_added_per_sector():
    factors = np.array([[40.0, 150.0, 0.2, 1.0], [700.0, 5.0, 0.6, 5.0]])
    floor = np.array([[0.0, 0.0, 0.0], [1400.0, 4000.0, 1000.0]])
    fp = gaia.footprints(factors, floor)
    assert fp[0].tolist() == pytest.approx([40 * 150 * 0.2, 40 * 150, 40 * 1.0])
    assert fp[1].tolist() == pytest.approx([700 * 5 * 0.6 + 1400, 700 * 5 + 4000, 700 * 5 + 1000])


def test_mini_average_household_by_hand(mini):
    fp = gaia.Footprint(gaia.footprints(gaia.default_factors(mini), gaia.floors(mini)))
    # 40·150·0.2 + 700·5·0.6 + 10000·0.6·0.3 + 100·30·0.4 + 2000·0.5·0.2 + 1400
    assert fp.total[gaia.CO2] == pytest.approx(1200 + 2100 + 1800 + 1200 + 200 + 1400)
    d = fp.as_dict([s.id for s in mini.sectors])
    assert set(d["sectors"]) == {"housing", "food", "mobility", "goods", "services"}
    assert d["total"]["co2_kg"] == pytest.approx(7900)


def test_profile_overrides_replace_factors(mini):
    house = gaia.profile_factors(mini, "house")
    flat = gaia.profile_factors(mini, "flat")
    mob = mini.sector_index("mobility")
    assert house[mob, gaia.Q] == 15000 and flat[mob, gaia.Q] == 10000


def test_weighted_average_counts_people_in_whole_units():
    people = np.array([3, 1], dtype=np.int64)
    # (3·10 + 41) / 4 = 17.75 -> 18; halves go to even: 70 / 4 = 17.5 -> 18, 66 / 4 = 16.5 -> 16
    average = gaia.weighted_average(np.array([[10, 10, 10], [41, 40, 36]], dtype=np.int64), people)
    assert average.tolist() == [18, 18, 16]
    assert average.dtype == np.int64
    assert gaia.weighted_average(np.array([[5], [7]]), np.array([0, 0])).tolist() == [0]
