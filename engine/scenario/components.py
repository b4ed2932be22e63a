"""Components ("postes") of a sector, their floors, and the energy basis (format version 2).

A sector is the sum of a few components, each with its own Gaïa factors and sources: car-sharing
cuts the car's kilometres, not the plane's; a heat pump changes heating, not the embodied
emissions of the house. A version-1 sector, which gives its factors itself, reads as a single
component named after the sector.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .format import FACTORS, Id, Origin, ShortText, Sourced, Strict, Text, _finite
from .words import Problem, w

MAX_COMPONENTS = 8  # per sector


class FactorFloors(Origin):
    """The lowest each factor of a component can be brought by projects, whatever they stack:
    the embodied emissions of a dwelling, the food a person needs. Give at least one factor,
    with a 'source' or an 'estimate'."""

    origin_required = True

    quantity: float | None = Field(default=None, ge=0, le=1e9, description="Lowest Q, in the component's unit.")
    energy: float | None = Field(default=None, ge=0, le=1e9, description="Lowest E, kWh per unit.")
    carbon: float | None = Field(default=None, ge=0, le=1e9, description="Lowest C, kg CO2e per kWh.")
    land: float | None = Field(default=None, ge=0, le=1e9, description="Lowest L, m² per unit.")

    @model_validator(mode="after")
    def _some(self):
        values = [getattr(self, f) for f in FACTORS]
        if all(v is None for v in values):
            raise Problem(w("check.floor_factor"))
        for v in values:
            if v is not None:
                _finite(v)
        return self

    def value(self, factor: str) -> float | None:
        return getattr(self, factor)


class Component(Strict):
    """One component of a sector, with its Gaïa factors for the territory's average household."""

    id: Id = Field(description="The component's id, unique in its sector, like 'heating' or 'car'.")
    name: Text | None = Field(
        default=None,
        description="The component's name, in each of the scenario's languages (default: its id).",
    )
    unit: ShortText | None = Field(
        default=None,
        description="The unit of Q for this component (default: the sector's unit).",
    )
    quantity: Sourced = Field(description="Q: how much one person consumes in a year, in the unit.")
    energy: Sourced = Field(description="E: kWh of energy per unit of Q, direct and embodied.")
    carbon: Sourced = Field(description="C: kg CO2e per kWh, every greenhouse gas included.")
    land: Sourced = Field(description="L: m² of productive land (global m²) per unit of Q.")
    carrier: Id | None = Field(
        default=None,
        description="The energy carrier of E, an id of the scenario's [energy] carriers, whose "
        "primary-energy factor turns it into primary energy (left out: factor 1).",
    )
    floors: FactorFloors | None = Field(
        default=None,
        description="The lowest each factor can go, whatever projects stack on it.",
    )

    def label(self, lang: str) -> str:
        return self.name.get(lang) if self.name is not None else self.id


class Carrier(Strict):
    """An energy carrier and what a kWh of it costs in primary energy."""

    id: Id = Field(description="The carrier's id, like 'electricity', 'gas', 'oil', 'wood'.")
    name: Text | None = Field(default=None, description="The carrier's name, in each language.")
    primary_factor: Sourced = Field(
        description="kWh of primary energy per kWh delivered (1 to 5 in practice; e.g. 2.3 for "
        "French electricity, 1 for gas), with its source.",
    )


class EnergyBasis(Strict):
    """On which basis the energy footprint is counted, and compared with its target."""

    basis: Literal["primary", "final"] = Field(
        description="'primary': each component's E is multiplied by its carrier's primary-energy "
        "factor, against a primary target (the 2000-watt society's 17,520 kWh); 'final': E as "
        "given, against a final-energy target that the [targets] source gives.",
    )
    carriers: list[Carrier] = Field(
        default_factory=list, max_length=16,
        description="The energy carriers components name, with their primary-energy factors.",
    )

    @model_validator(mode="after")
    def _unique(self):
        ids = [c.id for c in self.carriers]
        if len(ids) != len(set(ids)):
            raise Problem(w("check.carrier_twice"))
        return self

    def primary_factor(self, carrier: str | None) -> float:
        if self.basis != "primary" or carrier is None:
            return 1.0
        for c in self.carriers:
            if c.id == carrier:
                return c.primary_factor.value
        return 1.0
