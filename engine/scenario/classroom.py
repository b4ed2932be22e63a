"""Class mode: how a scenario plays as a school class, and the questions a teacher asks.

A class has about 90 minutes: three rounds, a pace per phase, one project suggested per round,
and no card that takes a team away or brings a new one in. `class_version` turns any scenario
into the one a class plays; a session in class mode holds that version, so replaying its log
rebuilds it from the scenario the header carries.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .format import Id, Strict, Text
from .words import Problem, w

ClassPhase = Literal["situation", "proposals", "pledges", "codecision", "resolution", "review", "debrief"]
# About 90 minutes: 3 rounds of 27 minutes and a 9-minute debrief.
DEFAULT_PACE = {"situation": 3, "proposals": 4, "pledges": 8, "codecision": 6, "resolution": 2, "review": 4,
                "debrief": 9}
# Cards that change who is at the table: a class keeps its teams from start to end.
TEAM_CARDS = ("family_arrives", "family_leaves")


class ClassSettings(Strict):
    """How the scenario plays as a class (class mode)."""

    default: bool = Field(
        default=True,
        description="true when the title starts this scenario in class mode.",
    )
    rounds: int = Field(
        default=3, ge=1, le=6,
        description="Rounds a class plays (1 to 6); the first round's year moves forward if the "
        "scenario's years do not divide evenly.",
    )
    pace: dict[ClassPhase, int] = Field(
        default_factory=lambda: dict(DEFAULT_PACE),
        description="Minutes per phase shown as the pace guide, like { pledges = 8 } (phases left "
        "out keep their default).",
    )
    suggested: list[Id] = Field(
        default_factory=list, max_length=6,
        description="One project suggested per round, in round order (project ids).",
    )

    def minutes(self, phase: str) -> int:
        return self.pace.get(phase, DEFAULT_PACE.get(phase, 0))

    def total_minutes(self) -> int:
        per_round = sum(self.minutes(p) for p in DEFAULT_PACE if p != "debrief")
        return per_round * self.rounds + self.minutes("debrief")


class Question(Strict):
    """A discussion question for the class, asked at one phase (of one round, or of every round)."""

    phase: ClassPhase = Field(description="The phase the question goes with, or 'debrief'.")
    round: int | None = Field(
        default=None, ge=1, le=12,
        description="The round it is for (none: every round).",
    )
    text: Text = Field(description="The question, in each of the scenario's languages.")

    @model_validator(mode="after")
    def _debrief_has_no_round(self):
        if self.phase == "debrief" and self.round is not None:
            raise Problem(w("check.question_no_round"))
        return self


def class_settings(scenario) -> ClassSettings:
    return scenario.classroom if scenario.classroom is not None else ClassSettings()


_VERSIONS: dict[int, tuple] = {}


def class_version(scenario):
    """The scenario as a class plays it: its class rounds, no card that adds or removes a family,
    and only the families there from the start. The same object for the same scenario."""
    hit = _VERSIONS.get(id(scenario))
    if hit is not None and hit[0] is scenario:
        return hit[1]
    settings = class_settings(scenario)
    years = scenario.years
    rounds = settings.rounds
    span = (years.end - years.start) // rounds * rounds
    years = years.model_copy(update={"rounds": rounds, "start": years.end - span})
    version = scenario.model_copy(update={
        "years": years,
        "events": [e for e in scenario.events if e.effect.kind not in TEAM_CARDS],
        "families": [f for f in scenario.families if not f.arrives_later],
    })
    version.__dict__.pop("_index", None)  # the copy's own lookups, not the original's
    if len(_VERSIONS) > 64:
        _VERSIONS.clear()
    _VERSIONS[id(scenario)] = (scenario, version)
    return version


def questions(scenario, phase: str, round_number: int | None = None) -> list[Question]:
    return [q for q in scenario.questions if q.phase == phase and (q.round is None or q.round == round_number)]
