"""The scenario format: one TOML file per territory, validated into pydantic models.

A scenario is data, never code. Every bound a malicious or careless file could use to make the
engine misbehave (sizes, counts, ranges, NaN) is part of the schema below, so that anything that
passes validation can be played. Cross references (sector, project, profile, activity ids) are
checked in `Scenario`'s model validator so that every error is reported with its field path.
"""

from __future__ import annotations

import math
from functools import cached_property
from typing import Annotated, ClassVar, Literal

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


class Origin(Strict):
    """Where the numbers of a table come from: every shipped number names its source, or says
    why it was chosen."""

    origin_required: ClassVar[bool] = False

    source: SourceText | None = Field(
        default=None,
        description="Where the number(s) come from: a document, a table, with the arithmetic when "
        "derived (3 to 400 characters).",
    )
    estimate: SourceText | None = Field(
        default=None,
        description="Why the number(s), when no document gives them (3 to 400 characters); "
        "'placeholder: ...' until someone sources them. Give 'source' or 'estimate', or both.",
    )

    @model_validator(mode="after")
    def _has_origin(self):
        if self.origin_required and self.source is None and self.estimate is None:
            raise ValueError("give a 'source' (where the number comes from) or an 'estimate' (why this value)")
        return self


class Sourced(Origin):
    """A number with where it comes from: `{ value = 0.2176, source = "ADEME Base Carbone" }`.

    A number nobody has sourced yet says so: `{ value = 12, estimate = "why this value" }`.
    """

    origin_required = True

    value: float = Field(
        ge=0, le=1e9,
        description="The number (0 to 1,000,000,000), in the unit of the field that holds it.",
    )



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
    """

    id: Id = Field(
        description="The sector's id, like 'housing', 'food', 'mobility', 'goods', 'services'.",
    )
    name: Text = Field(description="The sector's name, in each of the scenario's languages.")
    unit: ShortText = Field(
        description="The unit of the quantity Q, as the screen shows it: 'm²', 'kg', 'km', '€'.",
    )
    quantity: Sourced = Field(
        description="Q: how much one person consumes in a year, in the sector's unit (m² of home, "
        "kg of food, km travelled...).",
    )
    energy: Sourced = Field(
        description="E: kWh of energy per unit of Q, used directly and embodied (kWh per m², per "
        "kg, per km...).",
    )
    carbon: Sourced = Field(
        description="C: kg CO2e per kWh, every greenhouse gas included (methane and N2O of farming"
        " too).",
    )
    land: Sourced = Field(
        description="L: m² of productive land (global m², 10,000 = 1 gha) per unit of Q.",
    )
    floor: Floor | None = Field(
        default=None,
        description="The per-person share of public services counted in this sector, lowered by no"
        " family project.",
    )


class Override(Origin):
    """One factor of one sector that differs from the sector's default."""

    sector: Id = Field(description="The id of the sector whose factor changes.")
    factor: Factor = Field(
        description="Which factor: 'quantity' (Q), 'energy' (E), 'carbon' (C) or 'land' (L).",
    )
    value: float = Field(
        ge=0, le=1e9,
        description="The factor's value, in that factor's unit: Q in the sector's unit, E in kWh "
        "per unit, C in kg CO2e per kWh, L in m² per unit (0 to 1,000,000,000).",
    )



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


class Activity(Strict):
    """A kind of work projects need and families like or refuse."""

    id: Id = Field(
        description="The activity's id, like 'gardening'; projects' skills and families' skills, "
        "likes and refuses name it.",
    )
    name: Text = Field(description="The activity's name, in each of the scenario's languages.")


class Effect(Origin):
    """What a project does: a multiplier on one factor of one sector."""

    origin_required = True

    sector: Id = Field(description="The id of the sector the effect acts on.")
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
            raise ValueError("'max' must be at least 'min'")
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
        description="Rounds the project runs (1 to 12); then it is completed: costs end, effects "
        "and savings stay.",
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
                raise ValueError("each variant is a size factor between 0.25 and 4")
        return v


EffectKind = Literal[
    "energy_price", "subsidy", "family_arrives", "family_leaves", "family_means", "sector_factor"
]


