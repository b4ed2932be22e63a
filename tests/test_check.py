"""`bve check` and scenario loading: every problem reported, at the right line, in plain words.

Broken scenarios are variants of tests/data/mini.toml made by text substitution, so that they
stay in step with the schema; each test asserts the exact FILE:LINE and field path.
"""

from __future__ import annotations

import json
import math
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from engine.scenario.check import check_paths, scenario_warnings, summary
from engine.scenario.load import ScenarioError, load_scenario, validate_text
from engine.scenario.references import reference_errors
from engine.scenario import MAX_FILE_BYTES, Scenario
from engine.scenario.tomlpos import LineMap

MINI = Path(__file__).parent / "data" / "mini.toml"
TEXT = MINI.read_text(encoding="utf-8")


def variant(*pairs: str, text: str = TEXT) -> str:
    """mini.toml with each (old, new) pair replaced once; old must be there."""
    for old, new in zip(pairs[::2], pairs[1::2]):
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def line_no(text: str, fragment: str, nth: int = 1) -> int:
    at = -1
    for _ in range(nth):
        at = text.index(fragment, at + 1)
    return text.count("\n", 0, at) + 1


def check(tmp_path: Path, text: str, *, strict: bool = False, fmt: str = "text") -> tuple[int, str, str]:
    path = tmp_path / "s.toml"
    path.write_text(text, encoding="utf-8")
    code, out = check_paths([str(path)], strict, fmt)
    return code, out, str(path)


def assert_reported(tmp_path: Path, text: str, line: int, field: str, *words: str) -> str:
    code, out, path = check(tmp_path, text)
    assert code == 2
    head = f"{path}:{line}: {field}: "
    found = [row for row in out.splitlines() if row.startswith(head)]
    assert found, f"no {head!r} in:\n{out}"
    for word in words:
        assert any(word in row for row in found), f"{word!r} not in {found}"
    assert "Traceback" not in out and "Input should" not in out
    return out


# -- the clean file -------------------------------------------------------------------------------

def test_mini_checks_clean(tmp_path):
    code, out = check_paths([str(MINI)])
    assert code == 0, out
    assert out.splitlines()[0].startswith(f"{MINI}: ok, Mini-quartier (mini, FR), languages fr, en")
    assert "5 sectors, 2 profiles, 3 projects, 4 events, 4 families" in out
    assert "t CO2e per person a year" in out


def test_summary_average_is_the_default_household():
    scenario = load_scenario(MINI)
    s = summary(scenario)
    by_hand = sum(
        sec.quantity.value * sec.energy.value * sec.carbon.value
        + (sec.floor.co2_kg.value if sec.floor else 0)
        for sec in scenario.sectors
    )
    assert s["average_co2_kg_per_person"] == pytest.approx(by_hand, abs=0.1)
    assert (s["rounds"], s["projects"], s["families"]) == (5, 3, 4)


# -- one kind of error each -----------------------------------------------------------------------

def test_syntax_error_names_line_and_field(tmp_path):
    text = variant("rounds = 5", "rounds = 5 5")
    assert_reported(tmp_path, text, line_no(text, "rounds = 5 5"), "years.rounds", "TOML syntax error")


def test_several_syntax_errors_at_once(tmp_path):
    text = variant("rounds = 5", "rounds = 5 5", 'unit = "kg"', "unit = kg")
    out = assert_reported(tmp_path, text, line_no(text, "rounds = 5 5"), "years.rounds")
    assert f":{line_no(text, 'unit = kg')}: sectors.1.unit: TOML syntax error: this value is not valid TOML" in out


