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
