"""Reading a scenario file: TOML syntax, schema and cross references, every problem at once.

Each problem is an `Issue` that names the file, the line, the field and what was expected, in
words a trainer understands, so that `bve check` and the game can show it without a traceback.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

try:  # the compiled tomli reads a scenario 2.5 times faster than the standard library's copy
    import tomli as tomllib
except ImportError:  # pragma: no cover
    import tomllib

from .explain import schema_message
from .references import reference_errors
from .slips import slip
from .model import MAX_FILE_BYTES, Scenario
from .tomlpos import LineMap
from .words import Words, english, render, w

MAX_SYNTAX_ERRORS = 10
_TOO_BIG = w("check.too_big", kib=MAX_FILE_BYTES // 1024)
_TOO_DEEP = w("check.too_deep")


@dataclass(frozen=True)
class Issue:
    file: str
    line: int  # 0 when the problem is the whole file (missing, unreadable, too big)
    field: str
    message: str  # in English: Words (words.py) keep the key and parameters that word it elsewhere
    severity: str = "error"

    def __str__(self) -> str:
        return self.text(english)

    def text(self, say) -> str:
        """`file:line: field: message`, worded by `say(key, params)` (words.py)."""
        where = f"{self.file}:{self.line}:" if self.line else f"{self.file}:"
        field = f" {self.field}:" if self.field else ""
        tag = f" {say('check.warning', {})}" if self.severity == "warning" else ""
        message = render(self.message, say)
        return f"{where}{tag}{field} {message}"


class ScenarioError(Exception):
    def __init__(self, issues: list[Issue]) -> None:
        super().__init__("\n".join(str(i) for i in issues))
        self.issues = issues


def scenario_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_text(path: str | Path) -> str:
    """The file's text, or a ScenarioError that says in one line why it cannot be read."""
    name = str(path)

    def fail(message: Words, line: int = 0) -> ScenarioError:
        return ScenarioError([Issue(name, line, "", message)])

    try:
        p = Path(path)
        if p.is_dir():
            raise fail(w("check.is_folder"))
        if not p.exists():
            raise fail(w("check.no_such_file"))
        if not p.is_file():  # a device or a pipe could block or never end
            raise fail(w("check.not_regular"))
        with p.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise fail(w("check.cannot_read", reason=f"{reason[:1].lower()}{reason[1:]}")) from None
    if len(data) > MAX_FILE_BYTES:
        raise fail(_TOO_BIG)
    if b"\0" in data:
        raise fail(w("check.binary"))
    try:
        return data.decode("utf-8-sig")  # a byte-order mark is harmless: editors on Windows add it
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise fail(w("check.not_utf8", byte=f"{data[exc.start]:02X}", column=column), line) from None


