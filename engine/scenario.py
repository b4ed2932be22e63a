"""The scenario format: one TOML file per territory, validated into pydantic models.

A scenario is data, never code. Every bound a malicious or careless file could use to make the
engine misbehave (sizes, counts, ranges, NaN) is part of the schema below, so that anything that
passes validation can be played. Cross references (sector, project, profile, activity ids) are
checked in `Scenario`'s model validator so that every error is reported with its field path.
"""

from __future__ import annotations

import math
from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

SCHEMA_VERSION = 1
MAX_FILE_BYTES = 512 * 1024
MAX_PROJECTS = 64
MAX_FAMILIES = 24
MAX_EVENTS = 64
MAX_PROFILES = 24
MAX_ACTIVITIES = 48
MAX_CRITERIA = 24

SECTOR_COUNT = 5
FACTORS = ("quantity", "energy", "carbon", "land")
STRATEGIES = ("sobriety", "efficiency", "decarbonisation")
DIMENSIONS = "ABCDEFGHI"

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")]
LangCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=120, strip_whitespace=True)]
LongText = Annotated[str, StringConstraints(max_length=1200, strip_whitespace=True)]
SourceText = Annotated[str, StringConstraints(min_length=3, max_length=400, strip_whitespace=True)]
Code = Annotated[str, StringConstraints(pattern=r"^[A-I]([0-9]{2})?$")]
Factor = Literal["quantity", "energy", "carbon", "land"]
Strategy = Literal["sobriety", "efficiency", "decarbonisation"]


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise ValueError("must be a finite number (not NaN or infinity)")
    return value


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """A text in each of the scenario's languages: `{ fr = "...", en = "..." }`."""

    model_config = ConfigDict(extra="allow", frozen=True)

    @model_validator(mode="after")
    def _languages(self):
        extra = self.__pydantic_extra__ or {}
        if not extra:
            raise ValueError("needs at least one language, e.g. { fr = \"...\" }")
        for lang, text in extra.items():
            if not (len(lang) == 2 and lang.isascii() and lang.isalpha() and lang.islower()):
                raise ValueError(f"'{lang}' is not a two-letter language code")
            if not isinstance(text, str) or not text.strip():
                raise ValueError(f"text for '{lang}' must be a non-empty string")
            if len(text) > 1200:
                raise ValueError(f"text for '{lang}' is longer than 1200 characters")
        return self

    @property
    def texts(self) -> dict[str, str]:
        return dict(self.__pydantic_extra__ or {})

    def get(self, lang: str, fallback: str = "") -> str:
        texts = self.texts
        return texts.get(lang) or texts.get(fallback) or next(iter(texts.values()))


class Sourced(Strict):
    """A number with where it comes from: `{ value = 0.2176, source = "ADEME Base Carbone" }`.

    A number nobody has sourced yet says so: `{ value = 12, estimate = "why this value" }`.
    """

    value: float = Field(ge=0, le=1e9)
    source: SourceText | None = None
    estimate: SourceText | None = None

    _v = field_validator("value")(classmethod(lambda cls, v: _finite(v)))

    @model_validator(mode="after")
    def _has_origin(self):
        if self.source is None and self.estimate is None:
            raise ValueError("give a 'source' (where the number comes from) or an 'estimate' (why this value)")
        return self


class Territory(Strict):
    id: Id
    name: Text
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
    languages: list[LangCode] = Field(min_length=1, max_length=4)
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = "EUR"
    population_note: Text | None = None
    sources: list[SourceText] = Field(default_factory=list, max_length=40)


class Years(Strict):
    start: int = Field(ge=2000, le=2100)
    end: int = Field(ge=2000, le=2100)
    rounds: int = Field(ge=1, le=12)

    @model_validator(mode="after")
    def _order(self):
        if self.end <= self.start:
            raise ValueError("'end' must be after 'start'")
        if (self.end - self.start) % self.rounds:
            raise ValueError("the years from 'start' to 'end' must divide evenly into 'rounds'")
        return self

    @property
    def years_per_round(self) -> int:
        return (self.end - self.start) // self.rounds

    def round_years(self) -> list[int]:
        """The year each round ends on (round 1 ends at start + years_per_round)."""
        return [self.start + self.years_per_round * (i + 1) for i in range(self.rounds)]


