"""Nothing lost: killed at a random point, the table comes back to the same round, phase and pledges."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

from engine.log.replay import replay
from engine.state import digest
from tests.ui_helpers import MINI, ROOT, click, make_app, on_screen, play


def pledges(state):
    return {p.project: dict(p.pledges) for p in state.proposals}


def run_and_kill(log, home, lines: int) -> None:
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", BVE_HOME=str(home))
    proc = subprocess.Popen(
        [sys.executable, "-m", "game.app", "--scenario", str(MINI), "--demo", "--fast", "--log", str(log)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if log.exists() and log.read_bytes().count(b"\n") >= lines:
                break
            if proc.poll() is not None:
                raise AssertionError("the demo stopped by itself")
            time.sleep(0.002)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()


def test_kill_minus_9_and_resume(tmp_path):
    rng = random.Random(os.environ.get("BVE_KILL_SEED", "4"))
    lines = rng.randrange(4, 60)
    log = tmp_path / "killed.jsonl"
    run_and_kill(log, tmp_path, lines)
    before = replay(log)
    assert before.state is not None
    app = make_app(tmp_path, resume=log, log=None)
    state = app.state
    assert digest(state) == digest(before.state)
    assert (state.round, state.phase, pledges(state)) == (before.state.round, before.state.phase, pledges(before.state))
    assert app.scene_key() == before.state.phase
    play(app, click)
    final = replay(log)
    assert final.ok and digest(final.state) == digest(app.state)


def test_title_offers_to_resume_an_unfinished_session(tmp_path):
    app = make_app(tmp_path, log=tmp_path / "sessions" / "first.jsonl")
    click(app, "title-new")
    click(app, "setup-roster")
    click(app, "bar-next")
    click(app, "bar-next")
    click(app, "propose-car-sharing")
    app.session.close()
    again = make_app(tmp_path, log=None)
    assert again.unfinished and again.unfinished[0].phase == "proposals"
    assert on_screen(again, "Reprendre la partie")
    click(again, "title-resume-0")
    assert again.state.phase == "proposals" and again.state.proposals[0].project == "car-sharing"


def test_a_log_cut_mid_line_resumes_from_its_last_whole_line(tmp_path):
    app = make_app(tmp_path)
    click(app, "title-new")
    click(app, "setup-roster")
    click(app, "bar-next")
    path = app.session.writer.path
    good = digest(app.state)
    app.session.close()
    with open(path, "ab") as f:
        f.write(b'{"seq":99,"act')
    again = make_app(tmp_path, resume=path, log=None)
    assert digest(again.state) == good
    assert (tmp_path / (path.name + ".damaged.1")).exists()
    click(again, "bar-next")
    assert replay(path).ok
