"""Schema errors in the words of a scenario's author, not pydantic's.

Each message says what is wrong and what is expected: the allowed range and its unit, the keys
allowed in a table (with the closest one to a misspelt key), the shape of an id or a code.
"""

from __future__ import annotations

import difflib
import math
import types
import typing
from typing import Annotated, Any, get_args, get_origin

import annotated_types as at
from pydantic import BaseModel

from .model import Code, Id, LangCode, Scenario, Sourced, Territory, Text


def _pattern(annotated=None, field: str = "") -> str:
    """A pattern as scenario.py spells it, so that the words below stay matched to it."""
    constraints = get_args(annotated)[1:] if annotated else Territory.model_fields[field].metadata
    return next(c.pattern for c in constraints if getattr(c, "pattern", None))


_PATTERNS = {
    _pattern(Id): "must be an id of at most 40 lowercase letters, digits, '-' or '_', like 'car-sharing'",
    _pattern(LangCode): "must be a two-letter language code in lowercase, like 'fr'",
    _pattern(field="country"): "must be a two-letter country code in capitals, like 'FR'",
    _pattern(field="currency"): "must be a three-letter currency code in capitals, like 'EUR'",
    _pattern(Code): "must be a SPIRAL code: a letter from A to I, maybe two digits, like 'D' or 'D03'",
}
_TYPES = {
    "string_type": "must be text in quotes",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "list_type": "must be a list in square brackets, like [\"a\", \"b\"]",
}
_TABLE_TYPES = ("model_type", "model_attributes_type", "dict_type")
_UNITS = (("eur", " €"), ("hours", " h"), ("kg", " kg CO2e"), ("kwh", " kWh"), ("m2", " m²"))
_UNIT_NAMES = {"money_month": " €", "savings": " €", "envelope_per_round": " €", "hours_week": " h"}


def schema_message(err: dict, loc: tuple) -> str:
    """One pydantic error as a short plain sentence; loc is its data path."""
    kind, ctx, given = err["type"], err.get("ctx") or {}, err.get("input")
    expected, info = _expected_at(loc)
    if kind == "extra_forbidden":
        return _unknown_key(loc)
    if kind == "missing":
        return f"'{loc[-1]}' is required here and is missing" if loc else "a required field is missing"
    if isinstance(given, float) and not math.isfinite(given) and expected in (float, int):
        bounds = _range(info, loc)
        return f"must be a finite number{' ' + bounds if bounds else ''}, not {_show(given)}"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return f"must be {_range(info, loc)} (got {_show(given)}{_unit(loc)})"
    if kind in _TYPES:
        return f"{_TYPES[kind]}{_how_not(kind, given)} (got {_show(given)})"
    if kind in _TABLE_TYPES:
        return f"{_table_example(expected)} (got {_show(given)})"
    if kind == "literal_error":
        return f"must be {ctx.get('expected', 'one of the allowed values')} (got {_show(given)})"
    if kind == "string_pattern_mismatch":
        return f"{_PATTERNS.get(ctx.get('pattern'), 'is not in the expected form')} (got {_show(given)})"
    if kind == "string_too_short":
        least = ctx.get("min_length", 1)
        return "must not be empty" if least <= 1 else f"must have at least {least} characters"
    if kind == "string_too_long":
        return f"must have at most {ctx.get('max_length')} characters (this one has {len(str(given))})"
    if kind in ("too_short", "too_long"):
        return _length(kind, ctx, info)
    if kind == "value_error":
        return err["msg"].removeprefix("Value error, ")
    return err["msg"].replace("Input should be", "must be").replace("Input", "the value")


def _how_not(kind: str, given: Any) -> str:
    """The usual slip behind a type error: numbers and true/false in quotes, 5.0 for a count."""
    if isinstance(given, str) and kind not in ("string_type", "list_type"):
        return ", without quotes"
    if isinstance(given, float) and kind.startswith("int"):
        return ", without a decimal point"
    return ""


def _unknown_key(loc: tuple) -> str:
    key = str(loc[-1])
    model, _ = _expected_at(loc[:-1])
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return f"unknown key '{key}'"
    allowed = list(model.model_fields)
    lowered = {name.lower(): name for name in allowed}
    close = difflib.get_close_matches(key.lower(), list(lowered), n=1, cutoff=0.6)
    hint = f", did you mean '{lowered[close[0]]}'?" if close else ""
    return f"unknown key '{key}'{hint} (allowed here: {', '.join(allowed)})"


