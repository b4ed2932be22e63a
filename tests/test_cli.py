"""The `bve` command on good and bad input: the documented shapes, exit codes, never a traceback."""

import subprocess
import sys

import orjson
import pytest

from game.cli import main
from tests.conftest import MINI, ROOT, SCENARIOS

DEFAULT = ROOT / "scenarios" / "fr-quartier.toml"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.name)
def test_every_shipped_scenario_passes_strict_check_and_plays_with_bots(capsys, path):
    code, out, _ = run(capsys, "check", "--strict", path)
    assert code == 0, out
    from engine.scenario.load import load_scenario

    years = load_scenario(path).years
    for bots in ("greedy", "random"):
        code, out, _ = run(capsys, "simulate", "--scenario", path, "--bots", bots, "--json")
        rounds = orjson.loads(out)["rounds"]
        assert code == 0 and len(rounds) == years.rounds + 1
        assert rounds[-1]["year"] == years.end
    assert len(SCENARIOS) >= 6


def test_footprint_json_of_the_default_scenario(capsys):
    code, out, _ = run(capsys, "footprint", "--json")
    data = orjson.loads(out)
    assert code == 0 and data["profile"] is None
    assert list(data["sectors"]) == ["housing", "food", "mobility", "goods", "services"]
    assert set(data["total"]) == {"co2_kg", "energy_kwh", "biosphere_m2"}
    # the published French average, about 9 t CO2e per person a year (ADEME), within 10 %
    assert 8100 <= data["total"]["co2_kg"] <= 9900
    assert data["total"]["co2_kg"] == pytest.approx(sum(s["co2_kg"] for s in data["sectors"].values()), abs=0.01)


def test_footprint_unknown_profile_is_a_clear_error(capsys):
    code, _, err = run(capsys, "footprint", "--profile", "castle")
    assert code == 2 and "unknown profile 'castle'" in err


def test_simulate_json_shape_and_determinism(capsys):
    code, out, _ = run(capsys, "simulate", "--scenario", MINI, "--seed", 4, "--json")
    data = orjson.loads(out)
    assert code == 0 and set(data) == {"seed", "digest", "adopted", "rounds", "cards"}
    assert [r["year"] for r in data["rounds"]] == [2025, 2030, 2035, 2040, 2045, 2050]
    assert set(data["rounds"][0]) == {"year", "co2_kg", "energy_kwh", "biosphere_m2"}
    _, again, _ = run(capsys, "simulate", "--scenario", MINI, "--seed", 4, "--json")
    assert orjson.loads(again)["digest"] == data["digest"]


def test_simulate_many_runs_gives_a_distribution(capsys):
    code, out, _ = run(capsys, "simulate", "--scenario", MINI, "--runs", 12, "--bots", "random", "--json")
    data = orjson.loads(out)
    assert code == 0 and data["runs"] == 12
    c = data["co2_kg_2050"]
    assert c["p10"] <= c["mean"] <= c["p90"]
    assert set(data["share_reaching"]) == {"co2", "energy", "biosphere"}


def test_simulate_log_replays_and_an_edit_is_named(capsys, tmp_path):
    log = tmp_path / "s.jsonl"
    code, out, _ = run(capsys, "simulate", "--scenario", MINI, "--families", 6, "--log", log, "--json")
    digest = orjson.loads(out)["digest"]
    code, out, _ = run(capsys, "replay", log, "--json")
    assert code == 0 and orjson.loads(out)["digest"] == digest
    lines = log.read_bytes().split(b"\n")
    lines[9] = lines[9].replace(b'"advance"', b'"undo"')
    log.write_bytes(b"\n".join(lines))
    code, _, err = run(capsys, "replay", log)
    assert code == 1 and f"{log}:10: " in err


def test_simulate_prints_the_cards_chance_drew_each_round(capsys, tmp_path):
    """The cards are those the session log records as chance's draws, one per round, in order."""
    log = tmp_path / "s.jsonl"
    code, out, _ = run(capsys, "simulate", "--scenario", MINI, "--seed", 7, "--log", log, "--json")
    cards = orjson.loads(out)["cards"]
    draws = [line["action"]["event"] for line in map(orjson.loads, log.read_bytes().splitlines())
             if line.get("actor") == "chance"]
    assert [c["event"] for c in cards] == draws and len(draws) == 5
    assert [(c["round"], c["year"]) for c in cards] == [(1, 2025), (2, 2030), (3, 2035), (4, 2040), (5, 2045)]
    code, out, _ = run(capsys, "simulate", "--scenario", MINI, "--seed", 7)
    names = {"energy-up": "L'énergie augmente", "solar-grant": "Aide au solaire",
             "newcomers": "Des voisins arrivent", "cold-winter": "Hiver froid"}
    shown = out[out.index("cards drawn:"):].splitlines()[1:]
    assert shown == [f"  round {c['round']} ({c['year']}): {c['event']}, {names[c['event']]}" for c in cards]


def test_simulate_without_a_roster_or_a_deck(capsys, tmp_path):
    text = MINI.read_text(encoding="utf-8")
    no_deck = tmp_path / "no-deck.toml"
    no_deck.write_text(text[: text.index("[[events]]")] + text[text.index("[platform]"):], encoding="utf-8")
    code, out, _ = run(capsys, "simulate", "--scenario", no_deck)
    assert code == 0 and out.count("none (the deck is empty)") == 5
    nobody = tmp_path / "nobody.toml"
    nobody.write_text(text[: text.index("[[events]]")] + text[text.index("[platform]"): text.index("[[families]]")],
                      encoding="utf-8")
    code, out, err = run(capsys, "simulate", "--scenario", nobody)
    assert code == 2 and not out and f"bve simulate: {nobody} has no preset families" in err


def test_bad_scenario_gives_file_line_errors_and_exit_2(capsys, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(MINI.read_text(encoding="utf-8").replace("rounds = 5", "rounds = 0"), encoding="utf-8")
    code, _, err = run(capsys, "simulate", "--scenario", bad)
    assert code == 2 and f"{bad}:14: years.rounds:" in err


def test_missing_files_never_show_a_traceback(capsys, tmp_path):
    for argv in (("footprint", "--scenario", tmp_path / "no.toml"), ("replay", tmp_path / "no.jsonl"),
                 ("check", tmp_path / "no.toml")):
        code, _, _ = run(capsys, *argv)
        assert code != 0


def test_the_installed_command_runs():
    out = subprocess.run([sys.executable, "-m", "game.cli", "footprint", "--scenario", str(MINI)],
                         capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.returncode == 0 and "7900 kg CO2e" in out.stdout


def test_balance_json_and_chart(capsys, tmp_path):
    chart = tmp_path / "front.svg"
    code, out, _ = run(capsys, "balance", MINI, "--json", "--chart", chart)
    data = orjson.loads(out)
    assert code == 0 and data["portfolios_evaluated"] == 2 ** 3
    assert set(data["targets"]) == {"co2", "energy", "biosphere"}
    assert {"reachable", "best"} <= set(data["targets"]["co2"])
    for key in ("cheapest", "pareto", "never_useful", "always_needed"):
        assert key in data
    assert chart.read_text(encoding="utf-8").lstrip().startswith("<")


def test_balance_refuses_an_unknown_chart_format(capsys, tmp_path):
    code, _, err = run(capsys, "balance", MINI, "--chart", tmp_path / "front.gif")
    assert code == 2 and ".svg or .png" in err
