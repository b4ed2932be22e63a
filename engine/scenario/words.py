"""What `bve check` and scenario loading say, as a message key and its parameters.

The engine never words a sentence in the room's language: like the rules' refusals, each problem
of a scenario file is a key (`check.unknown_key`) with parameters, and the shell looks the key up
in the translators' catalogues (assets/i18n). The English below is the wording the engine keeps
for itself: `Issue.message`, `str(issue)` and `bve check --format json` use it, so that what a
machine reads does not change with the language of the person who ran the command. The English
catalogue holds the same texts (a test checks that they stay the same).

A parameter may itself be a `Words` (a range, "between 0 and 1 €", inside "must be ..."): each
part is translated on its own, then put in its place.
"""

from __future__ import annotations

import string


class Words(str):
    """A message: its English text (so that it compares, sorts, prints and goes into JSON as
    the engine's English always did), with the key and parameters that word it in any language."""

    key: str
    params: dict

    def __new__(cls, key: str, params: dict | None = None) -> Words:
        params = dict(params or {})
        self = super().__new__(cls, render_with(key, params, english))
        self.key, self.params = key, params
        return self

    def __reduce__(self):
        return Words, (self.key, self.params)


def w(key: str, /, **params) -> Words:
    return Words(key, params)


class Problem(ValueError):
    """A complaint with its words: a validator's about a scenario (pydantic carries it to
    load.py as the error's context), or a command's about what it was given."""

    def __init__(self, words: Words) -> None:
        super().__init__(str(words))
        self.words = words


def either(items) -> Words | str:
    """"a", "a or b", "a, b or c"."""
    items = list(items)
    if len(items) == 1:
        return items[0]
    return w("check.or", first=tuple(items[:-1]), last=items[-1])


def term(kind: str, code: str) -> Words:
    """A code of the format that the catalogues name (`heating.wood`): the code itself in the
    engine's English."""
    return Words(f"{kind}.{code}", {"code": code})


def english(key: str, params: dict) -> str:
    if key not in ENGLISH and "code" in params:  # a term
        return str(params["code"])
    return string.Formatter().vformat(ENGLISH[key], (), params)


def render(words, say) -> str:
    """The words with each nested part rendered first; `say(key, params)` words one key. A
    plain string (a message from elsewhere) is itself."""
    if not isinstance(words, Words):
        return str(words)
    return render_with(words.key, words.params, say)


def render_with(key: str, params: dict, say) -> str:
    done = {}
    for name, value in params.items():
        if isinstance(value, Words):
            value = render(value, say)
        elif isinstance(value, (list, tuple)):
            value = ", ".join(render(v, say) for v in value)
        done[name] = value
    return say(key, done)


