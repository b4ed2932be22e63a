"""Authoring help: `bve scenario new`, `bve scenario schema` and docs/authoring.md.

The template must pass `bve check` in every language it is offered in, show every field of the
format, and never overwrite a file; the shipped JSON Schema must match the models; the guide must
name every field and carry the reference table generated from the models.
"""

from __future__ import annotations

import difflib
import json
import re
import tomllib
import typing
from pathlib import Path

import pytest

from engine.scenario import authoring
from engine.scenario.authoring import (
    PLACEHOLDER, REFERENCE_END, REFERENCE_START, SCHEMA_FILE, SECOND_LANGUAGE, json_schema,
    model_field_names, reference_table, schema_text, template,
)
from engine.scenario.check import check_paths, scenario_warnings
from engine.scenario.load import load_scenario, parse_scenario
from engine.scenario import EffectKind, Text
from engine.simulate import run_once
from game.cli import main

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "authoring.md"
LANGS = tuple(authoring.LANGUAGES)


def bve(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def texts_of(node):
    if isinstance(node, Text):
        yield node
    elif hasattr(type(node), "model_fields"):
        for field in type(node).model_fields:
            yield from texts_of(getattr(node, field))
    elif isinstance(node, (list, tuple)):
        for item in node:
            yield from texts_of(item)


# -- the template ----------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_template_passes_check_and_loads(tmp_path, capsys, lang):
    path = tmp_path / "pt-odemira.toml"
    code, out, err = bve(capsys, "scenario", "new", "--territory", "pt-odemira", "--lang", lang,
                         "--out", str(path))
    assert code == 0, err
    assert f"wrote {path}" in out and not err
    code, report = check_paths([str(path)])
    assert code == 0, report
    assert ": ok (1 warning)" in report
    scenario = load_scenario(path)
    assert scenario.territory.id == "pt-odemira"
    assert scenario.territory.country == "PT"  # from the id's prefix
    assert scenario.territory.languages == [lang]
    assert all(list(text.texts) == [lang] for text in texts_of(scenario))
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#:schema ./bve-scenario.schema.json\n")
    assert "{{" not in text and "}}" not in text
    # its one warning: the placeholders left, counted (every marked number, the sources line, the
    # territory's name and population note), so that --strict fails until they are replaced
    [warning] = scenario_warnings(scenario, text, str(path))
    left = sum(line.count('"placeholder:') for line in text.splitlines() if not line.lstrip().startswith("#")) + 2
    assert warning.field == "territory.name" and warning.line == line_of(text, "name = {")
    assert warning.message.startswith(f"{left} placeholders are left from the template, the first here")
    code, report = check_paths([str(path)], strict=True)
    assert code == 2 and "fails under --strict (1 warning)" in report


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def test_strict_passes_once_every_placeholder_is_replaced(tmp_path):
    text = template("pt-x", "en")
    texts = authoring.template_texts()["en"]
    done = text.replace(texts["territory_name"], "Vale do Mira").replace(texts["population_note"], "Farms.")
    done = re.sub(r'"placeholder: [^"]*"', '"chosen for this test"', done)
    path = tmp_path / "done.toml"
    path.write_text(done, encoding="utf-8")
    code, report = check_paths([str(path)], strict=True)
    assert code == 0, report
    # one left is enough to fail, and the count says so, at its line
    lines = done.splitlines()
    at = max(i for i, line in enumerate(lines) if '"chosen for this test"' in line and not line.startswith("#"))
    lines[at] = lines[at].replace('"chosen for this test"', f'"{PLACEHOLDER}"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, report = check_paths([str(path)], strict=True)
    assert code == 2 and f"{path}:{at + 1}: warning: " in report
    assert ": 1 placeholder is left from the template: replace" in report


@pytest.mark.parametrize("lang", LANGS)
def test_template_numbers_are_marked_placeholders(lang):
    scenario = parse_scenario(template("fr-x", lang))
    for sector_id, component in scenario.components:
        for factor in ("quantity", "energy", "carbon", "land"):
            number = getattr(component, factor)
            assert number.estimate == PLACEHOLDER and number.source is None, (sector_id, component.id, factor)
    for project in scenario.projects:
        assert all(e.estimate == PLACEHOLDER for e in project.effects), project.id
        assert project.needs.estimate == PLACEHOLDER, project.id
    assert all(o.estimate == PLACEHOLDER for p in scenario.profiles for o in p.overrides)


def test_template_shows_every_field_of_the_format():
    text = template("fr-x", "en")
    def shown(field: str) -> bool:  # as a key, in a { } table, commented, or as a [table] header
        key = re.escape(field)
        return bool(re.search(rf"(^|[\s{{,#]){key} = |^\[\[?(\w+\.)?{key}\]\]?$", text, re.MULTILINE))

    missing = [f"{model}.{field}" for model, fields in model_field_names().items() for field in fields
               if not shown(field)]
    assert not missing, f"fields the template never shows: {missing}"
    for kind in typing.get_args(EffectKind):
        assert f'kind = "{kind}"' in text, kind


def test_every_text_line_has_a_two_language_slot():
    text = template("fr-x", "fr")
    lines = text.splitlines()
    for i, line in enumerate(lines):
        key = re.match(r"^(\w+) = \{ fr = ", line)
        if key:
            assert lines[i + 1].startswith(f"# {key.group(1)} = {{ fr = "), line
            assert ", en = " in lines[i + 1]


@pytest.mark.parametrize("lang", LANGS)
def test_the_two_language_slots_make_a_bilingual_scenario(tmp_path, lang):
    """Uncommenting every slot (and removing the line above) gives a scenario with no missing text."""
    lines = template("fr-x", lang).splitlines()
    out: list[str] = []
    for line in lines:
        slot = re.match(r"^# (\w+) = (.*)$", line)
        if slot and out and out[-1].startswith(f"{slot.group(1)} = "):
            out[-1] = line[2:]
        else:
            out.append(line)
    path = tmp_path / "two.toml"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    code, report = check_paths([str(path)])
    assert code == 0 and "placeholders are left" in report and "(1 warning)" in report, report
    scenario = load_scenario(path)
    assert scenario.territory.languages == [lang, SECOND_LANGUAGE[lang]]


def test_template_texts_have_the_same_keys_in_every_language():
    texts = authoring.template_texts()
    assert set(texts) == set(LANGS)
    keys = {lang: set(table) for lang, table in texts.items()}
    assert all(k == keys["en"] for k in keys.values()), {lang: k ^ keys["en"] for lang, k in keys.items()}
    source = (authoring.TEMPLATES / "scenario.toml.in").read_text(encoding="utf-8")
    slots = set(re.findall(r"\{\{(?:text|str)\.(\w+)\}\}", source))
    assert slots <= keys["en"], slots - keys["en"]


def test_template_plays_to_the_end_with_bots():
    text = template("fr-x", "fr")
    scenario = parse_scenario(text)
    run = run_once(scenario, text, seed=3)
    assert len(run.rounds) == scenario.years.rounds + 1


def test_new_refuses_to_overwrite(tmp_path, capsys):
    path = tmp_path / "mine.toml"
    path.write_text("# my work\n", encoding="utf-8")
    code, out, err = bve(capsys, "scenario", "new", "--territory", "fr-x", "--lang", "fr", "--out", str(path))
    assert code == 2
    assert err.startswith("bve scenario new: ") and "already exists" in err and "Traceback" not in err
    assert path.read_text(encoding="utf-8") == "# my work\n"


@pytest.mark.parametrize("bad", ["Braine", "be braine", "-braine", "be/braine", "x" * 41, "é-x", ""])
def test_new_refuses_a_bad_territory_id(tmp_path, capsys, monkeypatch, bad):
    monkeypatch.chdir(tmp_path)
    code, out, err = bve(capsys, "scenario", "new", f"--territory={bad}", "--lang", "fr")
    assert code == 2
    assert f"'{bad}' is not a valid territory id" in err and "like 'pt-odemira'" in err
    assert list(tmp_path.iterdir()) == []


def test_new_writes_id_toml_by_default_and_into_a_folder(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = bve(capsys, "scenario", "new", "--territory", "cv-x", "--lang", "pt")
    assert code == 0 and (tmp_path / "cv-x.toml").is_file()
    assert "next: bve scenario schema " in out
    (tmp_path / "sub").mkdir()
    code, out, _ = bve(capsys, "scenario", "new", "--territory", "cv-y", "--lang", "pt", "--out", "sub")
    assert code == 0 and (tmp_path / "sub" / "cv-y.toml").is_file()
    assert "bve scenario schema --out sub" in out


def test_new_to_the_screen_and_to_a_missing_folder(tmp_path, capsys):
    code, out, _ = bve(capsys, "scenario", "new", "--territory", "fr-x", "--lang", "en", "--out", "-")
    assert code == 0
    assert parse_scenario(out).territory.id == "fr-x"
    code, _, err = bve(capsys, "scenario", "new", "--territory", "fr-x", "--lang", "en",
                       "--out", str(tmp_path / "nowhere" / "x.toml"))
    assert code == 2 and "does not exist" in err


def test_new_refuses_an_unknown_language(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["scenario", "new", "--territory", "fr-x", "--lang", "de"])
    assert exc.value.code == 2
    assert "invalid choice: 'de'" in capsys.readouterr().err


# -- the JSON Schema -------------------------------------------------------------------------

def test_shipped_schema_is_up_to_date():
    shipped = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert shipped == json_schema(), (
        "assets/scenario.schema.json is stale: run python -m engine.scenario.authoring schema")


def _walk(node, path=""):
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, f"{path}/{i}")


def test_schema_structure():
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] and schema["description"]
    assert schema["type"] == "object" and schema["additionalProperties"] is False
    defs = schema["$defs"]
    for path, node in _walk(schema):
        if isinstance(node, dict):
            ref = node.get("$ref")
            if ref is not None:
                assert ref.startswith("#/$defs/") and ref.removeprefix("#/$defs/") in defs, path
            assert node.get("type") != "null", f"{path}: TOML has no null"
            if "properties" in node and path.count("/") <= 3:
                for name, prop in node["properties"].items():
                    assert prop.get("description"), f"{path}/properties/{name} has no description"
    fields = model_field_names()
    assert set(schema["properties"]) == set(fields["Scenario"])
    for model, names in fields.items():
        if model in ("Scenario", "Text"):
            continue
        assert set(defs[model]["properties"]) == set(names), model
    text = defs["Text"]
    assert text["propertyNames"] == {"pattern": "^[a-z]{2}$"}
    assert text["additionalProperties"]["type"] == "string"
    assert defs["Sourced"]["anyOf"] == [{"required": ["source"]}, {"required": ["estimate"]}]
    assert "anyOf" in defs["Effect"] and "anyOf" not in defs["Needs"]
    assert "kg CO2e" in defs["Sector"]["properties"]["carbon"]["description"]
    assert "currency" in defs["Needs"]["properties"]["upfront_eur"]["description"]


def test_schema_command(tmp_path, capsys):
    out_file = tmp_path / "s.json"
    code, out, _ = bve(capsys, "scenario", "schema", "--out", str(out_file))
    assert code == 0 and "draft 2020-12" in out
    assert out_file.read_text(encoding="utf-8") == schema_text()
    code, out, _ = bve(capsys, "scenario", "schema", "--out", str(tmp_path))  # a folder: the usual name
    assert code == 0 and (tmp_path / "bve-scenario.schema.json").read_text(encoding="utf-8") == schema_text()
    code, out, _ = bve(capsys, "scenario", "schema", "--out", "-")
    assert code == 0 and json.loads(out) == json_schema()


def _documents():
    files = [ROOT / "scenarios" / "fr-quartier.toml", ROOT / "tests" / "data" / "mini.toml"]
    docs = [(f.name, tomllib.loads(f.read_text(encoding="utf-8"))) for f in files]
    docs += [(f"template-{lang}", tomllib.loads(template("fr-x", lang))) for lang in LANGS]
    return docs


def test_scenarios_validate_against_the_schema():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for name, data in _documents():
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(data)]
        assert not errors, (name, errors[:5])
    data = dict(_documents()[0][1])
    data["sectors"] = [{**data["sectors"][0], "carbon": {"value": 0.2}}] + data["sectors"][1:]
    data["territory"] = {**data["territory"], "languages": ["FR"], "colour": "blue"}
    assert len(list(validator.iter_errors(data))) >= 3


