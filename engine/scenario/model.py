"""The scenario format: one TOML file per territory, validated into pydantic models.

A scenario is data, never code. Every bound a malicious or careless file could use to make the
engine misbehave (sizes, counts, ranges, NaN) is part of the schema below, so that anything that
passes validation can be played. Cross references (sector, project, profile, activity ids) are
checked on the parsed data by `references.py`, so that they are reported beside schema errors.

This module holds the territory, its years, targets, rules, sectors and profiles, and the whole
`Scenario`; the catalogue, the event deck, the roster and the building blocks have modules of
their own, and every model of the format can be imported from `engine.scenario`.
"""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from .catalogue import Capacity, Effect, Needs, Project, Savings
from .components import MAX_COMPONENTS, Carrier, Component, EnergyBasis, FactorFloors  # noqa: F401
from .deck import EffectKind, Event, EventEffect, Platform
from .format import (  # noqa: F401
    DIMENSIONS, FACTORS, MAX_ACTIVITIES, MAX_CRITERIA, MAX_EVENTS, MAX_FAMILIES, MAX_FILE_BYTES, MAX_PROFILES,
    MAX_PROJECTS, SCHEMA_VERSION, SECTOR_COUNT, STRATEGIES, Code, Factor, Id, LangCode, LongText, Origin, Override,
    ShortText, SourceText, Sourced, Strategy, Strict, Text,
)
from .household import DIETS, Eligibility, Household  # noqa: F401
from .roster import Criterion, FamilySpec, Members
from .classroom import ClassSettings, Question
from .words import Problem, w


class Territory(Strict):
    """Where the game is played: the territory's identity, languages and currency."""

    id: Id = Field(
        description="The scenario's id: at most 40 lowercase letters, digits, '-' or '_', like "
        "'pt-odemira'. Session logs name it.",
    )
    name: Text = Field(description="The territory's name, in each of the scenario's languages.")
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] = Field(
        description="ISO 3166 two-letter country code in capitals, like 'FR', 'PT', 'CV'.",
    )
    languages: list[LangCode] = Field(
        min_length=1, max_length=4,
        description="The languages of the texts, as two-letter codes ('fr', 'en', 'pt'); the first"
        " is the default. Every text should be given in each (1 to 4 languages).",
    )
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = Field(
        default="EUR",
        description="ISO 4217 code of the currency every amount of money is in, like 'EUR' or "
        "'CVE'; fields named `_eur` hold amounts in this currency.",
    )
    population_note: Text | None = Field(
        default=None,
        description="A few sentences on who lives there and what the default numbers describe.",
    )
    sources: list[SourceText] = Field(
        default_factory=list, max_length=40,
        description="The documents the scenario's numbers come from, one text each (at most 40).",
    )


class Years(Strict):
    """The time the game covers, cut into rounds of equal length."""

    start: int = Field(
        ge=2000, le=2100,
        description="The year the game starts (2000 to 2100): the sector defaults describe that "
        "year.",
    )
    end: int = Field(
        ge=2000, le=2100,
        description="The year the targets are for (2000 to 2100), after 'start'.",
    )
    rounds: int = Field(
        ge=1, le=12,
        description="How many rounds the game has (1 to 12); end − start must divide evenly by it,"
        " each round standing for (end − start) / rounds years.",
    )

    @model_validator(mode="after")
    def _order(self):
        if self.end <= self.start:
            raise Problem(w("check.end_after_start"))
        if (self.end - self.start) % self.rounds:
            raise Problem(w("check.rounds_divide"))
        return self

    @property
    def years_per_round(self) -> int:
        return (self.end - self.start) // self.rounds

    def round_years(self) -> list[int]:
        """The year each round ends on (round 1 ends at start + years_per_round)."""
        return [self.start + self.years_per_round * (i + 1) for i in range(self.rounds)]


class Milestone(Strict):
    """An intermediate CO2 target: the target line bends there."""

    year: int = Field(
        ge=2000, le=2100,
        description="The milestone's year, between the start and end years.",
    )
    co2_kg: float = Field(
        ge=0, le=1e6,
        description="kg CO2e per person per year to reach by that year (0 to 1,000,000).",
    )


class Targets(Strict):
    """The three footprints per person per year to reach by the end year."""

    co2_kg: Sourced = Field(
        description="CO2 target, kg CO2e per person per year (2,000 for a Paris-aligned 2 t).",
    )
    energy_kwh: Sourced = Field(
        description="Energy target, kWh per person per year (17,520 for the 2000-watt society: "
        "2,000 W × 8,760 h).",
    )
    biosphere_m2: Sourced = Field(
        description="Biosphere target, m² of productive land (global m²) per person (17,000 = 1.7 "
        "global hectares).",
    )
    milestones: list[Milestone] = Field(
        default_factory=list, max_length=12,
        description="Intermediate CO2 targets (at most 12); without them the target line is "
        "straight from the start to the end year.",
    )