ENGLISH: dict[str, str] = {
    # reading the file
    "check.no_file_given": "no scenario file given",
    "check.unknown_format": "unknown format '{format}' (expected {formats})",
    "check.is_folder": "is a folder, not a scenario file",
    "check.no_such_file": "no such file",
    "check.not_regular": "is not a regular file",
    "check.cannot_read": "cannot read the file: {reason}",
    "check.too_big": "the file is larger than {kib} KiB, the most a scenario may be",
    "check.binary": "is a binary file, not a TOML text",
    "check.not_utf8": "the file is not UTF-8 text (byte 0x{byte} at column {column}); save it with the UTF-8 encoding",
    "check.too_deep": "the file nests lists or tables too deeply to be a scenario",
    # TOML syntax
    "check.syntax": "TOML syntax error: {problem}",
    "check.syntax_column": "{problem} (column {column})",
    "check.syntax_end": "{problem} (at the end of the file)",
    "check.toml_invalid_value": "this value is not valid TOML (text needs quotes, numbers no unit)",
    "check.toml_expected_equals": "expected '=' after the key",
    "check.toml_declared_twice": "this table is declared twice",
    "check.toml_set_above": "this key is already set above",
    "check.toml_unclosed_list": "unclosed list: a ',' or a ']' is missing",
    "check.toml_unclosed_table": "unclosed table: a ',' or a '}}' is missing (a {{ }} table stays on one line)",
    "check.toml_unterminated": "a closing quote is missing",
    "check.toml_statement": "expected 'key = value' or a [table] header",
    "check.toml_after_value": "unexpected text after the value",
    "check.toml_key_character": "a key is made of letters, digits, '_' and '-', or is quoted",
    "check.toml_table_bracket": "a ']' is missing at the end of the [table] header",
    "check.toml_array_bracket": "a ']]' is missing at the end of the [[table]] header",
    "check.toml_character": "the character {character} is not allowed here",
    "check.toml_date": "this date is not valid",
    "check.toml_backslash": "a '\\' in text must be doubled, or use 'single quotes'",
    "check.toml_other": "{message}",
    # the usual slips
    "check.slip_decimal_comma": "write {num}.{frac} — a decimal point, not a comma (got {num},{frac})",
    "check.slip_percent": "write {fraction} — a number takes no '%' (got {got}): a share or a multiplier is a "
                          "fraction, {num} % is {fraction}",
    "check.slip_space": "write {joined} — no space inside a number (got {got}); 1_200 is allowed",
    "check.slip_unit": "write {num} — the number alone, no unit (got {got}): each field's unit is fixed, the "
                       "comment above it and docs/authoring.md say which",
    "check.slip_curly": "curly quotes ({quotes}) are not quotes in TOML: write straight ones, \"like this\" "
                        "(a word processor or an editor's 'smart quotes' puts curly ones)",
    # the schema
    "check.required": "'{key}' is required here and is missing",
    "check.required_field": "a required field is missing",
    "check.not_finite": "must be a finite number, not {got}",
    "check.not_finite_range": "must be a finite number {range}, not {got}",
    "check.out_of_range": "must be {range} (got {got}{unit})",
    "check.wrong_type": "{expected}{how} (got {got})",
    "check.type_text": "must be text in quotes",
    "check.type_number": "must be a number",
    "check.type_whole": "must be a whole number",
    "check.type_bool": "must be true or false",
    "check.type_list": "must be a list in square brackets, like [\"a\", \"b\"]",
    "check.how_quotes": ", without quotes",
    "check.how_point": ", without a decimal point",
    "check.table_text": "must be a text in each language, like {{ fr = \"...\", en = \"...\" }} (got {got})",
    "check.table_sourced": "must be a number with its origin, like {{ value = 12, source = \"...\" }} (got {got})",
    "check.table_with": "must be a table {{ ... }} with {keys} (got {got})",
    "check.table_such_as": "must be a table {{ ... }}, with keys such as {keys} (got {got})",
    "check.table": "must be a table {{ ... }} (got {got})",
    "check.choice": "must be {expected} (got {got})",
    "check.or": "{first} or {last}",
    "check.allowed_values": "one of the allowed values",
    "check.pattern": "{pattern} (got {got})",
    "check.pattern_id": "must be an id of at most 40 lowercase letters, digits, '-' or '_', like 'car-sharing'",
    "check.pattern_language": "must be a two-letter language code in lowercase, like 'fr'",
    "check.pattern_country": "must be a two-letter country code in capitals, like 'FR'",
    "check.pattern_currency": "must be a three-letter currency code in capitals, like 'EUR'",
    "check.pattern_code": "must be a SPIRAL code: a letter from A to I, maybe two digits, like 'D' or 'D03'",
    "check.pattern_other": "is not in the expected form",
    "check.empty": "must not be empty",
    "check.least_characters": "must have at least {least} characters",
    "check.most_characters": "must have at most {most} characters (this one has {has})",
    "check.exact_items": "must have exactly {count} items (this one has {has})",
    "check.least_items": "must have at least {least} item(s) (this one has {has})",
    "check.most_items": "may have at most {most} items (this one has {has})",
    "check.unknown_key": "unknown key '{key}'",
    "check.unknown_key_allowed": "unknown key '{key}' (allowed here: {allowed})",
    "check.unknown_key_close": "unknown key '{key}', did you mean '{close}'? (allowed here: {allowed})",
    "check.range_between": "between {low} and {high}{unit}",
    "check.range_least_most": "at least {low} and at most {high}{unit}",
    "check.range_least_less": "at least {low} and less than {high}{unit}",
    "check.range_more_most": "more than {low} and at most {high}{unit}",
    "check.range_more_less": "more than {low} and less than {high}{unit}",
    "check.range_least": "at least {low}{unit}",
    "check.range_more": "more than {low}{unit}",
    "check.range_most": "at most {high}{unit}",
    "check.range_less": "less than {high}{unit}",
    "check.got_table": "a table",
    "check.got_list": "a list",
    "check.pydantic": "{message}",
    # the validators
    "check.finite": "must be a finite number (not NaN or infinity)",
    "check.text_no_language": "needs at least one language, e.g. {{ fr = \"...\" }}",
    "check.text_bad_language": "'{lang}' is not a two-letter language code",
    "check.text_empty": "text for '{lang}' must be a non-empty string",
    "check.text_too_long": "text for '{lang}' is longer than 1200 characters",
    "check.no_origin": "give a 'source' (where the number comes from) or an 'estimate' (why this value)",
    "check.max_below_min": "'max' must be at least 'min'",
    "check.variants": "each variant is a size factor between 0.25 and 4",
    "check.question_no_round": "a debrief question has no round",
    "check.floor_factor": "give the floor of at least one factor: quantity, energy, carbon or land",
    "check.carrier_twice": "each carrier id must be given once",
    "check.effect_needs": "a '{kind}' effect needs {missing}",
    "check.subsidy_target": "a 'subsidy' effect names either a 'strategy' or a 'project'",
    "check.component_for": "'component' is for a 'sector_factor' effect",
    "check.rounds_for": "'rounds' is for a 'sector_factor' effect with a multiplier above 0",
    "check.family_means": "a 'family_means' effect changes 'monthly_eur' or 'weekly_hours'",
    "check.high_below_low": "'{high}' must be at least '{low}'",
    "check.end_after_start": "'end' must be after 'start'",
    "check.rounds_divide": "the years from 'start' to 'end' must divide evenly into 'rounds'",
    "check.factors_in_components": "give the factors in the components, not on the sector ({given})",
    "check.component_twice": "each component id must be given once in its sector",
    "check.components_or_factors": "give the sector's components, or its factors: {missing} missing",
    "check.needs_version_2": "sectors with components need 'schema_version = 2' at the top of the file",
    "check.version_2_components": "a version-2 scenario gives every sector its components ({bare} has none);"
                                  " 'bve scenario upgrade' turns a version-1 file into one",
    "check.no_member": "a family has at least one member",
    "check.generation_hours": "the {generation}'s hours must be between 0 and 80",
    "check.no_generation": "the family has no {generation} to give {hours} hours",
    "check.hours_add_up": "the generations' hours must add up to 'hours_week'",
    # cross references
    "check.duplicate_id": "duplicate id '{id}': the first one is at {where}",
    "check.duplicate_where": "line {line} ({path})",
    "check.unknown_sector": "unknown sector '{id}' (known: {known})",
    "check.unknown_profile": "unknown profile '{id}' (known: {known})",
    "check.unknown_activity": "unknown activity '{id}' (known: {known})",
    "check.unknown_project": "unknown project '{id}' (known: {known})",
    "check.unknown_event": "unknown event '{id}' (known: {known})",
    "check.unknown_family": "unknown family '{id}' (known: {known})",
    "check.none": "none",
    "check.requires_itself": "a project cannot require itself",
    "check.excludes_itself": "a project cannot exclude itself",
    "check.family_from_start": "at least one preset family must be there from the start",
    "check.unknown_component": "unknown component '{component}' of sector '{sector}' (known: {known})",
    "check.unknown_carrier": "unknown energy carrier '{carrier}' (known: {known})",
    # the warnings
    "check.missing_language": "no {missing} text (the territory's languages are {languages})",
    "check.unsourced": "these numbers have no 'source' and no 'estimate': say where they come from, or why",
    "check.placeholder": "1 placeholder is left from the template: replace each with your value and its source "
                         "(or an estimate that says why); search the file for 'placeholder'",
    "check.placeholders": "{count} placeholders are left from the template, the first here: replace each with "
                          "your value and its source (or an estimate that says why); search the file for "
                          "'placeholder'",
    "check.unaffordable": "no family could ever afford this: it needs {need}, the whole roster has {has}",
    "check.unaffordable_smallest": "no family could ever afford this: it needs {need} at its smallest size, "
                                   "the whole roster has {has}",
    "check.per_month": "{amount} € a month",
    "check.up_front": "{amount} € up front",
    "check.up_front_all": "{amount} € up front, savings and platform share together",
    "check.per_week": "{amount} h a week",
    "check.never_proposed": "this project can never be proposed: {why}",
    "check.circle": "its prerequisites go round in a circle: {cycle}",
    "check.waits_on": "it requires '{blocker}', which can never be proposed",
    "check.no_family": "no preset family: `bve simulate` and `bve balance` have nobody to play with, so the "
                       "scenario cannot be tried before a workshop; add a few [[families]]",
    "check.nothing_to_play": "nothing to play: no project can ever be proposed (see the prerequisites below)",
    # the report
    "check.warning": "warning:",
    "check.errors": "{count} errors",
    "check.errors_one": "1 error",
    "check.warnings": "{count} warnings",
    "check.warnings_one": "1 warning",
    "check.counted": "{name}: {counted}",
    "check.status_ok": "ok",
    "check.status_strict": "fails under --strict",
    "check.summary": "{name}: {status}{counted}, {title} ({territory}, {country}), languages {languages}, "
                     "{start}-{end} in {rounds} rounds",
    "check.summary_counted": " ({counted})",
    "check.counts": "  {sectors} sectors, {profiles} profiles, {projects} projects, {events} events, "
                    "{families} families",
    "check.average": "  average household: {average} t CO2e per person a year (target {target} t)",
    "check.files": "{files} files checked: {ok} ok, {failing} failing",
    "check.decimal_point": ".",
    # bve footprint and the table: why a project does not reach a household
    "whatif.not_eligible": "not eligible: {why}",
    "whatif.excluded": "excluded: its alternative '{other}' already applies",
    "whatif.stopped": "stopped: the project is completed and this effect lasts only while it runs",
    "whatif.heating": "heated with {heating}, not {allowed}",
    "whatif.cars_fewer": "{cars} cars, fewer than {least}",
    "whatif.cars_fewer_one": "1 car, fewer than {least}",
    "whatif.cars_more": "{cars} cars, more than {most}",
    "whatif.diet": "diet {diet}, not {allowed}",
    "whatif.flights_fewer": "{flights} flights a year, fewer than {least}",
    "whatif.flights_more": "{flights} flights a year, more than {most}",
    "whatif.area_less": "{area} m² per person, less than {least}",
    "whatif.area_more": "{area} m² per person, more than {most}",
    "whatif.people_fewer": "{people} people, fewer than {least}",
    "whatif.people_more": "{people} people, more than {most}",
    # bve scenario upgrade
    "upgrade.not_toml": "the file is not valid TOML ({error}); fix it with 'bve check' first",
    "upgrade.already": "the file is already version 2",
    "upgrade.version": "schema_version = {version} is not a version this command upgrades",
    "upgrade.layout": "the file's layout is too unusual to upgrade line by line; upgrade it by hand",
    "upgrade.sector": "sector '{sector}' could not be moved line by line (are its factors written on several "
                      "lines?); upgrade it by hand",
    # bve scenario new and schema
    "authoring.territory_id": "'{territory}' is not a valid territory id: use at most 40 lowercase letters, digits, "
                              "'-' or '_', starting with a letter or a digit, like 'pt-odemira'",
    "authoring.languages": "give the languages as codes separated by commas, like pt,en (available: {languages})",
    "authoring.no_template": "no template in '{lang}' (available: {languages})",
    "authoring.language_twice": "a language is given twice in '{languages}'",
    "authoring.lang_or_from": "give --lang (the languages of the texts, like pt,en) or --from FILE",
    "authoring.exists": "{path} already exists; nothing was written (choose another --out, or move that file away)",
    "authoring.no_folder": "cannot write {path}: the folder {folder} does not exist",
    "authoring.cannot_write": "cannot write {path}: {reason}",
    "authoring.from_does_not_load": "--from {file} does not load; fix it first (bve check {file})",
    "authoring.from_cannot_edit": "--from {file}: cannot edit this file ({reason}); copy it by hand",
}
