"""The event deck and the territorial platform: what chance and the higher levels bring."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .format import STRATEGIES, Factor, Id, Origin, Strategy, Strict, Text, _finite
from .words import Problem, w


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
    component: Id | None = Field(
        default=None,
        description="sector_factor: the id of the sector's component whose factor changes (a "
        "greener grid: 'electricity'); left out, every component of the sector.",
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
            raise Problem(w("check.effect_needs", kind=self.kind, missing=", ".join(missing)))
        if self.kind == "subsidy" and (self.strategy is None) == (self.project is None):
            raise Problem(w("check.subsidy_target"))
        if self.component is not None and self.kind != "sector_factor":
            raise Problem(w("check.component_for"))
        if self.rounds is not None and (self.kind != "sector_factor" or not self.multiplier):
            raise Problem(w("check.rounds_for"))
        if self.kind == "family_means" and self.monthly_eur is None and self.weekly_hours is None:
            raise Problem(w("check.family_means"))
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
