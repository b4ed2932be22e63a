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

The file is edited, not rewritten: tomlkit keeps the other file's comments, layout and order,
and in the shipped scenarios the comments carry much of the arithmetic behind the numbers
(`# ... fuel oil 57.17 ÷ 39 × 0.221 = 0.324`), which the trainer reviewing a copied number needs
beside it.
"""

from __future__ import annotations

import re
from pathlib import Path

import tomlkit
from pydantic import BaseModel
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import InlineTable, Whitespace

from .authoring import SCHEMA_NAME, AuthoringError, template_texts
from .format import Origin, Text
from .load import ScenarioError, read_text, validate_text
from .model import Scenario
from .words import w

REVIEW = "placeholder: review — copied from {territory}"
_MAX_ORIGIN = 400  # SourceText's longest


def derived_scenario(source: str | Path, territory_id: str, langs: list[str] | None = None) -> str:
    """The text of the new scenario: `source`'s content for the territory `territory_id`."""
    name = str(source)
    try:
        text = read_text(name)
    except ScenarioError as exc:
        raise AuthoringError(w("authoring.from_does_not_load", file=name), exc.issues[:1]) from None
    scenario, issues = validate_text(text, name)
    if scenario is None:
        raise AuthoringError(w("authoring.from_does_not_load", file=name), issues)
    try:
        document = tomlkit.parse(text)
    except (TOMLKitError, ValueError) as exc:  # read by tomli already: a corner where the two disagree
        raise AuthoringError(w("authoring.from_cannot_edit", file=name, reason=str(exc))) from None
    origin = scenario.territory.id
    marked = _mark_for_review(scenario, document, REVIEW.format(territory=origin))
    _new_territory(document["territory"], scenario, territory_id, langs)
    body = tomlkit.dumps(document)
    if body.startswith("#:schema"):  # the other file's pointer to the schema: the header gives one
        body = body.partition("\n")[2]
    return _header(name, scenario, territory_id, marked) + "\n" + body


def _new_territory(table, scenario: Scenario, territory_id: str, langs: list[str] | None) -> None:
    """Gives the territory table its id, country, languages and texts to write, in place: the
    other keys, their order and their comments stay."""
    languages = langs or list(scenario.territory.languages)
    texts = template_texts()

    def placeholder(key: str) -> InlineTable:
        # the template's words in each language it has, English for any other: a text to write
        words = {lang: texts.get(lang, texts["en"])[key] for lang in languages}
        return tomlkit.value("{ " + ", ".join(f"{lang} = {tomlkit.string(text).as_string()}"
                                              for lang, text in words.items()) + " }")

    table["id"] = territory_id
    table["name"] = placeholder("territory_name")
    prefix = re.match(r"^([a-z]{2})[-_]", territory_id)
    if prefix:
        table["country"] = prefix.group(1).upper()
    if langs:
        table["languages"] = languages
    table["population_note"] = placeholder("population_note")


def _mark_for_review(scenario: Scenario, document, words: str) -> int:
    """Adds the review mark to every table of numbers with an origin; returns how many."""
    count = 0
    for path, node in _origins(scenario, ()):
        if not _has_numbers(node):
            continue
        table = document
        for part in path:
            table = table[part]
        old = table.get("estimate")
        mark = f"{words} (its estimate: {old})" if old else words
        _set_estimate(table, mark if len(mark) <= _MAX_ORIGIN else mark[: _MAX_ORIGIN - 1] + "…")
        count += 1
    return count


def _set_estimate(table, mark: str) -> None:
    """`estimate = mark` in the table, written as the file writes its tables: a new key of
    `{ value = 40, source = "..." }` goes before the closing space, after a comma and a space."""
    if "estimate" in table or not isinstance(table, InlineTable):
        table["estimate"] = mark  # in its place, or a line of its own at the table's end
        return
    body = table.value.body  # its keys and the spaces and commas between them, in order
    closing = None
    if body and body[-1][0] is None and isinstance(body[-1][1], Whitespace) and "," not in body[-1][1].s:
        closing = body.pop()[1]  # the space before `}`: back after the new key
    item = tomlkit.item(mark)
    item.trivia.indent = " " if len(table) else ""
    table["estimate"] = item
    if closing is not None:
        table.append(None, closing)


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
        f"# Below is {Path(source).name} with its comments, which tell how its numbers were found for\n"
        f"# {origin}: review them with the numbers. The guide: docs/authoring.md.\n"
        "# =============================================================================================\n"
    )