def _expected_at(loc: tuple) -> tuple[Any, Any]:
    """The type expected at a data path, and the FieldInfo of its last named key."""
    tp, info = Scenario, None
    for part in loc:
        tp = _unwrap(tp)
        if isinstance(part, int):
            if get_origin(tp) is not list:
                return None, None
            tp, info = get_args(tp)[0], None
        elif isinstance(tp, type) and issubclass(tp, BaseModel) and part in tp.model_fields:
            info = tp.model_fields[part]
            tp = info.annotation
        else:
            return None, None
    return _unwrap(tp), info


def _unwrap(tp: Any) -> Any:
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            inner = [a for a in get_args(tp) if a is not type(None)]
            if len(inner) != 1:
                return tp
            tp = inner[0]
        else:
            return tp


def _range(info, loc: tuple) -> str:
    bounds = {}
    for m in getattr(info, "metadata", ()):
        for name in ("ge", "gt", "le", "lt"):
            if isinstance(m, getattr(at, name.capitalize())):
                bounds[name] = _number(getattr(m, name))
    low = ("ge", bounds.get("ge")) if "ge" in bounds else ("gt", bounds.get("gt"))
    high = ("le", bounds.get("le")) if "le" in bounds else ("lt", bounds.get("lt"))
    unit = _unit(loc)
    if low[1] is not None and high[1] is not None:
        if low[0] == "ge" and high[0] == "le":
            return f"between {low[1]} and {high[1]}{unit}"
        above = "at least" if low[0] == "ge" else "more than"
        below = "at most" if high[0] == "le" else "less than"
        return f"{above} {low[1]} and {below} {high[1]}{unit}"
    if low[1] is not None:
        return f"{'at least' if low[0] == 'ge' else 'more than'} {low[1]}{unit}"
    if high[1] is not None:
        return f"{'at most' if high[0] == 'le' else 'less than'} {high[1]}{unit}"
    return ""


def _unit(loc: tuple) -> str:
    """The unit a field's name makes obvious; a sourced `value` takes its parent's (co2_kg.value)."""
    names = [p for p in loc if isinstance(p, str)][-2:]
    name = names[-1] if names else ""
    if name == "value" and len(names) == 2:
        name = names[0]
    if name in _UNIT_NAMES:
        return _UNIT_NAMES[name]
    words = name.split("_")
    return next((unit for word, unit in _UNITS if word in words), "")


def _length(kind: str, ctx: dict, info) -> str:
    least = next((m.min_length for m in getattr(info, "metadata", ()) if isinstance(m, at.MinLen)), None)
    most = next((m.max_length for m in getattr(info, "metadata", ()) if isinstance(m, at.MaxLen)), None)
    has = ctx.get("actual_length")
    if least is not None and least == most:
        return f"must have exactly {least} items (this one has {has})"
    if kind == "too_short":
        return f"must have at least {ctx.get('min_length', least)} item(s) (this one has {has})"
    return f"may have at most {ctx.get('max_length', most)} items (this one has {has})"


def _table_example(expected: Any) -> str:
    if expected is Text:
        return 'must be a text in each language, like { fr = "...", en = "..." }'
    if expected is Sourced:
        return 'must be a number with its origin, like { value = 12, source = "..." }'
    if isinstance(expected, type) and issubclass(expected, BaseModel):
        required = [n for n, f in expected.model_fields.items() if f.is_required()]
        if required:
            return f"must be a table {{ ... }} with {', '.join(required)}"
        return f"must be a table {{ ... }}, with keys such as {', '.join(list(expected.model_fields)[:3])}"
    return "must be a table { ... }"


def _number(x: float) -> str:
    if abs(x) >= 1e12:  # a typo's thirty digits help nobody
        return f"{x:.3g}"
    comma = "," if abs(x) >= 10_000 else ""  # years and small amounts read better bare
    return f"{x:{comma}.0f}" if float(x).is_integer() else f"{x:{comma}.10g}"


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # Python spells them as TOML does: nan, inf, -inf
    if isinstance(value, float):
        return repr(value) if value.is_integer() and abs(value) < 1e12 else _number(value)
    if isinstance(value, int):
        return _number(value)
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:37] + "...")
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return str(value)[:40]