class Rules(Strict):
    """How the association decides and shares running costs."""

    decision: Literal["consent", "unanimity", "majority", "two_thirds"] = Field(
        default="consent",
        description="How a covered proposal is decided: 'consent' (adopted unless someone "
        "objects), 'unanimity', 'majority' or 'two_thirds'.",
    )
    sharing: Literal["by_means", "equal", "by_benefit"] = Field(
        default="by_means",
        description="How running and one-off costs are shared among the pledging families: "
        "'by_means' (in proportion to means), 'equal', or 'by_benefit' (in proportion "
        "to the people taking part).",
    )
    hour_value: float = Field(
        default=15.0, gt=0, le=1e5, allow_inf_nan=False,
        description="What an hour of volunteer time is worth in the scenario's currency, for the "
        "bots' ranking of projects by CO2 saved per money and time (default 15).",
    )


class Floor(Strict):
    """The per-person share of public services: counted for everyone, lowered by no family project."""

    co2_kg: Sourced = Field(description="kg CO2e per person per year, the same for everyone.")
    energy_kwh: Sourced = Field(description="kWh per person per year, the same for everyone.")
    biosphere_m2: Sourced = Field(
        description="m² of productive land (global m²) per person, the same for everyone.",
    )
    label: Text | None = Field(
        default=None,
        description="What the floor is called on the screen, like 'Public services (everyone's "
        "share)'.",
    )


class Sector(Strict):
    """One of the five sectors, with its factors for the territory's average household.

    Per person and year: CO2 = Q·E·C kg, energy = Q·E kWh, biosphere = Q·L m², plus the floor.
    In format version 2 a sector is the sum of its components, each with its own Q, E, C and L;
    a version-1 sector gives Q, E, C and L itself and reads as one component named after it.
    """

    id: Id = Field(
        description="The sector's id, like 'housing', 'food', 'mobility', 'goods', 'services'.",
    )
    name: Text = Field(description="The sector's name, in each of the scenario's languages.")
    unit: ShortText = Field(
        description="The unit of the quantity Q, as the screen shows it: 'm²', 'kg', 'km', '€'.",
    )
    quantity: Sourced | None = Field(
        default=None,
        description="Version 1: Q, how much one person consumes in a year, in the sector's unit (m²"
        " of home, kg of food, km travelled...). Version 2 gives it per component.",
    )
    energy: Sourced | None = Field(
        default=None,
        description="Version 1: E, kWh of energy per unit of Q, used directly and embodied (kWh per"
        " m², per kg, per km...).",
    )
    carbon: Sourced | None = Field(
        default=None,
        description="Version 1: C, kg CO2e per kWh, every greenhouse gas included (methane and N2O"
        " of farming too).",
    )
    land: Sourced | None = Field(
        default=None,
        description="Version 1: L, m² of productive land (global m², 10,000 = 1 gha) per unit of Q.",
    )
    floor: Floor | None = Field(
        default=None,
        description="The per-person share of public services counted in this sector, lowered by no"
        " family project.",
    )
    components: list[Component] | None = Field(
        default=None, min_length=1, max_length=MAX_COMPONENTS,
        description="Version 2: the sector's components (1 to 8), each with its own Q, E, C, L and "
        "sources; the sector's footprints are their sums.",
    )

    @model_validator(mode="after")
    def _factors_or_components(self):
        given = [f for f in FACTORS if getattr(self, f) is not None]
        if self.components is not None:
            if given:
                raise Problem(w("check.factors_in_components", given=", ".join(given)))
            ids = [c.id for c in self.components]
            if len(ids) != len(set(ids)):
                raise Problem(w("check.component_twice"))
        elif len(given) != len(FACTORS):
            missing = [f for f in FACTORS if getattr(self, f) is None]
            raise Problem(w("check.components_or_factors", missing=", ".join(missing)))
        return self

    @cached_property
    def parts(self) -> tuple[Component, ...]:
        """The components; a version-1 sector is one component with the sector's id and factors."""
        if self.components is not None:
            return tuple(self.components)
        return (Component(id=self.id, name=self.name, unit=self.unit, quantity=self.quantity,
                          energy=self.energy, carbon=self.carbon, land=self.land),)


class Profile(Strict):
    """A kind of household, as overrides of the sector defaults, to pre-fill a family's balance."""

    id: Id = Field(description="The profile's id, like 'flat-town-car'; families name it.")
    name: Text = Field(description="The profile's name, in each of the scenario's languages.")
    description: Text | None = Field(
        default=None,
        description="What such a household looks like: home, heating, cars, habits.",
    )
    overrides: list[Override] = Field(
        default_factory=list, max_length=40,
        description="The factors that differ from the sector defaults for this household, each "
        "replacing one factor (at most 40).",
    )
    household: Household | None = Field(
        default=None,
        description="Version 2: what projects' eligibility reads: heating system, cars, diet, "
        "flights, floor area per person.",
    )


class Activity(Strict):
    """A kind of work projects need and families like or refuse."""

    id: Id = Field(
        description="The activity's id, like 'gardening'; projects' skills and families' skills, "
        "likes and refuses name it.",
    )
    name: Text = Field(description="The activity's name, in each of the scenario's languages.")


