"""Bounded reading: only regular files, lines of at most 1 MB, every refusal names LOG:LINE or
says why there is no line, and never a hang or a traceback."""

import gzip
import os
import sys
import threading

import pytest

from engine.log.reading import MAX_LINE
from engine.log.replay import replay
from engine.log.session import ResumeError, resume
from game.cli import main


def _replay_within(path, seconds=20):
    """Replay in a thread, so that a read that blocks fails the test instead of hanging it."""
    box = {}
    worker = threading.Thread(target=lambda: box.setdefault("result", replay(path)), daemon=True)
    worker.start()
    worker.join(seconds)
    assert "result" in box, "replay did not return"
    return box["result"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_at_once(tmp_path, capsys):
    fifo = tmp_path / "log.jsonl"
    os.mkfifo(fifo)
    result = _replay_within(fifo)
    assert result.describe_error() == f"{fifo}: not a regular file"
    assert main(["replay", str(fifo)]) == 1
    assert f"{fifo}: not a regular file" in capsys.readouterr().err
    with pytest.raises(ResumeError, match="not a regular file"):
        resume(fifo)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_a_device_is_refused(capsys):
    assert _replay_within("/dev/zero").describe_error() == "/dev/zero: not a regular file"
    assert main(["replay", "/dev/zero", "--json"]) == 1
    out = capsys.readouterr().out
    assert '"problems":["/dev/zero: not a regular file"]' in out


@pytest.mark.parametrize("newline", [b"", b"\n"])
def test_an_over_long_line_is_refused_with_its_number(tmp_path, newline):
    log = tmp_path / "long.jsonl"
    log.write_bytes(b'{"a":"' + b"x" * (MAX_LINE + 10) + b'"}' + newline)
    assert replay(log).describe_error() == f"{log}:1: the line is longer than 1 MB"


def test_an_over_long_later_line_is_refused_and_the_lines_before_kept(tmp_path, mini, mini_text):
    from engine.simulate import play

    log = tmp_path / "later.jsonl"
    play(mini, mini_text, seed=2, log_path=log)
    lines = log.read_bytes().count(b"\n")
    with open(log, "ab") as f:
        f.write(b"y" * (3 * MAX_LINE))
    result = replay(log)
    assert result.describe_error() == f"{log}:{lines + 1}: the line is longer than 1 MB"
    assert result.lines == lines and result.complete is False


def test_a_gzip_bomb_is_refused_without_inflating_it_whole(tmp_path):
    log = tmp_path / "bomb.jsonl.gz"
    with gzip.open(log, "wb") as f:
        for _ in range(64):
            f.write(b"\0" * (1 << 20))  # 64 MB of zeros, no newline, in a small file
    assert log.stat().st_size < 200_000
    assert replay(log).describe_error() == f"{log}:1: the line is longer than 1 MB"


def test_a_damaged_gzip_stream_names_its_line(tmp_path, mini, mini_text):
    from engine.simulate import play

    log = tmp_path / "s.jsonl.gz"
    play(mini, mini_text, seed=2, log_path=log)
    data = bytearray(log.read_bytes())
    data[len(data) * 9 // 10] ^= 0xFF  # past the header (the scenario is most of the stream)
    log.write_bytes(bytes(data))
    result = replay(log)
    assert not result.ok and result.error.line > 1 and result.lines == result.error.line - 1


def test_a_missing_log_says_why_there_is_no_line(tmp_path):
    error = replay(tmp_path / "none.jsonl").describe_error()
    assert error == f"{tmp_path / 'none.jsonl'}: cannot read the log (No such file or directory)"
