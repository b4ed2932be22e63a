"""`bve scenario upgrade`: a version-1 scenario file rewritten as version 2, comments kept.

Version 2 gives every sector its components (DESIGN §2.1). The mechanical upgrade makes each
version-1 sector one component named after it: the sector's Q, E, C and L lines, with the
comments just above them, move under a `[[sectors.components]]` table at the end of the sector,
and `schema_version` becomes 2. Effects, overrides and adjustments may leave their component
out while a sector has one, so nothing else changes; splitting a sector into real components
(heating, electricity, construction...) is the author's work, with sources. The result is read
back and compared with the original, factor by factor, before it is returned.
"""

from __future__ import annotations

import re

try:
    import tomli as tomllib
except ImportError:  # pragma: no cover
    import tomllib

from .format import FACTORS
from .words import Problem, w

_HEADER = re.compile(r"^\s*\[")
_FACTOR = re.compile(r"^\s*(quantity|energy|carbon|land)\s*=")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=\s*(.*)$")
_VERSION = re.compile(r"^(\s*schema_version\s*=\s*)1(\s*(#.*)?)$")


class UpgradeError(Problem):
    """Why a file cannot be upgraded, in one sentence."""


def upgrade_text(text: str) -> str:
    """The version-2 text of a version-1 scenario's text (which must parse as TOML)."""
    try:
        before = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UpgradeError(w("upgrade.not_toml", error=str(exc))) from None
    version = before.get("schema_version", 1)
    if version == 2:
        raise UpgradeError(w("upgrade.already"))
    if version != 1:
        raise UpgradeError(w("upgrade.version", version=repr(version)))
    lines = text.splitlines()
    out = _version_line(lines)
    out = _components(out, before)
    upgraded = "\n".join(out) + ("\n" if text.endswith("\n") else "")
    _same_numbers(before, tomllib.loads(upgraded))
    return upgraded


def _version_line(lines: list[str]) -> list[str]:
    for i, line in enumerate(lines):
        if _HEADER.match(line):
            break
        m = _VERSION.match(line)
        if m:
            return lines[:i] + [f"{m.group(1)}2{m.group(2)}"] + lines[i + 1:]
    # no version line: the key goes before the first table, after the opening comments
    at = next((i for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")),
              len(lines))
    return lines[:at] + ["schema_version = 2", ""] + lines[at:]


def _components(lines: list[str], data: dict) -> list[str]:
    sectors = iter(data.get("sectors", []))
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.strip() != "[[sectors]]":
            out.append(line)
            i += 1
            continue
        end = next((j for j in range(i + 1, len(lines)) if _HEADER.match(lines[j])), len(lines))
        out += _sector_block(lines[i:end], next(sectors, {}))
        i = end
    return out


def _sector_block(block: list[str], sector: dict) -> list[str]:
    if "components" in sector or not all(f in sector for f in FACTORS):
        return block
    kept: list[str] = []
    moved: list[str] = []
    name = None
    for line in block:
        key = _KEY.match(line)
        if key and key.group(1) == "name" and name is None:
            name = key.group(2)
        if _FACTOR.match(line):
            # the comments right above a factor say what it is: they move with it
            comments = []
            while kept and kept[-1].lstrip().startswith("#"):
                comments.insert(0, kept.pop())
            moved += comments + [line]
        else:
            kept.append(line)
    last = max((k for k, line in enumerate(kept) if line.strip() and not line.lstrip().startswith("#")), default=0)
    component = ([""] if kept[last].strip() else []) + ["[[sectors.components]]", f'id = "{sector["id"]}"']
    if name is not None:
        component.append(f"name = {name}")
    return kept[: last + 1] + component + moved + kept[last + 1:]


def _same_numbers(before: dict, after: dict) -> None:
    old, new = before.get("sectors", []), after.get("sectors", [])
    if len(old) != len(new) or after.get("schema_version") != 2:
        raise UpgradeError(w("upgrade.layout"))
    for o, n in zip(old, new):
        parts = n.get("components")
        if "components" in o:
            continue
        if not parts or len(parts) != 1 or any(o.get(f) != parts[0].get(f) for f in FACTORS) or \
                any(f in n for f in FACTORS) or {k: v for k, v in n.items() if k != "components"} != \
                {k: v for k, v in o.items() if k not in FACTORS}:
            raise UpgradeError(w("upgrade.sector", sector=o.get("id")))
