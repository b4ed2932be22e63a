"""The session log: replay equals live, every edit is found, damage keeps the valid part."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import actions as A
from engine.log.replay import replay
from engine.log.session import resume
from engine.simulate import play
from engine.state import digest


@pytest.fixture(scope="module")
def logged(tmp_path_factory, mini, mini_text):
    path = tmp_path_factory.mktemp("log") / "session.jsonl"
    session = play(mini, mini_text, seed=3, log_path=path)
    return path, session.state


def test_replay_equals_live_and_checks_every_round(logged):
    path, live = logged
    result = replay(path)
    assert result.ok, result.describe_error()
    assert digest(result.state) == digest(live)
    assert result.checkpoints == live.scenario.years.rounds


def test_header_holds_the_scenario_and_its_hash(logged, mini_text):
    import hashlib

    import orjson

    path, _ = logged
    header = orjson.loads(path.read_bytes().split(b"\n", 1)[0])
    assert header["format"] == "bve-session-log" and header["version"] == 2
    assert header["scenario"] == mini_text
    assert header["scenario_sha256"] == hashlib.sha256(mini_text.encode()).hexdigest()
    assert header["seed"] == 3 and header["session"]


@settings(max_examples=150, deadline=None)
@given(position=st.integers(min_value=0), delta=st.integers(min_value=1, max_value=255))
def test_any_one_byte_change_is_detected(logged, tmp_path_factory, position, delta):
    path, _ = logged
    data = bytearray(path.read_bytes())
    position %= len(data)
    data[position] = (data[position] + delta) % 256
    bad = tmp_path_factory.mktemp("bad") / "edited.jsonl"
    bad.write_bytes(bytes(data))
    result = replay(bad)
    assert not result.ok
    line = bytes(data[:position]).count(b"\n") + 1
    # the edit is reported at its own line (or the next, when it hits the end of a line)
    assert result.error.line in (line, line + 1), (result.describe_error(), line)
    assert result.lines == result.error.line - 1  # everything before it is kept


def test_cut_log_keeps_its_valid_part_and_resumes(logged, tmp_path, mini):
    path, live = logged
    data = path.read_bytes()
    lines = data.split(b"\n")
    cut = b"\n".join(lines[:40]) + b"\n" + lines[40][:25]  # a crash in the middle of line 41
    damaged = tmp_path / "crash.jsonl"
    damaged.write_bytes(cut)
    result = replay(damaged)
    assert not result.ok and result.error.line == 41 and result.lines == 40
    session, warning = resume(damaged, durable=False)
    assert "crash.jsonl:41" in warning
    assert (tmp_path / "crash.jsonl.damaged.1").read_bytes() == lines[40][:25]
    # the game goes on from the last good line, and the log stays verifiable
    session.act(A.Note(text="repris après une coupure"))
    session.close()
    again = replay(damaged)
    assert again.ok, again.describe_error()
    assert digest(again.state) == digest(session.state)


def test_replay_of_missing_or_foreign_files_is_a_clear_error(tmp_path):
    assert replay(tmp_path / "nope.jsonl").describe_error().endswith(": cannot read the log (No such file or directory)")
    other = tmp_path / "other.jsonl"
    other.write_text('{"hello": 1}\n')
    assert "not a log line" in replay(other).describe_error()
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    assert replay(empty).describe_error() == f"{empty}:1: the log is empty"


def test_workshop_sized_log_is_small(tmp_path, mini, mini_text):
    """DESIGN §7: a 3-hour workshop log (≈ 2,000 actions) stays under 1 MB."""
    from engine.log.session import Session

    session = Session.new(mini_text, 1, log_path=tmp_path / "w.jsonl", durable=False)
    session.act(A.UseRoster())
    for i in range(2000):
        session.act(A.Note(text=f"idée {i}: un composteur près de l'école"))
    session.close()
    size = (tmp_path / "w.jsonl").stat().st_size
    assert size < 1_000_000, size
