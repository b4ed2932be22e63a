"""Engine benchmarks, each a ratio or a rate measured side by side in one run (DESIGN §7).

- replay with full verification against merely parsing the same lines with orjson;
- headless bot sessions per second (5 rounds, 12 families, the default scenario's catalogue);
- the size of a workshop-sized log (≈ 2,000 actions).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import orjson

from engine import actions as A
from engine.load import load_scenario
from engine.log.replay import replay
from engine.log.session import resume
from engine.simulate import play, run_once

ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "scenarios" / "fr-quartier.toml"


def _best(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def workshop_log(path: Path, text: str, scenario) -> None:
    """A long session: bots play it, then notes and undos pad it to a 3-hour workshop's length."""
    play(scenario, text, seed=1, families=12, policy="random", log_path=path)
    session, _ = resume(path, durable=False)
    i = 0
    while session.state.seq < 2000:
        session.act(A.Note(text=f"idée {i} : un composteur près de l'école, à voir avec la mairie"))
        if i % 3 == 0:
            session.act(A.Undo())
        i += 1
    session.close()


def run() -> dict:
    text = SCENARIO.read_text(encoding="utf-8")
    scenario = load_scenario(SCENARIO)
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "workshop.jsonl"
        workshop_log(log, text, scenario)
        data = log.read_bytes()
        lines = data.splitlines()
        parse = _best(lambda: [orjson.loads(line) for line in lines], repeat=50)  # about 2 ms a pass: many passes
        verify = _best(lambda: replay(log), repeat=7)
        size = len(data)
    sessions = 0
    start = time.perf_counter()
    while time.perf_counter() - start < 5.0:
        run_once(scenario, text, sessions, families=12, policy="greedy")
        sessions += 1
    rate = sessions / (time.perf_counter() - start)
    return {
        "scenario": SCENARIO.name,
        "projects": len(scenario.projects),
        "log_lines": len(lines),
        "orjson_lines_per_s": len(lines) / parse,
        "replay_lines_per_s": len(lines) / verify,
        "replay_share_of_orjson": parse / verify,
        "bot_sessions_per_s": rate,
        "workshop_log_bytes": size,
    }


def report(r: dict) -> str:
    share = r["replay_share_of_orjson"]
    return "\n".join([
        f"engine ({r['scenario']}, {r['projects']} projects, 12 families, 5 rounds)",
        f"  replay with full verification: {r['replay_lines_per_s']:,.0f} lines/s; orjson parse alone "
        f"{r['orjson_lines_per_s']:,.0f} lines/s; share 1/{1 / share:.1f}   (must >= 1/20, goal >= 1/5)",
        f"  bot sessions per second, one core: {r['bot_sessions_per_s']:.0f}   (must >= 200, goal >= 1,000)",
        f"  workshop log of {r['log_lines']} lines: {r['workshop_log_bytes'] / 1000:.0f} KB   (must <= 1 MB, goal <= 300 KB)",
    ])
