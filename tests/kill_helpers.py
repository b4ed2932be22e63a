"""The process that the SIGKILL test kills: it plays a scripted session into its log, taking it
up again from the log when the log is there, as the table does after a crash."""

import os
from pathlib import Path

from engine import actions as A
from engine.log.session import ResumeError, Session, resume
from tests.log_helpers import records


def players(recs: list[dict]) -> list[tuple[str, dict]]:
    """The actions of everyone but chance, in order: what the players did."""
    return [(r.get("actor", "facilitator"), r["action"]) for r in recs
            if "action" in r and r.get("actor") != "chance"]


def play_script(path: str, scenario_text: str, seed: int, script: list[tuple[str, dict]]) -> None:
    log = Path(path)
    session = None
    if log.exists():
        try:
            session, _ = resume(log, durable=False)
        except ResumeError:
            # not even the header was written whole: the session had not begun
            os.replace(log, f"{log}.no-header")
    if session is None:
        session = Session.new(scenario_text, seed, log_path=log, durable=False)
    done = len(players(records(log)))
    for actor, action in script[done:]:
        session.act(A.parse_action(action), actor=actor)
    session.close()
