"""`bve check`: every problem of every scenario file at once, then a short summary of each.

Speaks like Ren'Py's lint: `FILE:LINE: field.path: what is wrong, what was expected`, never a
traceback. Beside the errors that stop a scenario from loading, it warns about what loads but
will disappoint in play: a text missing in one of the territory's languages, numbers with no
origin, placeholders of `bve scenario new` not yet replaced, a project that even the whole preset
roster could never afford, projects whose prerequisites go round in a circle (they can never be
proposed), and a scenario with nothing to play (no preset family, no project that can be
proposed). `--strict`, before a workshop, fails on any of them.
"""

from __future__ import annotations

import json

from pydantic import BaseModel

from .authoring import is_placeholder
from .load import Issue, ScenarioError, read_text, validate_text
from .model import Origin, Project, Scenario, Text
from .tomlpos import LineMap
from .words import Words, either, english, render, w

FORMATS = ("text", "json")
_COUNTED = ("sectors", "profiles", "projects", "events", "families")


def check_paths(paths: list[str], strict: bool = False, fmt: str = "text", say=english) -> tuple[int, str]:
    """Checks the files; returns the exit code (2 on any error, or warning when strict) and the report.

    `say(key, params)` words the text report (words.py; English by default); the JSON report
    stays in English, with the same keys, whoever reads it."""
    if fmt not in FORMATS:
        return 2, render(w("check.unknown_format", format=fmt, formats=either(FORMATS)), say)
    if not paths:
        return 2, render(w("check.no_file_given"), say)
    checked = [_check_file(str(path), strict) for path in paths]
    results = [result for result, _ in checked]
    code = 0 if all(r["ok"] for r in results) else 2
    if fmt == "json":
        return code, json.dumps({"files": results}, ensure_ascii=False, indent=2)
    lines = [line for result, issues in checked for line in _text_report(result, issues, say)]
    if len(results) > 1:
        failed = sum(not r["ok"] for r in results)
        lines.append(render(w("check.files", files=len(results), ok=len(results) - failed, failing=failed), say))
    return code, "\n".join(lines)


def scenario_warnings(scenario: Scenario, text: str, name: str) -> list[Issue]:
    """What loads but will disappoint in play, each with its line."""
    lines = LineMap(text)
    never = _never_proposed(scenario)
    found = (_missing_languages(scenario) + _unsourced(scenario) + _placeholders(scenario)
             + _unaffordable(scenario) + never + _nothing_to_play(scenario, len(never)))
    return [
        Issue(name, lines.line_of(path), ".".join(map(str, path)), message, "warning")
        for path, message in sorted(found, key=lambda f: lines.line_of(f[0]))
    ]


def summary(scenario: Scenario) -> dict:
    territory = scenario.territory
    # The Gaïa product of the sectors' defaults (Q × E × C) plus the public floor: computed here
    # rather than with engine.gaia because the scenario room imports nothing above it.
    average = sum(
        sum(c.quantity.value * c.energy.value * c.carbon.value for c in s.parts)
        + (s.floor.co2_kg.value if s.floor else 0.0)
        for s in scenario.sectors
    )
    return {
        "territory": territory.id,
        "name": territory.name.get(scenario.language),
        "country": territory.country,
        "languages": list(territory.languages),
        "years": [scenario.years.start, scenario.years.end],
        "rounds": scenario.years.rounds,
        **{field: len(getattr(scenario, field)) for field in _COUNTED},
        "average_co2_kg_per_person": round(float(average), 1),
        "target_co2_kg_per_person": scenario.targets.co2_kg.value,
        "schema_version": scenario.schema_version,
        "components": len(scenario.components),
    }


def _check_file(name: str, strict: bool) -> tuple[dict, list[Issue]]:
    try:
        text = read_text(name)
    except ScenarioError as exc:
        return _result(name, exc.issues, None, strict)
    scenario, issues = validate_text(text, name)
    if scenario is None:
        return _result(name, issues, None, strict)
    return _result(name, scenario_warnings(scenario, text, name), summary(scenario), strict)


def _result(name: str, issues: list[Issue], summary: dict | None, strict: bool) -> tuple[dict, list[Issue]]:
    failing = {"error", "warning"} if strict else {"error"}
    return {
        "file": name,
        "ok": not any(i.severity in failing for i in issues),
        "issues": [
            {"line": i.line, "field": i.field, "message": i.message, "severity": i.severity}
            for i in issues
        ],
        "summary": summary,
    }, issues


