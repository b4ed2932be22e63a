"""`bve footprint`: a trainer's what-if, and `bve scenario upgrade`, on good and bad input."""

import orjson
import pytest

from engine.scenario.load import load_scenario, validate_text
from engine.state import initial_state
from engine import actions as A
from engine.rules import apply
from engine.whatif import household_footprint, taking_part
from game.cli import main
from tests.conftest import MINI, ROOT

MINI_V2 = ROOT / "tests" / "data" / "mini-v2.toml"
TRIPLE = {"co2_kg", "energy_kwh", "biosphere_m2"}


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_what_if_json_has_the_documented_shape(capsys):
    code, out, _ = run(capsys, "footprint", "--scenario", MINI_V2, "--family", "martin", "--projects",
                       "car-sharing,heat-pumps,wood-boilers,home-sharing", "--json")
    data = orjson.loads(out)
    assert code == 0 and data["family"] == "martin" and data["energy_basis"] == "primary"
    assert list(data["sectors"]) == ["housing", "food", "mobility", "goods", "services"]
    assert list(data["sectors"]["mobility"]["components"]) == ["car", "public_transport", "plane"]
    assert set(data["total"]) == TRIPLE
    assert data["applied"] == ["car-sharing", "heat-pumps"]
    assert data["not_applied"] == {"wood-boilers": "excluded: its alternative 'heat-pumps' already applies",
                                   "home-sharing": "not eligible: 4 people, more than 3"}
    for sector in data["sectors"].values():  # exact sums: the figures are whole grams, Wh and cm²
        for name in TRIPLE:
            parts = sum(round(c[name] * 10_000) for c in sector["components"].values())
            floor = round(sector.get("public_floor", {}).get(name, 0) * 10_000)
            assert parts + floor == round(sector[name] * 10_000)
    for name in TRIPLE:
        assert sum(round(s[name] * 10_000) for s in data["sectors"].values()) == round(data["total"][name] * 10_000)


def test_what_if_of_a_profile_without_projects_is_its_balance(capsys):
    code, out, _ = run(capsys, "footprint", "--scenario", MINI_V2, "--profile", "flat", "--json")
    data = orjson.loads(out)
    assert code == 0 and data["profile"] == "flat" and data["applied"] == [] and data["not_applied"] == {}
    assert data["sectors"]["mobility"]["components"]["car"]["co2_kg"] == 0
    assert data["household"] == {"heating": "gas", "cars": 0, "diet": "vegetarian", "flights": 0, "area_m2": 30.0}


@pytest.mark.parametrize("argv, message", [
    (("--profile", "castle"), "unknown profile 'castle'"),
    (("--family", "nobody"), "unknown family 'nobody'"),
    (("--profile", "flat", "--family", "martin"), "give --profile or --family, not both"),
    (("--projects", "car-sharing,teleport"), "unknown project 'teleport'"),
])
def test_what_if_bad_input_is_a_clear_error(capsys, argv, message):
    code, _, err = run(capsys, "footprint", "--scenario", MINI_V2, *argv)
    assert code == 2 and message in err


def test_the_card_shows_the_what_if_numbers_for_the_chosen_family():
    scenario = load_scenario(MINI_V2)
    state = apply(apply(initial_state(scenario, 1), A.UseRoster()), A.Advance())
    for family in ("martin", "silva", "dupont"):
        spec = next(f for f in scenario.families if f.id == family)
        for project in ("car-sharing", "heat-pumps", "insulation"):
            alone = household_footprint(scenario, spec=spec)["total"]["co2_kg"]
            with_it = household_footprint(scenario, spec=spec, projects=[project])["total"]["co2_kg"]
            assert taking_part(state, project, family)[0] == pytest.approx(with_it - alone, abs=1e-6)


def test_upgrade_writes_a_version_2_file_that_passes_check(capsys, tmp_path):
    out = tmp_path / "mini-v2.toml"
    code, said, _ = run(capsys, "scenario", "upgrade", MINI, "--out", out)
    assert code == 0 and f"wrote {out}" in said
    scenario, issues = validate_text(out.read_text(encoding="utf-8"), str(out))
    assert scenario is not None and scenario.schema_version == 2 and not issues
    code, said, _ = run(capsys, "check", "--strict", out)
    assert code == 0, said
    code, _, err = run(capsys, "scenario", "upgrade", out, "--out", tmp_path / "again.toml")
    assert code == 2 and "already version 2" in err
    code, _, err = run(capsys, "scenario", "upgrade", tmp_path / "none.toml", "--out", tmp_path / "x.toml")
    assert code == 2 and "no such file" in err