class EventEffect(Strict):
    """One effect from a closed list; which fields matter depends on `kind`."""

    kind: EffectKind = Field(
        description="One of 'energy_price', 'subsidy', 'family_arrives', 'family_leaves', "
        "'family_means', 'sector_factor'.",
    )
    # energy_price: each family's money per month changes by this amount per person (negative = bills up)
    monthly_eur_per_person: float | None = Field(
        default=None, ge=-500, le=500,
        description="energy_price: change of each family's money per month, per person, in the "
        "territory's currency (−500 to 500; negative = bills up).",
    )
    # subsidy: a share of the upfront cost of a strategy's or a project's proposals is paid
    strategy: Strategy | None = Field(
        default=None,
        description="subsidy: the strategy whose proposals are subsidised (or name a 'project').",
    )
    project: Id | None = Field(
        default=None,
        description="subsidy: the id of the project whose proposals are subsidised (or name a "
        "'strategy').",
    )
    share: float | None = Field(
        default=None, ge=0, le=1,
        description="subsidy: the share of the upfront cost paid this round (0 to 1; 0.4 = 40 %).",
    )
    # family_arrives: a family of the preset roster joins; family_leaves: the named family, or else the one that joined last, leaves
    family: Id | None = Field(
        default=None,
        description="family_arrives: the preset family that joins; family_leaves and family_means:"
        " the family concerned (leave it out: the last to join leaves, or every "
        "family's means change).",
    )
    # family_means: money per month and hours per week change, for one family (or every family)
    monthly_eur: float | None = Field(
        default=None, ge=-5000, le=5000,
        description="family_means: change of money per month, in the territory's currency (−5,000 "
        "to 5,000).",
    )
    weekly_hours: float | None = Field(
        default=None, ge=-40, le=40,
        description="family_means: change of hours per week (−40 to 40).",
    )
    # sector_factor: a factor of a sector changes for everyone
    sector: Id | None = Field(
        default=None,
        description="sector_factor: the id of the sector whose factor changes for everyone.",
    )
    factor: Factor | None = Field(
        default=None,
        description="sector_factor: 'quantity', 'energy', 'carbon' or 'land'.",
    )
    multiplier: float | None = Field(
        default=None, ge=0, le=3,
        description="sector_factor: multiplier on that factor for everyone (0 to 3; "
        "1.08 = 8 % more).",
    )
    rounds: int | None = Field(
        default=None, ge=1, le=12,
        description="sector_factor: how many rounds the change lasts, this one included "
        "(a harsh winter: 1); leave it out for a lasting change (a greener grid).",
    )

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
        if self.rounds is not None and (self.kind != "sector_factor" or not self.multiplier):
            raise ValueError("'rounds' is for a 'sector_factor' effect with a multiplier above 0")
        if self.kind == "family_means" and self.monthly_eur is None and self.weekly_hours is None:
            raise ValueError("a 'family_means' effect changes 'monthly_eur' or 'weekly_hours'")
        for name in ("monthly_eur_per_person", "share", "monthly_eur", "weekly_hours", "multiplier"):
            value = getattr(self, name)
            if value is not None:
                _finite(value)
        return self


class Event(Origin):
    """A card of the events deck: chance draws one per round, by weight."""

    id: Id = Field(description="The event's id, like 'cold-winter'.")
    name: Text = Field(description="The event's title, in each of the scenario's languages.")
    description: Text = Field(description="What happens, as the table reads it out.")
    weight: float = Field(
        default=1, gt=0, le=100,
        description="How likely the card is against the others' weights (more than 0, at most 100;"
        " 2 = twice as likely as 1).",
    )
    effect: EventEffect = Field(
        description="What the event does: one effect from the closed list of kinds.",
    )


class Platform(Origin):
    """The territorial platform's co-funding envelope (a LEADER-like fund)."""

    name: Text = Field(description="The platform's name, in each of the scenario's languages.")
    envelope_per_round: float = Field(
        ge=0, le=1e8,
        description="Money the platform can give each round, in the territory's currency (0 to "
        "100,000,000).",
    )
    max_share: float = Field(
        ge=0, le=1,
        description="Largest share of a proposal's upfront cost the platform pays (0 to 1; 0.5 = "
        "half).",
    )
    strategies: list[Strategy] = Field(
        default_factory=lambda: list(STRATEGIES), min_length=1, max_length=3,
        description="The strategies whose projects the platform co-funds (default: all three).",
    )


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


class FamilySpec(Strict):
    """A family as a scenario presets it, or as the set-up screen enters it."""

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



class Glossary(Strict):
    """A word the screen uses, explained in plain words."""

    term: Text = Field(description="The word, in each of the scenario's languages.")
    definition: Text = Field(description="What it means, in plain words.")


class Scenario(Strict):
    schema_version: Literal[1] = Field(default=1, description="The version of the scenario format: 1.")
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
