"""The engine's refusals in the room's words: a translated sentence, never a raw code."""

from __future__ import annotations

from engine.rules import Rejected
from engine.state import State


# the parameters whose values the catalogues name ("resource.hours", "phase.pledges")
NAMED = {"resource": "resource.", "phase": "phase.", "strategy": "strategy.", "action": "action."}


def rejection_key(code: str) -> str:
    return f"rejected.{code}"


def rejection_text(t, exc: Rejected, state: State | None) -> str:
    params = {k: _param(t, k, v, state) for k, v in exc.params.items()}
    unit = {"money": "money", "savings": "money", "hours": "unit.h"}.get(exc.params.get("resource"))
    if exc.code == "cofund/too_much":
        unit = "money"
    currency = state.scenario.territory.currency if state is not None else "EUR"
    for name in ("asked", "left", "most"):
        if unit and isinstance(exc.params.get(name), (int, float)):
            value = float(exc.params[name])
            params[name] = t.money(value, currency) if unit == "money" else t(unit, value=t.fmt(value))
    key = rejection_key(exc.code)
    if not t.has(key):
        return t("rejected.generic")
    return t(key, **params)


def _param(t, name: str, value, state: State | None):
    if state is None:
        return value
    scenario = state.scenario
    lang = t.lang
    if name == "family":
        family = state.family(str(value))
        return family.spec.name if family is not None else value
    if name == "families" and isinstance(value, (list, tuple)):
        return [_param(t, "family", v, state) for v in value]
    if name in ("project", "missing"):
        ids = value if isinstance(value, (list, tuple)) else [value]
        names = []
        for pid in ids:
            try:
                names.append(scenario.project(pid).name.get(lang, scenario.language))
            except KeyError:
                names.append(pid)
        return names if isinstance(value, (list, tuple)) else names[0]
    if name in NAMED:
        key = NAMED[name] + str(value)
        return t(key) if t.has(key) else value
    if name == "allowed" and isinstance(value, (list, tuple)):
        return [f"×{t.fmt(float(v))}" for v in value]
    return value
