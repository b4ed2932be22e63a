"""Reading a log's lines with bounded memory, plain or gzip (found by its first two bytes).

Only a regular file is read (a FIFO would never end, a device like /dev/zero never stops); a
line longer than MAX_LINE is refused without being held whole; a gzip stream is inflated a
bounded piece at a time, so a small file that inflates to gigabytes is refused as well. A gzip
stream cut by a crash keeps every whole line written before the cut.
"""

from __future__ import annotations

import os
import stat
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .lines import GZIP_MAGIC, LogError

MAX_LINE = 1 << 20  # 1 MB: a header holds the scenario (at most 256 KB by its schema)
# 25 times a 3-hour workshop (about 2,000 actions). Every state of a session stays reachable for
# undo, each sharing what it did not change (notes included), so memory grows with the length:
# 50,000 lines of notes replay in about 120 MB.
MAX_LINES = 50_000
CHUNK = 1 << 16
STEP = 1 << 14  # 16 KB in, at most about 16 MB out; smaller steps cost more than inflating itself


@dataclass
class Source:
    """What the reader found: whether the file is gzip."""

    gzip: bool = False


def open_regular(path: str | Path) -> int:
    """A file descriptor for `path`, refused unless it is a regular file. Opening does not
    block on a FIFO (O_NONBLOCK), and the check is made on what was opened."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise LogError(0, "not a regular file")
    return fd


def _raw_chunks(fd: int) -> Iterator[bytes]:
    with os.fdopen(fd, "rb", buffering=0) as f:
        while chunk := f.read(CHUNK):
            yield chunk


def _inflate(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """Uncompressed pieces of a gzip stream (several members may follow each other). The input
    goes in STEP bytes at a time, so one piece is at most about a thousand times that (deflate's
    largest ratio); where the stream is damaged, everything inflated before the damage is kept."""
    inflater = zlib.decompressobj(wbits=31)
    for chunk in chunks:
        for at in range(0, len(chunk), STEP):
            data = chunk[at : at + STEP]
            while data:
                saved = inflater.copy()
                try:
                    piece = inflater.decompress(data)
                except zlib.error:
                    yield _until_damage(saved, data)
                    raise
                if piece:
                    yield piece
                data = b""
                if inflater.eof:  # the member's trailer: another member may follow
                    data = inflater.unused_data
                    if data:
                        inflater = zlib.decompressobj(wbits=31)


def _until_damage(inflater, data: bytes) -> bytes:
    """What the stream gives before the byte where it is damaged."""
    out = []
    for i in range(len(data)):
        try:
            out.append(inflater.decompress(data[i : i + 1]))
        except zlib.error:
            break
    return b"".join(out)


def read_lines(path: str | Path, source: Source) -> Iterator[tuple[int, bytes]]:
    """Yields (line number, line without its newline). Raises LogError on what cannot be read:
    the line number it concerns, or 0 when no line does (the file cannot be opened)."""
    try:
        fd = open_regular(path)
    except OSError as exc:
        raise LogError(0, f"cannot read the log ({exc.strerror or exc})") from None
    chunks = _raw_chunks(fd)
    first = next(chunks, b"")
    source.gzip = first[:2] == GZIP_MAGIC

    def everything() -> Iterator[bytes]:
        yield first
        yield from chunks

    pieces = _inflate(everything()) if source.gzip else everything()
    number = 0
    rest = b""
    try:
        for piece in pieces:
            rest += piece
            lines = rest.split(b"\n")
            rest = lines.pop()
            for line in lines:
                number += 1
                if len(line) > MAX_LINE:
                    raise LogError(number, f"the line is longer than {MAX_LINE // (1 << 20)} MB")
                if number > MAX_LINES:
                    raise LogError(number, f"a log holds at most {MAX_LINES:,} lines")
                yield number, line
            if len(rest) > MAX_LINE:
                raise LogError(number + 1, f"the line is longer than {MAX_LINE // (1 << 20)} MB")
    except zlib.error:
        raise LogError(number + 1, "the compressed stream is damaged here") from None
    except OSError as exc:
        raise LogError(number + 1, f"cannot read the log ({exc.strerror or exc})") from None
    if rest:
        raise LogError(number + 1, "the last line is incomplete (no end of line): it was cut while being written")
    if number == 0:
        raise LogError(1, "the log is empty")
