"""The log's lines: canonical bytes, the hash chain, and the writer (docs/log-format.md).

Line 1 is the header (format, versions, session id, time, language, seed, the scenario's text
and its SHA-256). Each later line is one accepted action, a checkpoint closing a round, or the
closing line of a finished session. Every line ends with its hash, which covers the previous
line's hash and the line's own bytes, so any change to any byte breaks the chain from there on.

Version 2 (written now) drops version 1's `prev` field, which repeated the previous hash, and
omits fields at their default value; a log may be a gzip stream, flushed after every line.
Version 1 logs are still read.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import orjson

FORMAT = "bve-session-log"
FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)
ENGINE_VERSION = "0.2.0"
FACILITATOR, CHANCE = "facilitator", "chance"
GZIP_MAGIC = b"\x1f\x8b"
LOG_SUFFIXES = (".jsonl", ".jsonl.gz")  # how session logs are named, plain or as gzip streams

HASH_MEMBER = b',"hash":"'
_HEX = frozenset(b"0123456789abcdef")
_TAIL = len(HASH_MEMBER) + 64 + 2  # ',"hash":"' + 64 hex digits + '"}'


class LogError(Exception):
    """What is wrong with a log, at which line (0: no line is concerned, e.g. the file is missing)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


# -- the chain ---------------------------------------------------------------------------------
def chain_v2(prev: bytes, body: bytes) -> bytes:
    """Version 2: SHA-256 of the previous line's hash (32 bytes; nothing before the header) and
    the line's body."""
    return hashlib.sha256(prev + body).digest()


def chain_v1(prev: bytes, body: bytes) -> bytes:
    """Version 1: SHA-256 of the previous hash in hex (empty before the header), a newline, the body."""
    return hashlib.sha256(prev.hex().encode("ascii") + b"\n" + body).digest()


def encode_line(record: dict[str, Any], prev: bytes) -> tuple[bytes, bytes]:
    """The line's bytes (without the newline) and its hash; `record` must not hold 'hash'."""
    body = orjson.dumps(record, option=orjson.OPT_SORT_KEYS)
    digest = chain_v2(prev, body)
    return body[:-1] + HASH_MEMBER + digest.hex().encode("ascii") + b'"}', digest


def split_line(raw: bytes, number: int) -> tuple[bytes, bytes]:
    """A line's body (the line without its hash member) and the hash it claims."""
    # slicing rather than a regular expression: replay reads every line of every log this way
    cut = len(raw) - _TAIL
    if cut < 1 or raw[cut : cut + 9] != HASH_MEMBER or raw[-2:] != b'"}' or raw[:1] != b"{":
        raise LogError(number, "not a log line (its hash is missing or the line is cut)")
    hex_ = raw[cut + 9 : -2]
    if not _HEX.issuperset(hex_):
        raise LogError(number, "not a log line (its hash is missing or the line is cut)")
    return raw[:cut] + b"}", bytes.fromhex(hex_.decode("ascii"))


def action_record(seq: int, actor: str, action_json: dict, time: str) -> dict[str, Any]:
    """An action line's record; the facilitator (the usual actor) and an empty time are left out."""
    record: dict[str, Any] = {"seq": seq, "action": action_json}
    if actor != FACILITATOR:
        record["actor"] = actor
    if time:
        record["time"] = time
    return record


# -- writing -----------------------------------------------------------------------------------
def is_gzip_path(path: str | Path) -> bool:
    return str(path).endswith(".gz")


class LogWriter:
    """Appends lines and flushes each one (and syncs it to disk when durable) before returning.

    A path ending in `.gz` is written as a gzip stream flushed after every line (Z_SYNC_FLUSH):
    a crash then loses no whole line. `file` lets a resumed session hand over a stream it
    opened itself, and `gz` its gzip stream (see session.resume)."""

    def __init__(
        self, path: str | Path, prev: bytes = b"", durable: bool = True, file: IO[bytes] | None = None,
        gz: gzip.GzipFile | None = None, last_kind: str = "",
    ) -> None:
        self.path = Path(path)
        self.prev = prev
        self.durable = durable
        self._raw: IO[bytes] = file if file is not None else open(self.path, "ab")
        self._gz = gz if gz is not None else open_gzip(self._raw) if file is None and is_gzip_path(path) else None
        self.last_kind = last_kind  # of the last line: "header", "action", "checkpoint" or "closing"

    def write(self, record: dict[str, Any], kind: str) -> bytes:
        line, digest = encode_line(record, self.prev)
        if self._gz is not None:
            self._gz.write(line + b"\n")
            self._gz.flush(zlib.Z_SYNC_FLUSH)
        else:
            self._raw.write(line + b"\n")
            self._raw.flush()
        if self.durable:
            os.fsync(self._raw.fileno())
        self.prev = digest
        self.last_kind = kind
        return digest

    def close(self) -> None:
        if self._gz is not None:
            self._gz.close()  # writes the stream's trailer
        self._raw.close()


def open_gzip(raw: IO[bytes]) -> gzip.GzipFile:
    # no name and no time in the gzip header: the same lines give the same bytes
    return gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=6, mtime=0)


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
