"""Writing parsed scenario data back as TOML, in the shipped scenarios' own layout.

A general TOML writer turns every nested table into a `[header]`, so that each sourced number
`{ value = 40, source = "..." }` would take three lines of its own. Scenarios are written the
way people write them: a table of plain values (a sourced number, a text in each language, a
project's needs) stays inline on one line; a list of such tables is one per line; whatever holds
tables of tables (a sector, a project) gets a `[header]` or `[[header]]`.
"""

from __future__ import annotations

import json
import math
import re

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def dumps(data: dict) -> str:
    out: list[str] = []
    _table(out, (), data)
    return "\n".join(out).strip("\n") + "\n"


def _table(out: list[str], path: tuple[str, ...], data: dict) -> None:
    # the sections of the file ([years], [rules]) get headers, whatever they hold; a text in
    # each language stays a value
    headed = {key for key, value in data.items() if not path and isinstance(value, dict) and not _is_text(value)}
    # a table's own keys first: after a [header], a plain key belongs to that header's table
    for key, value in data.items():
        if key not in headed and not _is_table(value) and not _is_table_list(value):
            out.append(f"{_key(key)} = {_value(value)}")
    for key, value in data.items():
        name = ".".join(_key(k) for k in path + (key,))
        if key in headed or _is_table(value):
            out += ["", f"[{name}]"]
            _table(out, path + (key,), value)
        elif _is_table_list(value):
            for item in value:
                out += ["", f"[[{name}]]"]
                _table(out, path + (key,), item)


def _is_inline(value) -> bool:
    """A table of plain values (numbers, texts, lists of them) stays on one line."""
    return isinstance(value, dict) and all(not isinstance(v, (dict, list)) or _is_plain_list(v)
                                           for v in value.values())


def _is_text(value: dict) -> bool:
    return all(isinstance(k, str) and len(k) == 2 and isinstance(v, str) for k, v in value.items())


def _is_plain_list(value) -> bool:
    return isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value)


def _is_table(value) -> bool:
    return isinstance(value, dict) and not _is_inline(value)


def _is_table_list(value) -> bool:
    return (isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)
            and not all(_is_inline(v) for v in value))


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else json.dumps(key, ensure_ascii=False)


def _value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + " }" if value else "{}"
    if isinstance(value, list):
        items = [_value(v) for v in value]
        if value and (all(isinstance(v, dict) for v in value) or sum(map(len, items)) > 80):
            return "[\n" + "".join(f"  {item},\n" for item in items) + "]"
        return "[" + ", ".join(items) + "]"
    raise TypeError(f"no TOML for {type(value).__name__}")  # dates never reach a scenario
