"""`bve replay LOG --ui`: a past session, read-only, stepped through with real keys and clicks."""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pygame
import pytest

from engine.scenario.load import load_scenario, read_text
from engine.log.checks import session_digest
from engine.log.replay import replay
from engine.simulate import play
from engine.state import digest
from game.cli import main
from game.play import Options
from game.replay_view import ReplayApp, describe
from tests.ui_helpers import ROOT, SCREENS, click, key, on_screen, unreadable, widget

DEMO = ROOT / "scenarios" / "fr-quartier.toml"
SHOTS = SCREENS / "replay"


@pytest.fixture(scope="module")
def whole(tmp_path_factory) -> Path:
    """A whole session of the demo roster, five rounds to the debrief, in a plain log."""
    log = tmp_path_factory.mktemp("replay") / "whole.jsonl"
    play(load_scenario(str(DEMO)), read_text(DEMO), 7, log_path=log)
    return log


def viewer(home: Path, log: Path, **kw) -> ReplayApp:
    os.environ["BVE_HOME"] = str(home)
    app = ReplayApp(log, Options(headless=True, **kw))
    app.tick()
    return app


def untouched(log: Path):
    return log.read_bytes(), log.stat().st_mtime_ns


def checkpoint(log: Path, round_: int) -> str:
    for line in log.read_bytes().splitlines():
        record = orjson.loads(line)
        if record.get("checkpoint", {}).get("round") == round_:
            return record["checkpoint"]["digest"]
    raise AssertionError(f"no checkpoint of round {round_}")


def test_steps_back_and_forward_by_keys_and_clicks(tmp_path, whole):
    before = untouched(whole)
    app = viewer(tmp_path, whole)
    result = replay(whole)
    assert digest(app.state) == digest(result.state) and app.state.phase == "debrief"
    assert on_screen(app, "Relecture, lecture seule")
    key(app, pygame.K_HOME)
    assert app.state.seq == 0 and app.scene_key() == "setup"
    for _ in range(3):
        key(app, pygame.K_RIGHT)
    assert app.state.seq == 3
    key(app, pygame.K_LEFT)
    assert app.state.seq == 2
    click(app, "replay-forward")
    click(app, "replay-forward")
    assert app.state.seq == 4
    click(app, "replay-back")
    assert app.state.seq == 3
    assert on_screen(app, f"action 3 sur {result.state.seq}")
    click(app, "replay-end")
    assert digest(app.state) == digest(result.state)
    click(app, "replay-start")
    assert app.state.seq == 0 and not any(w.id == "replay-back" and w.enabled for w in app.widgets)
    assert untouched(whole) == before


def test_jump_to_round_3_review_shows_the_state_its_checkpoint_recorded(tmp_path, whole):
    app = viewer(tmp_path, whole)
    click(app, "replay-round-3")
    assert (app.state.round, app.state.phase) == (3, "situation")
    assert on_screen(app, "Tour 3/5")
    click(app, "replay-phase-review")
    assert (app.state.round, app.state.phase) == (3, "review")
    sha = replay(whole).header["scenario_sha256"]
    assert session_digest(sha, app.state) == checkpoint(whole, 3)
    click(app, "replay-phase-pledges")
    assert (app.state.round, app.state.phase) == (3, "pledges")
    key(app, pygame.K_END)
    assert app.state.phase == "debrief"


def test_clicking_an_action_in_the_list_jumps_there(tmp_path, whole):
    app = viewer(tmp_path, whole)
    key(app, pygame.K_HOME)
    shown = [w.id for w in app.widgets if w.id.startswith("replay-step-")]
    assert shown[0] == "replay-step-0" and len(shown) >= 4
    click(app, shown[3])
    assert app.at == 3 and app.state.seq == 3
    chosen = [w for w in app.widgets if w.id == "replay-step-3"]
    assert chosen and on_screen(app, describe(app, 3))
    click(app, "replay-page-next")
    later = [w.id for w in app.widgets if w.id.startswith("replay-step-")]
    assert later and later[0] != shown[0]
    k = int(later[-1].rsplit("-", 1)[1])
    click(app, later[-1])
    assert app.at == k and on_screen(app, f"{app.steps[k].seq} · ")
    key(app, pygame.K_PAGEUP)
    assert [w.id for w in app.widgets if w.id.startswith("replay-step-")] == shown
    pos = widget(app, "replay-step-0").rect.center
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False))
    app.tick()
    assert [w.id for w in app.widgets if w.id.startswith("replay-step-")] == later
    # the families by the names the roster gives them, chance and the facilitator in words
    words = [describe(app, i) for i in range(len(app.steps))]
    assert any(" · Martin · " in w for w in words) and any(" · hasard · tire la carte" in w for w in words)
    assert any(" · animation · passe à : Bilan du tour" in w for w in words)


