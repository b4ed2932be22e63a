"""The one-folder app of `make bundle`: built, it takes the `bve` commands, opens the table when
given none, plays the demo to the debrief headless, and its log replays to the same digest as the
same session played from source. Nothing is written inside the app's folder.

The build goes to build/bundle-test/ (PyInstaller keeps its analysis there, so a second run is
quicker), never over a `make bundle` in dist/.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from game.cli import main
from tests.conftest import ROOT

pytestmark = pytest.mark.bundle

BUILD = ROOT / "build" / "bundle-test"
NAME = "bien-vivre-ensemble"
EXE = NAME + (".exe" if os.name == "nt" else "")


def build_app() -> Path:
    out = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR",
         "--distpath", str(BUILD / "dist"), "--workpath", str(BUILD / "work"), str(ROOT / f"{NAME}.spec")],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    folder = BUILD / "dist" / NAME
    assert (folder / EXE).is_file()
    return folder


def _env(home: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "BVE_HOME", "XDG_DATA_HOME")}
    env.update(HOME=str(home), SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    return env


def _replayed(log: Path, capsys) -> dict:
    code = main(["replay", str(log), "--json"])
    out = capsys.readouterr().out
    assert code == 0, out
    return orjson.loads(out)


def _files(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_size for p in folder.rglob("*") if p.is_file()}


def plays_the_demo_and_its_log_replays_as_from_source(app_folder: Path, tmp_path: Path, capsys) -> None:
    before = _files(app_folder)
    where, home = tmp_path / "somewhere", tmp_path / "home"
    where.mkdir()
    home.mkdir()
    demo = ["play", "--demo", "--fast", "--until", "debrief", "--seed", "7"]
    source_log = tmp_path / "source.jsonl"
    bundled = subprocess.Popen([str(app_folder / EXE), *demo], cwd=where, env=_env(home),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    source = subprocess.Popen([sys.executable, "-m", "game", *demo, "--log", str(source_log)], cwd=ROOT,
                              env=dict(_env(tmp_path / "source-home"), PYTHONPATH=str(ROOT)),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for proc in (bundled, source):
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0 and "Traceback" not in err, err

    sessions = home / ".local" / "share" / NAME / "sessions"  # the user's data folder, by platformdirs
    (log,) = sessions.glob("session_*.jsonl.gz")  # the table writes gzip streams
    assert (sessions / (log.name.removesuffix(".jsonl.gz") + ".report.html")).is_file()
    from_app, from_source = _replayed(log, capsys), _replayed(source_log, capsys)
    assert from_app["ok"] and from_source["ok"] and from_app["phase"] == "debrief"
    assert from_app["digest"] == from_source["digest"]

    replayed = subprocess.run([str(app_folder / EXE), "replay", str(log), "--json"], cwd=where, env=_env(home),
                              capture_output=True, text=True, timeout=120)
    assert replayed.returncode == 0, replayed.stderr
    assert orjson.loads(replayed.stdout)["digest"] == from_source["digest"]

    assert list(where.iterdir()) == []
    assert _files(app_folder) == before  # nothing written inside the app's folder


def takes_the_bve_commands(app_folder: Path, tmp_path: Path) -> None:
    from game.cli import build_parser

    env = _env(tmp_path)
    usage = subprocess.run([str(app_folder / EXE), "--help"], env=env, capture_output=True, text=True, timeout=120)
    assert usage.returncode == 0
    commands = build_parser()._subparsers._group_actions[0].choices
    assert all(name in usage.stdout for name in commands)

    for args in (["footprint", "--scenario", "pt-odemira", "--json"], ["simulate", "--seed", "4", "--json"]):
        bundled = subprocess.run([str(app_folder / EXE), *args], cwd=tmp_path, env=env, capture_output=True,
                                 text=True, timeout=120)
        source = subprocess.run([sys.executable, "-m", "game.cli", *args], cwd=ROOT, env=env, capture_output=True,
                                text=True, timeout=120)
        assert bundled.returncode == 0, bundled.stderr
        assert orjson.loads(bundled.stdout) == orjson.loads(source.stdout)

    # a scenario started from another, edited in place with tomlkit: the same text as from source
    origin = ROOT / "scenarios" / "fr-quartier.toml"
    derive = ["scenario", "new", "--territory", "pt-x", "--from", str(origin), "--out", "-"]
    bundled = subprocess.run([str(app_folder / EXE), *derive], cwd=tmp_path, env=env, capture_output=True,
                             text=True, timeout=120)
    source = subprocess.run([sys.executable, "-m", "game.cli", *derive], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    assert bundled.returncode == 0, bundled.stderr
    comments = {line for line in origin.read_text(encoding="utf-8").splitlines() if line.startswith("#")}
    assert comments and comments <= set(bundled.stdout.splitlines()) and bundled.stdout == source.stdout

    bad = subprocess.run([str(app_folder / EXE), "footprint", "--scenario", "nowhere"], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode != 0 and "nowhere" in bad.stderr and "Traceback" not in bad.stderr


def opens_the_table_with_no_command(app_folder: Path, tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    env = _env(tmp_path)
    # as a double-click starts it: no command. It keeps running (a usage error would end it at once).
    proc = subprocess.Popen([str(app_folder / EXE)], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        with pytest.raises(subprocess.TimeoutExpired):
            proc.wait(timeout=6)
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert "usage" not in err and "Traceback" not in err, err
    # the same start, told to stop at its first frame: the title screen is what it draws
    first = subprocess.run([str(app_folder / EXE), "play", "--until", "title", "--screenshots", str(shots)],
                           cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    assert [p.name for p in shots.iterdir()] == ["01_title.png"]


def has_a_launcher_for_a_double_click(app_folder: Path) -> None:
    if not sys.platform.startswith("linux"):
        return
    launcher = app_folder / f"{NAME}.desktop"
    text = launcher.read_text(encoding="utf-8")
    assert os.access(launcher, os.X_OK) and "Type=Application" in text
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    assert exec_line.endswith(" %k") and f"/{NAME}" in exec_line  # the executable beside the launcher
    if shutil.which("desktop-file-validate"):
        valid = subprocess.run(["desktop-file-validate", str(launcher)], capture_output=True, text=True)
        assert valid.returncode == 0, valid.stdout + valid.stderr
    started_by(launcher, app_folder / EXE)


def started_by(launcher: Path, exe: Path) -> None:
    """Launch as a file manager does on a double-click (GLib, from another folder), and find the
    app running: the launcher finds the executable beside itself wherever the folder is."""
    try:
        gio = ctypes.CDLL("libgio-2.0.so.0")
    except OSError:  # no GLib on this system: the checks above stand alone
        return
    gio.g_desktop_app_info_new_from_filename.restype = ctypes.c_void_p
    gio.g_desktop_app_info_new_from_filename.argtypes = [ctypes.c_char_p]
    gio.g_app_info_launch.argtypes = [ctypes.c_void_p] * 4
    info = gio.g_desktop_app_info_new_from_filename(str(launcher).encode())
    assert info and gio.g_app_info_launch(info, None, None, None)
    deadline = time.monotonic() + 30
    running = []
    while not running and time.monotonic() < deadline:
        time.sleep(0.2)
        running = [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit() and _exe(p) == exe.resolve()]
    for pid in running:
        os.kill(pid, signal.SIGTERM)
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:  # not ours to reap
            pass
    assert running, "the launcher did not start the app"


def _exe(proc: Path) -> Path | None:
    try:
        return (proc / "exe").resolve(strict=True)
    except OSError:
        return None


MOST_MB = 120  # DESIGN §7: the one-folder app's size, must


def is_small_enough(app_folder: Path) -> None:
    """What a facilitator copies: links counted once; the analysts' database is not in it."""
    size = sum(p.lstat().st_size for p in app_folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6
    assert size <= MOST_MB, f"the app is {size:.0f} MB"
    assert not list(app_folder.rglob("*duckdb*")), "the analysts' database needs no place in the app"


def test_the_app(tmp_path, capsys, monkeypatch):
    """One test, so that one worker builds the app once while the other runs the rest of the suite."""
    app_folder = build_app()
    monkeypatch.setenv("BVE_HOME", str(tmp_path / "launched"))  # what the launched app inherits
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    has_a_launcher_for_a_double_click(app_folder)
    is_small_enough(app_folder)
    for check in (takes_the_bve_commands, opens_the_table_with_no_command):
        where = tmp_path / check.__name__
        where.mkdir()
        check(app_folder, where)
    where = tmp_path / "demo"
    where.mkdir()
    plays_the_demo_and_its_log_replays_as_from_source(app_folder, where, capsys)
