"""Where a field stands in a TOML text: maps dotted field paths to line numbers.

`tomllib` gives values without positions, so this small scanner reads the text once more and
records the line of every table header, key and array element, inside inline tables and
multi-line arrays too, skipping over strings (multi-line ones included) so that their content is
never taken for keys. It never raises, even on text that is not valid TOML: a syntax error can
then still be given the field path of its line. A path with no line of its own (a missing field)
falls back to its nearest parent, which is the table that should hold it.
"""

from __future__ import annotations

import bisect

_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_SCALAR_END = frozenset(",]}#\r\n")
_MAX_DEPTH = 64  # deeper nesting is no scenario; tomllib or the schema rejects it anyway


class _Bad(Exception):
    """The text stops looking like TOML here: skip to the next line."""


class _Deep(Exception):
    """Nesting beyond any scenario's: stop scanning, keep what was found."""


class LineMap:
    def __init__(self, text: str) -> None:
        self.lines: dict[tuple, int] = {}
        self.line_count = text.count("\n") + 1
        self._first_on_line: dict[int, tuple] = {}
        self._headers: list[tuple[int, tuple]] = []  # (line, table) in text order
        _Scanner(text, self).run()

    def line_of(self, loc) -> int:
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return 1

    def path_at(self, line: int) -> tuple:
        """The field a line is about: its first key, or else the table it sits in."""
        if line in self._first_on_line:
            return self._first_on_line[line]
        index = bisect.bisect_right([n for n, _ in self._headers], line) - 1
        return self._headers[index][1] if index >= 0 else ()


class _Scanner:
    def __init__(self, text: str, out: LineMap) -> None:
        self.s, self.i, self.line, self.out = text, 0, 1, out
        self.table: tuple = ()
        self.arrays: dict[tuple, int] = {}  # array of tables (with parent indices) -> last index

    # -- moving through the text -------------------------------------------------------------
    def peek(self, ahead: int = 0) -> str:
        return self.s[self.i + ahead : self.i + ahead + 1]

    def move_to(self, j: int) -> None:
        j = min(max(j, self.i), len(self.s))
        self.line += self.s.count("\n", self.i, j)
        self.i = j

    def skip_spaces(self) -> None:
        while self.peek() in (" ", "\t"):
            self.i += 1

    def skip_blanks(self) -> None:
        """Spaces, newlines and comments: what may stand between array elements."""
        while True:
            c = self.peek()
            if c in (" ", "\t", "\r", "\n"):
                self.move_to(self.i + 1)
            elif c == "#":
                self.skip_line()
            else:
                return

    def skip_line(self) -> None:
        end = self.s.find("\n", self.i)
        self.move_to(len(self.s) if end < 0 else end)

    def record(self, path: tuple) -> None:
        self.out._first_on_line.setdefault(self.line, path)
        for n in range(1, len(path) + 1):
            self.out.lines.setdefault(path[:n], self.line)

    # -- statements --------------------------------------------------------------------------
    def run(self) -> None:
        try:
            while True:
                self.skip_blanks()
                if self.i >= len(self.s):
                    return
                start = self.i
                try:
                    self.statement()
                except _Bad:
                    pass
                self.skip_line()
                if self.i == start:  # never loop on the same spot
                    self.move_to(self.i + 1)
        except _Deep:
            pass

    def statement(self) -> None:
        if self.peek() == "[":
            self.header()
            return
        self.assignment(self.table + self.key(), 0)

    def assignment(self, path: tuple, depth: int) -> None:
        """`= value` after a key, at the top level or in an inline table: the key's line is
        recorded, then its value read."""
        self.record(path)
        self.skip_spaces()
        if self.peek() != "=":
            raise _Bad
        self.i += 1
        self.skip_spaces()
        self.value(path, depth)

    def header(self) -> None:
        double = self.peek(1) == "["
        self.i += 2 if double else 1
        parts = self.key()
        # [projects.needs] after [[projects]] means the needs of the last project
        table: tuple = ()
        for n, part in enumerate(parts):
            table += (part,)
            if table in self.arrays and not (double and n == len(parts) - 1):
                table += (self.arrays[table],)
        if double:
            self.arrays[table] = self.arrays.get(table, -1) + 1
            table += (self.arrays[table],)
        self.table = table
        self.record(table)
        self.out._headers.append((self.line, table))

    def key(self) -> tuple:
        parts = []
        while True:
            self.skip_spaces()
            c = self.peek()
            if c in ('"', "'"):
                parts.append(self.string())
            elif c and c in _BARE:
                start = self.i
                while self.peek() and self.peek() in _BARE:
                    self.i += 1
                parts.append(self.s[start : self.i])
            else:
                raise _Bad
            self.skip_spaces()
            if self.peek() != ".":
                return tuple(parts)
            self.i += 1

    # -- values ------------------------------------------------------------------------------
    def value(self, path: tuple, depth: int) -> None:
        if depth > _MAX_DEPTH:
            raise _Deep
        c = self.peek()
        if c in ('"', "'"):
            self.string()
        elif c == "[":
            self.array(path, depth)
        elif c == "{":
            self.inline_table(path, depth)
        else:
            start = self.i
            while self.peek() and self.peek() not in _SCALAR_END:
                self.i += 1
            if self.i == start:
                raise _Bad

    def array(self, path: tuple, depth: int) -> None:
        self.i += 1
        index = 0
        while True:
            self.skip_blanks()
            if self.peek() == "]":
                self.i += 1
                return
            if not self.peek():
                raise _Bad
            self.record(path + (index,))
            self.value(path + (index,), depth + 1)
            index += 1
            self.skip_blanks()
            if self.peek() == ",":
                self.i += 1
            elif self.peek() != "]":
                raise _Bad

    def inline_table(self, path: tuple, depth: int) -> None:
        self.i += 1
        while True:
            self.skip_blanks()
            if self.peek() == "}":
                self.i += 1
                return
            self.assignment(path + self.key(), depth + 1)
            self.skip_blanks()
            if self.peek() == ",":
                self.i += 1
            elif self.peek() != "}":
                raise _Bad

    def string(self) -> str:
        """Skips a string of any of TOML's four kinds; returns its raw content (for keys)."""
        quote = self.peek()
        basic = quote == '"'
        if self.s.startswith(quote * 3, self.i):
            j = self.i + 3
            while j < len(self.s):
                if basic and self.s[j] == "\\":
                    j += 2
                elif self.s.startswith(quote * 3, j):
                    j += 3
                    # up to two quotes may end the content right before the closing three
                    for _ in range(2):
                        if self.s[j : j + 1] == quote:
                            j += 1
                    self.move_to(j)
                    return ""
                else:
                    j += 1
            self.move_to(len(self.s))
            raise _Bad
        j = self.i + 1
        while j < len(self.s) and self.s[j] not in (quote, "\n"):
            j += 2 if basic and self.s[j] == "\\" and self.s[j + 1 : j + 2] != "\n" else 1
        if j >= len(self.s) or self.s[j] != quote:
            raise _Bad
        content = self.s[self.i + 1 : j]
        self.i = j + 1
        return content