def _text_report(result: dict, issues: list[Issue], say) -> list[str]:
    name = result["file"]
    out = [issue.text(say) for issue in issues]
    errors = sum(i.severity == "error" for i in issues)
    warnings = len(issues) - errors
    counted = ", ".join(
        render(w(f"check.{word}_one" if n == 1 else f"check.{word}", count=n), say)
        for n, word in ((errors, "errors"), (warnings, "warnings")) if n
    )
    s = result["summary"]
    if s is None:
        # a single problem needs no count below it
        return out + [render(w("check.counted", name=name, counted=counted), say)] if len(out) > 1 else out
    status = w("check.status_ok" if result["ok"] else "check.status_strict")
    out.append(render(w(
        "check.summary", name=name, status=status,
        counted=w("check.summary_counted", counted=counted) if counted else "", title=s["name"],
        territory=s["territory"], country=s["country"], languages=", ".join(s["languages"]),
        start=s["years"][0], end=s["years"][1], rounds=s["rounds"]), say))
    out.append(render(w("check.counts", **{field: s[field] for field in _COUNTED}), say))
    out.append(render(w("check.average", average=_tonnes(s["average_co2_kg_per_person"], say),
                        target=_tonnes(s["target_co2_kg_per_person"], say)), say))
    return out


def _tonnes(kg: float, say) -> str:
    """12.3 in English, 12,3 in the languages that write a decimal comma (the catalogues say which)."""
    return f"{kg / 1000:.1f}".replace(".", render(w("check.decimal_point"), say))


# -- warnings ---------------------------------------------------------------------------------

def _missing_languages(scenario: Scenario) -> list[tuple[tuple, Words]]:
    languages = scenario.territory.languages
    found = []
    for path, text in _texts(scenario, ()):
        missing = [lang for lang in languages if lang not in text.texts]
        if missing:
            what = ", ".join(f"'{lang}'" for lang in missing)
            found.append((path, w("check.missing_language", missing=what, languages=", ".join(languages))))
    return found


def _unsourced(scenario: Scenario) -> list[tuple[tuple, Words]]:
    """Tables whose numbers say neither where they come from nor why (where the schema lets them)."""
    return [
        (path, w("check.unsourced"))
        for path, node in _models(scenario, (), Origin)
        if node.source is None and node.estimate is None and _has_numbers(node)
    ]


# Numbers that are the game's design rather than facts about the territory: how often a card
# comes up is no measurement, so a card whose effect has no number (a family arrives or leaves)
# needs no origin.
_DESIGN_NUMBERS = frozenset({"weight"})


def _has_numbers(node: BaseModel) -> bool:
    """Whether a table holds a number other than zero, in its own fields or in a sub-table that
    cannot carry an origin of its own (an event's effect)."""
    for name in type(node).model_fields:
        value = getattr(node, name)
        if isinstance(value, bool) or name in _DESIGN_NUMBERS:
            continue
        if isinstance(value, (int, float)) and value:
            return True
        if isinstance(value, BaseModel) and not isinstance(value, (Origin, Text)) and _has_numbers(value):
            return True
    return False


def _placeholders(scenario: Scenario) -> list[tuple[tuple, Words]]:
    """The placeholders `bve scenario new` wrote and nobody replaced yet: one warning, at the
    first, with how many there are (a template holds dozens; one line each would bury the rest)."""
    found = [path for path, node in _models(scenario, (), Origin)
             if is_placeholder(node.estimate) or is_placeholder(node.source)]
    found += [("territory", "sources", i) for i, text in enumerate(scenario.territory.sources)
              if is_placeholder(text)]
    found += [path for path, text in _texts(scenario, ()) if any(map(is_placeholder, text.texts.values()))]
    if not found:
        return []
    found.sort(key=lambda path: [(isinstance(p, str), p) for p in path])
    n = len(found)
    return [(_first_in_file(scenario, found), w("check.placeholder") if n == 1 else w("check.placeholders", count=n))]


