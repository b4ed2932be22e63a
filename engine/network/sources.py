"""What `bve analyze` reads: logs and bundles, one summary each, damaged files reported alone.

A bundle's signature and checksums are checked (its replay was checked when it was imported);
a log is replayed in full. A folder stands for every log and bundle inside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import orjson

from ..log.lines import LOG_SUFFIXES
from ..log.replay import replay
from . import bundle
from .exchange import SUMMARY_MEMBER
from .summary import summarise



@dataclass
class Read:
    source: str
    summary: dict | None
    from_bundle: bool
    problem: str | None = None  # 'FILE:LINE: reason' or 'FILE: reason'


def expand(inputs: list[str]) -> list[Path]:
    out: list[Path] = []
    for name in inputs:
        path = Path(name)
        if path.is_dir():
            out += sorted(p for p in path.rglob("*") if p.is_file() and _readable_kind(p))
        else:
            out.append(path)
    return out


def _readable_kind(path: Path) -> bool:
    return path.name.endswith(LOG_SUFFIXES) or path.suffix == ".zip"


def read(path: Path) -> Read:
    name = str(path)
    if path.suffix == ".zip":
        try:
            b = bundle.read(path, only=(SUMMARY_MEMBER,))  # the log was replayed on import
        except bundle.BundleError as exc:
            return Read(name, None, True, str(exc))
        data = b.members.get(SUMMARY_MEMBER)
        if data is None:
            return Read(name, None, True, f"{name}:{SUMMARY_MEMBER}: missing")
        try:
            summary = orjson.loads(data)
        except orjson.JSONDecodeError:
            return Read(name, None, True, f"{name}:{SUMMARY_MEMBER}: not valid JSON")
        return Read(name, summary, True)
    result = replay(path)
    if result.state is None or result.scenario is None:
        return Read(name, None, False, result.describe_error() or f"{name}: not a session log")
    summary = summarise(result.state, result.header)
    # a damaged log's valid part is still analysed, and the damage reported
    return Read(name, summary, False, result.describe_error() if not result.ok else None)

