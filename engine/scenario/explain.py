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
from .words import Problem, Words, w


def _pattern(annotated=None, field: str = "") -> str:
    """A pattern as scenario.py spells it, so that the words below stay matched to it."""
    constraints = get_args(annotated)[1:] if annotated else Territory.model_fields[field].metadata
    return next(c.pattern for c in constraints if getattr(c, "pattern", None))


_PATTERNS = {
    _pattern(Id): "check.pattern_id",
    _pattern(LangCode): "check.pattern_language",
    _pattern(field="country"): "check.pattern_country",
    _pattern(field="currency"): "check.pattern_currency",
    _pattern(Code): "check.pattern_code",
}
_TYPES = {
    "string_type": "check.type_text",
    "float_type": "check.type_number",
    "float_parsing": "check.type_number",
    "int_type": "check.type_whole",
    "int_parsing": "check.type_whole",
    "int_from_float": "check.type_whole",
    "bool_type": "check.type_bool",
    "bool_parsing": "check.type_bool",
    "list_type": "check.type_list",
}
_TABLE_TYPES = ("model_type", "model_attributes_type", "dict_type")
_UNITS = (("eur", " €"), ("hours", " h"), ("kg", " kg CO2e"), ("kwh", " kWh"), ("m2", " m²"))
_UNIT_NAMES = {"money_month": " €", "savings": " €", "envelope_per_round": " €", "hours_week": " h"}


def schema_message(err: dict, loc: tuple) -> Words:
    """One pydantic error as a short plain sentence; loc is its data path."""
    kind, ctx, given = err["type"], err.get("ctx") or {}, err.get("input")
    expected, info = _expected_at(loc)
    if kind == "extra_forbidden":
        return _unknown_key(loc)
    if kind == "missing":
        return w("check.required", key=str(loc[-1])) if loc else w("check.required_field")
    if isinstance(given, float) and not math.isfinite(given) and expected in (float, int):
        bounds = _range(info, loc)
        if bounds is None:
            return w("check.not_finite", got=_show(given))
        return w("check.not_finite_range", range=bounds, got=_show(given))
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return w("check.out_of_range", range=_range(info, loc) or "", got=_show(given), unit=_unit(loc))
    if kind in _TYPES:
        return w("check.wrong_type", expected=w(_TYPES[kind]), how=_how_not(kind, given), got=_show(given))
    if kind in _TABLE_TYPES:
        return _table_example(expected, _show(given))
    if kind == "literal_error":
        return w("check.choice", expected=_choices(ctx.get("expected")), got=_show(given))
    if kind == "string_pattern_mismatch":
        return w("check.pattern", pattern=w(_PATTERNS.get(ctx.get("pattern"), "check.pattern_other")),
                 got=_show(given))
    if kind == "string_too_short":
        least = ctx.get("min_length", 1)
        return w("check.empty") if least <= 1 else w("check.least_characters", least=least)
    if kind == "string_too_long":
        return w("check.most_characters", most=ctx.get("max_length"), has=len(str(given)))
    if kind in ("too_short", "too_long"):
        return _length(kind, ctx, info)
    if kind == "value_error" and isinstance(ctx.get("error"), Problem):
        return ctx["error"].words
    if kind == "value_error":
        return w("check.pydantic", message=err["msg"].removeprefix("Value error, "))
    return w("check.pydantic", message=err["msg"].replace("Input should be", "must be").replace("Input", "the value"))


def _choices(expected: str | None) -> Words | str:
    """pydantic's "'a', 'b' or 'c'" with its "or" in the room's language."""
    if not expected:
        return w("check.allowed_values")
    first, sep, last = expected.rpartition(" or ")
    return w("check.or", first=first, last=last) if sep else expected


