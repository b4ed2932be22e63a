"""Logs of format version 1, written before version 2, still replay (tests/data/logs/v1-*)."""

from pathlib import Path

import pytest

from engine.log.replay import replay

LOGS = Path(__file__).parent / "data" / "logs"
V1 = sorted(LOGS.glob("v1-*.jsonl"))


def test_there_are_version_1_fixtures():
    assert len(V1) >= 2


@pytest.mark.parametrize("path", V1, ids=[p.stem for p in V1])
def test_version_1_log_replays_to_the_debrief(path):
    result = replay(path)
    assert result.ok, result.describe_error()
    assert result.state.phase == "debrief"
    assert result.lines == len(path.read_bytes().splitlines())


@pytest.mark.parametrize("path", V1, ids=[p.stem for p in V1])
def test_version_1_checkpoints_and_draws_are_said_not_checked_and_the_log_never_complete(path):
    result = replay(path)
    assert result.version == 1 and result.checkpoints == result.scenario.years.rounds
    assert any(u.startswith("checkpoint digests") for u in result.unchecked)
    assert any(u.startswith("chance's draws") for u in result.unchecked)
    assert not result.complete  # version 1 had no closing line


def test_an_edited_version_1_line_is_still_found(tmp_path):
    data = V1[0].read_bytes()
    at = data.index(b'"kind":"advance"')
    bad = tmp_path / "edited.jsonl"
    bad.write_bytes(data[:at] + b'"kind":"undo"' + data[at + len(b'"kind":"advance"'):])
    line = data[:at].count(b"\n") + 1
    assert replay(bad).describe_error() == f"{bad}:{line}: the line was changed: its hash does not match its content"


def test_a_version_1_log_is_not_continued_and_stays_as_it_was(tmp_path):
    import shutil

    from engine.log.session import ResumeError, resume

    log = tmp_path / V1[0].name
    shutil.copyfile(V1[0], log)
    with pytest.raises(ResumeError, match="format version 1 replays but is not continued"):
        resume(log)
    assert log.read_bytes() == V1[0].read_bytes()


@pytest.mark.parametrize("log", sorted(LOGS.glob("*.jsonl*")), ids=lambda p: p.name)
def test_every_fixture_log_replays_here(log):
    """Fixture logs of format 2 replay complete, every checkpoint and draw checked; those of
    format 1 replay whole, their digests not checked."""
    from engine.log.replay import replay

    result = replay(log)
    assert result.ok, result.describe_error()
    assert result.complete == (result.version == 2)