@pytest.mark.parametrize("old, new, field, words", [
    ("multiplier = 0.7", "multiplier = 0,7", "projects.0.effects",
     "write 0.7 — a decimal point, not a comma (got 0,7)"),
    ("max_share = 0.5", "max_share = 0,5", "platform.max_share", "write 0.5 — a decimal point, not a comma"),
    ("max_share = 0.5", "max_share = 50%", "platform.max_share", "write 0.5 — a number takes no '%' (got 50%)"),
    ("multiplier = 0.7", "multiplier = 70 %", "projects.0.effects", "write 0.7 — a number takes no '%'"),
    ("envelope_per_round = 3000", "envelope_per_round = 3000 €", "platform.envelope_per_round",
     "write 3000 — the number alone, no unit (got 3000 €)"),
    # in an inline table the parser only says the table is not closed
    ("needs = { monthly_eur = 320,", "needs = { monthly_eur = 320 €,", "projects.0.needs",
     "write 320 — the number alone, no unit (got 320 €)"),
    ("weekly_hours = 2, skills", "weekly_hours = 2h, skills", "projects.0.needs", "write 2 — the number alone"),
    ("envelope_per_round = 3000", "envelope_per_round = 3 000", "platform.envelope_per_round",
     "write 3000 — no space inside a number"),
    ('name = { fr = "Organiser"', 'name = { fr = “Organiser”', "activities.0.name",
     "curly quotes (“ ”) are not quotes in TOML: write straight ones"),
    ('name = "Martin"', "name = ‘Martin’", "families.0.name", "curly quotes (‘ ’)"),
])
def test_usual_slips_get_one_clear_message_at_their_line(tmp_path, old, new, field, words):
    text = variant(old, new)
    out = assert_reported(tmp_path, text, line_no(text, new), field, "TOML syntax error: " + words)
    assert "column" not in out and "expected '='" not in out and "unclosed" not in out


def test_slips_inside_texts_and_comments_are_not_slips(tmp_path):
    text = variant(
        'description = { fr = "Deux voitures partagées.", en = "Two shared cars." }',
        'description = { fr = "Deux voitures, 50 % moins chères, 0,7 € « partagées ».", en = "Two cars" }',
        "max_share = 0.5", "max_share = 0.5  # 50 %, 1200 €, “half”",
    )
    code, out, _ = check(tmp_path, text)
    assert code == 0, out
    # a slip beside a real mistake: the message for the slip, the other mistake still named
    text = variant("rounds = 5", "rounds = 5 5", "max_share = 0.5", "max_share = 0,5")
    code, out, path = check(tmp_path, text)
    assert f"{path}:{line_no(text, 'rounds = 5 5')}: years.rounds: TOML syntax error: write 55" in out
    assert f"{path}:{line_no(text, '0,5')}: platform.max_share: TOML syntax error: write 0.5" in out


def test_wrong_type(tmp_path):
    text = variant("money_month = 150", 'money_month = "150"')
    assert_reported(
        tmp_path, text, line_no(text, 'money_month = "150"'), "families.0.money_month",
        "must be a number, without quotes (got '150')",
    )


def test_unknown_key_suggests_and_lists_allowed_keys(tmp_path):
    text = variant('id = "flat"', 'idd = "flat"')
    out = assert_reported(
        tmp_path, text, line_no(text, 'idd = "flat"'), "profiles.0.idd",
        "unknown key 'idd', did you mean 'id'?", "allowed here: id, name, description, overrides",
    )
    # the missing id points at the header of the table that should hold it
    assert f":{line_no(text, '[[profiles]]')}: profiles.0.id: 'id' is required" in out


def test_unknown_table_suggests(tmp_path):
    text = variant("[rules]", "[ruls]")
    assert_reported(tmp_path, text, line_no(text, "[ruls]"), "ruls", "did you mean 'rules'?")


def test_negative_cost_says_range_and_unit(tmp_path):
    text = variant("monthly_eur = 320", "monthly_eur = -320")
    assert_reported(
        tmp_path, text, line_no(text, "monthly_eur = -320"), "projects.0.needs.monthly_eur",
        "must be between 0 and 1,000,000 € (got -320 €)",
    )


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "+nan"])
def test_nan_and_infinity(tmp_path, value):
    text = variant("multiplier = 0.7", f"multiplier = {value}")
    assert_reported(
        tmp_path, text, line_no(text, f"multiplier = {value}"), "projects.0.effects.0.multiplier",
        "must be a finite number between 0 and 2, not",
    )


def test_unknown_sector_reference(tmp_path):
    text = variant('sectors = ["mobility"]', 'sectors = ["mobilty"]')
    assert_reported(
        tmp_path, text, line_no(text, '["mobilty"]'), "projects.0.sectors.0",
        "unknown sector 'mobilty' (known: food, goods, housing, mobility, services)",
    )


def test_duplicate_id(tmp_path):
    text = variant('id = "services"', 'id = "food"')
    first = line_no(text, 'id = "food"')
    assert_reported(tmp_path, text, line_no(text, 'id = "food"', 2), "sectors.4.id",
                    f"duplicate id 'food': the first one is at line {first} (sectors.1.id)")


