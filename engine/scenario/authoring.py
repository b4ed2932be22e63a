"""Authoring help: a commented template scenario, and the JSON Schema of the scenario format.

- `template(territory_id, langs)` fills `assets/templates/scenario.toml.in` with the texts of one
  language or several from `assets/templates/texts.toml`: every section and every field of the
  format, each explained in a comment with its unit, every number a marked placeholder. With one
  language, below each text a commented line shows the same text in two languages; with several,
  every text is written in each. The result passes `bve check`; `--strict` fails, counting the
  placeholders, until they are replaced.
- `write_template(..., start_from=FILE)` starts instead from another territory's scenario
  (`engine/scenario/derive.py`).
- `json_schema()` is pydantic's draft 2020-12 schema of `Scenario` (field descriptions from
  `engine/scenario/model.py`), adjusted for TOML editors (Even Better TOML, taplo): TOML has no null,
  so optional fields lose their `null` branch; a `Text` is a table of two-letter language keys;
  a sourced number needs `source` or `estimate`; `x-taplo.initKeys` lists the keys an editor
  inserts in a new table. Cross references (ids), languages and affordability are `bve check`'s
  job: a schema cannot say them.
- `reference_table()` is the table of every field that `docs/authoring.md` shows.

`python -m engine.scenario.authoring schema` rewrites `assets/scenario.schema.json`;
`python -m engine.scenario.authoring reference` prints the reference table for the guide.
"""

from __future__ import annotations

import functools
import json
import re
import sys
import tomllib
from pathlib import Path

from pydantic import BaseModel

from .. import shipped
from . import model
from .model import Scenario
from .words import Problem, w

TEMPLATES = shipped.asset("templates")
SCHEMA_FILE = shipped.asset("scenario.schema.json")
SCHEMA_NAME = "bve-scenario.schema.json"  # the name the template's `#:schema` line points to
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

LANGUAGES = {"fr": "French", "en": "English", "pt": "Portuguese"}
SECOND_LANGUAGE = {"fr": "en", "en": "fr", "pt": "en"}  # shown in the commented two-language slots
PLACEHOLDER = "placeholder: replace with a sourced value"

# The template's texts that stand for what only the author can write (`bve check --strict` counts
# them with the placeholder numbers until they are replaced).
PLACEHOLDER_TEXTS = ("territory_name", "population_note")

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
_SLOT = re.compile(r"\{\{(\w+)(?:\.(\w+))?\}\}")
_TEXT_LINE = re.compile(r"^(\s*)([a-z_]+) = \{\{text\.(\w+)\}\}\s*$")


class AuthoringError(Problem):
    """Bad input from the author (an id, a language, a file): its words, exit status 2; `issues`,
    the problems of a file it was given, each with its line."""

    def __init__(self, words, issues=()) -> None:
        super().__init__(words)
        self.issues = list(issues)


# -- the template -----------------------------------------------------------------------------

def check_territory_id(territory_id: str) -> None:
    if not _ID.match(territory_id):
        raise AuthoringError(w("authoring.territory_id", territory=territory_id))


@functools.cache
def _texts_file() -> dict[str, dict[str, str]]:
    with (TEMPLATES / "texts.toml").open("rb") as stream:
        return tomllib.load(stream)


def template_texts() -> dict[str, dict[str, str]]:
    """The template's texts, per language."""
    return {lang: dict(table) for lang, table in _texts_file().items()}


@functools.cache
def _placeholder_texts() -> frozenset[str]:
    return frozenset(table[key] for table in _texts_file().values() for key in PLACEHOLDER_TEXTS)


def is_placeholder(text: str | None) -> bool:
    """Whether a text is one the template left for the author to replace: an origin that starts
    with 'placeholder', or the template's name and population note of the territory."""
    if text is None:
        return False
    return text.lstrip().lower().startswith("placeholder") or text.strip() in _placeholder_texts()


def parse_languages(langs: str | list[str] | tuple[str, ...]) -> list[str]:
    """The template languages asked for, as 'pt' or 'pt,en' (the first one is the default)."""
    asked = [part.strip() for part in langs.split(",")] if isinstance(langs, str) else list(langs)
    if not asked or not all(asked):
        raise AuthoringError(w("authoring.languages", languages=", ".join(LANGUAGES)))
    for lang in asked:
        if lang not in LANGUAGES:
            raise AuthoringError(w("authoring.no_template", lang=lang, languages=", ".join(LANGUAGES)))
    if len(set(asked)) < len(asked):
        raise AuthoringError(w("authoring.language_twice", languages=",".join(asked)))
    return asked