def _how_not(kind: str, given: Any) -> Words | str:
    """The usual slip behind a type error: numbers and true/false in quotes, 5.0 for a count."""
    if isinstance(given, str) and kind not in ("string_type", "list_type"):
        return w("check.how_quotes")
    if isinstance(given, float) and kind.startswith("int"):
        return w("check.how_point")
    return ""


def _unknown_key(loc: tuple) -> Words:
    key = str(loc[-1])
    model, _ = _expected_at(loc[:-1])
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return w("check.unknown_key", key=key)
    allowed = list(model.model_fields)
    lowered = {name.lower(): name for name in allowed}
    close = difflib.get_close_matches(key.lower(), list(lowered), n=1, cutoff=0.6)
    if close:
        return w("check.unknown_key_close", key=key, close=lowered[close[0]], allowed=", ".join(allowed))
    return w("check.unknown_key_allowed", key=key, allowed=", ".join(allowed))


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


def _range(info, loc: tuple) -> Words | None:
    bounds = {}
    for m in getattr(info, "metadata", ()):
        for name in ("ge", "gt", "le", "lt"):
            if isinstance(m, getattr(at, name.capitalize())):
                bounds[name] = _number(getattr(m, name))
    low = ("ge", bounds.get("ge")) if "ge" in bounds else ("gt", bounds.get("gt"))
    high = ("le", bounds.get("le")) if "le" in bounds else ("lt", bounds.get("lt"))
    unit = _unit(loc)
    above = "least" if low[0] == "ge" else "more"
    below = "most" if high[0] == "le" else "less"
    if low[1] is not None and high[1] is not None:
        if low[0] == "ge" and high[0] == "le":
            return w("check.range_between", low=low[1], high=high[1], unit=unit)
        return w(_RANGE_KEYS[above, below], low=low[1], high=high[1], unit=unit)
    if low[1] is not None:
        return w(_RANGE_KEYS[above, None], low=low[1], unit=unit)
    if high[1] is not None:
        return w(_RANGE_KEYS[None, below], high=high[1], unit=unit)
    return None


_RANGE_KEYS = {
    ("least", "most"): "check.range_least_most", ("least", "less"): "check.range_least_less",
    ("more", "most"): "check.range_more_most", ("more", "less"): "check.range_more_less",
    ("least", None): "check.range_least", ("more", None): "check.range_more",
    (None, "most"): "check.range_most", (None, "less"): "check.range_less",
}


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


def _length(kind: str, ctx: dict, info) -> Words:
    least = next((m.min_length for m in getattr(info, "metadata", ()) if isinstance(m, at.MinLen)), None)
    most = next((m.max_length for m in getattr(info, "metadata", ()) if isinstance(m, at.MaxLen)), None)
    has = ctx.get("actual_length")
    if least is not None and least == most:
        return w("check.exact_items", count=least, has=has)
    if kind == "too_short":
        return w("check.least_items", least=ctx.get("min_length", least), has=has)
    return w("check.most_items", most=ctx.get("max_length", most), has=has)


def _table_example(expected: Any, got: str) -> Words:
    if expected is Text:
        return w("check.table_text", got=got)
    if expected is Sourced:
        return w("check.table_sourced", got=got)
    if isinstance(expected, type) and issubclass(expected, BaseModel):
        required = [n for n, f in expected.model_fields.items() if f.is_required()]
        if required:
            return w("check.table_with", keys=", ".join(required), got=got)
        return w("check.table_such_as", keys=", ".join(list(expected.model_fields)[:3]), got=got)
    return w("check.table", got=got)


def _number(x: float) -> str:
    if abs(x) >= 1e12:  # a typo's thirty digits help nobody
        return f"{x:.3g}"
    comma = "," if abs(x) >= 10_000 else ""  # years and small amounts read better bare
    return f"{x:{comma}.0f}" if float(x).is_integer() else f"{x:{comma}.10g}"


def _show(value: Any) -> Words | str:
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
        return w("check.got_table")
    if isinstance(value, list):
        return w("check.got_list")
    return str(value)[:40]