def test_references_reported_beside_schema_errors(tmp_path):
    text = variant(
        'id = "services"', 'id = "food"',
        "monthly_eur = 320", "monthly_eur = -320",
        'effects = [{ sector = "food"', 'effects = [{ sector = "fod"',
    )
    out = assert_reported(tmp_path, text, line_no(text, 'id = "food"', 2), "sectors.4.id", "duplicate id")
    assert f":{line_no(text, 'monthly_eur = -320')}: projects.0.needs.monthly_eur: must be between" in out
    fod = line_no(text, 'sector = "fod"')
    assert f":{fod}: projects.1.effects.0.sector: unknown sector 'fod'" in out


def test_pattern_and_choice_messages(tmp_path):
    text = variant('sharing = "by_means"', 'sharing = "bymeans"', 'wellbeing = ["I"]', 'wellbeing = ["J"]')
    out = assert_reported(
        tmp_path, text, line_no(text, "bymeans"), "rules.sharing",
        "must be 'by_means', 'equal' or 'by_benefit' (got 'bymeans')",
    )
    j = line_no(text, '["J"]')
    assert f":{j}: projects.2.wellbeing.0: must be a SPIRAL code" in out


# -- files that cannot be read --------------------------------------------------------------------

def test_oversized_file(tmp_path):
    path = tmp_path / "big.toml"
    path.write_text(TEXT + "#" * MAX_FILE_BYTES, encoding="utf-8")
    code, out = check_paths([str(path)])
    assert (code, out) == (2, f"{path}: the file is larger than 512 KiB, the most a scenario may be")


def test_non_utf8_points_at_its_line(tmp_path):
    path = tmp_path / "latin1.toml"
    # one word saved as Latin-1 in an otherwise UTF-8 file
    path.write_bytes(TEXT.encode("utf-8").replace(b"Voir mes amis", b"Voir mes amis \xe9t\xe9", 1))
    line = line_no(TEXT, "Voir mes amis")
    code, out = check_paths([str(path)])
    assert code == 2
    assert out.startswith(f"{path}:{line}: the file is not UTF-8 text (byte 0xE9")


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda p: None, "no such file"),
        (lambda p: p.mkdir(), "is a folder, not a scenario file"),
        (lambda p: p.write_bytes(b"schema_version = 1\x00\x01"), "is a binary file, not a TOML text"),
    ],
    ids=["missing", "folder", "binary"],
)
def test_unreadable_files_one_line_each(tmp_path, make, message):
    path = tmp_path / "x.toml"
    make(path)
    code, out = check_paths([str(path)])
    assert (code, out) == (2, f"{path}: {message}")


def test_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    assert check_paths([str(path)])[0] == 0


