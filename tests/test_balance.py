"""The balance explorer against a brute-force reference written with plain loops."""

from __future__ import annotations

import copy
import itertools
import tomllib
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.balance import BalanceReport, explore, render_text, write_chart
from engine.balance.front import FrontFilter, Rows, front_of
from engine.balance.model import EPS, build_roster
from engine.scenario import Scenario

from .conftest import MINI, SCENARIOS

MINI_DATA = tomllib.loads(MINI.read_text(encoding="utf-8"))
SECTORS = [s["id"] for s in MINI_DATA["sectors"]]
FACTOR = {"quantity": 0, "energy": 1, "carbon": 2, "land": 3}


# -- the reference ----------------------------------------------------------------------------

def snap_fp(x: float) -> float:
    return round(x * 1024) / 1024


def snap_cost(x: float) -> float:
    return round(x * 64) / 64


def reference(scenario: Scenario, roster_kind: str) -> dict:
    """The explorer's answers by brute force, with the version-2 rules written as plain loops:
    factors per component, effects on a component (or every component of their sector) for the
    households their eligibility and their project's admit, products held at the components'
    floors, alternatives never together, loans paid for their rounds only, primary energy."""
    roster = build_roster(scenario, roster_kind)
    fams = [(f.people, [[float(v) for v in row] for row in f.factors], f.skills, f.hours_week) for f in roster.families]
    n = len(fams)
    money_month = sum(f.money_month for f in roster.families)
    savings = sum(f.savings for f in roster.families)
    hours_week = sum(f.hours_week for f in roster.families)
    years = scenario.years.end - scenario.years.start
    per_round = scenario.years.years_per_round
    platform = scenario.platform
    projects = scenario.projects
    components = [c for _, c in scenario.components]
    energy = scenario.energy
    primary = [1.0 if energy is None or energy.basis != "primary" else energy.primary_factor(c.carrier)
               for c in components]
    floors = [[(c.floors.value(name) if c.floors is not None else None) or 0.0 for name in FACTOR]
              for c in components]
    floor = [0.0, 0.0, 0.0]
    for s in scenario.sectors:
        if s.floor:
            floor = [floor[0] + s.floor.co2_kg.value, floor[1] + s.floor.energy_kwh.value,
                     floor[2] + s.floor.biosphere_m2.value]

    def admits(condition, f):
        return condition is None or condition.why_not(f.household, round(f.people)) is None

    takers = []
    for p in projects:
        reach = [i for i, f in enumerate(roster.families) if p.common_good or admits(p.eligible, f)]
        if p.common_good or p.capacity.max >= len(reach):
            takers.append(set(reach))
            continue
        rows = sorted({k for e in p.effects for k in scenario.component_rows(e.sector, e.component)})
        household = {i: sum(fams[i][1][k][0] * fams[i][1][k][1] * fams[i][1][k][2] * fams[i][0] for k in rows)
                     for i in reach}
        order = sorted(reach, key=lambda i: (-household[i], i))
        takers.append(set(order[: p.capacity.max]))

    def skill_held(skill):
        return roster.any_skill or any(skill in skills for _, _, skills, _ in fams)

    def feasible(subset):
        chosen = [projects[j] for j in subset]
        ids = {p.id for p in chosen}
        for p in chosen:
            if not all(skill_held(s) for s in p.needs.skills) or p.capacity.min > n:
                return False
            if not all(q in ids for q in p.prerequisites):
                return False
            if any(q in ids for q in p.excludes) or any(p.id in o.excludes for o in chosen):
                return False
        monthly = sum(p.needs.monthly_eur for p in chosen)
        upfront = sum(p.needs.upfront_eur for p in chosen)
        time = sum(p.needs.weekly_hours + p.needs.setup_hours / 52 for p in chosen)
        cofund = 0.0
        if platform:
            for p in chosen:
                if p.strategy in platform.strategies:
                    cofund += min(platform.max_share * p.needs.upfront_eur, platform.envelope_per_round)
            cofund = min(cofund, platform.envelope_per_round * scenario.years.rounds)
        return monthly <= money_month + EPS and upfront - cofund <= savings + EPS and time <= hours_week + EPS

    def footprint(subset):
        total_people = sum(f[0] for f in fams)
        out = [0.0, 0.0, 0.0]
        for i, (people, factors, _, _) in enumerate(fams):
            product = [[1.0] * 4 for _ in factors]
            for j in subset:
                if i in takers[j]:
                    for e in projects[j].effects:
                        if admits(e.eligible, roster.families[i]):
                            for k in scenario.component_rows(e.sector, e.component):
                                product[k][FACTOR[e.factor]] *= e.multiplier
            share = people / total_people
            for k, row in enumerate(factors):
                q, e, c, land = (v * max(m, min(floors[k][x] / v, 1.0) if v > 0 else m)
                                 for x, (v, m) in enumerate(zip(row, product[k])))
                out[0] += share * q * e * c
                out[1] += share * q * e * primary[k]
                out[2] += share * q * land
        return [snap_fp(out[k] + floor[k]) for k in range(3)]

    def money_of(p):
        paying = years if p.needs.monthly_rounds is None else min(years, p.needs.monthly_rounds * per_round)
        return p.needs.monthly_eur * 12 * paying + p.needs.upfront_eur

    rows = []
    for size in range(len(projects) + 1):
        for subset in itertools.combinations(range(len(projects)), size):
            if not feasible(subset):
                continue
            mask = sum(1 << j for j in subset)
            money = snap_cost(sum(money_of(projects[j]) for j in subset))
            hours = snap_cost(sum(projects[j].needs.weekly_hours * 52 * years + projects[j].needs.setup_hours for j in subset))
            rows.append({"mask": mask, "fp": footprint(subset), "money": money, "hours": hours, "count": size})

    def ids(mask):
        return [p.id for j, p in enumerate(projects) if mask >> j & 1]

    targets = [snap_fp(scenario.targets.co2_kg.value), snap_fp(scenario.targets.energy_kwh.value),
               snap_fp(scenario.targets.biosphere_m2.value)]
    best = [min(rows, key=lambda r: (r["fp"][k], r["money"], r["hours"], r["count"], r["mask"])) for k in range(3)]
    reaching = [r for r in rows if r["fp"][0] <= targets[0]]
    cheapest = sorted(reaching, key=lambda r: (r["money"], r["hours"], r["fp"][0], r["count"], r["mask"]))[:5]

    points = {}
    for r in rows:
        key = (r["fp"][0], r["money"], r["hours"])
        if key not in points or (r["count"], r["mask"]) < (points[key]["count"], points[key]["mask"]):
            points[key] = r
    front = []
    for key, r in points.items():
        dominated = any(all(o <= s for o, s in zip(other, key)) and other != key for other in points)
        if not dominated:
            front.append(r)
    front.sort(key=lambda r: (r["money"], r["hours"], r["fp"][0]))
    in_front = 0
    for r in front:
        in_front |= r["mask"]
    if reaching:
        needed = (1 << len(projects)) - 1
        for r in reaching:
            needed &= r["mask"]
    else:
        baseline = footprint(())[0]
        band = best[0]["fp"][0] + 0.1 * (baseline - best[0]["fp"][0])
        needed = (1 << len(projects)) - 1
        for r in front:
            if r["fp"][0] <= band + 1e-9:
                needed &= r["mask"]
    return {
        "feasible": len(rows),
        "best": [(round(best[k]["fp"][k], 3), ids(best[k]["mask"])) for k in range(3)],
        "reachable": [best[k]["fp"][k] <= targets[k] for k in range(3)],
        "cheapest": [(ids(r["mask"]), round(r["money"], 2), round(r["hours"], 2), round(r["fp"][0], 3))
                     for r in cheapest],
        "pareto": [(ids(r["mask"]), round(r["fp"][0], 3), round(r["money"], 2), round(r["hours"], 2)) for r in front],
        "never_useful": [p.id for j, p in enumerate(projects) if not in_front >> j & 1],
        "always_needed": ids(needed),
    }