class Glossary(Strict):
    """A word the screen uses, explained in plain words."""

    term: Text = Field(description="The word, in each of the scenario's languages.")
    definition: Text = Field(description="What it means, in plain words.")


class Scenario(Strict):
    schema_version: Literal[1, 2] = Field(
        default=1,
        description="The version of the scenario format: 2 (sectors made of components); a file "
        "without it is read as version 1.",
    )
    territory: Territory = Field(
        description="The territory: id, name, country, languages, currency, sources.",
    )
    years: Years = Field(description="Start and end years and the number of rounds.")
    targets: Targets = Field(
        description="The three targets per person per year: CO2, energy, biosphere.",
    )
    rules: Rules = Field(default=Rules(), description="The decision rule and the cost-sharing rule.")
    dimension_i: Text | None = Field(
        default=None,
        description="The name of SPIRAL's ninth dimension, I, chosen by the territory. Put it "
        "before the first [table] header.",
    )
    sectors: list[Sector] = Field(
        min_length=SECTOR_COUNT, max_length=SECTOR_COUNT,
        description="Exactly five sectors with their Q, E, C, L factors.",
    )
    energy: EnergyBasis | None = Field(
        default=None,
        description="Version 2: the energy basis, 'primary' (with each carrier's primary-energy "
        "factor) or 'final'; left out, energy is counted as the factors give it.",
    )
    profiles: list[Profile] = Field(
        min_length=1, max_length=MAX_PROFILES,
        description="Household profiles (1 to 24).",
    )
    activities: list[Activity] = Field(
        default_factory=list, max_length=MAX_ACTIVITIES,
        description="Kinds of work projects need (at most 48).",
    )
    projects: list[Project] = Field(
        min_length=1, max_length=MAX_PROJECTS,
        description="The catalogue of collective projects (1 to 64).",
    )
    events: list[Event] = Field(
        default_factory=list, max_length=MAX_EVENTS,
        description="The events deck (at most 64 cards).",
    )
    platform: Platform | None = Field(
        default=None,
        description="The territorial co-funding platform, if any.",
    )
    families: list[FamilySpec] = Field(
        default_factory=list, max_length=MAX_FAMILIES,
        description="The preset roster of families, for demos, classrooms and tests (at most 24).",
    )
    glossary: list[Glossary] = Field(
        default_factory=list, max_length=120,
        description="Words the screen uses, explained (at most 120).",
    )
    classroom: ClassSettings | None = Field(
        default=None,
        description="How the scenario plays as a school class (class mode), if it offers it.",
    )
    questions: list[Question] = Field(
        default_factory=list, max_length=60,
        description="Discussion questions for a class, by phase (at most 60).",
    )

    @model_validator(mode="after")
    def _version(self):
        with_components = [s.id for s in self.sectors if s.components is not None]
        if self.schema_version == 1 and with_components:
            raise Problem(w("check.needs_version_2"))
        if self.schema_version == 2 and len(with_components) != len(self.sectors):
            bare = [s.id for s in self.sectors if s.components is None]
            raise Problem(w("check.version_2_components", bare=", ".join(bare)))
        return self

    # -- convenience -------------------------------------------------------------------------
    @property
    def language(self) -> str:
        return self.territory.languages[0]

    @cached_property
    def _index(self) -> dict[str, dict]:
        # the rules look projects, sectors and events up at every action: index them once
        index = {
            field: {item.id: item for item in getattr(self, field)}
            for field in ("projects", "profiles", "events", "families", "sectors")
        }
        index["sector_number"] = {s.id: i for i, s in enumerate(self.sectors)}
        components: dict[tuple[str, str | None], tuple[int, ...]] = {}
        row = 0
        for sector in self.sectors:
            components[(sector.id, None)] = tuple(range(row, row + len(sector.parts)))
            for component in sector.parts:
                components[(sector.id, component.id)] = (row,)
                row += 1
        index["component_rows"] = components
        return index

    @cached_property
    def components(self) -> tuple[tuple[str, Component], ...]:
        """Every component as (sector id, component), sector by sector: the rows of the engine's
        factor arrays (one per sector in a version-1 scenario)."""
        return tuple((s.id, c) for s in self.sectors for c in s.parts)

    @cached_property
    def component_sectors(self) -> tuple[int, ...]:
        """The sector number of each component."""
        return tuple(self.sector_index(sid) for sid, _ in self.components)

    def component_rows(self, sector_id: str, component_id: str | None = None) -> tuple[int, ...]:
        """The rows of the engine's factor arrays that a component names; with no component, the
        rows of every component of the sector."""
        return self._index["component_rows"][(sector_id, component_id)]

    def sector_index(self, sector_id: str) -> int:
        return self._index["sector_number"][sector_id]

    def project(self, project_id: str) -> Project:
        return self._index["projects"][project_id]

    def profile(self, profile_id: str) -> Profile:
        return self._index["profiles"][profile_id]

    def event(self, event_id: str) -> Event:
        return self._index["events"][event_id]