def _languages_note(langs: list[str], lang2: str) -> str:
    if len(langs) > 1:
        named = ", ".join(f'"{lang}"' for lang in langs)
        return (f"# Languages: {named}, the first the default. Every text is written in each of them; "
                "the texts\n# in the later languages are the template's: make them yours too.")
    return (f'# Languages: the texts are in "{langs[0]}". To play in a second language, add it to\n'
            "# `languages` under [territory] and give every text in both: below each text, a commented line\n"
            "# shows the two-language form (remove the line above it, then remove the \"# \"). Or start\n"
            f"# again with several languages at once: bve scenario new --lang {langs[0]},{lang2}")


def template(territory_id: str, lang: str | list[str], file_name: str | None = None) -> str:
    """The commented template scenario for a territory, its texts in `lang`: one language, or
    several ('pt,en' or a list), the first the default, every text written in each."""
    check_territory_id(territory_id)
    langs = parse_languages(lang)
    texts = template_texts()
    first = langs[0]
    lang2 = SECOND_LANGUAGE[first]
    here, other = texts[first], texts[lang2]
    prefix = re.match(r"^([a-z]{2})[-_]", territory_id)  # 'pt-odemira' is in Portugal
    values = {
        "territory_id": territory_id,
        "file_name": file_name or f"{territory_id}.toml",
        "lang": first,
        "lang2": lang2,
        "languages": ", ".join(f'"{code}"' for code in langs),
        "languages_note": _languages_note(langs, lang2),
        "country": prefix.group(1).upper() if prefix else here["country"],
        "currency": here["currency"],
    }

    def fill(match: re.Match) -> str:
        kind, key = match.groups()
        if key is None:
            return values[kind]
        if kind == "text":
            return _inline_text({code: texts[code][key] for code in langs})
        if kind == "str":
            return _quoted(here[key])[1:-1]
        raise KeyError(kind)

    out = []
    for line in (TEMPLATES / "scenario.toml.in").read_text(encoding="utf-8").splitlines():
        if len(langs) > 1 and "{{lang2}}" in line:
            continue  # it shows how to add a second language: they are all there already
        out.append(_SLOT.sub(fill, line))
        slot = _TEXT_LINE.match(line)
        if slot and len(langs) == 1:  # the same text in two languages, ready to uncomment
            indent, key, text_key = slot.groups()
            both = _inline_text({first: here[text_key], lang2: other[text_key]})
            out.append(f"{indent}# {key} = {both}")
    return "\n".join(out) + "\n"