def summary(report: BalanceReport) -> dict:
    t = [report.targets[name] for name in ("co2", "energy", "biosphere")]
    return {
        "feasible": report.feasible,
        "best": [(x["best"]["value"], x["best"]["projects"]) for x in t],
        "reachable": [x["reachable"] for x in t],
        "cheapest": [(e["projects"], e["money_eur"], e["hours"], e["co2_kg"]) for e in report.cheapest],
        "pareto": [(e["projects"], e["co2_kg"], e["money_eur"], e["hours"]) for e in report.pareto],
        "never_useful": report.never_useful,
        "always_needed": report.always_needed,
    }


# -- scenarios built from mini's numbers -------------------------------------------------------

def scenario_of(data: dict) -> Scenario:
    return Scenario.model_validate(data)


@st.composite
def catalogues(draw):
    data = copy.deepcopy(MINI_DATA)
    templates = data["projects"]
    count = draw(st.integers(3, 8))
    projects = []
    for i in range(count):
        p = copy.deepcopy(templates[i % len(templates)])
        p["id"] = f"p{i}"
        p["strategy"] = draw(st.sampled_from(["sobriety", "efficiency", "decarbonisation"]))
        p["common_good"] = draw(st.booleans())
        effects = []
        for _ in range(draw(st.integers(1, 2))):
            effects.append({
                "sector": draw(st.sampled_from(SECTORS)),
                "factor": draw(st.sampled_from(list(FACTOR))),
                "multiplier": draw(st.integers(0, 30)) * 0.05,
                "estimate": "test",
            })
        p["effects"] = effects
        p["sectors"] = sorted({e["sector"] for e in effects})
        p["needs"] = {
            "monthly_eur": draw(st.integers(0, 15)) * 10.0,
            "upfront_eur": draw(st.integers(0, 16)) * 250.0,
            "setup_hours": float(draw(st.integers(0, 60))),
            "weekly_hours": draw(st.integers(0, 8)) * 0.5,
            "skills": draw(st.lists(st.sampled_from(["organising", "gardening"]), max_size=1)),
            "estimate": "test",
        }
        low = draw(st.sampled_from([1, 1, 2, 3]))
        p["capacity"] = {"min": low, "max": draw(st.integers(low, 5))}
        p["prerequisites"] = draw(st.lists(st.sampled_from([f"p{k}" for k in range(i)]), max_size=1)) if i else []
        p.pop("variants", None)
        projects.append(p)
    data["projects"] = projects
    for f in data["families"]:
        f["money_month"] = draw(st.integers(0, 50)) * 10.0
        f["savings"] = draw(st.integers(0, 16)) * 500.0
        f["hours_week"] = float(draw(st.integers(0, 10)))
    if draw(st.booleans()):
        data["platform"]["envelope_per_round"] = draw(st.integers(0, 10)) * 500.0
        data["platform"]["max_share"] = draw(st.integers(0, 10)) / 10
    else:
        del data["platform"]
    data["events"] = [e for e in data["events"] if e["id"] != "solar-grant"]
    if draw(st.booleans()):  # within reach of these small catalogues, so that "cheapest" has entries
        data["targets"]["co2_kg"]["value"] = float(draw(st.integers(60, 90)) * 100)
    return scenario_of(data)


