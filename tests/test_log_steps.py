"""Every point of a logged session, undos included, for the replay viewer."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from engine import actions as A
from engine.log.lines import CHANCE, FACILITATOR
from engine.log.replay import replay
from engine.log.session import Session
from engine.log.steps import steps
from engine.state import digest

DATA = Path(__file__).parent / "data"
LOGS = sorted((DATA / "logs").iterdir())


@pytest.mark.parametrize("log", LOGS, ids=lambda p: p.name)
def test_every_action_line_gives_one_point_and_the_last_is_the_replayed_state(log):
    result, points = steps(log)
    assert result.ok
    assert [p.seq for p in points] == list(range(result.state.seq + 1))
    assert digest(points[-1].state) == digest(result.state)
    assert points[0].action is None and points[0].state.seq == 0
    assert all(p.actor == CHANCE for p in points if p.action is not None and p.action.kind == "draw_event")
    lines = [p.line for p in points]
    assert lines == sorted(set(lines)) and lines[-1] <= result.lines


def test_an_undone_action_keeps_its_point(tmp_path):
    log = tmp_path / "undo.jsonl"
    session = Session.new((DATA / "mini.toml").read_text(encoding="utf-8"), 3, log_path=log, durable=False)
    session.act(A.UseRoster())
    session.act(A.Advance())
    session.act(A.Advance())
    session.act(A.Propose(project="car-sharing"))
    session.act(A.Undo())
    session.close()
    _, points = steps(log)
    kinds = [p.action.kind for p in points[1:]]
    assert kinds[-2:] == ["propose", "undo"]
    proposed, undone = points[-2].state, points[-1].state
    assert [p.project for p in proposed.proposals] == ["car-sharing"] and not undone.proposals
    before = points[-3].state
    assert (undone.round, undone.phase, undone.proposals) == (before.round, before.phase, before.proposals)
    assert undone.seq == before.seq + 2  # undo is an action of its own: nothing is taken out of the log
    assert all(p.actor == FACILITATOR for p in points if p.action is not None and p.action.kind != "draw_event")


def test_a_damaged_log_gives_the_points_of_its_valid_part(tmp_path):
    source = DATA / "logs" / "v2-mini-random-11.jsonl.gz"
    text = gzip.decompress(source.read_bytes())
    lines = text.split(b"\n")
    lines[40] = lines[40].replace(b'"seq":', b'"seq": ', 1)
    damaged = tmp_path / "damaged.jsonl"
    damaged.write_bytes(b"\n".join(lines))
    result, points = steps(damaged)
    assert result.error is not None and result.error.line == 41
    assert points[-1].line <= 40 and digest(points[-1].state) == digest(result.state)
    assert replay(damaged).lines == result.lines
