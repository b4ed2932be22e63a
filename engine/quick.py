"""Quick pledges: what covers the rest of a project's needs, as ordinary pledge actions.

"Cover the rest" is one family's pledge of what the others leave uncovered, within its means;
"share the rest" is one pledge per family that has not pledged yet, the rest split by what each
has left (the scenario's means), never above it. Both only build actions: the rules check and
log each one like any other pledge. Amounts are rounded up to a whole unit of money and a tenth
of an hour, and down to what a family has, so a shared rest is covered whenever means allow.
"""

from __future__ import annotations

import math

from . import actions as A
from .resources import left, proposal_coverage, running_coverage
from .state import PledgeT, State, replace

# money in whole units, time in tenths of an hour
_UNIT = {"monthly_eur": 1.0, "oneoff_eur": 1.0, "weekly_hours": 0.1}
_COVER = {"monthly_eur": "money", "oneoff_eur": "upfront", "weekly_hours": "hours"}
_MEANS = {"monthly_eur": "money", "oneoff_eur": "savings", "weekly_hours": "hours"}


def _holder(state: State, project: str):
    proposal = state.proposal(project)
    if proposal is not None:
        return proposal, proposal.pledges
    running = state.running_project(project)
    return running, running.commitments if running is not None else {}


def coverage_with(state: State, project: str, pledges: dict[str, PledgeT]):
    """The coverage the project would have with these pledges (a preview: nothing is applied)."""
    proposal = state.proposal(project)
    if proposal is not None:
        return proposal_coverage(state, replace(proposal, pledges=pledges))
    running = state.running_project(project)
    participants = tuple(f for f, p in pledges.items() if p.participates)
    return running_coverage(state, replace(running, commitments=pledges, participants=participants))


def _up(value: float, unit: float) -> float:
    return round(math.ceil(round(value / unit, 6)) * unit, 2)


def _down(value: float, unit: float) -> float:
    return round(math.floor(round(value / unit, 6)) * unit, 2) if value > 0 else 0.0


def _rest(state: State, project: str, pledges: dict[str, PledgeT]) -> dict[str, float]:
    cov = coverage_with(state, project, pledges)
    return {field: max(0.0, need - have) for field, (have, need) in
            ((f, getattr(cov, _COVER[f])) for f in _UNIT)}


def cover_rest(state: State, project: str, family_id: str) -> dict[str, float]:
    """The amounts the family would give to cover what the other families leave, within its means."""
    _, pledges = _holder(state, project)
    others = {k: v for k, v in pledges.items() if k != family_id}
    rest = _rest(state, project, others)
    room = left(state, state.family(family_id), skip=project)
    out = {}
    for field, unit in _UNIT.items():
        have = getattr(room, _MEANS[field])
        out[field] = min(_up(rest[field], unit), _down(have, unit))
    if state.proposal(project) is None:
        out["oneoff_eur"] = 0.0
    return out


def share_rest(state: State, project: str) -> list[A.Pledge]:
    """One pledge per present family that has not pledged: the rest split by what each has left."""
    holder, pledges = _holder(state, project)
    if holder is None:
        return []
    fresh = [f for f in state.present() if f.id not in pledges]
    if not fresh:
        return []
    rest = _rest(state, project, pledges)
    rooms = {f.id: left(state, f, skip=project) for f in fresh}
    amounts: dict[str, dict[str, float]] = {f.id: {} for f in fresh}
    for field, unit in _UNIT.items():
        caps = {fid: _down(getattr(room, _MEANS[field]), unit) for fid, room in rooms.items()}
        if field == "oneoff_eur" and state.proposal(project) is None:
            caps = dict.fromkeys(caps, 0.0)
        share = _split(rest[field], caps, unit)
        for fid in amounts:
            amounts[fid][field] = share[fid]
    takes_part = sum(1 for p in pledges.values() if p.participates)
    most = state.scenario.project(project).capacity.max
    actions = []
    for f in fresh:
        a = amounts[f.id]
        joins = takes_part < most
        takes_part += joins
        if not joins and not any(a.values()):
            continue
        actions.append(A.Pledge(project=project, family=f.id, participates=joins, **a))
    return actions


def _split(need: float, caps: dict[str, float], unit: float) -> dict[str, float]:
    """`need` split in proportion to the caps (what each has left), each rounded up to the unit and
    never above its cap; what a capped family cannot take goes to the others."""
    out = dict.fromkeys(caps, 0.0)
    remaining = need
    active = [f for f, c in caps.items() if c > 0]
    while remaining > 1e-9 and active:
        total = sum(caps[f] - out[f] for f in active)
        if total <= 1e-9:
            break
        spread = {f: min(caps[f], out[f] + _up(remaining * (caps[f] - out[f]) / total, unit)) for f in active}
        given = sum(spread[f] - out[f] for f in active)
        out.update(spread)
        remaining -= given
        active = [f for f in active if out[f] < caps[f] - 1e-9]
        if given <= 1e-9:
            break
    return out