def _first_in_file(scenario: Scenario, paths: list[tuple]) -> tuple:
    # the file's order is the format's order of sections, then of items within each
    sections = list(type(scenario).model_fields)
    return min(paths, key=lambda p: (sections.index(p[0]) if p and p[0] in sections else len(sections),
                                     [(isinstance(x, str), x) for x in p[1:]]))


def _texts(node, path: tuple):
    yield from _models(node, path, Text)


def _models(node, path: tuple, kind: type):
    """(path, model) for every model of `kind` in the tree under `node`."""
    if isinstance(node, kind):
        yield path, node
    if isinstance(node, BaseModel) and not isinstance(node, Text):
        for field in type(node).model_fields:
            yield from _models(getattr(node, field), path + (field,), kind)
    elif isinstance(node, (list, tuple)):
        for i, item in enumerate(node):
            yield from _models(item, path + (i,), kind)


def _unaffordable(scenario: Scenario) -> list[tuple[tuple, Words]]:
    """Projects that even the whole roster, pooling everything, could never fund at their smallest size."""
    families = scenario.families
    if not families:
        return []
    money = sum(f.money_month for f in families)
    savings = sum(f.savings for f in families)
    hours = sum(f.hours_week for f in families)
    found = []
    for i, project in enumerate(scenario.projects):
        needs, scale = project.needs, min(project.variants)
        key = "check.unaffordable" if scale == 1 else "check.unaffordable_smallest"
        upfront = needs.upfront_eur * scale
        have = savings + _platform_share(scenario, project, upfront)
        for field, need, has, unit, unit_all in (
            ("monthly_eur", needs.monthly_eur * scale, money, "check.per_month", "check.per_month"),
            ("upfront_eur", upfront, have, "check.up_front", "check.up_front_all"),
            ("weekly_hours", needs.weekly_hours * scale, hours, "check.per_week", "check.per_week"),
        ):
            if need > has + 1e-9:
                found.append((("projects", i, "needs", field),
                              w(key, need=w(unit, amount=_amount(need)), has=w(unit_all, amount=_amount(has)))))
    return found


def _never_proposed(scenario: Scenario) -> list[tuple[tuple, Words]]:
    """Projects whose prerequisites go round in a circle, or wait on such a project: none of
    them can ever be proposed, because a project is proposed only once its prerequisites are
    adopted."""
    index = {p.id: i for i, p in enumerate(scenario.projects)}
    requires = {p.id: [r for r in p.prerequisites if r in index and r != p.id] for p in scenario.projects}
    stuck: dict[str, Words] = {}  # project -> why
    for start in requires:  # a cycle is a path that comes back to where it started
        cycle = _cycle_from(start, requires)
        if cycle and start not in stuck:
            for project in cycle[:-1]:
                stuck[project] = w("check.circle", cycle=" → ".join(_rotate(cycle, project)))
    changed = True
    while changed:  # then whoever waits on a stuck project is stuck too
        changed = False
        for project, needed in requires.items():
            blocker = next((r for r in needed if r in stuck), None)
            if project not in stuck and blocker is not None:
                stuck[project] = w("check.waits_on", blocker=blocker)
                changed = True
    return [(("projects", index[p], "prerequisites"), w("check.never_proposed", why=why))
            for p, why in stuck.items()]


def _cycle_from(start: str, requires: dict[str, list[str]]) -> list[str] | None:
    """A path of prerequisites from `start` back to it, if there is one (depth first)."""
    stack, seen = [(start, [start])], set()
    while stack:
        node, path = stack.pop()
        for nxt in requires[node]:
            if nxt == start:
                return path + [start]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, path + [nxt]))
    return None


def _rotate(cycle: list[str], first: str) -> list[str]:
    ring = cycle[:-1]
    at = ring.index(first)
    ring = ring[at:] + ring[:at]
    return [f"'{p}'" for p in ring + [first]]


def _nothing_to_play(scenario: Scenario, never_proposed: int) -> list[tuple[tuple, Words]]:
    found = []
    if not scenario.families:
        found.append((("families",), w("check.no_family")))
    if never_proposed == len(scenario.projects):
        found.append((("projects",), w("check.nothing_to_play")))
    return found


def _amount(x: float) -> str:
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def _platform_share(scenario: Scenario, project: Project, upfront: float) -> float:
    platform = scenario.platform
    if platform is None or project.strategy not in platform.strategies:
        return 0.0
    return min(platform.max_share * upfront, platform.envelope_per_round)