# -- tests ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def mini_scenario():
    return scenario_of(copy.deepcopy(MINI_DATA))


@pytest.mark.parametrize("roster", ["preset", "profile-mix"])
def test_mini_matches_reference(mini_scenario, roster):
    report = explore(mini_scenario, roster, pareto_cap=None)
    assert summary(report) == reference(mini_scenario, roster)
    # profile-mix: two families at the median cannot pay for car-sharing nor find time for solar
    assert report.portfolios_evaluated == {"preset": 8, "profile-mix": 2}[roster]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues(), st.sampled_from(["preset", "profile-mix"]), st.sampled_from([1, 8, 1 << 16]))
def test_random_catalogues_match_reference(scenario, roster, chunk):
    report = explore(scenario, roster, pareto_cap=None, chunk=chunk)
    assert summary(report) == reference(scenario, roster)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues())
def test_wide_beam_finds_what_the_exhaustive_walk_finds(scenario):
    walked = explore(scenario, pareto_cap=None)
    searched = explore(scenario, pareto_cap=None, exhaustive_limit=-1, beam_width=1 << 12)
    assert searched.method == "beam" and walked.method == "exhaustive"
    assert summary(searched) == summary(walked)


def test_narrow_beam_stays_sound(mini_scenario):
    data = copy.deepcopy(MINI_DATA)
    base = data["projects"][1]
    data["projects"] = [dict(copy.deepcopy(base), id=f"g{i}", prerequisites=[],
                             effects=[dict(base["effects"][0], multiplier=0.9 + i / 200)],
                             needs=dict(base["needs"], upfront_eur=100.0 * i, weekly_hours=0.5, skills=[]))
                        for i in range(10)]
    scenario = scenario_of(data)
    walked = summary(explore(scenario, pareto_cap=None))
    searched = summary(explore(scenario, pareto_cap=None, exhaustive_limit=4, beam_width=8))
    # a narrow beam sees fewer portfolios, never a better one than the whole walk
    assert searched["feasible"] <= walked["feasible"]
    for (value, _), (best, _) in zip(searched["best"], walked["best"]):
        assert value >= best
    assert searched["best"][0] == walked["best"][0]