# -- the guide -------------------------------------------------------------------------------

def test_guide_names_every_section_and_field():
    guide = GUIDE.read_text(encoding="utf-8")
    for section in model_field_names()["Scenario"]:
        assert re.search(rf"\[\[?{section}\]\]?|`{section}`", guide), f"section {section} not in the guide"
    missing = [
        f"{model}.{field}"
        for model, fields in model_field_names().items()
        for field in fields
        if not re.search(rf"[`.]{re.escape(field)}(\[\])?`|\[\[{re.escape(field)}\]\]", guide)
    ]
    assert not missing, f"fields docs/authoring.md never names: {missing}"


def test_guide_reference_table_is_up_to_date():
    guide = GUIDE.read_text(encoding="utf-8")
    assert REFERENCE_START in guide and REFERENCE_END in guide
    block = guide[guide.index(REFERENCE_START) + len(REFERENCE_START):guide.index(REFERENCE_END)]
    assert block.strip() == reference_table().strip(), (
        "the reference table of docs/authoring.md is stale: paste the output of "
        "python -m engine.scenario.authoring reference"
    )


def test_guide_commands_exist():
    """Every `bve ...` subcommand the guide shows is one the command line knows."""
    from game.cli import build_parser

    known = set(build_parser()._subparsers._group_actions[0].choices)
    used = set(re.findall(r"(?m)^\$ bve (\w+)|`bve (\w+)", GUIDE.read_text(encoding="utf-8")))
    used = {a or b for a, b in used}
    assert used and used <= known, used - known


