"""A session's summary: the figures the network keeps, read from the state's own history.

Every state holds the one before it (the undo chain), so the final state of a replay carries the
whole effective history of the session: undone actions are not in it. The summary walks that
history once, oldest first, and keeps one row per fact: footprints per round and family, the
projects adopted and stopped, the pledges each decision rested on, decisions with their
objections by criterion code, coverage, equity and the asks to the higher levels.
"""

from __future__ import annotations

from ..debrief import equity
from ..footprint import family_footprints, recorded
from ..log.replay import closes_round
from ..state import State
from ..story import history

SUMMARY_FORMAT = "bve-summary"
SUMMARY_VERSION = 1


def _footprint_rows(state: State, round_number: int, year: int) -> list[dict]:
    if not state.families:
        return []
    fp = family_footprints(state)
    rows = []
    for i, f in enumerate(state.families):
        if not f.present:
            continue
        co2, energy, bio = (float(fp[i, :, k].sum()) for k in range(3))
        rows.append({
            "round": round_number, "year": year, "family": f.id,
            "co2_kg": round(co2, 1), "energy_kwh": round(energy, 1), "biosphere_m2": round(bio, 1),
        })
    return rows


def _pledge_rows(round_number: int, proposal) -> list[dict]:
    return [
        {
            "round": round_number, "project": proposal.project, "family": fid,
            "monthly_eur": round(p.monthly_eur, 2), "oneoff_eur": round(p.oneoff_eur, 2),
            "weekly_hours": round(p.weekly_hours, 2), "participates": p.participates,
        }
        for fid, p in sorted(proposal.pledges.items())
    ]


def summarise(final: State, header: dict) -> dict:
    """The summary of a replayed session (`header` is the log's first line)."""
    scenario = final.scenario
    states = history(final)
    years = scenario.years
    families: list[dict] = []
    footprints: list[dict] = []
    pledges: list[dict] = []
    decisions: list[dict] = []
    seen_rounds: set[int] = set()
    for before, after in zip(states, states[1:]):
        if after.phase == "situation" and 0 not in seen_rounds and after.round == 1:
            seen_rounds.add(0)
            footprints += _footprint_rows(after, 0, years.start)
        if closes_round(before, after) and after.round not in seen_rounds:
            seen_rounds.add(after.round)
            footprints += _footprint_rows(after, after.round, years.round_years()[after.round - 1])
        for d in after.decisions[len(before.decisions):]:
            proposal = before.proposal(d.project)
            answers = proposal.answers if proposal is not None else {}
            objections = []
            for fid, a in sorted(answers.items()):
                if a.answer != "objection":
                    continue
                spec = final.family(fid).spec if final.family(fid) else None
                code = None
                if spec is not None and a.criterion is not None and a.criterion < len(spec.criteria):
                    code = spec.criteria[a.criterion].code
                objections.append({"family": fid, "code": code})
            decisions.append({
                "round": d.round, "project": d.project, "version": d.version,
                "consent": d.tally[0], "concern": d.tally[1], "objection": d.tally[2],
                "adopted": d.adopted, "override": d.override, "objections": objections,
            })
            if proposal is not None:
                pledges += _pledge_rows(d.round, proposal)
    for f in final.families:
        families.append({
            "family": f.id, "people": f.people, "profile": f.spec.profile, "consent": f.spec.consent,
            "present": f.present, "money_month": f.spec.money_month, "hours_week": f.spec.hours_week,
            "criteria": sorted({c.code for c in f.spec.criteria}),
        })
    stopped = {project: (rnd, why) for project, rnd, why in final.stopped}
    projects = []
    adopted_round = {d["project"]: d["round"] for d in decisions if d["adopted"]}
    for r in final.running:
        projects.append(_project_row(final, r.project, r.start_round, None, None, r.completed, len(r.participants)))
    for project, (rnd, why) in stopped.items():
        if final.running_project(project) is None:
            projects.append(_project_row(final, project, adopted_round.get(project), rnd, why, False, 0))
    return {
        "format": SUMMARY_FORMAT,
        "version": SUMMARY_VERSION,
        "session": header.get("session"),
        "territory": scenario.territory.id,
        "country": scenario.territory.country,
        "date": str(header.get("created", ""))[:10],
        "engine": header.get("engine"),
        "scenario_sha256": header.get("scenario_sha256"),
        "complete": final.is_terminal,
        "rounds_played": final.round,
        "targets": {
            "co2_kg": scenario.targets.co2_kg.value,
            "energy_kwh": scenario.targets.energy_kwh.value,
            "biosphere_m2": scenario.targets.biosphere_m2.value,
        },
        "trajectory": [
            {"year": y, "co2_kg": round(float(c), 1), "energy_kwh": round(float(e), 1), "biosphere_m2": round(float(b), 1)}
            for y, c, e, b in recorded(final)
        ],
        "families": families,
        "footprints": footprints,
        "projects": sorted(projects, key=lambda p: (p["adopted_round"] or 0, p["project"])),
        "pledges": pledges,
        "decisions": decisions,
        "equity": [
            {
                "family": e.family, "money_ratio": _r(e.money_ratio), "hours_ratio": _r(e.hours_ratio),
                "means_share": _r(e.means_share), "included": e.included, "coverage": _r(e.coverage),
            }
            for e in equity(final)
        ],
        "asks": [
            {"round": a[0], "level": a[1], "about": a[2], "text": a[3]} for a in final.asks
        ],
    }


def _project_row(state: State, project_id: str, adopted, stopped, why, completed: bool, participants: int) -> dict:
    project = state.scenario.project(project_id)
    return {
        "project": project_id, "strategy": project.strategy, "wellbeing": list(project.wellbeing),
        "adopted_round": adopted, "stopped_round": stopped, "why_stopped": why,
        "completed": completed, "participants": participants,
    }


def _r(value: float | None) -> float | None:
    return None if value is None else round(float(value), 4)
