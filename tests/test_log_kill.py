"""A scripted session killed (SIGKILL) at random points while it writes its log, taken up again
each time, reaches the debrief with no action lost or doubled and the uninterrupted digest."""

import multiprocessing
import random
import time

import pytest

from engine.log.replay import replay
from engine.simulate import play
from tests.conftest import MINI
from tests.kill_helpers import play_script, players
from tests.log_helpers import records


@pytest.fixture(scope="module")
def scripted(tmp_path_factory, mini, mini_text):
    path = tmp_path_factory.mktemp("script") / "uninterrupted.jsonl"
    session = play(mini, mini_text, seed=9, policy="random", log_path=path)
    return players(records(path)), session.digest()


def _context():
    try:
        ctx = multiprocessing.get_context("forkserver")
    except ValueError:  # no forkserver on this platform
        return multiprocessing.get_context("spawn")
    ctx.set_forkserver_preload(["tests.kill_helpers"])
    return ctx


def _seen(path):
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_size, st.st_mtime_ns


def kill_until_done(ctx, path, text, script, rng, budget, where):
    """Start the player, kill it after a random delay, again and again until it finishes by
    itself. Returns the number of kills that hit the player while it was writing: a kill that
    came before the log changed is not counted."""
    kills = 0
    span = None
    while True:
        child = ctx.Process(target=play_script, args=(str(path), text, 9, script))
        before = _seen(path)
        started = time.perf_counter()
        child.start()
        if span is None:  # a first whole run measures how long one takes
            child.join()
            span = time.perf_counter() - started
            path.unlink()
            continue
        child.join(rng.uniform(0, span))
        if child.is_alive() and kills < budget:
            child.kill()
            child.join()
            after = _seen(path)
            if after != before:
                kills += 1
                # no log at all: killed after a header-less log was moved aside, before the new one
                where.append(after[0] if after else -1)
            continue
        child.join()
        assert child.exitcode == 0, child.exitcode
        return kills


def run_kills(tmp_path, scripted, wanted, seed):
    script, digest = scripted
    text = MINI.read_text(encoding="utf-8")
    ctx = _context()
    warm = ctx.Process(target=play_script, args=(str(tmp_path / "warm.jsonl"), text, 9, script))
    warm.start()  # starts the fork server, which imports the engine once for every player
    warm.join()
    rng = random.Random(seed)
    kills = runs = 0
    where: list[int] = []  # the log's size at each kill
    while kills < wanted:
        path = tmp_path / f"run{runs}.jsonl{'.gz' if runs % 2 else ''}"
        kills += kill_until_done(ctx, path, text, script, rng, wanted - kills, where)
        result = replay(path)
        assert result.complete, result.describe_error()
        assert result.closing_digest == digest
        assert players(records(path)) == script  # no action lost, none written twice
        runs += 1
    # the kills hit many different points (how many depends on the machine's load: a kill's moment
    # is random, and a loaded machine bunches them; a fifth of them apart is the floor)
    assert len(set(where)) >= max(3, wanted // 5), sorted(where)
    return kills


def test_sigkill_at_random_points_loses_nothing(tmp_path, scripted):
    assert run_kills(tmp_path, scripted, wanted=20, seed=1) >= 20


@pytest.mark.slow
def test_sigkill_two_hundred_times_loses_nothing(tmp_path, scripted):
    assert run_kills(tmp_path, scripted, wanted=200, seed=2) >= 200
