"""Cross references of a scenario: ids must exist, and be unique, in the list they name.

Checked on the parsed TOML rather than on the models, so that a file with schema errors still
hears about its unknown and duplicate ids in the same run.
"""

from __future__ import annotations

from .words import Words, w

_ID_LISTS = {"sectors": "sector", "profiles": "profile", "activities": "activity",
             "projects": "project", "events": "event", "families": "family"}
_REFERENCES = (  # where an id is used, and the list it must name
    ("profiles.*.overrides.*.sector", "sectors"),
    ("projects.*.sectors.*", "sectors"),
    ("projects.*.effects.*.sector", "sectors"),
    ("projects.*.needs.skills.*", "activities"),
    ("projects.*.prerequisites.*", "projects"),
    ("projects.*.excludes.*", "projects"),
    ("events.*.effect.project", "projects"),
    ("events.*.effect.sector", "sectors"),
    ("events.*.effect.family", "families"),
    ("families.*.profile", "profiles"),
    ("families.*.adjustments.*.sector", "sectors"),
    ("families.*.skills.*", "activities"),
    ("families.*.likes.*", "activities"),
    ("families.*.refuses.*", "activities"),
    ("classroom.suggested.*", "projects"),
)


def reference_errors(data: dict, line_of=None) -> list[tuple[str, Words]]:
    """Every unknown or duplicate id, as (field path, message); whatever has the wrong shape is
    skipped (the schema reports it), so this runs on any parsed TOML. For a Scenario built in
    code, pass `scenario.model_dump()`. `line_of(path)`, when given, gives the line of a dotted
    path, so that a duplicate names the line of the first one."""
    errors: list[tuple[str, Words]] = []
    ids: dict[str, dict[str, str]] = {}  # list -> id -> path of its first use
    for field in _ID_LISTS:
        ids[field] = {}
        for path, value in _walk(data, (field, "*", "id")):
            if isinstance(value, str):
                first = ids[field].get(value)
                if first is not None:
                    where = w("check.duplicate_where", line=line_of(first), path=first) if line_of else first
                    errors.append((path, w("check.duplicate_id", id=value, where=where)))
                else:
                    ids[field][value] = path
    for pattern, field in _REFERENCES:
        for path, value in _walk(data, tuple(pattern.split("."))):
            if isinstance(value, str) and value not in ids[field]:
                known = ", ".join(sorted(ids[field])) or w("check.none")
                errors.append((path, w(f"check.unknown_{_ID_LISTS[field]}", id=value, known=known)))
    for path, project in _walk(data, ("projects", "*")):
        for j, required in enumerate(_get(project, "prerequisites", [])):
            if isinstance(required, str) and required == _get(project, "id"):
                errors.append((f"{path}.prerequisites.{j}", w("check.requires_itself")))
    errors += _component_errors(data)
    families = _get(data, "families", [])
    if families and all(_get(f, "arrives_later") is True for f in families):
        errors.append(("families", w("check.family_from_start")))
    return errors


def _get(node, key, default=None):
    value = node.get(key, default) if isinstance(node, dict) else default
    return value if isinstance(value, type(default)) or default is None else default


def _walk(node, pattern: tuple, path: str = ""):
    """(dotted path, value) for each place that matches a pattern such as projects.*.sectors.*"""
    if not pattern:
        yield path, node
        return
    head, rest = pattern[0], pattern[1:]
    join = f"{path}." if path else ""
    if head == "*" and isinstance(node, list):
        for i, item in enumerate(node):
            yield from _walk(item, rest, f"{join}{i}")
    elif isinstance(node, dict) and head in node:
        yield from _walk(node[head], rest, f"{join}{head}")


def _component_errors(data: dict) -> list[tuple[str, str]]:
    """Effects and overrides name a component of their sector (or none: every component of
    it), and components name a carrier of [energy]."""
    components: dict[str, list[str]] = {}
    for _, sector in _walk(data, ("sectors", "*")):
        sid = _get(sector, "id")
        if isinstance(sid, str):
            given = _get(sector, "components", [])
            components[sid] = [c["id"] for c in given if isinstance(c, dict) and isinstance(c.get("id"), str)] \
                if given else [sid]
    errors = []
    for pattern in ("projects.*.effects.*", "profiles.*.overrides.*", "families.*.adjustments.*", "events.*.effect"):
        for path, node in _walk(data, tuple(pattern.split("."))):
            sid, cid = _get(node, "sector"), _get(node, "component")
            if not isinstance(sid, str) or sid not in components:
                continue  # the sector reference reports it
            known = components[sid]
            if isinstance(cid, str) and cid not in known:
                errors.append((f"{path}.component", w("check.unknown_component", component=cid, sector=sid,
                                                             known=", ".join(known))))
    carriers = {c.get("id") for _, c in _walk(data, ("energy", "carriers", "*")) if isinstance(c, dict)}
    for path, value in _walk(data, ("sectors", "*", "components", "*", "carrier")):
        if isinstance(value, str) and value not in carriers:
            known = ", ".join(sorted(c for c in carriers if isinstance(c, str))) or w("check.none")
            errors.append((path, w("check.unknown_carrier", carrier=value, known=known)))
    for path, project in _walk(data, ("projects", "*")):
        for j, other in enumerate(_get(project, "excludes", [])):
            if isinstance(other, str) and other == _get(project, "id"):
                errors.append((f"{path}.excludes.{j}", w("check.excludes_itself")))
    return errors