def shipped_subset(path, size=8):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    kept = data["projects"][:size]
    ids = {p["id"] for p in kept}
    for p in kept:
        p["prerequisites"] = [q for q in p.get("prerequisites", []) if q in ids]
    data["projects"] = kept
    data["events"] = [e for e in data.get("events", []) if e["effect"].get("project") in (None, *ids)]
    return scenario_of(data)


def one_component_per_sector(scenario) -> bool:
    """The version-1 reference above reads one row per sector: it holds only for such files."""
    return all(len(scenario.component_rows(s.id)) == 1 for s in scenario.sectors)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_shipped_scenarios_first_projects_match_reference(path):
    scenario = shipped_subset(path)
    if not one_component_per_sector(scenario):
        for roster in ("preset", "profile-mix"):
            explorer_agrees_with_game_model(scenario, roster)
        return
    for roster in ("preset", "profile-mix"):
        assert summary(explore(scenario, roster, pareto_cap=None)) == reference(scenario, roster)


# -- the front on its own -----------------------------------------------------------------------

def brute_front(points):
    keys = {}
    for i, (c, m, h, mask) in enumerate(points):
        k = (c, m, h)
        if k not in keys or (bin(mask).count("1"), mask) < (bin(points[keys[k]][3]).count("1"), points[keys[k]][3]):
            keys[k] = i
    return sorted(
        points[i][3] for k, i in keys.items()
        if not any(all(o <= s for o, s in zip(other, k)) and other != k for other in keys)
    )


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30), st.integers(0, 30)), min_size=1, max_size=300),
       st.integers(0, 2**32))
def test_front_of_many_ties(points, seed):
    rng = np.random.default_rng(seed)
    masks = rng.permutation(len(points)).astype(np.uint64) * np.uint64(7)
    rows = Rows(masks, np.array([[c, 0, 0] for c, _, _ in points], dtype=float),
                np.array([m for _, m, _ in points], dtype=float), np.array([h for _, _, h in points], dtype=float))
    expected = brute_front([(c, m, h, int(k)) for (c, m, h), k in zip(points, masks)])
    assert sorted(int(m) for m in front_of(rows).mask) == expected
    streamed = FrontFilter(30.0, 30.0)
    for part in np.array_split(np.arange(len(points)), 5):
        streamed.add(rows.take(part))
    assert sorted(int(m) for m in streamed.front().mask) == expected