# -- several languages at once, and a start from another territory ----------------------------

@pytest.mark.parametrize("langs", ["pt,en", "en,fr,pt"])
def test_new_in_several_languages_writes_every_text_in_each(tmp_path, capsys, langs):
    path = tmp_path / "pt-mertola.toml"
    code, out, err = bve(capsys, "scenario", "new", "--territory", "pt-mertola", "--lang", langs, "--out", str(path))
    assert code == 0, err
    wanted = langs.split(",")
    named = ", ".join(authoring.LANGUAGES[lang] for lang in wanted)
    assert f"in {named};" in out
    text = path.read_text(encoding="utf-8")
    scenario = load_scenario(path)
    assert scenario.territory.languages == wanted
    texts = authoring.template_texts()
    names = [t.texts for t in texts_of(scenario)]
    assert names and all(list(t) == wanted for t in names)
    assert scenario.territory.name.texts == {lang: texts[lang]["territory_name"] for lang in wanted}
    # nothing left to swap by hand: no commented text lines, no commented second `languages`
    assert not re.search(r"(?m)^\s*# (\w+) = \{ \w\w = ", text)
    assert "# languages = " not in text
    code, report = check_paths([str(path)])
    assert code == 0 and "(1 warning)" in report and "no '" not in report, report


def test_one_language_offers_the_several_languages_command():
    assert "bve scenario new --lang pt,en" in template("pt-x", "pt")