def validate_text(text: str, name: str) -> tuple[Scenario | None, list[Issue]]:
    """Parse and validate; returns the scenario (None on any error) and every issue found."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        return None, [Issue(name, 0, "", _TOO_BIG)]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return None, _syntax_issues(text, name)
    except RecursionError:
        return None, [Issue(name, 1, "", _TOO_DEEP)]
    issues: list[Issue] = []
    scenario = None
    lines = _LazyLines(text)  # a valid file (the common case, and every log replay) needs none
    try:
        # strict: "320" in quotes is text, not a number, and an author should hear about it
        scenario = Scenario.model_validate(data, strict=True)
    except ValidationError as exc:
        for err in exc.errors():
            loc = _data_loc(err["loc"])
            issues.append(Issue(name, lines.line_of(loc), _dotted(loc), schema_message(err, loc)))
    except RecursionError:
        return None, [Issue(name, 1, "", _TOO_DEEP)]
    # references are checked on the parsed data, so that they show up beside schema errors
    refs = reference_errors(data, lambda path: lines.line_of(_loc(path)))
    flagged = {i.field for i in issues}
    issues += [
        Issue(name, lines.line_of(_loc(path)), path, message)
        for path, message in refs
        if path not in flagged
    ]
    if issues:
        return None, sorted(issues, key=lambda i: i.line)
    return scenario, []


class _LazyLines:
    def __init__(self, text: str) -> None:
        self.text = text
        self.map: LineMap | None = None

    def line_of(self, loc) -> int:
        if self.map is None:
            self.map = LineMap(self.text)
        return self.map.line_of(loc)


def load_scenario(path: str | Path) -> Scenario:
    scenario, issues = validate_text(read_text(path), str(path))
    if issues:
        raise ScenarioError(issues)
    return scenario


def parse_scenario(text: str, name: str = "<scenario>") -> Scenario:
    scenario, issues = validate_text(text, name)
    if issues:
        raise ScenarioError(issues)
    return scenario


def _loc(path: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in path.split(".")) if path else ()


def _dotted(loc: tuple) -> str:
    return ".".join(str(p) for p in loc)


def _data_loc(loc) -> tuple:
    # pydantic adds the validator's name to some locations; keep the data path only
    return tuple(p for p in loc if not (isinstance(p, str) and p.startswith("function-")))


# -- TOML syntax ------------------------------------------------------------------------------

_SYNTAX_WORDS = (
    (r"Invalid value", "check.toml_invalid_value"),
    (r"Expected '=' after a key.*?", "check.toml_expected_equals"),
    (r"Cannot declare .*? twice", "check.toml_declared_twice"),
    (r"Cannot overwrite a value", "check.toml_set_above"),
    (r"Unclosed array", "check.toml_unclosed_list"),
    (r"Unclosed inline table", "check.toml_unclosed_table"),
    (r"Unterminated string", "check.toml_unterminated"),
    (r"Invalid statement", "check.toml_statement"),
    (r"Expected newline or end of document after a statement", "check.toml_after_value"),
    (r"Invalid initial character for a key part", "check.toml_key_character"),
    (r"Expected ']' at the end of a table declaration", "check.toml_table_bracket"),
    (r"Expected ']]' at the end of an array declaration", "check.toml_array_bracket"),
    (r"Illegal character (.*?)", "check.toml_character"),
    (r"Found invalid character (.*?)", "check.toml_character"),
    (r"Invalid date or datetime", "check.toml_date"),
    (r"Unescaped '\\' in a string", "check.toml_backslash"),
)
_DUPLICATES = ("Cannot declare", "Cannot overwrite", "Cannot mutate", "Cannot redefine")


def _syntax_issues(text: str, name: str) -> list[Issue]:
    """The first syntax error, then more: each bad line is blanked and the text parsed again.

    A blanked line that opened a list, a table or a string would make the next lines look wrong
    too, so recovery stops there rather than report errors that are not real.
    """
    issues: list[Issue] = []
    lines = LineMap(text)
    source = text.split("\n")
    while len(issues) < MAX_SYNTAX_ERRORS:
        try:
            tomllib.loads("\n".join(source))
            break
        except tomllib.TOMLDecodeError as exc:
            line, column, message = _syntax_position(exc, len(source))
        except RecursionError:
            break
        if issues and (line <= issues[-1].line or message.startswith(_DUPLICATES)):
            break
        bad = source[line - 1]
        words = slip(bad, column) if not message.startswith(_DUPLICATES) else None
        issues.append(Issue(name, line, _dotted(lines.path_at(line)),
                            w("check.syntax", problem=words or _syntax_words(message, column))))
        if bad.lstrip().startswith("[") or not _balanced(bad):
            break
        source[line - 1] = ""
    return issues


def _syntax_position(exc: tomllib.TOMLDecodeError, line_count: int) -> tuple[int, int | None, str]:
    """The line, the column (None: at the end of the file) and tomllib's own message."""
    message = str(exc)
    match = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    if match:
        return int(match.group(1)), int(match.group(2)), message[: match.start()]
    return line_count, None, re.sub(r"\s*\(at end of document\)$", "", message)


def _syntax_words(message: str, column: int | None) -> Words:
    problem = w("check.toml_other", message=message)
    for pattern, key in _SYNTAX_WORDS:
        found = re.fullmatch(pattern, message)
        if found:
            problem = w(key, character=found.group(1)) if found.groups() else w(key)
            break
    if column is None:
        return w("check.syntax_end", problem=problem)
    return w("check.syntax_column", problem=problem, column=column)


def _balanced(line: str) -> bool:
    """Whether a line opens and closes its own brackets and strings."""
    depth, quote = 0, None
    for ch in line:
        if quote:
            quote = None if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            break
        else:
            depth += (ch in "[{") - (ch in "]}")
    return depth == 0 and quote is None and '"""' not in line and "'''" not in line
