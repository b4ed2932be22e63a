"""Bounded reading: only regular files, lines of at most 1 MB, every refusal names LOG:LINE or
says why there is no line, and never a hang or a traceback."""

import gzip
from pathlib import Path
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
    session, warning = resume(log, durable=False)  # the long tail is set aside, a piece at a time
    session.close()
    assert (tmp_path / "later.jsonl.damaged.1").stat().st_size == 3 * MAX_LINE
    assert replay(log).complete


def test_a_gzip_bomb_is_refused_without_inflating_it_whole(tmp_path):
    log = tmp_path / "bomb.jsonl.gz"
    with gzip.open(log, "wb") as f:
        for _ in range(64):
            f.write(b"\0" * (1 << 20))  # 64 MB of zeros, no newline, in a small file
    assert log.stat().st_size < 200_000
    assert replay(log).describe_error() == f"{log}:1: the line is longer than 1 MB"


def test_a_gzip_bomb_is_refused_in_bounded_memory(tmp_path):
    """1 GB of zeros in a 1 MB file: refused, and the reading process stays far under the 200 MB
    promised (a 16 KB step of input inflates to 16 MB at most; reading 64 KB at once would take
    128 MB)."""
    import subprocess
    import sys

    log = tmp_path / "bomb.jsonl.gz"
    with gzip.open(log, "wb", compresslevel=9) as f:
        for _ in range(1024):
            f.write(b"\0" * (1 << 20))
    probe = (
        "import resource, sys\n"
        "from engine.log.replay import replay\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(replay(sys.argv[1]).describe_error())\n"
        "print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)\n"  # kB -> MB
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", probe, str(log)], capture_output=True, text=True, cwd=root,
                         check=True).stdout.splitlines()
    assert out[0] == f"{log}:1: the line is longer than 1 MB"
    assert int(out[1]) < 64, f"{out[1]} MB more at the peak"


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


def test_a_log_longer_than_the_limit_is_refused_at_the_first_line_past_it(tmp_path, mini, mini_text, monkeypatch):
    from engine.log import reading
    from engine.simulate import play

    log = tmp_path / "long.jsonl"
    play(mini, mini_text, seed=2, log_path=log)
    monkeypatch.setattr(reading, "MAX_LINES", 10)
    result = replay(log)
    assert result.describe_error() == f"{log}:11: a log holds at most 10 lines"
    assert result.lines == 10


def test_the_table_writes_gzip_and_offers_to_resume_what_is_not_closed(tmp_path, mini, mini_text):
    from engine.simulate import play
    from game import sessions

    path = sessions.new_log_path(tmp_path)
    assert path.name.endswith(".jsonl.gz")
    play(mini, mini_text, seed=2, log_path=path)
    assert path.read_bytes()[:2] == b"\x1f\x8b" and sessions.unfinished(tmp_path) == []
    cut = tmp_path / "cut.jsonl.gz"
    with gzip.open(path) as f:
        lines = f.read().splitlines(keepends=True)
    cut.write_bytes(gzip.compress(b"".join(lines[:-1])))  # the closing line lost in a crash
    assert [u.path for u in sessions.unfinished(tmp_path)] == [cut]
    session = sessions.resume(cut)
    session.close()
    assert replay(cut).complete and sessions.unfinished(tmp_path) == []