def write_template(out: str | None, territory_id: str, lang: str | list[str] | None,
                   start_from: str | None = None) -> tuple[str, str]:
    """Writes the template, or a scenario started from another territory's file (`start_from`),
    to a new file (or returns it for '-'); returns (path, text).

    Never overwrites: an existing file is an AuthoringError. A folder receives `ID.toml`."""
    check_territory_id(territory_id)
    path = Path(out) if out and out != "-" else None
    if path is not None and path.is_dir():
        path = path / f"{territory_id}.toml"
    elif out is None:
        path = Path(f"{territory_id}.toml")
    if start_from is not None:
        from .derive import derived_scenario

        text = derived_scenario(start_from, territory_id, parse_languages(lang) if lang else None)
    elif lang is None:
        raise AuthoringError(w("authoring.lang_or_from"))
    else:
        text = template(territory_id, lang, path.name if path else None)
    if path is None:
        return "-", text
    try:
        with path.open("x", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
    except FileExistsError:
        raise AuthoringError(w("authoring.exists", path=str(path))) from None
    except FileNotFoundError:
        raise AuthoringError(w("authoring.no_folder", path=str(path), folder=str(path.parent))) from None
    except OSError as exc:
        raise AuthoringError(w("authoring.cannot_write", path=str(path), reason=str(exc.strerror or exc))) from None
    return str(path), text


def _quoted(text: str) -> str:
    # a JSON string is a valid TOML basic string
    return json.dumps(text, ensure_ascii=False)


def _inline_text(texts: dict[str, str]) -> str:
    return "{ " + ", ".join(f"{lang} = {_quoted(text)}" for lang, text in texts.items()) + " }"


# -- the JSON Schema --------------------------------------------------------------------------

def json_schema() -> dict:
    """The scenario format as a JSON Schema (draft 2020-12), for editors."""
    raw = Scenario.model_json_schema()  # pydantic writes draft 2020-12
    defs = {name: _for_toml(node) for name, node in raw.pop("$defs").items()}
    body = _for_toml(raw)
    body.pop("title", None)
    defs["Text"] = {
        "type": "object",
        "title": "Text",
        "description": (
            "A text in each of the scenario's languages, as a table keyed by two-letter language "
            'codes: { fr = "...", en = "..." }.'
        ),
        "minProperties": 1,
        "propertyNames": {"pattern": "^[a-z]{2}$"},
        "additionalProperties": {"type": "string", "minLength": 1, "maxLength": 1200},
    }
    for name, node in defs.items():
        cls = getattr(model, name, None)
        if _needs_origin(cls):  # mirrors the model's `_has_origin` validator
            node["anyOf"] = [{"required": ["source"]}, {"required": ["estimate"]}]
    for node in [body, *defs.values()]:
        if node.get("required"):
            node["x-taplo"] = {"initKeys": list(node["required"])}
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "Bien-Vivre Ensemble scenario",
        "description": (
            f"One territory's scenario for Le jeu du Bien-Vivre Ensemble (schema_version "
            f"{model.SCHEMA_VERSION}): territory, years, targets, rules, five sectors, profiles, "
            "activities, projects, events, platform, preset families and glossary. Generated from "
            "engine/scenario/model.py by `bve scenario schema`. `bve check` also checks what a schema "
            "cannot: references between ids, texts in every language, affordability."
        ),
        **body,
        "$defs": dict(sorted(defs.items())),
    }


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def write_schema(out: str | None) -> tuple[str, str]:
    """Writes the schema (to `bve-scenario.schema.json` by default, replacing an older one)."""
    text = schema_text()
    if out == "-":
        return "-", text
    path = Path(out) if out else Path(SCHEMA_NAME)
    if path.is_dir():
        path = path / SCHEMA_NAME
    try:
        path.write_text(text, encoding="utf-8", newline="\n")
    except FileNotFoundError:
        raise AuthoringError(w("authoring.no_folder", path=str(path), folder=str(path.parent))) from None
    except OSError as exc:
        raise AuthoringError(w("authoring.cannot_write", path=str(path), reason=str(exc.strerror or exc))) from None
    return str(path), text


def _needs_origin(cls) -> bool:
    if not (isinstance(cls, type) and issubclass(cls, BaseModel)):
        return False
    return bool(getattr(cls, "origin_required", False))


def _for_toml(node):
    """Drops what TOML cannot write (null) and pydantic's generated property titles."""
    if isinstance(node, list):
        return [_for_toml(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _for_toml(value) for key, value in node.items()}
    branches = node.get("anyOf")
    if branches and {"type": "null"} in branches:
        kept = [b for b in branches if b != {"type": "null"}]
        del node["anyOf"]
        if len(kept) == 1:
            node = {**kept[0], **node}
        else:
            node["anyOf"] = kept
    if "default" in node and node["default"] is None:
        del node["default"]
    if isinstance(node.get("properties"), dict):
        for prop in node["properties"].values():
            prop.pop("title", None)
    return node


# -- the reference table for docs/authoring.md ------------------------------------------------

REFERENCE_START = "<!-- reference: generated by `python -m engine.scenario.authoring reference` -->"
REFERENCE_END = "<!-- end of reference -->"


def reference_table() -> str:
    """Markdown tables of every field: path, type and range, meaning with unit."""
    schema = json_schema()
    defs = schema["$defs"]
    rows: list[tuple[str, str, str]] = []

    def walk(node: dict, path: str) -> None:
        required = set(node.get("required", ()))
        for name, prop in node["properties"].items():
            where = f"{path}.{name}" if path else name
            target, many = _target(prop)
            need = "required" if name in required else "optional"
            if target in ("Sourced", "Text"):
                kind = "sourced number" if target == "Sourced" else "text per language"
                rows.append((where, f"{kind}{_list_words(prop, many)}, {need}", prop.get("description", "")))
            elif target:
                kind = "list of tables" if many else "table"
                rows.append((where + ("[]" if many else ""), f"{kind}{_list_words(prop, many)}, {need}",
                             prop.get("description", "")))
                walk(defs[target], where + ("[]" if many else ""))
            else:
                rows.append((where, f"{_kind(prop)}, {need}", prop.get("description", "")))

    walk(schema, "")
    sourced = [
        (f"(sourced number).{name}", f"{_kind(prop)}, {'required' if name == 'value' else 'optional'}",
         prop.get("description", ""))
        for name, prop in defs["Sourced"]["properties"].items()
    ]
    head = "| Field | Type and range | Meaning, unit |\n|---|---|---|\n"
    return (
        head + "".join(_row(r) for r in rows)
        + "\nA sourced number is written `{ value = ..., source = \"...\" }` or "
        "`{ value = ..., estimate = \"...\" }`:\n\n"
        + head + "".join(_row(r) for r in sourced)
    )


def _target(prop: dict) -> tuple[str | None, bool]:
    ref = prop.get("$ref") or prop.get("items", {}).get("$ref")
    if ref is None:
        return None, False
    return ref.rsplit("/", 1)[-1], prop.get("type") == "array"


def _row(row: tuple[str, str, str]) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|").replace("\n", " ") for cell in
                             (f"`{row[0]}`", row[1], row[2])) + " |\n"


