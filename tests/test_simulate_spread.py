"""`bve simulate --runs R`: the spread per year, the shares reaching the targets, the projects
adopted most often, the chart and the progress bar, from the real command."""

from __future__ import annotations

import io
import struct
import xml.etree.ElementTree as ET
from contextlib import redirect_stdout
from fractions import Fraction

import numpy as np
import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.scenario.load import load_scenario
from engine.spread import percentile, spread
from game.cli import main
from tests import chromium
from tests.conftest import MINI

KEYS = (("co2_kg", 1000), ("energy_kwh", 1000), ("biosphere_m2", 10000))
SEEDS = range(5, 15)


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture(scope="module")
def each_run():
    """The per-run JSON of every seed, each from its own `bve simulate --seed N --json`."""
    out = []
    for seed in SEEDS:
        buffer = io.StringIO()
        with redirect_stdout(buffer):
            assert main(["simulate", "--scenario", str(MINI), "--bots", "random", "--seed", str(seed), "--json"]) == 0
        out.append(orjson.loads(buffer.getvalue()))
    return out


def spread_json(capsys, *extra):
    code, out, err = run(capsys, "simulate", "--scenario", MINI, "--bots", "random", "--seed", SEEDS[0],
                         "--runs", len(SEEDS), "--json", *extra)
    assert code == 0 and not err  # no progress bar off a terminal
    return orjson.loads(out)


def test_the_spread_agrees_with_statistics_recomputed_from_each_run(capsys, each_run):
    data = spread_json(capsys)
    scenario = load_scenario(MINI)
    years = scenario.years
    assert data["runs"] == len(SEEDS) and data["seeds"] == [SEEDS[0], SEEDS[-1]] and data["path"] == "batch"
    assert [y["year"] for y in data["years"]] == [r["year"] for r in each_run[0]["rounds"]]
    start = each_run[0]["rounds"][0]["co2_kg"]
    end_targets = {"co2_kg": scenario.targets.co2_kg.value, "energy_kwh": scenario.targets.energy_kwh.value,
                   "biosphere_m2": scenario.targets.biosphere_m2.value}
    for i, entry in enumerate(data["years"]):
        for key, scale in KEYS:
            values = np.array([r["rounds"][i][key] for r in each_run])
            half = 0.5 / scale + 1e-9  # each figure is rounded once to a whole gram, Wh or cm²
            got = entry[key]
            assert got["mean"] == pytest.approx(values.mean(), abs=half)
            for p in (10, 50, 90):
                assert got[f"p{p}"] == pytest.approx(np.percentile(values, p), abs=half)
            # the target: the end year's, else the straight line from the start to the CO2 target
            year = entry["year"]
            if year == years.end:
                target = end_targets[key]
            elif key == "co2_kg" and year > years.start:
                target = start + (end_targets["co2_kg"] - start) * (year - years.start) / (years.end - years.start)
            else:
                target = None
            assert entry["target"][key] == (None if target is None else pytest.approx(target))
            share = None if target is None else round(float(np.mean(values <= target + 1e-9)), 4)
            assert entry["reaching"][key] == share
    last = data["years"][-1]
    assert last["target"]["co2_kg"] == 2000 and last["reaching"]["co2_kg"] is not None
    # the first shape of this output stays
    assert data["co2_kg_2050"]["p10"] == pytest.approx(np.percentile([r["rounds"][-1]["co2_kg"] for r in each_run], 10),
                                                       abs=0.05 + 1e-9)
    assert data["share_reaching"]["biosphere"] == last["reaching"]["biosphere_m2"]
    # the projects adopted most often, and in how many runs
    counts = {}
    for r in each_run:
        for p in set(r["adopted"]):
            counts[p] = counts.get(p, 0) + 1
    assert {a["project"]: a["runs"] for a in data["adopted"]} == counts
    assert [a["runs"] for a in data["adopted"]] == sorted(counts.values(), reverse=True)
    assert all(a["share"] == round(a["runs"] / len(SEEDS), 4) for a in data["adopted"])
    assert len(counts) >= 2


def test_reference_plays_the_same_sessions(capsys):
    reference, batch = spread_json(capsys, "--reference"), spread_json(capsys)
    assert (reference.pop("path"), batch.pop("path")) == ("reference", "batch")
    assert reference == batch


def test_the_spread_does_not_depend_on_the_order_of_the_runs(mini, mini_text):
    from engine.simulate import run_many, run_once

    told = []
    runs = run_many(mini, mini_text, [3, 1, 2, 8], policy="random", on_done=told.append, batch=False)
    assert told == [1, 2, 3, 4]
    assert [r.digest for r in runs] == [run_once(mini, mini_text, s, policy="random").digest for s in (3, 1, 2, 8)]
    batch = run_many(mini, mini_text, [3, 1, 2, 8], policy="random")
    assert [r.seed for r in batch] == [3, 1, 2, 8] and all(r.digest is None for r in batch)
    assert [(r.adopted, r.rounds) for r in batch] == [(r.adopted, r.rounds) for r in runs]
    assert spread(runs, mini) == spread(runs[::-1], mini) == spread(runs[1:] + runs[:1], mini)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-10**12, 10**12), min_size=1, max_size=60), st.sampled_from((0, 10, 25, 50, 90, 100)))
