"""Where a field stands in a TOML text: maps dotted field paths to line numbers.

`tomllib` gives values without positions, so this scanner reads the text once more and records
the line of every table header, array-of-tables entry and key. A path that has no line of its
own (a field inside an inline table, or a missing field) falls back to its nearest parent.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r'^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|\'[^\']*\')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|\'[^\']*\'))*)\s*=')
_INLINE_KEY = re.compile(r'(?:^|[{,])\s*([A-Za-z0-9_-]+)\s*=')


def _split_key(key: str) -> list[str]:
    return [part.strip().strip("\"'") for part in re.split(r"\s*\.\s*(?=(?:[^\"']*[\"'][^\"']*[\"'])*[^\"']*$)", key)]


class LineMap:
    def __init__(self, text: str) -> None:
        self.lines: dict[tuple, int] = {}
        counters: dict[tuple, int] = {}
        table: tuple = ()
        array_key: tuple | None = None  # a multi-line array being read
        array_index = -1
        depth = 0
        for number, raw in enumerate(text.splitlines(), start=1):
            line = _strip_comment(raw)
            if not line.strip():
                continue
            if depth > 0 and array_key is not None:
                if line.lstrip().startswith("{") and depth == 1:
                    array_index += 1
                    self._inline(array_key + (array_index,), line, number)
                depth += _depth_change(line)
                if depth <= 0:
                    array_key, depth = None, 0
                continue
            header = _HEADER.match(line)
            if header and depth == 0:
                path = tuple(_split_key(header.group(2)))
                if header.group(1) == "[[":
                    index = counters.get(path, -1) + 1
                    counters[path] = index
                    table = _resolve(path, counters) + ()
                    table = table[:-1] + (table[-1],) if table else table
                else:
                    table = _resolve(path, counters)
                self.lines.setdefault(table, number)
                if header.group(1) == "[[":
                    self.lines.setdefault(table[:-1], number)
                continue
            key = _KEY.match(line)
            if key:
                path = table + tuple(_split_key(key.group(1)))
                self.lines.setdefault(path, number)
                rest = line[key.end():]
                self._inline(path, rest, number)
                change = _depth_change(rest)
                if change > 0 and rest.strip().startswith("["):
                    array_key, array_index, depth = path, -1, change
                    # elements that start on the key's own line
                    if rest.strip()[1:].lstrip().startswith("{"):
                        array_index = 0
                        self._inline(path + (0,), rest, number)

    def _inline(self, path: tuple, text: str, number: int) -> None:
        for match in _INLINE_KEY.finditer(text):
            self.lines.setdefault(path + (match.group(1),), number)

    def line_of(self, loc: tuple) -> int:
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return 1


def _resolve(path: tuple, counters: dict[tuple, int]) -> tuple:
    """Insert array-of-tables indices: [projects.needs] after [[projects]] is projects.N.needs."""
    out: tuple = ()
    prefix: tuple = ()
    for part in path:
        prefix = prefix + (part,)
        out = out + (part,)
        if prefix in counters:
            out = out + (counters[prefix],)
    return out


def _strip_comment(line: str) -> str:
    quote = None
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            return line[:i]
    return line


def _depth_change(text: str) -> int:
    depth, quote = 0, None
    for ch in text:
        if quote:
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
    return depth