def _number(x) -> str:
    return f"{x:,.0f}" if float(x).is_integer() and abs(x) >= 10000 else f"{x:g}"


_PATTERN_WORDS = {  # the patterns of engine/scenario/model.py, in words
    model.Id.__metadata__[0].pattern: "id",
    model.LangCode.__metadata__[0].pattern: "two-letter language code",
    model.Code.__metadata__[0].pattern: "SPIRAL code",
    "^[A-Z]{2}$": "two-letter country code",
    "^[A-Z]{3}$": "three-letter currency code",
}


def _list_words(prop: dict, many: bool) -> str:
    if not many:
        return ""
    lo, hi = prop.get("minItems"), prop.get("maxItems")
    if lo and hi:
        return f", {lo} to {hi}" if lo != hi else f", exactly {lo}"
    return f", at most {hi}" if hi else ""


def _kind(prop: dict) -> str:
    if "const" in prop:
        return f"always {json.dumps(prop['const'])}"
    if "enum" in prop:
        return "one of " + ", ".join(f"`{json.dumps(v, ensure_ascii=False)}`" for v in prop["enum"])
    kind = prop.get("type")
    if kind == "array":
        return "list of " + _kind(prop.get("items", {})) + _list_words(prop, True)
    if kind == "string" and prop.get("pattern") in _PATTERN_WORDS:
        return _PATTERN_WORDS[prop["pattern"]] + _default(prop)
    words = {"number": "number", "integer": "whole number", "string": "text", "boolean": "true or false"}
    out = words.get(kind, "value")
    lo = prop.get("minimum", prop.get("exclusiveMinimum"))
    hi = prop.get("maximum")
    if lo is not None and hi is not None:
        out += f" from {_number(lo)}{' (excluded)' if 'exclusiveMinimum' in prop else ''} to {_number(hi)}"
    if "pattern" in prop:
        out += f" matching `{prop['pattern']}`"
    elif "maxLength" in prop:
        out += f" of {prop.get('minLength', 0)} to {prop['maxLength']} characters"
    return out + _default(prop)


def _default(prop: dict) -> str:
    if "default" in prop and not isinstance(prop["default"], (dict, list)):
        return f"; default {json.dumps(prop['default'], ensure_ascii=False)}"
    return ""


def model_field_names() -> dict[str, list[str]]:
    """Every model of the format and its field names (for tests and the guide)."""
    found: dict[str, list[str]] = {}

    def visit(cls) -> None:
        if cls.__name__ in found:
            return
        found[cls.__name__] = list(cls.model_fields)
        for info in cls.model_fields.values():
            for sub in _models_in(info.annotation):
                visit(sub)

    visit(Scenario)
    return found


def _models_in(annotation) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in getattr(annotation, "__args__", ()) for m in _models_in(arg)]


def main(argv: list[str]) -> int:
    if argv == ["schema"]:
        SCHEMA_FILE.write_text(schema_text(), encoding="utf-8", newline="\n")
        print(f"wrote {SCHEMA_FILE}")
        return 0
    if argv == ["reference"]:
        sys.stdout.write(f"{REFERENCE_START}\n{reference_table()}{REFERENCE_END}\n")
        return 0
    print("usage: python -m engine.scenario.authoring schema|reference", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