def test_nothing_changes_the_session_and_the_log_is_never_written(tmp_path, whole):
    before = untouched(whole)
    app = viewer(tmp_path, whole)
    click(app, "replay-round-2")
    click(app, "replay-phase-codecision")
    shown = digest(app.state)
    assert not any(w.enabled and w.id.startswith(("answer-", "decide-", "bar-next", "bar-undo")) for w in app.widgets)
    for k in (pygame.K_F6, pygame.K_F8):
        key(app, k)
    key(app, pygame.K_z, mod=pygame.KMOD_CTRL)
    assert digest(app.state) == shown
    assert app.session is None and app.act(app.steps[1].action) is False
    assert digest(app.state) == shown
    key(app, pygame.K_END)
    assert not any(w.id == "save-report" for w in app.widgets)
    assert untouched(whole) == before
    assert not list(tmp_path.rglob("*.jsonl*"))  # no session log of its own either


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_the_viewer_is_readable(tmp_path, whole, scale):
    app = viewer(tmp_path, whole, text_scale=scale)
    folder = SHOTS / str(round(scale * 100))
    folder.mkdir(parents=True, exist_ok=True)
    problems = {}
    points = [0, 1, app.first(1, "situation"), app.first(1, "proposals"), app.first(1, "pledges"),
              app.first(1, "codecision"), app.first(1, "resolution"), app.first(3, "review"), len(app.steps) - 1]
    for n, at in enumerate(points):
        app.go(at)
        for shown in (True, False):
            app.list_open = shown
            app.tick()
            found = unreadable(app)
            if found:
                problems[(at, shown)] = found[:4]
            if shown:
                pygame.image.save(app.surface, str(folder / f"{n:02d}_{app.scene_key()}.png"))
    app.list_open = True
    app.tick()
    assert not problems, problems


def test_a_damaged_log_opens_on_its_valid_part_and_says_where(tmp_path, whole, capsys):
    lines = whole.read_bytes().split(b"\n")
    damaged = tmp_path / "damaged.jsonl"
    damaged.write_bytes(b"\n".join(lines[:99]) + b"\n" + lines[99][:30])
    expected = replay(damaged)
    assert expected.error is not None and expected.error.line == 100
    app = viewer(tmp_path, damaged, lang="en")
    assert digest(app.state) == digest(expected.state)
    assert on_screen(app, f"{damaged}:100:") and on_screen(app, "Damaged log")
    assert app.steps[-1].line == 99
    before = untouched(damaged)
    png = tmp_path / "damaged.png"
    assert main(["replay", str(damaged), "--ui", "--screenshot", str(png)]) == 0
    assert expected.describe_error() in capsys.readouterr().err
    assert png.exists() and untouched(damaged) == before
    assert not list(tmp_path.glob("damaged.jsonl.damaged*"))  # replaying never sets anything aside


@pytest.mark.parametrize("name", ["v2-mini-random-11.jsonl.gz", "v1-mini-random-5.jsonl"])
def test_gzip_and_version_1_logs_open(tmp_path, name):
    log = ROOT / "tests" / "data" / "logs" / name
    before = untouched(log)
    app = viewer(tmp_path, log, lang="en")
    assert digest(app.state) == digest(replay(log).state)
    key(app, pygame.K_HOME)
    key(app, pygame.K_RIGHT)
    assert app.state.seq == 1 and on_screen(app, "Replay, read only")
    assert untouched(log) == before


def test_a_file_with_nothing_valid_says_why_and_exits_1(tmp_path, capsys):
    bad = tmp_path / "notes.jsonl"
    bad.write_bytes(b'{"format":"something else"}\n')
    app = viewer(tmp_path, bad, lang="en")
    assert app.state is None and on_screen(app, f"cannot be replayed: {bad}:1: not a log line")
    assert not unreadable(app)
    assert main(["replay", str(bad), "--ui", "--screenshot", str(tmp_path / "bad.png")]) == 1
    assert f"{bad}:1: not a log line" in capsys.readouterr().err
