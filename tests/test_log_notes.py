"""Replay takes notes and undos without building a state per line (engine/log/replay.py); what it
gives must be what applying every line gives: the same state, and the same undo points behind it."""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine import actions as A
from engine.legal import candidates
from engine.log.replay import replay
from engine.log.session import Session
from engine.rules import Rejected
from engine.state import digest
from tests.conftest import MINI

TEXT = MINI.read_text(encoding="utf-8")
# a step: a note, an undo, or one of the legal actions of the moment (by its index among them)
STEP = st.one_of(
    st.just(("note", None)), st.just(("undo", None)), st.integers(0, 40).map(lambda i: ("legal", i)),
)


def play(path: Path, steps) -> Session:
    session = Session.new(TEXT, 3, log_path=path, durable=False, clock=lambda: "")
    for n, (kind, i) in enumerate(steps):
        if kind == "note":
            action = A.Note(text=f"note {n}")
        elif kind == "undo":
            action = A.Undo()
        else:
            options = [a for a in candidates(session.state) if a.kind not in ("note", "undo")]
            action = options[i % len(options)]
        try:
            session.act(action)
        except Rejected:
            pass
    return session


def chain(state, depth=80) -> list[tuple[int, str]]:
    """The state and the undo points behind it: (sequence number, digest) each."""
    out = []
    while state is not None and len(out) < depth:
        out.append((state.seq, digest(state)))
        state = state.prev
    return out


def every_line_applied(path: Path):
    """The replay that keeps each line's state: the path that builds a state for every line."""
    return replay(path, keep=lambda number, record, action, after: None)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(STEP, min_size=1, max_size=60))
def test_notes_and_undos_replay_to_the_live_state_and_its_undo_points(steps):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "s.jsonl"
        session = play(path, steps)
        live = session.state
        fast, slow = replay(path), every_line_applied(path)
        assert fast.ok and slow.ok, (fast.describe_error(), slow.describe_error())
        assert chain(fast.state) == chain(slow.state) == chain(live)


def test_a_log_cut_among_notes_keeps_the_notes_before_the_cut(tmp_path):
    path = tmp_path / "s.jsonl"
    session = play(path, [("legal", 0)] + [("note", None)] * 6 + [("undo", None)] * 2 + [("note", None)] * 3)
    lines = path.read_bytes().splitlines(keepends=True)
    for cut in range(2, len(lines)):
        damaged = tmp_path / f"cut{cut}.jsonl"
        damaged.write_bytes(b"".join(lines[:cut]) + lines[cut][:-20])  # the next line torn
        fast, slow = replay(damaged), every_line_applied(damaged)
        assert not fast.ok and fast.lines == slow.lines == cut
        assert chain(fast.state) == chain(slow.state)
        assert len(fast.state.notes) == len(slow.state.notes)
    assert sum(b'"kind":"note"' in line for line in lines) == 9  # the cuts fell among notes and undos
