"""The persona table: every shipped profile's footprints per person a year, total and by sector,
kept as a golden file (tests/golden/personas.txt). A change of a factor, a profile or the model
shows up here line by line; regenerate with BVE_REGEN_GOLDEN=1 and review the differences.
"""

import os

from engine.scenario.load import load_scenario
from engine.whatif import household_footprint
from tests.conftest import ROOT, SCENARIOS

GOLDEN = ROOT / "tests" / "golden" / "personas.txt"


def persona_lines() -> list[str]:
    lines = ["# scenario / profile: CO2 t (sectors: t CO2e) | energy MWh | biosphere gha; basis of energy"]
    for path in SCENARIOS:
        scenario = load_scenario(path)
        lines.append(f"{scenario.territory.id} (energy: {household_footprint(scenario)['energy_basis']})")
        for profile in [None] + [p.id for p in scenario.profiles]:
            data = household_footprint(scenario, profile=profile)
            total = data["total"]
            split = " ".join(f"{sid} {s['co2_kg'] / 1000:.2f}" for sid, s in data["sectors"].items())
            lines.append(f"  {profile or '(average)'}: {total['co2_kg'] / 1000:.2f} t ({split}) | "
                         f"{total['energy_kwh'] / 1000:.1f} MWh | {total['biosphere_m2'] / 10_000:.2f} gha")
    return lines


def test_persona_table_is_as_recorded():
    lines = persona_lines()
    if os.environ.get("BVE_REGEN_GOLDEN"):
        GOLDEN.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert GOLDEN.exists(), "no persona table: run with BVE_REGEN_GOLDEN=1 and review it"
    expected = GOLDEN.read_text(encoding="utf-8").splitlines()
    for number, (got, want) in enumerate(zip(lines, expected), start=1):
        assert got == want, f"personas.txt:{number}: footprints changed"
    assert len(lines) == len(expected)


def test_every_persona_is_physically_possible():
    for path in SCENARIOS:
        scenario = load_scenario(path)
        for profile in [p.id for p in scenario.profiles]:
            total = household_footprint(scenario, profile=profile)["total"]
            assert 300 <= total["co2_kg"] <= 50_000, (path.name, profile)
            assert total["energy_kwh"] > 0 and total["biosphere_m2"] > 0, (path.name, profile)