class Milestone(Strict):
    year: int = Field(ge=2000, le=2100)
    co2_kg: float = Field(ge=0, le=1e6)


class Targets(Strict):
    co2_kg: Sourced
    energy_kwh: Sourced
    biosphere_m2: Sourced
    milestones: list[Milestone] = Field(default_factory=list, max_length=12)


class Rules(Strict):
    decision: Literal["consent", "unanimity", "majority", "two_thirds"] = "consent"
    sharing: Literal["by_means", "equal", "by_benefit"] = "by_means"


class Floor(Strict):
    """The per-person share of public services: counted for everyone, lowered by no family project."""

    co2_kg: Sourced
    energy_kwh: Sourced
    biosphere_m2: Sourced
    label: Text | None = None


class Sector(Strict):
    id: Id
    name: Text
    unit: ShortText
    quantity: Sourced
    energy: Sourced
    carbon: Sourced
    land: Sourced
    floor: Floor | None = None


class Override(Strict):
    sector: Id
    factor: Factor
    value: float = Field(ge=0, le=1e9)
    source: SourceText | None = None
    estimate: SourceText | None = None

    _v = field_validator("value")(classmethod(lambda cls, v: _finite(v)))


class Profile(Strict):
    id: Id
    name: Text
    description: Text | None = None
    overrides: list[Override] = Field(default_factory=list, max_length=40)


class Activity(Strict):
    id: Id
    name: Text


class Effect(Strict):
    sector: Id
    factor: Factor  # land too: wood heating or less meat change the land a person occupies
    multiplier: float = Field(ge=0, le=2)
    source: SourceText | None = None
    estimate: SourceText | None = None

    _v = field_validator("multiplier")(classmethod(lambda cls, v: _finite(v)))

    @model_validator(mode="after")
    def _has_origin(self):
        if self.source is None and self.estimate is None:
            raise ValueError("give a 'source' or an 'estimate' for this effect")
        return self


class Needs(Strict):
    upfront_eur: float = Field(default=0, ge=0, le=1e7)
    monthly_eur: float = Field(default=0, ge=0, le=1e6)
    setup_hours: float = Field(default=0, ge=0, le=1e5)
    weekly_hours: float = Field(default=0, ge=0, le=1000)
    skills: list[Id] = Field(default_factory=list, max_length=8)
    source: SourceText | None = None
    estimate: SourceText | None = None

    _v = field_validator("upfront_eur", "monthly_eur", "setup_hours", "weekly_hours")(
        classmethod(lambda cls, v: _finite(v))
    )


class Capacity(Strict):
    min: int = Field(default=1, ge=1, le=MAX_FAMILIES)
    max: int = Field(default=MAX_FAMILIES, ge=1, le=MAX_FAMILIES)

    @model_validator(mode="after")
    def _order(self):
        if self.max < self.min:
            raise ValueError("'max' must be at least 'min'")
        return self


class Savings(Strict):
    monthly_eur: float = Field(default=0, ge=0, le=1e5)
    weekly_hours: float = Field(default=0, ge=0, le=100)
    source: SourceText | None = None
    estimate: SourceText | None = None

    _v = field_validator("monthly_eur", "weekly_hours")(classmethod(lambda cls, v: _finite(v)))


class Project(Strict):
    id: Id
    name: Text
    description: Text
    strategy: Strategy
    sectors: list[Id] = Field(min_length=1, max_length=SECTOR_COUNT)
    common_good: bool = False
    effects: list[Effect] = Field(min_length=1, max_length=10)
    needs: Needs
    capacity: Capacity = Capacity()
    savings: Savings = Savings()
    wellbeing: list[Code] = Field(default_factory=list, max_length=9)
    lifetime_rounds: int = Field(default=12, ge=1, le=12)
    prerequisites: list[Id] = Field(default_factory=list, max_length=8)
    variants: list[float] = Field(default_factory=lambda: [1.0], min_length=1, max_length=5)

    @field_validator("variants")
    @classmethod
    def _variants(cls, v: list[float]) -> list[float]:
        for x in v:
            if not (math.isfinite(x) and 0.25 <= x <= 4):
                raise ValueError("each variant is a size factor between 0.25 and 4")
        return v