@pytest.mark.parametrize("bad, words", [
    ("pt,de", "invalid choice: 'de'"), ("pt,pt", "a language is given twice in 'pt,pt'"), ("pt,", "invalid choice"),
])
def test_new_refuses_bad_language_lists(capsys, bad, words):
    with pytest.raises(SystemExit) as exc:
        main(["scenario", "new", "--territory", "pt-x", f"--lang={bad}"])
    assert exc.value.code == 2 and words in capsys.readouterr().err


def test_new_needs_a_language_or_a_file_to_start_from(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = bve(capsys, "scenario", "new", "--territory", "pt-x")
    assert code == 2 and "give --lang" in err and "or --from FILE" in err
    assert list(tmp_path.iterdir()) == []


def test_new_from_another_territory_keeps_its_numbers_and_sources_marked_to_review(tmp_path, capsys):
    origin = ROOT / "scenarios" / "fr-quartier.toml"
    path = tmp_path / "pt-mertola.toml"
    code, out, err = bve(capsys, "scenario", "new", "--territory", "pt-mertola", "--from", str(origin),
                         "--out", str(path))
    assert code == 0, err
    assert f"started from {origin}" in out
    old, new = load_scenario(origin), load_scenario(path)
    assert new.territory.id == "pt-mertola" and new.territory.country == "PT"
    assert new.territory.languages == old.territory.languages
    assert new.territory.sources == old.territory.sources
    # the sectors (their components too), every number and source as they were
    sectors = [without_estimates(s.model_dump()) for s in new.sectors]
    assert sectors == [without_estimates(s.model_dump()) for s in old.sectors]
    assert "'source': 'INSEE" in str(sectors)
    # everything but the territory and the estimates is the same, numbers, sources and texts
    assert without_estimates(new.model_dump(exclude={"territory"})) == \
        without_estimates(old.model_dump(exclude={"territory"}))
    review = "placeholder: review — copied from fr-quartier"
    marked = [(path_, node) for path_, node in authoring_origins(new)]
    assert marked and all(node.estimate.startswith(review) for _, node in marked)
    # an origin that was an estimate keeps its words after the mark
    old_effect = old.projects[0].effects[0]
    new_effect = new.projects[0].effects[0]
    if old_effect.estimate:
        assert new_effect.estimate.startswith(f"{review} (its estimate: ")
    assert new_effect.source == old_effect.source
    # the other file's comments stay where they were: those with the arithmetic behind a number too
    text = path.read_text(encoding="utf-8")
    before, after = origin.read_text(encoding="utf-8").splitlines(), text.splitlines()
    arithmetic = [i for i, line in enumerate(before) if line.lstrip().startswith("#") and "÷" in line]
    assert arithmetic
    for i in arithmetic:
        j = after.index(before[i])
        assert _ESTIMATE.sub("", after[j + 1]) == _ESTIMATE.sub("", before[i + 1])
    code, report = check_paths([str(path)])
    assert code == 0 and "placeholders are left from the template" in report, report
    # --strict counts them (with the name and population note still to write), then passes once reviewed
    code, report = check_paths([str(path)], strict=True)
    assert code == 2 and f"{len(marked) + 2} placeholders are left" in report, report
    assert f"; {len(marked)} tables of numbers that carry an origin are marked" in text
    texts = authoring.template_texts()
    done = re.sub(r"placeholder: review — copied from fr-quartier", "reviewed for Mértola", text)
    for lang in new.territory.languages:
        done = done.replace(texts[lang]["territory_name"], "Mértola").replace(texts[lang]["population_note"], "Vila.")
    path.write_text(done, encoding="utf-8")
    code, report = check_paths([str(path)], strict=True)
    assert code == 0, report


def without_estimates(node):
    if isinstance(node, dict):
        return {k: without_estimates(v) for k, v in node.items() if k != "estimate"}
    if isinstance(node, list):
        return [without_estimates(v) for v in node]
    return node


def authoring_origins(scenario):
    """Every table of numbers with an origin, as `bve check` sees them."""
    from engine.scenario.check import _has_numbers, _models
    from engine.scenario import Origin

    return [(p, node) for p, node in _models(scenario, (), Origin) if _has_numbers(node)]


def test_new_from_with_other_languages(tmp_path, capsys):
    path = tmp_path / "cv-x.toml"
    code, _, err = bve(capsys, "scenario", "new", "--territory", "cv-x", "--lang", "pt,en",
                       "--from", str(ROOT / "tests" / "data" / "mini.toml"), "--out", str(path))
    assert code == 0, err
    scenario = load_scenario(path)
    assert scenario.territory.languages == ["pt", "en"]
    assert scenario.territory.name.texts == {lang: authoring.template_texts()[lang]["territory_name"]
                                             for lang in ("pt", "en")}
    code, report = check_paths([str(path)])
    assert code == 0 and "no 'pt' text" in report  # the copied texts are to translate


def test_new_from_refuses_a_missing_or_broken_file_and_never_overwrites(tmp_path, capsys):
    out = tmp_path / "new.toml"
    code, _, err = bve(capsys, "scenario", "new", "--territory", "pt-x", "--from", str(tmp_path / "no.toml"),
                       "--out", str(out))
    assert code == 2 and "no such file" in err and not out.exists()
    broken = tmp_path / "broken.toml"
    broken.write_text((ROOT / "tests" / "data" / "mini.toml").read_text(encoding="utf-8")
                      .replace("max_share = 0.5", "max_share = 0,5"), encoding="utf-8")
    code, _, err = bve(capsys, "scenario", "new", "--territory", "pt-x", "--from", str(broken), "--out", str(out))
    assert code == 2 and f"does not load; fix it first (bve check {broken})" in err
    assert "write 0.5" in err and not out.exists()
    out.write_text("# mine\n", encoding="utf-8")
    code, _, err = bve(capsys, "scenario", "new", "--territory", "pt-x", "--from",
                       str(ROOT / "tests" / "data" / "mini.toml"), "--out", str(out))
    assert code == 2 and "already exists" in err and out.read_text(encoding="utf-8") == "# mine\n"


SCENARIOS = [*sorted((ROOT / "scenarios").glob("*.toml")), ROOT / "tests" / "data" / "mini.toml"]
_ESTIMATE = re.compile(r'(, *)?\bestimate = "(?:[^"\\]|\\.)*"')


@pytest.mark.parametrize("origin", SCENARIOS, ids=lambda path: path.stem)
def test_a_derived_scenario_is_the_other_file_edited_in_place(origin):
    """Every line of the other file stays, in its order: comments, blank lines, layout. Only the
    territory's own keys take new values, and the tables of numbers take their review mark."""
    from engine.scenario.derive import REVIEW, derived_scenario

    old = origin.read_text(encoding="utf-8").splitlines()
    derived = derived_scenario(origin, "pt-x")
    assert parse_scenario(derived, "derived").territory.id == "pt-x"
    lines = derived.splitlines()
    assert all(line.startswith("#") for line in lines[: lines.index("")])  # the header: how to review
    new = lines[lines.index("") + 1:]

    def comments(lines):
        return [line for line in lines if line.lstrip().startswith("#")]

    assert comments(new) == comments(old)
    review = REVIEW.format(territory=parse_scenario("\n".join(old), origin.name).territory.id)
    territory_keys = ("id = ", "name = ", "country = ", "population_note = ")
    edits = difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in (edit for edit in edits if edit[0] != "equal"):
        if tag == "insert":  # a mark on a line of its own, in a table under a [header]; a note to write
            assert all(line.startswith((f'estimate = "{review}', "population_note = ")) for line in new[j1:j2])
            continue
        assert tag == "replace" and i2 - i1 == j2 - j1, (old[i1:i2], new[j1:j2])
        for before, after in zip(old[i1:i2], new[j1:j2]):
            if after.startswith(territory_keys):
                assert after.split(" = ")[0] == before.split(" = ")[0]
            else:  # the same line once the estimates, the mark and the one it had, are set aside
                assert review in after and _ESTIMATE.sub("", after) == _ESTIMATE.sub("", before), (before, after)
