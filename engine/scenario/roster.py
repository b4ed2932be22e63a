"""The families: who they are, what they can give, what well-being means to them."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from .format import MAX_ACTIVITIES, MAX_CRITERIA, Code, Id, Lean, Override, ShortText, Strict
from .household import Household
from .words import Problem, w


# The three generations of a household, named as `Members` counts them.
Generation = Literal["children", "adults", "seniors"]
GENERATIONS: tuple[str, ...] = ("children", "adults", "seniors")


class Members(Strict):
    """Who lives in the household (at least one person)."""

    children: int = Field(default=0, ge=0, le=12, description="Number of children (0 to 12).")
    adults: int = Field(default=0, ge=0, le=12, description="Number of adults of working age (0 to 12).")
    seniors: int = Field(default=0, ge=0, le=12, description="Number of retired people (0 to 12).")

    @model_validator(mode="after")
    def _someone(self):
        if self.total == 0:
            raise Problem(w("check.no_member"))
        return self

    @property
    def total(self) -> int:
        return self.children + self.adults + self.seniors


class Criterion(Lean):
    """A family's well-being criterion, in its own words, filed under a SPIRAL dimension."""

    omitted_when_unset = ("generation",)  # version 1's dump, so its digests

    text: Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)] = Field(
        description="The criterion in the family's own words (1 to 200 characters).",
    )
    code: Code = Field(
        description="Its SPIRAL dimension: a letter A to I, maybe with two digits, like 'D' or "
        "'A03'.",
    )
    sense: Literal["well-being", "ill-being"] = Field(
        default="well-being",
        description="'well-being' (what makes life good) or 'ill-being' (what makes it hard).",
    )
    generation: Generation | None = Field(
        default=None,
        description="The generation that voiced it: 'children', 'adults' or 'seniors' (optional).",
    )


class FamilySpec(Lean):
    """A family as a scenario presets it, or as the set-up screen enters it."""

    omitted_when_unset = ("household", "generation_hours")  # version 1's dump, so its digests

    id: Id = Field(description="The family's id, like 'martin'.")
    name: ShortText = Field(
        description="The family's name as the table shows it (1 to 120 characters, one language).",
    )
    members: Members = Field(description="Children, adults and seniors in the household.")
    money_month: float = Field(
        ge=0, le=1e5,
        description="Money per month the family can give to collective projects, in the "
        "territory's currency (0 to 100,000).",
    )
    savings: float = Field(
        default=0, ge=0, le=1e7,
        description="One-off money from savings the family can give, in the territory's currency "
        "(0 to 10,000,000).",
    )
    hours_week: float = Field(ge=0, le=80, description="Hours per week the family can give (0 to 80).")
    generation_hours: dict[Generation, float] | None = Field(
        default=None,
        description="Hours per week each generation gives, like { seniors = 3, adults = 1 } "
        "(optional); they add up to 'hours_week' and name only generations the family has.",
    )
    profile: Id = Field(
        description="The id of the household profile that pre-fills the family's balance.",
    )
    adjustments: list[Override] = Field(
        default_factory=list, max_length=20,
        description="The family's own factors, applied after its profile's (at most 20).",
    )
    household: Household | None = Field(
        default=None,
        description="What the family's home, cars, diet and flights are, where they differ from "
        "its profile's (eligibility for projects reads them).",
    )
    criteria: list[Criterion] = Field(
        default_factory=list, max_length=MAX_CRITERIA,
        description="The family's well-being criteria (at most 24).",
    )
    skills: list[Id] = Field(
        default_factory=list, max_length=MAX_ACTIVITIES,
        description="Activity ids the family knows how to do.",
    )
    likes: list[Id] = Field(
        default_factory=list, max_length=MAX_ACTIVITIES,
        description="Activity ids the family enjoys (they count as skills too).",
    )
    refuses: list[Id] = Field(
        default_factory=list, max_length=MAX_ACTIVITIES,
        description="Activity ids the family will not do.",
    )
    consent: bool = Field(
        default=False,
        description="true when the family agrees to share its anonymised results.",
    )
    arrives_later: bool = Field(
        default=False,
        description="true when the family joins only through a 'family_arrives' event.",
    )

    @model_validator(mode="after")
    def _generations(self):
        hours = self.generation_hours
        if hours is None:
            return self
        for generation, value in hours.items():
            if not 0 <= value <= 80:
                raise Problem(w("check.generation_hours", generation=generation))
            if value and not getattr(self.members, generation):
                raise Problem(w("check.no_generation", generation=generation, hours=f"{value:g}"))
        if abs(sum(sorted(hours.values())) - self.hours_week) > 1 / 120:  # half a minute
            raise Problem(w("check.hours_add_up"))
        return self

    def generation_minutes(self, generation: str) -> int | None:
        """The minutes a week one generation can give (None: the family gave no split)."""
        if self.generation_hours is None:
            return None
        return round(self.generation_hours.get(generation, 0) * 60)  # as engine.units.minutes
