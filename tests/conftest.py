import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
# the command line speaks the locale's language: the tests read its English words, whatever the
# machine's locale (tests/test_cli_languages.py sets others)
os.environ["BVE_LANG"] = "en"
# the table's looks come from the tests, not from the machine's settings
os.environ.pop("BVE_THEME", None)
os.environ.pop("BVE_ANIMATIONS", None)

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "data" / "mini.toml"
SCENARIOS = sorted((ROOT / "scenarios").glob("*.toml"))


@pytest.fixture(scope="session")
def mini():
    from engine.scenario.load import load_scenario

    return load_scenario(MINI)


@pytest.fixture(scope="session")
def mini_text():
    return MINI.read_text(encoding="utf-8")


def pytest_terminal_summary(terminalreporter):
    """One line per configuration of the portability matrix (tests/test_portable.py): what ran,
    what was skipped and why."""
    lines, count = [], {}
    for outcome in ("passed", "failed", "skipped"):
        for report in terminalreporter.stats.get(outcome, []):
            if "test_portable.py::test_same_digests" not in getattr(report, "nodeid", ""):
                continue
            if report.when not in ("call", "setup") or (outcome == "passed" and report.when != "call"):
                continue
            count[outcome] = count.get(outcome, 0) + 1
            name = report.nodeid.split("[", 1)[-1].rstrip("]")
            said = [v for k, v in getattr(report, "user_properties", ()) if k == "portable"]
            if said:
                lines.append(f"{name}: {said[0]}")
            elif outcome == "skipped" and isinstance(report.longrepr, tuple):
                lines.append(f"{name}: skipped: {report.longrepr[2].removeprefix('Skipped: ')}")
    if lines:
        terminalreporter.write_sep("-", "portable digests")
        for line in sorted(lines):
            terminalreporter.write_line(line)
        terminalreporter.write_line("portable digests: " + ", ".join(f"{n} configurations {outcome}"
                                                                       for outcome, n in count.items()))
