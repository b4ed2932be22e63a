"""The project catalogue: what a collective project does, needs, holds and gives back."""

from __future__ import annotations

import math

from pydantic import Field, field_validator, model_validator

from .format import MAX_FAMILIES, SECTOR_COUNT, Code, Factor, Id, Origin, Strategy, Strict, Text
from .household import Eligibility
from .words import Problem, w


class Effect(Origin):
    """What a project does: a multiplier on one factor of one component of a sector, for the
    households it can reach, lasting after the project or only while it runs."""

    origin_required = True

    sector: Id = Field(description="The id of the sector the effect acts on.")
    component: Id | None = Field(
        default=None,
        description="The id of the sector's component the effect acts on, like 'car' or 'heating'; "
        "left out, every component of the sector (home-sharing: all the m² of the home).",
    )
    # land too: wood heating or less meat change the land a person occupies
    factor: Factor = Field(
        description="The factor multiplied: 'quantity' (sobriety), 'energy' (efficiency), 'carbon'"
        " (decarbonisation) or 'land'.",
    )
    multiplier: float = Field(
        ge=0, le=2,
        description="Multiplier on the factor for each participating family (every family for a "
        "common good), 0 to 2: 0.7 means 30 % less, 1.1 means 10 % more.",
    )
    eligible: Eligibility | None = Field(
        default=None,
        description="Which households the effect can reach (heating, cars, diet, flights, floor "
        "area per person, people); left out, every household.",
    )
    durable: bool = Field(
        default=True,
        description="true when the effect lasts once the project is completed (insulation); false "
        "when it stops with the service (car-sharing), unless the association renews it.",
    )


class Needs(Origin):
    """What the whole project asks of the families at size 1.0 (a variant scales money and time)."""

    upfront_eur: float = Field(
        default=0, ge=0, le=1e7,
        description="One-off cost, in the territory's currency (0 to 10,000,000).",
    )
    monthly_eur: float = Field(
        default=0, ge=0, le=1e6,
        description="Running cost per month while the project runs, in the territory's currency (0"
        " to 1,000,000).",
    )
    monthly_rounds: int | None = Field(
        default=None, ge=1, le=12,
        description="How many rounds the monthly cost lasts, from adoption (a loan's duration, 1 to "
        "12); left out, as long as the project runs.",
    )
    setup_hours: float = Field(
        default=0, ge=0, le=1e5,
        description="Hours of work to set the project up, spread over its first year (0 to 100,000"
        " h).",
    )
    weekly_hours: float = Field(
        default=0, ge=0, le=1000,
        description="Hours of work per week while the project runs (0 to 1,000 h/week).",
    )
    skills: list[Id] = Field(
        default_factory=list, max_length=8,
        description="Activity ids the project needs; each must be held (skill or liked activity) "
        "by a family that gives it time (at most 8).",
    )


class Capacity(Strict):
    """How many families may take part."""

    min: int = Field(
        default=1, ge=1, le=MAX_FAMILIES,
        description="Fewest participating families for the project to run (1 to 24).",
    )
    max: int = Field(
        default=MAX_FAMILIES, ge=1, le=MAX_FAMILIES,
        description="Most participating families (1 to 24, at least 'min').",
    )

    @model_validator(mode="after")
    def _order(self):
        if self.max < self.min:
            raise Problem(w("check.max_below_min"))
        return self


class Savings(Origin):
    """What each participating family gets back, from the round after adoption on."""

    monthly_eur: float = Field(
        default=0, ge=0, le=1e5,
        description="Money saved per month by each participating family, in the territory's "
        "currency (0 to 100,000).",
    )
    weekly_hours: float = Field(
        default=0, ge=0, le=100,
        description="Hours per week saved by each participating family (0 to 100 h/week).",
    )


class Project(Strict):
    """A collective project of the catalogue."""

    id: Id = Field(description="The project's id, like 'car-sharing'.")
    name: Text = Field(description="The project's name, in each of the scenario's languages.")
    description: Text = Field(description="What the families do together, in one or two sentences.")
    strategy: Strategy = Field(
        description="'sobriety' (less quantity, Q), 'efficiency' (less energy per unit, E) or "
        "'decarbonisation' (less CO2 per kWh, C).",
    )
    sectors: list[Id] = Field(
        min_length=1, max_length=SECTOR_COUNT,
        description="The ids of the sectors the project belongs to (1 to 5).",
    )
    common_good: bool = Field(
        default=False,
        description="true when every family benefits from the effects, taking part or not (a "
        "compost, a solar co-op).",
    )
    effects: list[Effect] = Field(
        min_length=1, max_length=10,
        description="What the project changes: multipliers on factors (1 to 10).",
    )
    eligible: Eligibility | None = Field(
        default=None,
        description="Which households the project can reach at all (each effect may narrow it "
        "further); left out, every household.",
    )
    excludes: list[Id] = Field(
        default_factory=list, max_length=8,
        description="Ids of projects that are alternatives to this one (a heat pump and a wood "
        "boiler): at most one of them applies to a household, the one adopted first.",
    )
    needs: Needs = Field(description="Money, time and skills the whole project needs at size 1.0.")
    capacity: Capacity = Field(default=Capacity(), description="Fewest and most participating families.")
    savings: Savings = Field(
        default=Savings(),
        description="What each participating family saves, in money and time.",
    )
    wellbeing: list[Code] = Field(
        default_factory=list, max_length=9,
        description="SPIRAL well-being dimensions the project serves: a letter A to I, maybe with "
        "two digits ('D', 'A03'); at most 9.",
    )
    lifetime_rounds: int = Field(
        default=12, ge=1, le=12,
        description="Rounds the project runs (1 to 12); then it is completed: costs end, durable "
        "effects and savings stay, the others stop.",
    )
    prerequisites: list[Id] = Field(
        default_factory=list, max_length=8,
        description="Ids of projects that must have been adopted before this one can be proposed "
        "(at most 8).",
    )
    variants: list[float] = Field(
        default_factory=lambda: [1.0], min_length=1, max_length=5,
        description="Sizes a proposal may take, each a factor on money and time needs between 0.25"
        " and 4 (1 to 5 sizes).",
    )

    @field_validator("variants")
    @classmethod
    def _variants(cls, v: list[float]) -> list[float]:
        for x in v:
            if not (math.isfinite(x) and 0.25 <= x <= 4):
                raise Problem(w("check.variants"))
        return v
