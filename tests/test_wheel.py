"""`pip install .` gives a working `bve` anywhere: the built wheel in a fresh virtual environment.

The wheel is built from a copy of the source tree (a stale `build/lib` could otherwise slip into
it) and installed into a virtual environment kept under build/ between runs, so that only the
first run downloads the dependencies from the package index; every run installs the new wheel
afresh. The commands then run from an empty folder, with a home folder of their own: everything
they need must come from inside the installed package, and everything they write must go to the
user's data folder.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import orjson
import pytest

from tests.conftest import MINI, ROOT

CACHE = ROOT / "build" / "wheel-test"
SOURCE_PARTS = ("engine", "game", "scenarios", "assets", "pyproject.toml", "setup.py", "README.md")
TIMEOUT = 240


def _pip(python: Path, *args: str) -> None:
    out = subprocess.run([str(python), "-m", "pip", "--disable-pip-version-check", *args],
                         capture_output=True, text=True, timeout=TIMEOUT)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]


def _venv_bin(venv: Path, name: str) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin") / name


def _requirements_key() -> str:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return hashlib.sha256(orjson.dumps([sys.version, project["dependencies"]])).hexdigest()


def build_wheel(out: Path) -> Path:
    source = out / "source"
    for part in SOURCE_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, source / part, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            source.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, source / part)
    _pip(Path(sys.executable), "wheel", "--no-deps", "--quiet", "--wheel-dir", str(out / "wheel"), str(source))
    (wheel,) = (out / "wheel").glob("bien_vivre_ensemble-*.whl")
    return wheel


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The virtual environment, with the dependencies installed once per set of requirements."""
    wheel = build_wheel(tmp_path_factory.mktemp("wheel"))
    venv = CACHE / "venv"
    python = _venv_bin(venv, "python")
    stamp = venv / ".requirements"
    key = _requirements_key()
    if stamp.exists() and stamp.read_text() == key and python.exists():
        _pip(python, "install", "--quiet", "--no-deps", "--force-reinstall", str(wheel))
    else:
        shutil.rmtree(venv, ignore_errors=True)
        base = getattr(sys, "_base_executable", sys.executable)
        subprocess.run([base, "-m", "venv", str(venv)], check=True, timeout=TIMEOUT)
        _pip(python, "install", "--quiet", str(wheel))
        stamp.write_text(key)
    return venv


def _env(home: Path) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "BVE_HOME", "XDG_DATA_HOME", "VIRTUAL_ENV", "PYTHONHOME")}
    env.update(HOME=str(home), SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    return env


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if "__pycache__" not in p.parts}


def test_the_installed_wheel_plays_from_any_folder(installed, tmp_path):
    bve = _venv_bin(installed, "bve")
    python = _venv_bin(installed, "python")
    where = tmp_path / "somewhere"
    home = tmp_path / "home"
    where.mkdir()
    home.mkdir()
    env = _env(home)

    def run(*args, timeout=120):
        out = subprocess.run([str(bve), *args], cwd=where, env=env, capture_output=True, text=True, timeout=timeout)
        assert "Traceback" not in out.stderr, out.stderr
        return out

    located = subprocess.run([str(python), "-c", "import engine, game.scenes, platformdirs; print(engine.__file__)"],
                             cwd=where, env=env, capture_output=True, text=True, timeout=60)
    assert located.returncode == 0, located.stderr
    package = Path(located.stdout.strip().splitlines()[-1]).parent.parent
    assert Path(installed).resolve() in package.resolve().parents  # the installed copy, not the repository
    before = _files(package)
    # the translations ship compiled, without their sources, and the table reads them
    i18n = package / "engine" / "shipped" / "assets" / "i18n"
    assert {p.parent.parent.name for p in i18n.rglob("*.mo")} == {"fr", "en", "pt"}
    assert not list(i18n.rglob("*.po"))
    spoken = subprocess.run([str(python), "-c", "from game.i18n import I18n; print(I18n('pt')('title.new'))"],
                            cwd=where, env=env, capture_output=True, text=True, timeout=60)
    assert spoken.stdout.strip() == "Nova sessão", spoken.stderr

    footprint = run("footprint", "--json")
    assert footprint.returncode == 0, footprint.stderr
    assert orjson.loads(footprint.stdout)["total"]["co2_kg"] > 0

    # a scenario started from another keeps its comments (tomlkit, a dependency of the wheel)
    derived = run("scenario", "new", "--territory", "pt-x", "--from", str(MINI), "--out", "-")
    assert derived.returncode == 0, derived.stderr
    assert MINI.read_text(encoding="utf-8").splitlines()[0] in derived.stdout.splitlines()

    simulate = run("simulate", "--scenario", "pt-odemira", "--seed", "3", "--json")
    assert simulate.returncode == 0, simulate.stderr
    assert orjson.loads(simulate.stdout)["rounds"]

    # a scenario of the user's own, found by its name in the user's scenarios folder
    data = home / ".local" / "share" / "bien-vivre-ensemble"
    (data / "scenarios").mkdir(parents=True)
    shutil.copy(MINI, data / "scenarios" / "atelier.toml")
    own = run("footprint", "--scenario", "atelier", "--json")
    assert own.returncode == 0 and orjson.loads(own.stdout)["total"]["co2_kg"] == 7900, own.stderr

    demo = run("play", "--demo", "--fast", "--until", "debrief", timeout=240)
    assert demo.returncode == 0, demo.stderr
    logs = list((data / "sessions").glob("session_*.jsonl.gz"))  # the table writes gzip streams
    reports = list((data / "sessions").glob("session_*.report.html"))
    assert len(logs) == 1 and len(reports) == 1
    replayed = run("replay", str(logs[0]), "--json")
    assert replayed.returncode == 0 and orjson.loads(replayed.stdout)["phase"] == "debrief"

    assert list(where.iterdir()) == []  # nothing written where the command was started
    assert _files(package) == before  # nor inside the installed package