EffectKind = Literal[
    "energy_price", "subsidy", "family_arrives", "family_leaves", "family_means", "sector_factor"
]


class EventEffect(Strict):
    """One effect from a closed list; which fields matter depends on `kind`."""

    kind: EffectKind
    # energy_price: each family's money per month changes by this amount per person (negative = bills up)
    monthly_eur_per_person: float | None = Field(default=None, ge=-500, le=500)
    # subsidy: a share of the upfront cost of a strategy's or a project's proposals is paid
    strategy: Strategy | None = None
    project: Id | None = None
    share: float | None = Field(default=None, ge=0, le=1)
    # family_arrives: a family of the preset roster joins; family_leaves: the family with most means leaves
    family: Id | None = None
    # family_means: money per month and hours per week change, for one family (or every family)
    monthly_eur: float | None = Field(default=None, ge=-5000, le=5000)
    weekly_hours: float | None = Field(default=None, ge=-40, le=40)
    # sector_factor: a factor of a sector changes for everyone
    sector: Id | None = None
    factor: Factor | None = None
    multiplier: float | None = Field(default=None, ge=0, le=3)

    @model_validator(mode="after")
    def _fields_for_kind(self):
        required = {
            "energy_price": ("monthly_eur_per_person",),
            "subsidy": ("share",),
            "family_arrives": ("family",),
            "family_leaves": (),
            "family_means": (),
            "sector_factor": ("sector", "factor", "multiplier"),
        }[self.kind]
        missing = [name for name in required if getattr(self, name) is None]
        if missing:
            raise ValueError(f"a '{self.kind}' effect needs {', '.join(missing)}")
        if self.kind == "subsidy" and (self.strategy is None) == (self.project is None):
            raise ValueError("a 'subsidy' effect names either a 'strategy' or a 'project'")
        if self.kind == "family_means" and self.monthly_eur is None and self.weekly_hours is None:
            raise ValueError("a 'family_means' effect changes 'monthly_eur' or 'weekly_hours'")
        for name in ("monthly_eur_per_person", "share", "monthly_eur", "weekly_hours", "multiplier"):
            value = getattr(self, name)
            if value is not None:
                _finite(value)
        return self


class Event(Strict):
    id: Id
    name: Text
    description: Text
    weight: float = Field(default=1, gt=0, le=100)
    effect: EventEffect
    source: SourceText | None = None
    estimate: SourceText | None = None


class Platform(Strict):
    name: Text
    envelope_per_round: float = Field(ge=0, le=1e8)
    max_share: float = Field(ge=0, le=1)
    strategies: list[Strategy] = Field(default_factory=lambda: list(STRATEGIES), min_length=1, max_length=3)
    source: SourceText | None = None
    estimate: SourceText | None = None


class Members(Strict):
    children: int = Field(default=0, ge=0, le=12)
    adults: int = Field(default=0, ge=0, le=12)
    seniors: int = Field(default=0, ge=0, le=12)

    @model_validator(mode="after")
    def _someone(self):
        if self.total == 0:
            raise ValueError("a family has at least one member")
        return self

    @property
    def total(self) -> int:
        return self.children + self.adults + self.seniors


class Criterion(Strict):
    text: Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]
    code: Code
    sense: Literal["well-being", "ill-being"] = "well-being"


class FamilySpec(Strict):
    """A family as a scenario presets it, or as the set-up screen enters it."""

    id: Id
    name: ShortText
    members: Members
    money_month: float = Field(ge=0, le=1e5)
    savings: float = Field(default=0, ge=0, le=1e7)
    hours_week: float = Field(ge=0, le=80)
    profile: Id
    adjustments: list[Override] = Field(default_factory=list, max_length=20)
    criteria: list[Criterion] = Field(default_factory=list, max_length=MAX_CRITERIA)
    skills: list[Id] = Field(default_factory=list, max_length=MAX_ACTIVITIES)
    likes: list[Id] = Field(default_factory=list, max_length=MAX_ACTIVITIES)
    refuses: list[Id] = Field(default_factory=list, max_length=MAX_ACTIVITIES)
    consent: bool = False
    arrives_later: bool = False

    _v = field_validator("money_month", "savings", "hours_week")(classmethod(lambda cls, v: _finite(v)))


