"""Households and who a project's effects can reach (format version 2).

A household carries the few attributes that decide whether an effect can reach it at all: how it
heats its home, how many cars it has, what it eats, how often it flies, how much floor area each
person lives in. Profiles preset them, a family may say otherwise; an effect's `eligible`
condition reads them, so a car-less family gains nothing from car-sharing and a home heated with
wood gets no heat pump on top.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .format import Id, Strict, _finite
from .words import Problem, Words, either, term, w

DIETS = ("vegan", "vegetarian", "flexitarian", "omnivore", "meat-heavy")
Diet = Literal["vegan", "vegetarian", "flexitarian", "omnivore", "meat-heavy"]
# the heating systems the shipped scenarios name; a scenario may use other ids
HEATING = ("gas", "oil", "electric", "heat-pump", "wood", "district", "lpg", "none")


class Household(Strict):
    """What a household is like, as far as projects' eligibility is concerned. Any attribute may
    be left out: a condition on an attribute nobody gave is taken as met (the family says so at
    the table)."""

    heating: Id | None = Field(
        default=None,
        description="How the home is heated: 'gas', 'oil', 'electric', 'heat-pump', 'wood', "
        "'district', 'lpg', 'none', or another id the scenario's projects name.",
    )
    cars: int | None = Field(default=None, ge=0, le=6, description="Cars the household owns (0 to 6).")
    diet: Diet | None = Field(
        default=None,
        description="What the household mostly eats: 'vegan', 'vegetarian', 'flexitarian', "
        "'omnivore' or 'meat-heavy'.",
    )
    flights: int | None = Field(
        default=None, ge=0, le=50,
        description="Return flights per person per year (0 to 50; 0 = does not fly).",
    )
    area_m2: float | None = Field(
        default=None, ge=1, le=1000, allow_inf_nan=False,
        description="Floor area lived in per person, in m² (1 to 1,000).",
    )

    def merged(self, other: "Household | None") -> "Household":
        """These attributes, with those `other` gives replacing them."""
        if other is None:
            return self
        given = {k: v for k, v in other if v is not None}
        return self.model_copy(update=given) if given else self


class Eligibility(Strict):
    """Which households an effect can reach: every condition given must hold."""

    heating: list[Id] | None = Field(
        default=None, min_length=1, max_length=12,
        description="The heating systems it applies to, like [\"gas\", \"oil\"].",
    )
    cars_min: int | None = Field(default=None, ge=0, le=6, description="At least this many cars.")
    cars_max: int | None = Field(default=None, ge=0, le=6, description="At most this many cars.")
    diet: list[Diet] | None = Field(
        default=None, min_length=1, max_length=5,
        description="The diets it applies to, like [\"omnivore\", \"meat-heavy\"].",
    )
    flights_min: int | None = Field(
        default=None, ge=0, le=50, description="At least this many return flights per person a year.",
    )
    flights_max: int | None = Field(
        default=None, ge=0, le=50, description="At most this many return flights per person a year.",
    )
    area_min_m2: float | None = Field(
        default=None, ge=0, le=1000, description="At least this floor area per person, m².",
    )
    area_max_m2: float | None = Field(
        default=None, ge=0, le=1000, description="At most this floor area per person, m².",
    )
    people_min: int | None = Field(default=None, ge=1, le=36, description="At least this many people.")
    people_max: int | None = Field(default=None, ge=1, le=36, description="At most this many people.")

    @model_validator(mode="after")
    def _ranges(self):
        for low, high in (("cars_min", "cars_max"), ("flights_min", "flights_max"),
                          ("area_min_m2", "area_max_m2"), ("people_min", "people_max")):
            a, b = getattr(self, low), getattr(self, high)
            if a is not None and b is not None and b < a:
                raise Problem(w("check.high_below_low", high=high, low=low))
        for name in ("area_min_m2", "area_max_m2"):
            if getattr(self, name) is not None:
                _finite(getattr(self, name))
        return self

    def why_not(self, household: Household, people: int) -> Words | None:
        """None when the household is eligible, else the first condition it fails, in words."""
        h = household
        if self.heating is not None and h.heating is not None and h.heating not in self.heating:
            return w("whatif.heating", heating=term("heating", h.heating),
                     allowed=either(term("heating", k) for k in self.heating))
        if h.cars is not None:
            if self.cars_min is not None and h.cars < self.cars_min:
                return w("whatif.cars_fewer_one" if h.cars == 1 else "whatif.cars_fewer", cars=h.cars,
                         least=self.cars_min)
            if self.cars_max is not None and h.cars > self.cars_max:
                return w("whatif.cars_more", cars=h.cars, most=self.cars_max)
        if self.diet is not None and h.diet is not None and h.diet not in self.diet:
            return w("whatif.diet", diet=term("diet", h.diet), allowed=either(term("diet", k) for k in self.diet))
        if h.flights is not None:
            if self.flights_min is not None and h.flights < self.flights_min:
                return w("whatif.flights_fewer", flights=h.flights, least=self.flights_min)
            if self.flights_max is not None and h.flights > self.flights_max:
                return w("whatif.flights_more", flights=h.flights, most=self.flights_max)
        if h.area_m2 is not None:
            if self.area_min_m2 is not None and h.area_m2 < self.area_min_m2:
                return w("whatif.area_less", area=f"{h.area_m2:g}", least=f"{self.area_min_m2:g}")
            if self.area_max_m2 is not None and h.area_m2 > self.area_max_m2:
                return w("whatif.area_more", area=f"{h.area_m2:g}", most=f"{self.area_max_m2:g}")
        if self.people_min is not None and people < self.people_min:
            return w("whatif.people_fewer", people=people, least=self.people_min)
        if self.people_max is not None and people > self.people_max:
            return w("whatif.people_more", people=people, most=self.people_max)
        return None
