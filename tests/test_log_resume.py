"""Resuming never sticks: what a crash left owed is written by the engine's resume, and every
damaged tail is kept."""

import zlib

import pytest

from engine import actions as A
from engine.log.replay import replay
from engine.log.session import resume
from engine.simulate import play
from tests.log_helpers import records


@pytest.fixture(scope="module")
def finished(tmp_path_factory, mini, mini_text):
    path = tmp_path_factory.mktemp("resume") / "session.jsonl"
    session = play(mini, mini_text, seed=6, policy="greedy", log_path=path)
    return path, session


def _cut_after(path, tmp_path, keep, name="cut.jsonl"):
    lines = path.read_bytes().splitlines(keepends=True)
    cut = tmp_path / name
    cut.write_bytes(b"".join(lines[:keep]))
    return cut


def _finish(session):
    while not session.state.is_terminal:
        session.act(A.Advance())
    session.close()


def test_a_crash_after_an_advance_that_owes_a_draw_resumes_with_chance_drawing(finished, tmp_path):
    path, live = finished
    recs = records(path)
    owing = [i for i, r in enumerate(recs) if r.get("actor") == "chance"]
    assert owing
    for i in owing:  # cut just before each of chance's lines
        cut = _cut_after(path, tmp_path, i)
        session, warning = resume(cut, durable=False)
        assert warning is None and not session.state.pending_draw
        again = records(cut)
        assert again[i]["actor"] == "chance" and again[i]["action"] == recs[i]["action"]
        session.close()
        assert replay(cut).ok


def test_a_crash_before_a_checkpoint_resumes_by_writing_it(finished, tmp_path):
    path, _ = finished
    recs = records(path)
    points = [i for i, r in enumerate(recs) if "checkpoint" in r]
    for i in points:
        cut = _cut_after(path, tmp_path, i)
        assert replay(cut).owed_checkpoint == recs[i]["checkpoint"]["round"]
        session, _ = resume(cut, durable=False)
        session.close()
        assert records(cut)[i] == recs[i]  # the same checkpoint, digest and all
        assert replay(cut).ok


def test_a_crash_at_the_debrief_before_the_closing_line_resumes_closed(finished, tmp_path):
    path, live = finished
    cut = _cut_after(path, tmp_path, len(records(path)) - 1)
    assert not replay(cut).complete
    session, _ = resume(cut, durable=False)
    session.close()
    result = replay(cut)
    assert result.complete and result.closing_digest == live.digest()


def test_a_session_resumed_anywhere_goes_on_to_the_uninterrupted_digest(finished, tmp_path):
    path, live = finished
    recs = records(path)
    script = script_of(recs)
    for keep in range(2, len(recs), 7):
        cut = _cut_after(path, tmp_path, keep)
        session, _ = resume(cut, durable=False)
        for actor, action in script[len(script_of(records(cut))):]:
            session.act(A.parse_action(action), actor=actor)
        session.close()
        result = replay(cut)
        assert result.complete and result.closing_digest == live.digest(), keep
        assert script_of(records(cut)) == script


def script_of(recs):
    """The actions of everyone but chance, in order: what the players did."""
    return [(r.get("actor", "facilitator"), r["action"]) for r in recs
            if "action" in r and r.get("actor") != "chance"]


def test_repeated_damaged_resumes_keep_every_tail(finished, tmp_path):
    path, _ = finished
    lines = path.read_bytes().splitlines(keepends=True)
    log = tmp_path / "twice.jsonl"
    log.write_bytes(b"".join(lines[:20]) + lines[20][:17])
    session, warning = resume(log, durable=False)
    assert "twice.jsonl:21" in warning
    session.act(A.Note(text="après la première coupure"))
    session.close()
    with open(log, "ab") as f:
        f.write(b'{"seq":99,"act')
    session, warning = resume(log, durable=False)
    session.close()
    assert (tmp_path / "twice.jsonl.damaged.1").read_bytes() == lines[20][:17]
    assert (tmp_path / "twice.jsonl.damaged.2").read_bytes() == b'{"seq":99,"act'
    assert replay(log).ok


def test_a_gzip_log_cut_anywhere_keeps_its_whole_lines_and_resumes(mini, mini_text, tmp_path):
    path = tmp_path / "session.jsonl.gz"
    live = play(mini, mini_text, seed=6, policy="greedy", log_path=path)
    data = path.read_bytes()
    assert data[:2] == b"\x1f\x8b"
    full = replay(path)
    assert full.complete and full.gzip and full.closing_digest == live.digest()
    cut = tmp_path / "cut.jsonl.gz"
    for size in range(20, len(data), max(1, len(data) // 40)):
        cut.write_bytes(data[:size])
        result = replay(cut)
        assert result.state is not None or result.lines == 0
        whole = zlib.decompressobj(wbits=31).decompress(data[:size])
        assert result.lines == whole.count(b"\n") and result.good_bytes == len(whole) - len(whole.split(b"\n")[-1])
        if result.state is None:
            continue
        session, _ = resume(cut, durable=False)
        _finish(session)
        again = replay(cut)
        assert again.complete, again.describe_error()
        assert again.lines >= result.lines