def test_all_files_checked_in_one_run(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(variant("rounds = 5", "rounds = 50"), encoding="utf-8")
    code, out = check_paths([str(MINI), str(tmp_path / "gone.toml"), str(bad)])
    assert code == 2
    assert f"{bad}:{line_no(TEXT, 'rounds = 5')}: years.rounds: must be between 1 and 12 (got 50)" in out
    assert out.splitlines()[-1] == "3 files checked: 1 ok, 2 failing"


def test_load_scenario_raises_scenario_error(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text(variant("rounds = 5", "rounds = 0"), encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert info.value.issues[0].field == "years.rounds"


# -- line numbers ---------------------------------------------------------------------------------

def test_line_map_positions():
    text = '''top = 1
[[projects]]
id = "a"
description = """
[[projects]]
id = "not a key"
"""
effects = [
  { sector = "x", multiplier = 1 },   # a comment with a { brace
  { sector = "y",
    multiplier = 2 },
]
tags = ["a",
  "b"]
[projects.needs]
upfront_eur = 1
[[projects]]
floor = { co2 = { value = 3 } }
[projects.needs]
upfront_eur = 2
'''
    lines = LineMap(text)
    expected = {
        ("top",): 1,
        ("projects", 0): 2,
        ("projects", 0, "description"): 4,
        ("projects", 0, "effects", 0, "multiplier"): 9,
        ("projects", 0, "effects", 1): 10,
        ("projects", 0, "effects", 1, "multiplier"): 11,
        ("projects", 0, "tags", 1): 14,
        ("projects", 0, "needs"): 15,
        ("projects", 0, "needs", "upfront_eur"): 16,
        ("projects", 1): 17,
        ("projects", 1, "floor", "co2", "value"): 18,
        ("projects", 1, "needs", "upfront_eur"): 20,
        ("projects", 1, "missing", "deeper"): 17,  # a missing field: its parent's header
    }
    assert {path: lines.line_of(path) for path in expected} == expected
    assert ("projects", 2) not in lines.lines  # the [[projects]] inside the string is text
    assert lines.path_at(6) == ("projects", 0)


def test_dotted_header_after_array_of_tables(tmp_path):
    needs = 'needs = { upfront_eur = 800, weekly_hours = 6, skills = ["gardening"], estimate = "test placeholder" }\n'
    moved = '[projects.needs]\nupfront_eur = -800\nweekly_hours = 6\nestimate = "test placeholder"\n\n'
    text = variant(needs, "", '[[projects]]\nid = "solar"', moved + '[[projects]]\nid = "solar"')
    assert_reported(
        tmp_path, text, line_no(text, "upfront_eur = -800"), "projects.1.needs.upfront_eur", "between 0 and"
    )


def test_inline_and_multiline_array_positions(tmp_path):
    text = variant(
        "floor = { co2_kg = { value = 1400", "floor = { co2_kg = { value = -1400",
        'value = 55, estimate = "test placeholder"', 'value = -55, estimate = "test placeholder"',
    )
    out = assert_reported(
        tmp_path, text, line_no(text, "value = -1400"), "sectors.4.floor.co2_kg.value", "kg CO2e"
    )
    assert f":{line_no(text, 'value = -55')}: profiles.1.overrides.1.value: must be between" in out


def test_multiline_string_does_not_shift_lines(tmp_path):
    text = variant(
        'description = { fr = "Un potager commun.", en = "A common vegetable garden." }',
        'description = { fr = """Un potager\n[[projects]]\nid = "x"\n""", en = """A garden\ncommon"""}',
        'strategy = "efficiency"', 'strategy = "efficient"',
    )
    assert_reported(tmp_path, text, line_no(text, '"efficient"'), "projects.1.strategy", "got 'efficient'")


def test_missing_field_points_at_header(tmp_path):
    text = variant("hours_week = 4\n", "")
    assert_reported(
        tmp_path, text, line_no(text, "[[families]]", 4), "families.3.hours_week", "'hours_week' is required"
    )


# -- warnings, strict mode and JSON ---------------------------------------------------------------

def warned_text() -> str:
    return variant(
        'name = { fr = "Organiser", en = "Organising" }', 'name = { fr = "Organiser" }',
        "weekly_hours = 6", "weekly_hours = 60",
        "needs = { upfront_eur = 6000,", "needs = { upfront_eur = 30000,",
    )


def test_warnings_do_not_fail_unless_strict(tmp_path):
    text = warned_text()
    code, out, path = check(tmp_path, text)
    assert code == 0, out
    assert f"{path}:{line_no(text, 'Organiser')}: warning: activities.0.name: no 'en' text" in out
    assert f"{path}:{line_no(text, 'weekly_hours = 60')}: warning: projects.1.needs.weekly_hours: " \
           "no family could ever afford this: it needs 60 h a week, the whole roster has 15 h a week" in out
    # the solar co-op at its smallest size (0.5) needs 15,000; savings 10,200 and platform 3,000 fall short
    assert "projects.2.needs.upfront_eur: no family could ever afford this: it needs 15,000 € up front" in out
    assert f"{path}: ok (3 warnings)" in out
    code, out, _ = check(tmp_path, text, strict=True)
    assert code == 2 and "fails under --strict (3 warnings)" in out


def test_no_affordability_warning_without_roster():
    text = warned_text()
    cut = text.index("[[families]]")
    roster_free = text[:cut].replace('effect = { kind = "family_arrives", family = "costa" }',
                                     'effect = { kind = "family_leaves" }')
    scenario, issues = validate_text(roster_free, "s.toml")
    assert issues == []
    fields = [w.field for w in scenario_warnings(scenario, roster_free, "s.toml")]
    assert fields == ["families", "activities.0.name"]  # no roster: nothing to try it with, nothing to afford


def test_json_shape(tmp_path):
    text = warned_text()
    code, out, path = check(tmp_path, text, fmt="json")
    assert code == 0
    doc = json.loads(out)
    [entry] = doc["files"]
    assert set(entry) == {"file", "ok", "issues", "summary"}
    assert entry["file"] == path and entry["ok"] is True
    assert all(set(i) == {"line", "field", "message", "severity"} for i in entry["issues"])
    assert {i["severity"] for i in entry["issues"]} == {"warning"}
    assert entry["summary"]["territory"] == "mini" and entry["summary"]["projects"] == 3

    code, out = check_paths([str(tmp_path / "gone.toml")], fmt="json")
    assert code == 2
    assert json.loads(out) == {"files": [{
        "file": str(tmp_path / "gone.toml"), "ok": False, "summary": None,
        "issues": [{"line": 0, "field": "", "message": "no such file", "severity": "error"}],
    }]}


def test_bad_arguments():
    assert check_paths([], False, "text") == (2, "no scenario file given")
    assert check_paths([str(MINI)], False, "yaml")[0] == 2


# -- property: any mangled scenario gets issues, never an exception -----------------------------

LINES = TEXT.split("\n")
_TOML_VALUES = st.one_of(
    st.sampled_from([
        "nan", "-inf", "inf", "0", "-1", "1e400", "true", "[]", "{}", '""', "''", '"""\n[x]\n"""',
        "[[projects]]", "[years]", "{ a = 1 }", "[1, [2, [3]]]", "1979-05-27T07:32:00Z", '"mobility"',
        '{ fr = "x" }', "[{ sector = \"food\" }]", "0x1F", "1_000", "'''\nx'''", '"\\u00e9"',
    ]),
    st.integers(-10**12, 10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(lambda x: repr(x).replace("e+", "e")),
    st.text(max_size=12).map(lambda s: json.dumps(s, ensure_ascii=False)),
)
_KEYS = st.sampled_from(["id", "name", "value", "multiplier", "sector", "monthly_eur", "nme", "x.y", '"q"'])
_INDEX = st.integers(0, len(LINES) - 1)
_NEW_VALUE = st.tuples(st.just("value"), _INDEX, _TOML_VALUES)
_MUTATION = st.one_of(  # new values thrice: they get past the TOML parser to the schema
    _NEW_VALUE, _NEW_VALUE, _NEW_VALUE,
    st.tuples(st.just("delete"), _INDEX),
    st.tuples(st.just("duplicate"), _INDEX),
    st.tuples(st.just("replace"), _INDEX, _TOML_VALUES),
    st.tuples(st.just("insert"), _INDEX, st.tuples(_KEYS, _TOML_VALUES).map(" = ".join)),
    st.tuples(st.just("flip"), st.integers(0, len(TEXT)), st.characters()),
)


def _mutate(mutations) -> str:
    lines = list(LINES)
    for kind, where, *what in mutations:
        i = where % max(len(lines), 1)
        if kind == "delete" and lines:
            del lines[i]
        elif kind == "duplicate" and lines:
            lines.insert(i, lines[i])
        elif kind == "replace" and lines:
            lines[i] = what[0]
        elif kind == "value" and lines and "=" in lines[i]:
            lines[i] = lines[i].split("=", 1)[0] + "= " + what[0]
        elif kind == "insert":
            lines.insert(i, what[0])
        elif kind == "flip":
            text = "\n".join(lines)
            at = where % (len(text) + 1)
            lines = (text[:at] + what[0] + text[at + 1:]).split("\n")
    return "\n".join(lines)


def _never_raises(mutations) -> None:
    text = _mutate(mutations)
    scenario, issues = validate_text(text, "m.toml")
    count = text.count("\n") + 1
    assert (scenario is None) == bool(issues)
    for issue in issues:
        assert 1 <= issue.line <= count, issue
        assert issue.message and "Input should" not in issue.message, issue
    if scenario is not None:
        for warning in scenario_warnings(scenario, text, "m.toml"):
            assert 1 <= warning.line <= count, warning
        assert math.isfinite(summary(scenario)["average_co2_kg_per_person"])
        return
    # the reference check reads a valid scenario's models the same as the file it came from
    try:
        data = tomllib.loads(text)
        valid = Scenario.model_validate(data, strict=True)
    except (tomllib.TOMLDecodeError, ValidationError, RecursionError):
        return
    assert sorted(reference_errors(data)) == sorted(reference_errors(valid.model_dump()))


_MUTATIONS = st.lists(_MUTATION, min_size=1, max_size=6)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_MUTATIONS)
def test_mangled_scenarios_never_raise(mutations):
    _never_raises(mutations)


@pytest.mark.slow
@settings(max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_MUTATIONS)
def test_mangled_scenarios_never_raise_long(mutations):
    _never_raises(mutations)


def test_numbers_without_a_source_are_a_warning(tmp_path):
    text = variant(
        'needs = { monthly_eur = 320, weekly_hours = 2, skills = ["organising"], estimate = "test placeholder" }',
        'needs = { monthly_eur = 320, weekly_hours = 2, skills = ["organising"] }',
    )
    code, out, path = check(tmp_path, text)
    line = line_no(text, 'needs = { monthly_eur = 320')
    assert code == 0, out
    assert f"{path}:{line}: warning: projects.0.needs: these numbers have no 'source' and no 'estimate'" in out
    code, out, _ = check(tmp_path, text, strict=True)
    assert code == 2


def test_a_card_without_numbers_needs_no_source(tmp_path):
    arrives = 'effect = { kind = "family_arrives", family = "costa" }\nestimate = "test placeholder"\n'
    prices = 'effect = { kind = "energy_price", monthly_eur_per_person = -10 }\nestimate = "test placeholder"\n'
    text = variant(arrives, arrives.split("\n")[0] + "\n", prices, prices.split("\n")[0] + "\n")
    code, out, path = check(tmp_path, text, strict=True)
    # the arrival card has only its weight, a design number: no warning; the price card has an amount
    assert code == 2
    [warning] = [row for row in out.splitlines() if ": warning:" in row]
    card = line_no(text, '[[events]]')  # the card's table starts there
    assert warning.startswith(f"{path}:{card}: warning: events.0: these numbers")


def cycle_text() -> str:
    # garden waits on solar, solar on garden; car-sharing (no prerequisite) stays playable
    return variant('wellbeing = ["A01", "D"]', 'wellbeing = ["A01", "D"]\nprerequisites = ["solar"]')


def test_prerequisite_cycles_fail_strict_and_name_the_circle(tmp_path):
    text = cycle_text()
    code, out, path = check(tmp_path, text)
    assert code == 0, out
    garden, solar = line_no(text, 'prerequisites = ["solar"]'), line_no(text, 'prerequisites = ["garden"]')
    assert (f"{path}:{garden}: warning: projects.1.prerequisites: this "
            "project can never be proposed: its prerequisites go round in a circle: 'garden' → 'solar' → 'garden'"
            in out)
    assert (f"{path}:{solar}: warning: projects.2.prerequisites: this "
            "project can never be proposed: its prerequisites go round in a circle: 'solar' → 'garden' → 'solar'"
            in out)
    assert "nothing to play" not in out
    code, out, _ = check(tmp_path, text, strict=True)
    assert code == 2 and "fails under --strict (2 warnings)" in out


def test_a_project_waiting_on_a_cycle_and_no_project_left_is_nothing_to_play(tmp_path):
    text = variant('id = "car-sharing"\n', 'id = "car-sharing"\nprerequisites = ["solar"]\n', text=cycle_text())
    code, out, path = check(tmp_path, text, strict=True)
    assert code == 2
    assert ("warning: projects.0.prerequisites: this project can never be proposed: it requires 'solar', "
            "which can never be proposed") in out
    assert f"{path}:{line_no(text, '[[projects]]')}: warning: projects: nothing to play: no project" in out


def test_no_preset_family_fails_strict(tmp_path):
    text = TEXT[: TEXT.index("[[events]]")] + TEXT[TEXT.index("[platform]"): TEXT.index("[[families]]")]
    code, out, path = check(tmp_path, text)
    assert code == 0, out
    assert f"{path}:1: warning: families: no preset family: `bve simulate` and `bve balance` have nobody" in out
    code, out, _ = check(tmp_path, text, strict=True)
    assert code == 2


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 99999), st.integers(0, 999), st.sampled_from(["€", "EUR", "kg", "h", "m²", "kWh", "$"]),
       st.booleans())
def test_slips_say_what_to_write_for_any_number(whole, frac, unit, spaced):
    gap = " " if spaced else ""
    for written, expected in (
        (f"{whole},{frac}", f"write {whole}.{frac} — a decimal point, not a comma"),
        (f"{whole}{gap}%", f"write {whole / 100:g} — a number takes no '%'"),
        (f"{whole}{gap}{unit}", f"write {whole} — the number alone, no unit (got {whole}{gap}{unit})"),
    ):
        # as a plain value and inside an inline table, where the parser's own words differ
        for old, new, field in (
            ("envelope_per_round = 3000", f"envelope_per_round = {written}", "platform.envelope_per_round"),
            ("needs = { monthly_eur = 320,", f"needs = {{ monthly_eur = {written},", "projects.0.needs"),
        ):
            text = variant(old, new)
            _, issues = validate_text(text, "s.toml")
            assert [(i.line, i.field) for i in issues][:1] == [(line_no(text, new), field)], (written, issues)
            assert issues[0].message.startswith(f"TOML syntax error: {expected}"), (written, issues[0].message)