def test_front_filter_compacts(monkeypatch):
    import engine.balance.front as bf

    monkeypatch.setattr(bf, "_COMPACT_AT", 10)
    rng = np.random.default_rng(3)
    n = 2000
    rows = Rows(np.arange(n, dtype=np.uint64), rng.integers(0, 50, (n, 3)).astype(float),
                rng.integers(0, 50, n).astype(float), rng.integers(0, 50, n).astype(float))
    streamed = bf.FrontFilter(49.0, 49.0)
    for part in np.array_split(np.arange(n), 40):
        streamed.add(rows.take(part))
    assert sorted(streamed.front().mask.tolist()) == sorted(front_of(rows).mask.tolist())


# -- rosters, limits, report --------------------------------------------------------------------

def test_preset_roster_leaves_out_later_arrivals(mini_scenario):
    roster = build_roster(mini_scenario, "preset")
    assert [f.id for f in roster.families] == ["martin", "silva", "dupont"]
    assert roster.money_month == 440 and roster.savings == 10000 and roster.hours_week == 11


def test_profile_mix_takes_the_roster_medians(mini_scenario):
    roster = build_roster(mini_scenario, "profile-mix")
    assert [f.id for f in roster.families] == ["flat", "house"]
    family = roster.families[0]
    # medians over martin, silva, dupont, costa
    assert (family.people, family.money_month, family.savings, family.hours_week) == (3, 105, 2500, 3.5)
    assert family.skills == {"organising", "gardening"}


def test_no_roster_falls_back_to_profiles_with_defaults():
    data = copy.deepcopy(MINI_DATA)
    data["families"] = []
    data["events"] = [e for e in data["events"] if e["effect"]["kind"] != "family_arrives"]
    report = explore(scenario_of(data))
    assert report.roster["kind"] == "profile-mix" and "no preset roster" in report.roster["note"]
    assert "garden" not in report.unusable  # every skill is taken as available
    assert report.roster["money_month"] == 200  # two profiles at the default 100 a month


def test_unusable_projects_are_named_and_never_chosen():
    data = copy.deepcopy(MINI_DATA)
    data["activities"].append({"id": "welding", "name": {"fr": "Souder", "en": "Welding"}})
    data["projects"][0]["needs"]["skills"] = ["welding"]
    data["projects"][1]["capacity"] = {"min": 4, "max": 8}
    report = explore(scenario_of(data))
    assert set(report.unusable) == {"car-sharing", "garden", "solar"}  # solar needs the garden
    assert "welding" in report.unusable["car-sharing"] and "4 families" in report.unusable["garden"]
    assert report.portfolios_evaluated == 1 and report.feasible == 1
    assert report.never_useful == ["car-sharing", "garden", "solar"]


def test_json_shape(mini_scenario):
    out = explore(mini_scenario).to_json()
    assert {"portfolios_evaluated", "targets", "cheapest", "pareto", "never_useful", "always_needed", "floor"} <= set(out)
    assert set(out["targets"]) == {"co2", "energy", "biosphere"}
    for t in out["targets"].values():
        assert {"reachable", "best"} <= set(t) and {"value", "projects"} <= set(t["best"])
    assert out["floor"]["co2_kg"] == 1400
    assert out["floor"]["best_co2_kg_without_floor"] == out["targets"]["co2"]["best"]["value"] - 1400
    import orjson

    orjson.dumps(out)


def test_cheapest_reach_the_target_in_order():
    data = copy.deepcopy(MINI_DATA)
    data["targets"]["co2_kg"]["value"] = 8600.0
    report = explore(scenario_of(data))
    assert report.targets["co2"]["reachable"]
    assert report.cheapest and all(e["co2_kg"] <= 8600 for e in report.cheapest)
    keys = [(e["money_eur"], e["hours"]) for e in report.cheapest]
    assert keys == sorted(keys)
    assert report.cheapest[0]["projects"] == ["garden"]


def test_pareto_is_capped_and_sorted():
    path = next((p for p in SCENARIOS if p.stem == "fr-quartier"), None)
    if path is None:
        pytest.skip("no default scenario yet")
    scenario = shipped_subset(path, 14)
    report = explore(scenario, pareto_cap=12)
    assert len(report.pareto) <= 12 < report.pareto_points
    money = [e["money_eur"] for e in report.pareto]
    assert money == sorted(money)
    assert min(e["co2_kg"] for e in report.pareto) == report.targets["co2"]["best"]["value"]


