"""What replay checks beyond the rules: who may take an action, chance's draws, the digests.

The session digest that checkpoints and the closing line carry covers the scenario as well as
the state: SHA-256 of the scenario's SHA-256 (32 bytes) followed by the state's canonical bytes
(`engine.state.dumps`). A log whose header was edited, hashes recomputed, no longer matches.
"""

from __future__ import annotations

import hashlib

from .. import actions as A
from ..state import State, dumps
from .lines import CHANCE, FACILITATOR


def session_digest(scenario_sha256: str, state: State) -> str:
    return hashlib.sha256(bytes.fromhex(scenario_sha256) + dumps(state)).hexdigest()


def fingerprint(digest: str) -> str:
    """What an association writes in its minutes: the first 16 hex digits of the final digest."""
    return digest[:16]


def actor_problem(state: State, actor: object, action: A.Action) -> str | None:
    """Why `actor` may not take `action`, or None. Chance only draws, and only chance draws; a
    family acts only for itself (its pledges, answers, proposals and withdrawals); the
    facilitator may take every other action, for the group or on a family's behalf."""
    if action.kind == "draw_event":
        return None if actor == CHANCE else f"only chance draws the event card, not '{actor}'"
    if actor == FACILITATOR:
        return None
    if actor == CHANCE:
        return f"chance only draws the event card; '{action.kind}' is not its move"
    if not isinstance(actor, str) or state.family(actor) is None:
        return f"the actor '{actor}' is neither the facilitator, chance nor a family of the session"
    if getattr(action, "family", None) != actor:
        return f"the family '{actor}' may not take '{action.kind}' for someone else"
    return None

