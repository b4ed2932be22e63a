"""Real headless Chromium for pages and reports: found on the machine, or installed from
Debian's packages when missing (the test machines run as root)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

NAMES = ("chromium", "chromium-browser", "google-chrome")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
         "--disable-extensions", "--hide-scrollbars")


def executable() -> str:
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True, timeout=600)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], env=env, capture_output=True, timeout=900)
        for name in NAMES:
            found = shutil.which(name)
            if found:
                return found
    pytest.skip("Chromium is not installed and cannot be installed here")


def run(*args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    """Headless Chromium with these arguments (a page's address last)."""
    return subprocess.run([executable(), *FLAGS, *args], capture_output=True, text=True, timeout=timeout)


def load(page: Path, *extra: str) -> tuple[str, list[str]]:
    """The page's DOM after loading, and every console message it logged."""
    done = run("--enable-logging=stderr", "--v=0", "--dump-dom", *extra, page.resolve().as_uri())
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    return done.stdout, console
