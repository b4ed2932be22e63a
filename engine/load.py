"""Reading a scenario file: TOML syntax, schema and cross references, every problem at once.

Each problem is an `Issue` that names the file, the line, the field and what was expected, so
that `bve check` and the game can show it without a traceback.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from .scenario import MAX_FILE_BYTES, Scenario, reference_errors
from .tomlpos import LineMap


@dataclass(frozen=True)
class Issue:
    file: str
    line: int
    field: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.field}: " if self.field else ""
        tag = "warning: " if self.severity == "warning" else ""
        return f"{self.file}:{self.line}: {tag}{where}{self.message}"


class ScenarioError(Exception):
    def __init__(self, issues: list[Issue]) -> None:
        super().__init__("\n".join(str(i) for i in issues))
        self.issues = issues


def scenario_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_text(path: str | Path) -> str:
    """The file's text, or a ScenarioError that says why it cannot be read."""
    name = str(path)
    try:
        data = Path(path).read_bytes()[: MAX_FILE_BYTES + 1]
    except OSError as exc:
        raise ScenarioError([Issue(name, 0, "", f"cannot read the file ({exc.strerror or exc})")]) from None
    if len(data) > MAX_FILE_BYTES:
        raise ScenarioError([Issue(name, 1, "", f"the file is larger than {MAX_FILE_BYTES // 1024} KiB, the most a scenario may be")])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ScenarioError([Issue(name, line, "", "the file is not valid UTF-8 text")]) from None


def validate_text(text: str, name: str) -> tuple[Scenario | None, list[Issue]]:
    """Parse and validate; returns the scenario (None on any error) and every issue found."""
    if len(text.encode("utf-8")) > MAX_FILE_BYTES:
        return None, [Issue(name, 1, "", f"the file is larger than {MAX_FILE_BYTES // 1024} KiB, the most a scenario may be")]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, [_syntax_issue(exc, name)]
    lines = LineMap(text)
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        return None, [_validation_issue(err, name, lines) for err in exc.errors()]
    except RecursionError:
        return None, [Issue(name, 1, "", "the file nests too deeply to be a scenario")]
    refs = reference_errors(scenario)
    if refs:
        return None, [
            Issue(name, lines.line_of(_loc(path)), path, message) for path, message in refs
        ]
    return scenario, []


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


def _syntax_issue(exc: tomllib.TOMLDecodeError, name: str) -> Issue:
    message = str(exc)
    match = re.search(r"\(at line (\d+), column (\d+)\)", message)
    line = int(match.group(1)) if match else 1
    message = re.sub(r"\s*\(at line \d+, column \d+\)", "", message)
    if match:
        message += f" (column {match.group(2)})"
    return Issue(name, line, "", f"TOML syntax: {message}")


def _validation_issue(err: dict, name: str, lines: LineMap) -> Issue:
    loc = tuple(err["loc"])
    # pydantic adds the union member or validator name to some locations; keep the data path only
    loc = tuple(p for p in loc if not (isinstance(p, str) and p.startswith("function-")))
    field = ".".join(str(p) for p in loc)
    message = err["msg"]
    if err["type"] == "extra_forbidden":
        message = "unknown key"
    elif err["type"] == "missing":
        message = "required field is missing"
    if message.startswith("Value error, "):
        message = message[len("Value error, "):]
    if err["type"] not in ("missing", "extra_forbidden") and "input" in err and not isinstance(err["input"], (dict, list)):
        message += f" (got {err['input']!r})"
    return Issue(name, lines.line_of(loc), field, message)
