"""The families: who they are, what they can give, what well-being means to them."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from .format import MAX_ACTIVITIES, MAX_CRITERIA, Code, Id, Lean, Override, ShortText, Strict
from .household import Household


class Members(Strict):
    """Who lives in the household (at least one person)."""

    children: int = Field(default=0, ge=0, le=12, description="Number of children (0 to 12).")
    adults: int = Field(default=0, ge=0, le=12, description="Number of adults of working age (0 to 12).")
    seniors: int = Field(default=0, ge=0, le=12, description="Number of retired people (0 to 12).")

    @model_validator(mode="after")
    def _someone(self):
        if self.total == 0:
            raise ValueError("a family has at least one member")
        return self

    @property
    def total(self) -> int:
        return self.children + self.adults + self.seniors

class Criterion(Strict):
    """A family's well-being criterion, in its own words, filed under a SPIRAL dimension."""

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

class FamilySpec(Lean):
    """A family as a scenario presets it, or as the set-up screen enters it."""

    omitted_when_unset = ("household",)

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
