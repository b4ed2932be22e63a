"""A new territory's scenario started from another's: `bve scenario new --from FILE`.

A trainer writing a new territory usually finds that many numbers of a neighbour hold for it
too, or nearly: the emission factors of the same grid, the same food system. Copying them by
hand loses their sources. This keeps everything of the other file (sectors and their numbers,
profiles, activities, projects, events, platform, roster, glossary, its list of sources), gives
the new territory its id, a name and a population note to write, and marks every number that
carries an origin with

    estimate = "placeholder: review — copied from <territory>"

beside the source it had, so that `bve check --strict` counts them until someone has looked at
each: kept (the estimate removed, the source stays) or replaced by this territory's own.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from pydantic import BaseModel

from .authoring import SCHEMA_NAME, AuthoringError, template_texts
from .format import Origin, Text
from .load import ScenarioError, read_text, validate_text
from .model import Scenario
from .tomlwrite import dumps

REVIEW = "placeholder: review — copied from {territory}"
_MAX_ORIGIN = 400  # SourceText's longest


def derived_scenario(source: str | Path, territory_id: str, langs: list[str] | None = None) -> str:
    """The text of the new scenario: `source`'s content for the territory `territory_id`."""
    name = str(source)
    try:
        text = read_text(name)
    except ScenarioError as exc:
        raise AuthoringError(f"--from {exc.issues[0]}") from None
    scenario, issues = validate_text(text, name)
    if scenario is None:
        shown = "\n".join(f"  {issue}" for issue in issues[:5])
        more = f"\n  ... and {len(issues) - 5} more" if len(issues) > 5 else ""
        raise AuthoringError(f"--from {name} does not load; fix it first (bve check {name}):\n{shown}{more}")
    data = tomllib.loads(text)
    origin = scenario.territory.id
    marked = _mark_for_review(scenario, data, REVIEW.format(territory=origin))
    data["territory"] = _new_territory(data["territory"], scenario, territory_id, langs)
    return _header(name, scenario, territory_id, marked) + "\n" + dumps(data)


def _new_territory(old: dict, scenario: Scenario, territory_id: str, langs: list[str] | None) -> dict:
    languages = langs or list(scenario.territory.languages)
    texts = template_texts()

    def placeholder(key: str) -> dict[str, str]:
        # the template's words in each language it has, English for any other: a text to write
        return {lang: texts.get(lang, texts["en"])[key] for lang in languages}

    prefix = re.match(r"^([a-z]{2})[-_]", territory_id)
    new = dict(old)
    new["id"] = territory_id
    new["name"] = placeholder("territory_name")
    new["country"] = prefix.group(1).upper() if prefix else old["country"]
    new["languages"] = languages
    new["population_note"] = placeholder("population_note")
    return {key: new[key] for key in (*old, "population_note") if key in new}


def _mark_for_review(scenario: Scenario, data: dict, words: str) -> int:
    """Adds the review mark to every table of numbers with an origin; returns how many."""
    count = 0
    for path, node in _origins(scenario, ()):
        if not _has_numbers(node):
            continue
        table = data
        for part in path:
            table = table[part]
        old = table.get("estimate")
        mark = f"{words} (its estimate: {old})" if old else words
        table["estimate"] = mark if len(mark) <= _MAX_ORIGIN else mark[: _MAX_ORIGIN - 1] + "…"
        count += 1
    return count


def _origins(node, path: tuple):
    if isinstance(node, Origin):
        yield path, node
    if isinstance(node, BaseModel) and not isinstance(node, Text):
        for field in type(node).model_fields:
            yield from _origins(getattr(node, field), path + (field,))
    elif isinstance(node, (list, tuple)):
        for i, item in enumerate(node):
            yield from _origins(item, path + (i,))


def _has_numbers(node: BaseModel) -> bool:
    from .check import _has_numbers as has_numbers  # one rule for what needs an origin

    return has_numbers(node)


def _header(source: str, scenario: Scenario, territory_id: str, marked: int) -> str:
    origin = scenario.territory.id
    return (
        f"#:schema ./{SCHEMA_NAME}\n"
        "# =============================================================================================\n"
        f'# Bien-Vivre Ensemble: a scenario for the territory "{territory_id}", started from\n'
        f"# {Path(source).name} ({origin}) by `bve scenario new --from`.\n"
        "#\n"
        "# Its sectors, profiles, activities, projects, events, platform, preset families and sources\n"
        f"# are copied; {marked} tables of numbers that carry an origin are marked\n"
        f'#     estimate = "{REVIEW.format(territory=origin)}"\n'
        "# beside the source they had. Review each: if the number holds here, keep it and its source and\n"
        "# remove the estimate; if not, write this territory's own. `bve check --strict` counts the\n"
        "# placeholders left, with the territory's name and population note still to write.\n"
        f"# The comments of {Path(source).name} say more about its numbers; the guide: docs/authoring.md.\n"
        "# =============================================================================================\n"
    )
