"""The typing slips behind most TOML syntax errors in a scenario, told in the author's words.

TOML's parser stops at the character it cannot read and says what it expected there: "expected
'=' after the key" for a decimal comma (`0,7` reads as the number 0, then a key named 7),
"unclosed table" for a unit in an inline table (`1200 €`). Both are true and neither helps.
When a line fails to parse, `slip(line, column)` looks at it for what a person writing numbers
in a text editor usually does: a decimal comma, a percent sign, a unit or a space after a
number, and curly quotes from a word processor; it gives the sentence that says what to write.
"""

from __future__ import annotations

import re

from .words import Words, w

CURLY_QUOTES = "“”„‟‘’‚‛«»"
# A number where a value may stand: after '=', '[' or ',' (strings are masked before this runs).
_NUMBER = re.compile(
    r"(?:(?<==)|(?<=[\[,]))[ \t]*(?P<num>[-+]?\d[\d_]*(?:\.\d+)?(?:[eE][-+]?\d+)?)"
    r"(?P<after>[ \t]*[^\s,\]}#][^,\]}#]*)?"
)
_DECIMAL_COMMA = re.compile(r"(?<==)[ \t]*(?P<num>[-+]?\d+),(?P<frac>\d+)(?![\d.])")


def slip(line: str, column: int | None = None) -> Words | None:
    """What to write instead, when the line holds a usual slip; None otherwise.

    `column` (1-based, where the parser stopped) chooses among several slips on one line: the
    last one that starts before it."""
    masked = _mask(line)
    if any(q in masked for q in CURLY_QUOTES):
        return _curly(masked)
    found: list[tuple[int, Words]] = []
    for m in _DECIMAL_COMMA.finditer(masked):
        num, frac = m.group("num"), m.group("frac")
        found.append((m.start("num"), w("check.slip_decimal_comma", num=num, frac=frac)))
    for m in _NUMBER.finditer(masked):
        words = _after_number(m.group("num"), (m.group("after") or "").strip(), line[m.start("num"):m.end()])
        if words:
            found.append((m.start("num"), words))
    if not found:
        return None
    found.sort(key=lambda f: (f[0], str(f[1])))
    if column is not None:
        before = [f for f in found if f[0] < column]
        if before:
            return before[-1][1]
    return found[0][1]


def _after_number(num: str, after: str, got: str) -> Words | None:
    got = got.strip()
    if not after or after[0] in "-:.":  # a date, a time, or a malformed number: not a slip we know
        return None
    if after.startswith("%"):
        try:
            fraction = f"{float(num.replace('_', '')) / 100:g}"
        except ValueError:
            return None
        return w("check.slip_percent", fraction=fraction, got=got, num=num)
    if after[0].isdigit():
        joined = num + after.replace(" ", "").replace("\t", "")
        return w("check.slip_space", joined=joined, got=got)
    return w("check.slip_unit", num=num, got=got)


def _curly(masked: str) -> Words:
    shown = "".join(sorted({q for q in masked if q in CURLY_QUOTES}, key=CURLY_QUOTES.index))
    return w("check.slip_curly", quotes=" ".join(shown))


def _mask(line: str) -> str:
    """The line with the inside of straight-quoted strings blanked and any comment cut off, so
    that a '50 %' in a text or a note is never taken for a slip."""
    out, quote, i = [], None, 0
    while i < len(line):
        ch = line[i]
        if quote:
            if ch == "\\" and quote == '"':
                out.append("  ")
                i += 2
                continue
            out.append(ch if ch == quote else " ")
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
            out.append(ch)
        elif ch == "#":
            break
        else:
            out.append(ch)
        i += 1
    return "".join(out)