@pytest.mark.parametrize("limit", [22, -1])
def test_progress_reaches_the_total(mini_scenario, limit):
    calls = []
    explore(mini_scenario, progress=lambda done, total: calls.append((done, total)), chunk=2, exhaustive_limit=limit)
    assert len(calls) > 1 and calls[-1][0] == calls[-1][1]
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    if limit == 22:
        assert calls[-1][1] == 8


def test_text_and_charts(mini_scenario, tmp_path):
    report = explore(mini_scenario)
    text = render_text(report)
    assert "Pareto front" in text and "Autopartage" in text and "1,400 kg" in text
    svg = tmp_path / "front.svg"
    write_chart(report, svg)
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    png = tmp_path / "front.png"
    write_chart(report, png)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(ValueError):
        write_chart(report, tmp_path / "front.gif")


# -- version 2: components, eligibility, alternatives, floors ---------------------------------

def test_explorer_agrees_with_the_game_model_on_a_version_2_scenario():
    """Every portfolio of mini-v2, evaluated by the explorer's vectorised arithmetic, against the
    game's own rules (engine.effects.stack) with the same takers: eligibility, floors, primary
    energy; portfolios holding two alternatives are never feasible."""
    from engine.balance.model import alternatives_apart, build_model
    from engine.balance.search import exhaustive
    from engine.balance.front import Tracker
    from engine.scenario.load import load_scenario

    from .conftest import ROOT

    scenario = load_scenario(ROOT / "tests" / "data" / "mini-v2.toml")
    model, fp = explorer_agrees_with_game_model(scenario, "preset")
    tracker = Tracker(model.targets, float(model.money_total.sum()), float(model.hours_total.sum()))
    exhaustive(model, tracker)
    front = tracker.front.front()
    assert len(front) and alternatives_apart(model, front.mask).all()
    both = (1 << scenario.projects.index(scenario.project("heat-pumps"))) | \
        (1 << scenario.projects.index(scenario.project("wood-boilers")))
    assert not alternatives_apart(model, np.array([both], dtype=np.uint64))[0]
    for row, mask in zip(front.fp, front.mask):  # the factorised walk agrees with the direct products
        assert row[0] == pytest.approx(fp[int(mask)][0], abs=1e-3)


def explorer_agrees_with_game_model(scenario, roster_kind):
    """Every portfolio of a small catalogue, evaluated by the explorer's vectorised arithmetic,
    against the game's own rules (engine.effects.stack) with the same takers."""
    from engine import gaia
    from engine.balance.model import alternatives_apart, build_model, evaluate_masks
    from engine.effects import Taking, stack

    roster = build_roster(scenario, roster_kind)
    model = build_model(scenario, roster)
    masks = np.arange(1 << model.size, dtype=np.uint64)
    fp, _ = evaluate_masks(model, masks)
    ids = [f.id for f in roster.families]
    homes = [f.household for f in roster.families]
    people = np.array([f.people for f in roster.families])
    base = np.stack([f.factors for f in roster.families])
    for mask in masks:
        chosen = [j for j in range(model.size) if int(mask) >> j & 1]
        taking = [Taking(scenario.projects[j], [ids[i] for i in np.flatnonzero(model.participants[j])]) for j in chosen]
        after = stack(scenario, base, ids, homes, [round(p) for p in people], taking)
        if not alternatives_apart(model, np.array([mask]))[0]:
            continue
        per_family = gaia.footprints(after, 0, gaia.primary_factors(scenario)).sum(axis=1)  # (F, 3)
        want = (per_family * people[:, None]).sum(axis=0) / people.sum() + gaia.public_floors(scenario).sum(axis=0)
        assert fp[int(mask)] == pytest.approx(want, rel=1e-9), [scenario.projects[j].id for j in chosen]
    return model, fp