def test_percentiles_are_numpys_rule_done_exactly(values, p):
    exact = percentile(sorted(values), p)
    assert isinstance(exact, Fraction) and min(values) <= exact <= max(values)
    assert float(exact) == pytest.approx(np.percentile(np.array(values, dtype=np.float64), p), rel=1e-12, abs=1e-3)


def test_the_text_in_english_and_french(capsys, monkeypatch):
    data = spread_json(capsys)
    last = data["years"][-1]
    code, out, err = run(capsys, "simulate", "--scenario", MINI, "--bots", "random", "--seed", SEEDS[0],
                         "--runs", len(SEEDS))
    assert code == 0 and not err
    assert out.startswith(f"{len(SEEDS)} runs, seeds {SEEDS[0]} to {SEEDS[-1]}, random bots: footprints per person")
    co2 = out[out.index("CO2, t CO2e per person:"):out.index("energy (")]
    row = next(line for line in co2.splitlines() if line.startswith("  2050"))
    c = last["co2_kg"]
    assert row.split()[:5] == ["2050"] + [f"{c[k] / 1000:.2f}" for k in ("mean", "p10", "p50", "p90")]
    assert row.endswith(f"target 2.00: reached in {last['reaching']['co2_kg']:.0%} of runs")
    assert "energy (final and embodied), MWh per person:" in out and "target 17.52: reached in" in out
    assert "biosphere, gha per person:" in out and "target 1.70: reached in" in out
    top = data["adopted"][0]
    assert "projects adopted most often (share of runs):" in out
    assert f"{top['share']:.0%}  {top['project']}, " in out and "Car-sharing" in out

    monkeypatch.setenv("BVE_LANG", "fr")
    code, out, _ = run(capsys, "simulate", "--scenario", MINI, "--bots", "random", "--seed", SEEDS[0],
                       "--runs", len(SEEDS))
    assert code == 0
    assert out.startswith(f"{len(SEEDS)} parties, graines {SEEDS[0]} à {SEEDS[-1]}, robots au hasard : empreintes")
    assert "CO2, t CO2e par personne :" in out and "biosphère, gha par personne :" in out
    assert f"cible 2.00 : atteinte dans {last['reaching']['co2_kg']:.0%} des parties" in out
    assert "projets adoptés le plus souvent (part des parties) :" in out and "Autopartage" in out
    assert "  année  moyenne" in out


def test_a_progress_bar_only_on_a_terminal(capsys, monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(["simulate", "--scenario", str(MINI), "--runs", "6", "--json"]) == 0
    shown = terminal.getvalue()
    assert "6/6" in shown and "sessions" in shown
    assert orjson.loads(capsys.readouterr().out)["runs"] == 6  # stdout keeps only the JSON


def series(root, name):
    found = [e for e in root.iter() if e.get("data-series") == name]
    assert len(found) == 1, name
    return [tuple(map(float, p.split(","))) for p in found[0].get("points").split()]


def test_the_svg_chart_has_the_band_the_median_and_the_target(capsys, tmp_path):
    data = spread_json(capsys)
    path = tmp_path / "spread.svg"
    code, out, err = run(capsys, "simulate", "--scenario", MINI, "--bots", "random", "--seed", SEEDS[0],
                         "--runs", len(SEEDS), "--chart", path)
    assert code == 0 and out.rstrip().endswith(f"chart written to {path}")
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    years = data["years"]
    band, median, target = series(root, "band"), series(root, "median"), series(root, "target")
    assert len(band) == 2 * len(years) and len(median) == len(years) == len(target)
    lows, highs = band[:len(years)], band[len(years):][::-1]
    xs = [x for x, _ in median]
    assert xs == sorted(xs) and [x for x, _ in lows] == xs == [x for x, _ in highs]
    for (_, y_low), (_, y_high), (_, y_mid) in zip(lows, highs, median):
        assert y_high <= y_mid <= y_low  # on screen a larger value sits higher
    # pixels are a linear map of kg: the median's spacing follows the figures
    kg = [y["co2_kg"]["p50"] for y in years]
    (x0, y0), (x1, y1) = median[0], median[-1]
    ys = [y for _, y in median]
    for value, y in zip(kg, ys):
        assert y == pytest.approx(y0 + (y1 - y0) * (value - kg[0]) / (kg[-1] - kg[0]), abs=0.15)
    assert target[-1][1] > median[-1][1]  # 2 t lies below where the runs end
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "target 2.00 t in 2050" in texts and "p10 to p90 of the runs" in texts

    # seen by a browser: the band, the median and the target line are on the page in their colours
    shot = tmp_path / "shot.png"
    chromium.run(f"--screenshot={shot}", "--window-size=900,560", path.resolve().as_uri())
    if not shot.exists():
        pytest.skip("Chromium wrote no screenshot")
    pixels = png_pixels(shot)
    for colour in ("#aed6f1", "#1f618d", "#c0392b"):
        rgb = np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)])
        assert (np.abs(pixels[..., :3].astype(int) - rgb).max(axis=-1) <= 8).sum() > 200, colour


