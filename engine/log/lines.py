"""The session log: JSON Lines with a hash chain, the contract with analysts and the network.

Line 1 is the header (format, versions, session id, time, language, seed, the scenario's text
and its SHA-256). Each later line is one accepted action, or a checkpoint with the state digest
at the end of a round. Every line carries the previous line's hash and its own: the hash covers
the line's exact bytes, so any change to any byte is detected.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import orjson

FORMAT = "bve-session-log"
FORMAT_VERSION = 1
ENGINE_VERSION = "0.1.0"

def line_hash(prev: str, body: bytes) -> str:
    return hashlib.sha256(prev.encode("ascii") + b"\n" + body).hexdigest()


def encode_line(record: dict[str, Any], prev: str) -> tuple[bytes, str]:
    """The line's bytes (without newline) and its hash; `record` must not hold 'hash'."""
    body = orjson.dumps({**record, "prev": prev}, option=orjson.OPT_SORT_KEYS)
    digest = line_hash(prev, body)
    return body[:-1] + b',"hash":"' + digest.encode("ascii") + b'"}', digest


class LogError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


_HASH_KEY = b',"hash":"'
_HEX = frozenset(b"0123456789abcdef")


def decode_line(raw: bytes, prev: str, number: int) -> tuple[dict[str, Any], str]:
    """Check one line against the chain; returns its record and hash, or raises LogError."""
    # slicing rather than a regular expression: replay reads every line of every log this way
    cut = len(raw) - 75  # ',"hash":"' (9) + 64 hex digits + '"}' (2)
    if cut < 1 or raw[cut : cut + 9] != _HASH_KEY or raw[-2:] != b'"}' or raw[:1] != b"{":
        raise LogError(number, "not a log line (its hash is missing or the line is cut)")
    digest_bytes = raw[cut + 9 : -2]
    if not _HEX.issuperset(digest_bytes):
        raise LogError(number, "not a log line (its hash is missing or the line is cut)")
    body, digest = raw[:cut] + b"}", digest_bytes.decode("ascii")
    if line_hash(prev, body) != digest:
        raise LogError(number, "the line was changed: its hash does not match its content")
    try:
        record = orjson.loads(body)
    except orjson.JSONDecodeError:
        raise LogError(number, "the line is not valid JSON") from None
    if not isinstance(record, dict) or record.get("prev") != prev:
        raise LogError(number, "the hash chain is broken: this line does not follow the previous one")
    return record, digest


class LogWriter:
    """Appends lines and flushes each one (and syncs it to disk when durable) before returning."""

    def __init__(self, path: str | Path, prev: str = "", durable: bool = True) -> None:
        self.path = Path(path)
        self.prev = prev
        self.durable = durable
        self._file: IO[bytes] = open(self.path, "ab")

    def write(self, record: dict[str, Any]) -> str:
        line, digest = encode_line(record, self.prev)
        self._file.write(line + b"\n")
        self._file.flush()
        if self.durable:
            os.fsync(self._file.fileno())
        self.prev = digest
        return digest

    def close(self) -> None:
        self._file.close()


@dataclass(frozen=True)
class Header:
    session: str
    created: str
    language: str
    seed: int
    scenario_text: str
    scenario_sha256: str
    scenario_name: str


def header_record(h: Header) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "engine": ENGINE_VERSION,
        "session": h.session,
        "created": h.created,
        "language": h.language,
        "seed": h.seed,
        "scenario_name": h.scenario_name,
        "scenario_sha256": h.scenario_sha256,
        "scenario": h.scenario_text,
    }
