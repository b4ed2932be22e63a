"""Where session logs live, starting one, and taking one up again after a stop or a crash.

Logs go to the sessions folder (`sessions/` in the user's data folder, see `game.places`)
unless `--log` names one. The table writes them as gzip streams flushed after every line
(`session_<time>.jsonl.gz`): a 3-hour workshop fits in about a tenth of the plain size, `zcat`
and analysts' tools read them as they are, and a crash still loses no whole line. A log whose
last state is not the debrief is unfinished: the title screen offers to resume it. A log cut in
the middle of a line (power cut) is resumed from its last whole line; the damaged tail is first
kept aside, so nothing is ever thrown away.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from typing import TYPE_CHECKING

from engine.log.lines import FORMAT_VERSION, LOG_SUFFIXES

from .places import sessions_dir

if TYPE_CHECKING:  # the rules are imported when a session starts or a log is read, not for the title
    from engine.log.session import Session

SUFFIX = ".jsonl.gz"


def new_log_path(folder: Path | None = None) -> Path:
    folder = folder or sessions_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y-%m-%d_%H%M%S")
    path = folder / f"session_{stamp}{SUFFIX}"
    n = 2
    while path.exists():
        path = folder / f"session_{stamp}_{n}{SUFFIX}"
        n += 1
    return path


def start(scenario_text: str, scenario_name: str, seed: int, language: str, log_path: Path) -> Session:
    from engine.log.session import Session

    log_path.parent.mkdir(parents=True, exist_ok=True)
    return Session.new(scenario_text, seed, log_path=log_path, scenario_name=scenario_name, language=language)


class ResumeError(Exception):
    pass


def resume(path: Path) -> Session:
    """Replay a log and open it for appending from its last good line (see engine.log.session)."""
    from engine.log.session import ResumeError as EngineResumeError, resume as engine_resume

    try:
        return engine_resume(path)[0]
    except EngineResumeError as exc:
        raise ResumeError(str(exc)) from None


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
    logs = sorted([p for suffix in LOG_SUFFIXES for p in folder.glob("*" + suffix)], key=lambda p: p.stat().st_mtime, reverse=True)[:most]
    if not logs:
        return []
    from engine.log.replay import replay

    found = []
    for path in logs:
        result = replay(path)
        state = result.state
        # a session that reached the debrief but lost its closing line in a crash is offered too:
        # resuming it writes the closing line (an older format's log replays, but is not continued)
        if state is None or result.complete or result.version < FORMAT_VERSION:
            continue
        found.append(Unfinished(path, state.round, state.phase, len(state.present()), path.stat().st_mtime))
    return found