def png_pixels(path):
    import pygame

    image = pygame.image.load(str(path))
    return np.transpose(pygame.surfarray.pixels3d(image), (1, 0, 2)).copy()


def test_the_png_chart_has_the_size_and_the_colours(capsys, tmp_path):
    path = tmp_path / "spread.PNG"
    code, _, _ = run(capsys, "simulate", "--scenario", MINI, "--runs", 5, "--chart", path, "--json")
    assert code == 0
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", head[16:24]) == (900, 560)
    pixels = png_pixels(path)
    assert pixels.shape == (560, 900, 3)
    for rgb in ((0xae, 0xd6, 0xf1), (0x1f, 0x61, 0x8d), (0xc0, 0x39, 0x2b)):
        assert (pixels == rgb).all(axis=-1).sum() > 100


def test_a_chart_it_cannot_write_is_a_clear_error(capsys, tmp_path):
    code, out, err = run(capsys, "simulate", "--scenario", MINI, "--runs", 3, "--chart", tmp_path / "spread.gif")
    assert code == 2 and not out and "bve simulate: --chart writes .svg or .png, not" in err and "spread.gif" in err
    code, out, err = run(capsys, "simulate", "--scenario", MINI, "--runs", 3, "--chart", tmp_path / "no" / "x.svg")
    assert code == 2 and not out and f"cannot write the chart to {tmp_path / 'no' / 'x.svg'}: no such folder" in err
    folder = tmp_path / "taken.svg"
    folder.mkdir()
    code, out, err = run(capsys, "simulate", "--scenario", MINI, "--runs", 3, "--chart", folder)
    assert code == 2 and "footprints per person" in out and f"cannot write the chart to {folder}: " in err
    code, out, err = run(capsys, "simulate", "--scenario", MINI, "--chart", tmp_path / "one.svg")
    assert code == 2 and not out and "use it with --runs R" in err
    assert not (tmp_path / "one.svg").exists()


def test_a_run_at_its_target_reaches_it_and_a_gram_more_does_not(mini):
    from engine.simulate import Run

    def run(seed, co2_2030, co2_2050):
        co2 = {2025: 8950.0, 2030: co2_2030, 2035: 7000.0, 2040: 6000.0, 2045: 5000.0, 2050: co2_2050}
        rounds = [{"year": y, "co2_kg": c, "energy_kwh": 17520.0, "biosphere_m2": 17000.0001} for y, c in co2.items()]
        return Run(seed=seed, digest=None, adopted=["garden"] if seed % 2 else [], rounds=rounds, cards=[])

    # the target line runs straight from 8,950 kg in 2025 to 2,000 kg in 2050: 7,560 kg in 2030
    runs = [run(0, 7560.0, 2000.0), run(1, 7560.001, 2000.001), run(2, 7559.999, 1999.999), run(3, 9000.0, 2500.0)]
    out = spread(runs, mini)
    by_year = {y["year"]: y for y in out["years"]}
    assert by_year[2030]["target"]["co2_kg"] == 7560.0 and by_year[2030]["reaching"]["co2_kg"] == 0.5
    assert by_year[2050]["reaching"] == {"co2_kg": 0.5, "energy_kwh": 1.0, "biosphere_m2": 0.0}
    assert by_year[2025]["reaching"] == {"co2_kg": None, "energy_kwh": None, "biosphere_m2": None}
    # each figure to the whole gram (numpy gives 1,999.9993, 2,000.0005 and 2,350.0003 kg; a half
    # gram goes to the even gram)
    assert by_year[2050]["co2_kg"] == {"mean": 2125.0, "p10": 1999.999, "p50": 2000.0, "p90": 2350.0}
    assert out["adopted"] == [{"project": "garden", "runs": 2, "share": 0.5}]


def test_a_milestone_bends_the_target_line(capsys, tmp_path):
    text = MINI.read_text(encoding="utf-8").replace(
        '[rules]', '[[targets.milestones]]\nyear = 2035\nco2_kg = 7000\n\n[rules]', 1)
    path = tmp_path / "milestone.toml"
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "simulate", "--scenario", path, "--runs", 4, "--json")
    assert code == 0
    line = {y["year"]: y["target"]["co2_kg"] for y in orjson.loads(out)["years"]}
    # 8,950 kg in 2025, 7,000 kg in 2035, 2,000 kg in 2050: straight between them
    assert line == {2025: None, 2030: 7975.0, 2035: 7000.0, 2040: pytest.approx(7000 - 5000 / 3),
                    2045: pytest.approx(7000 - 10000 / 3), 2050: 2000.0}