class Glossary(Strict):
    term: Text
    definition: Text


class Scenario(Strict):
    schema_version: Literal[1] = 1
    territory: Territory
    years: Years
    targets: Targets
    rules: Rules = Rules()
    dimension_i: Text | None = None
    sectors: list[Sector] = Field(min_length=SECTOR_COUNT, max_length=SECTOR_COUNT)
    profiles: list[Profile] = Field(min_length=1, max_length=MAX_PROFILES)
    activities: list[Activity] = Field(default_factory=list, max_length=MAX_ACTIVITIES)
    projects: list[Project] = Field(min_length=1, max_length=MAX_PROJECTS)
    events: list[Event] = Field(default_factory=list, max_length=MAX_EVENTS)
    platform: Platform | None = None
    families: list[FamilySpec] = Field(default_factory=list, max_length=MAX_FAMILIES)
    glossary: list[Glossary] = Field(default_factory=list, max_length=120)

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
        return index

    def sector_index(self, sector_id: str) -> int:
        return self._index["sector_number"][sector_id]

    def project(self, project_id: str) -> Project:
        return self._index["projects"][project_id]

    def profile(self, profile_id: str) -> Profile:
        return self._index["profiles"][profile_id]

    def event(self, event_id: str) -> Event:
        return self._index["events"][event_id]


def _unique_ids(items, field: str, errors: list[tuple[str, str]]) -> set[str]:
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item.id in seen:
            errors.append((f"{field}.{i}.id", f"duplicate id '{item.id}'"))
        seen.add(item.id)
    return seen


def reference_errors(sc: "Scenario") -> list[tuple[str, str]]:
    """Cross references and roster-wide rules, as (field path, message) pairs."""
    errors: list[tuple[str, str]] = []
    sectors = _unique_ids(sc.sectors, "sectors", errors)
    profiles = _unique_ids(sc.profiles, "profiles", errors)
    activities = _unique_ids(sc.activities, "activities", errors)
    projects = _unique_ids(sc.projects, "projects", errors)
    _unique_ids(sc.events, "events", errors)
    families = _unique_ids(sc.families, "families", errors)

    def need(kind: str, ids: set[str], value: str | None, where: str) -> None:
        if value is not None and value not in ids:
            known = ", ".join(sorted(ids)) or "none"
            errors.append((where, f"unknown {kind} '{value}' (known: {known})"))

    for i, p in enumerate(sc.profiles):
        for j, o in enumerate(p.overrides):
            need("sector", sectors, o.sector, f"profiles.{i}.overrides.{j}.sector")
    for i, p in enumerate(sc.projects):
        for j, s in enumerate(p.sectors):
            need("sector", sectors, s, f"projects.{i}.sectors.{j}")
        for j, e in enumerate(p.effects):
            need("sector", sectors, e.sector, f"projects.{i}.effects.{j}.sector")
        for j, s in enumerate(p.needs.skills):
            need("activity", activities, s, f"projects.{i}.needs.skills.{j}")
        for j, q in enumerate(p.prerequisites):
            need("project", projects, q, f"projects.{i}.prerequisites.{j}")
            if q == p.id:
                errors.append((f"projects.{i}.prerequisites.{j}", "a project cannot require itself"))
    for i, e in enumerate(sc.events):
        eff = e.effect
        need("project", projects, eff.project, f"events.{i}.effect.project")
        need("sector", sectors, eff.sector, f"events.{i}.effect.sector")
        need("family", families, eff.family, f"events.{i}.effect.family")
    for i, f in enumerate(sc.families):
        need("profile", profiles, f.profile, f"families.{i}.profile")
        for j, o in enumerate(f.adjustments):
            need("sector", sectors, o.sector, f"families.{i}.adjustments.{j}.sector")
        for field in ("skills", "likes", "refuses"):
            for j, a in enumerate(getattr(f, field)):
                need("activity", activities, a, f"families.{i}.{field}.{j}")
    if sc.families and all(f.arrives_later for f in sc.families):
        errors.append(("families", "at least one preset family must be there from the start"))
    return errors
