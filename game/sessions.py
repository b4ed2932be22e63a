"""Where session logs live, starting one, and taking one up again after a stop or a crash.

Logs go to the sessions folder (`sessions/` in the user's data folder, see `game.places`)
unless `--log` names one. A log whose last state is not the debrief is unfinished: the title screen
offers to resume it. A log cut in the middle of a line (power cut) is resumed from its last
whole line; the damaged file is first kept aside, so nothing is ever thrown away.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from engine.log import LogWriter
from engine.replay import replay
from engine.session import Session
from engine.state import DEBRIEF

from .places import sessions_dir


def new_log_path(folder: Path | None = None) -> Path:
    folder = folder or sessions_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y-%m-%d_%H%M%S")
    path = folder / f"session_{stamp}.jsonl"
    n = 2
    while path.exists():
        path = folder / f"session_{stamp}_{n}.jsonl"
        n += 1
    return path


def start(scenario_text: str, scenario_name: str, seed: int, language: str, log_path: Path) -> Session:
    log_path.parent.mkdir(parents=True, exist_ok=True)
    return Session.new(scenario_text, seed, log_path=log_path, scenario_name=scenario_name, language=language)


class ResumeError(Exception):
    pass


def resume(path: Path) -> Session:
    """Replay a log and open it for appending from its last good line."""
    try:
        from engine.session import ResumeError as EngineResumeError, resume as engine_resume
    except ImportError:
        engine_resume = None
    if engine_resume is not None:
        try:
            return engine_resume(path)[0]
        except EngineResumeError as exc:
            raise ResumeError(str(exc)) from None
    result = replay(path)
    if result.state is None or result.scenario is None:
        raise ResumeError(result.describe_error() or str(path))
    if not result.ok:
        keep = Path(str(path) + ".damaged")
        shutil.copyfile(path, keep)
        with open(path, "r+b") as f:
            f.truncate(result.good_bytes)
    writer = LogWriter(path, prev=result.last_hash)
    return Session(result.scenario, result.state, writer)


@dataclass(frozen=True)
class Unfinished:
    path: Path
    round: int
    phase: str
    families: int
    when: float


def unfinished(folder: Path | None = None, most: int = 5) -> list[Unfinished]:
    """The most recent logs that did not reach the debrief, newest first."""
    folder = folder or sessions_dir()
    if not folder.is_dir():
        return []
    logs = sorted(folder.glob("*.jsonl"), key=lambda p: p.stat().st_mtime, reverse=True)[:most]
    found = []
    for path in logs:
        result = replay(path)
        state = result.state
        if state is None or state.phase == DEBRIEF:
            continue
        found.append(Unfinished(path, state.round, state.phase, len(state.present()), path.stat().st_mtime))
    return found
