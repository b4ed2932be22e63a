"""What replay checks beyond the chain: a complete session, who acts, chance's draws, the
checkpoints and the scenario the digests cover. Each tamper below recomputes every hash, so
only these checks can find it."""

import orjson
import pytest

from engine.log.replay import replay
from engine.simulate import play
from game.cli import main
from tests.log_helpers import records, write_rechained


@pytest.fixture(scope="module")
def finished(tmp_path_factory, mini, mini_text):
    path = tmp_path_factory.mktemp("finished") / "session.jsonl"
    session = play(mini, mini_text, seed=4, policy="random", log_path=path)
    return path, session


def test_a_finished_session_is_complete_and_ends_with_its_closing_line(finished):
    path, session = finished
    result = replay(path)
    assert result.ok and result.complete, result.describe_error()
    last = records(path)[-1]
    assert last["closing"] == {"actions": session.state.seq, "digest": session.digest()}
    assert result.closing_digest == session.digest() == result.digest()
    assert result.checkpoints == session.scenario.years.rounds


def test_cutting_a_finished_log_at_any_line_boundary_leaves_it_incomplete(finished, tmp_path, capsys):
    path, _ = finished
    lines = path.read_bytes().splitlines(keepends=True)
    cut = tmp_path / "cut.jsonl"
    for keep in range(1, len(lines)):
        cut.write_bytes(b"".join(lines[:keep]))
        result = replay(cut)
        assert result.ok, (keep, result.describe_error())
        assert not result.complete, keep
    # the command says so too, and exits 3 (valid, not closed)
    for keep in (len(lines) - 1, len(lines) - 2, len(lines) - 5, len(lines) - 50):
        cut.write_bytes(b"".join(lines[:keep]))
        assert main(["replay", str(cut)]) == 3
        out = capsys.readouterr().out
        assert "not closed" in out and "is complete" not in out
        assert main(["replay", str(cut), "--json"]) == 3
        report = orjson.loads(capsys.readouterr().out)
        assert report["ok"] is True and report["complete"] is False and report["problems"] == []
    assert main(["replay", str(path), "--json"]) == 0
    report = orjson.loads(capsys.readouterr().out)
    assert {"ok", "complete", "lines", "checkpoints", "digest", "round", "phase", "problems"} <= set(report)
    assert report["complete"] is True and report["fingerprint"] == report["digest"][:16]


def _tampered(path, tmp_path, change) -> str:
    recs = records(path)
    change(recs)
    bad = tmp_path / "tampered.jsonl"
    write_rechained(bad, recs)
    result = replay(bad)
    assert not result.ok
    return result.describe_error()


def test_a_swapped_chance_card_is_found(finished, tmp_path, mini):
    path, _ = finished
    cards = [e.id for e in mini.events]

    def swap(recs):
        draw = next(r for r in recs if r.get("actor") == "chance" and r["action"].get("event"))
        draw["action"]["event"] = next(c for c in cards if c != draw["action"]["event"])

    assert "where the seed gives" in _tampered(path, tmp_path, swap)


@pytest.mark.parametrize("kind, actor, says", [
    ("draw_event", "facilitator", "only chance draws"),
    ("advance", "chance", "chance only draws"),
    ("pledge", "someone", "neither the facilitator"),
])
def test_a_relabelled_actor_is_found(finished, tmp_path, kind, actor, says):
    path, _ = finished

    def relabel(recs):
        line = next(r for r in recs if r.get("action", {}).get("kind") == kind)
        line["actor"] = actor

    assert says in _tampered(path, tmp_path, relabel)


def test_a_family_acting_for_another_is_found(finished, tmp_path):
    path, _ = finished

    def relabel(recs):
        line = next(r for r in recs if r.get("action", {}).get("kind") == "pledge")
        others = {r["action"]["family"] for r in recs if r.get("action", {}).get("kind") == "pledge"}
        line["actor"] = next(f for f in sorted(others) if f != line["action"]["family"])

    assert "for someone else" in _tampered(path, tmp_path, relabel)


def test_a_removed_checkpoint_is_found(finished, tmp_path):
    path, _ = finished
    error = _tampered(path, tmp_path, lambda recs: recs.remove(next(r for r in recs if "checkpoint" in r)))
    assert "checkpoint of round 1 is missing" in error


def test_a_removed_closing_line_leaves_the_log_incomplete_and_a_moved_one_is_found(finished, tmp_path):
    path, _ = finished
    recs = records(path)
    closing = recs.pop()
    bad = tmp_path / "moved.jsonl"
    write_rechained(bad, recs[:10] + [closing] + recs[10:])
    assert "closing line before the debrief" in replay(bad).describe_error()


def test_a_header_whose_target_changed_fails_at_the_first_checkpoint(finished, tmp_path):
    import hashlib

    path, _ = finished

    def retarget(recs):
        text = recs[0]["scenario"]
        assert "co2_kg = { value = 2000" in text
        recs[0]["scenario"] = text.replace("2000", "9000", 1)
        recs[0]["scenario_sha256"] = hashlib.sha256(recs[0]["scenario"].encode()).hexdigest()

    error = _tampered(path, tmp_path, retarget)
    assert "checkpoint: the replayed state differs" in error


def test_digests_cover_the_scenario(finished, mini):
    from engine.log.checks import session_digest

    _, session = finished
    assert session_digest("00" * 32, session.state) != session.digest()
