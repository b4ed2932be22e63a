"""Builders for the log tests: a finished session's log, and rewriting a log with its hashes
recomputed (what a casual editor who knows the format would do)."""

from pathlib import Path

import orjson

from engine.log.lines import encode_line, split_line
from engine.log.reading import Source, read_lines


def records(path: Path) -> list[dict]:
    return [orjson.loads(split_line(raw, n)[0]) for n, raw in read_lines(path, Source())]


def write_rechained(path: Path, recs: list[dict]) -> None:
    """Write records as a plain version 2 log with a valid hash chain."""
    prev = b""
    out = []
    for record in recs:
        line, prev = encode_line(record, prev)
        out.append(line + b"\n")
    path.write_bytes(b"".join(out))
