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

CURLY_QUOTES = "“”„‟‘’‚‛«»"
# A number where a value may stand: after '=', '[' or ',' (strings are masked before this runs).
_NUMBER = re.compile(
    r"(?:(?<==)|(?<=[\[,]))[ \t]*(?P<num>[-+]?\d[\d_]*(?:\.\d+)?(?:[eE][-+]?\d+)?)"
    r"(?P<after>[ \t]*[^\s,\]}#][^,\]}#]*)?"
)
_DECIMAL_COMMA = re.compile(r"(?<==)[ \t]*(?P<num>[-+]?\d+),(?P<frac>\d+)(?![\d.])")


def slip(line: str, column: int | None = None) -> str | None:
    """What to write instead, when the line holds a usual slip; None otherwise.

    `column` (1-based, where the parser stopped) chooses among several slips on one line: the
    last one that starts before it."""
    masked = _mask(line)
    if any(q in masked for q in CURLY_QUOTES):
        return _curly(masked)
    found: list[tuple[int, str]] = []
    for m in _DECIMAL_COMMA.finditer(masked):
        num, frac = m.group("num"), m.group("frac")
        found.append((m.start("num"), f"write {num}.{frac} — a decimal point, not a comma (got {num},{frac})"))
    for m in _NUMBER.finditer(masked):
        words = _after_number(m.group("num"), (m.group("after") or "").strip(), line[m.start("num"):m.end()])
        if words:
            found.append((m.start("num"), words))
    if not found:
        return None
    found.sort()
    if column is not None:
        before = [f for f in found if f[0] < column]
        if before:
            return before[-1][1]
    return found[0][1]


def _after_number(num: str, after: str, got: str) -> str | None:
    got = got.strip()
    if not after or after[0] in "-:.":  # a date, a time, or a malformed number: not a slip we know
        return None
    if after.startswith("%"):
        try:
            fraction = f"{float(num.replace('_', '')) / 100:g}"
        except ValueError:
            return None
        return (f"write {fraction} — a number takes no '%' (got {got}): a share or a multiplier is a "
                f"fraction, {num} % is {fraction}")
    if after[0].isdigit():
        joined = num + after.replace(" ", "").replace("\t", "")
        return f"write {joined} — no space inside a number (got {got}); 1_200 is allowed"
    return (f"write {num} — the number alone, no unit (got {got}): each field's unit is fixed, the "
            "comment above it and docs/authoring.md say which")


def _curly(masked: str) -> str:
    shown = "".join(sorted({q for q in masked if q in CURLY_QUOTES}, key=CURLY_QUOTES.index))
    return (f"curly quotes ({' '.join(shown)}) are not quotes in TOML: write straight ones, \"like this\" "
            "(a word processor or an editor's 'smart quotes' puts curly ones)")


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
