"""The command line stays light: help, check, simulate, replay and footprint never import pygame."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "scenarios" / "fr-quartier.toml"


def _imports(args: list[str], cwd: Path) -> tuple[int, set[str]]:
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "game.cli", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=300, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    modules = set(re.findall(r"^import time:\s+\d+ \|\s+\d+ \|\s+(\S+)", done.stderr, re.M))
    return done.returncode, modules


@pytest.mark.parametrize("args", [
    ["--help"],
    ["check", str(DEMO)],
    ["footprint", "--scenario", str(DEMO)],
    ["simulate", "--scenario", str(DEMO), "--seed", "1", "--log", "session.jsonl"],
], ids=lambda a: a[0])
def test_no_pygame_for_the_command_line(tmp_path, args):
    code, modules = _imports(args, tmp_path)
    assert code == 0
    assert "game" in modules and "argparse" in modules, "the probe sees the imports"
    assert not {m for m in modules if m.split(".")[0] == "pygame"}, "pygame imported"
    if args[0] == "simulate":
        code, modules = _imports(["replay", str(tmp_path / "session.jsonl")], tmp_path)
        assert code == 0 and any("replay" in m for m in modules)
        assert not {m for m in modules if m.split(".")[0] == "pygame"}
