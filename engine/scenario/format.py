"""The building blocks of the scenario format: limits, id and text types, texts in several
languages, and numbers that say where they come from."""

from __future__ import annotations

import math
from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_serializer, model_validator
from .words import Problem, w

SCHEMA_VERSION = 2  # the version written; version 1 still loads (a sector reads as one component)
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
DIMENSIONS = ("A", "B", "C", "D", "E", "F", "G", "H", "I")  # SPIRAL's nine dimensions (the catalogues word each as dim.X)

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
        raise Problem(w("check.finite"))
    return value


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Lean(Strict):
    """A model whose fields added in format version 2 are left out of its dump while unset, so
    that states holding it (a family's spec) keep the digests they had in version 1."""

    omitted_when_unset: ClassVar[tuple[str, ...]] = ()

    @model_serializer(mode="wrap")
    def _lean(self, handler):
        data = handler(self)
        for name in self.omitted_when_unset:
            if data.get(name, 0) is None:
                del data[name]
        return data


class Text(Strict):
    """A text in each of the scenario's languages: `{ fr = "...", en = "..." }`."""

    model_config = ConfigDict(extra="allow", frozen=True)

    @model_validator(mode="after")
    def _languages(self):
        extra = self.__pydantic_extra__ or {}
        if not extra:
            raise Problem(w("check.text_no_language"))
        for lang, text in extra.items():
            if not (len(lang) == 2 and lang.isascii() and lang.isalpha() and lang.islower()):
                raise Problem(w("check.text_bad_language", lang=lang))
            if not isinstance(text, str) or not text.strip():
                raise Problem(w("check.text_empty", lang=lang))
            if len(text) > 1200:
                raise Problem(w("check.text_too_long", lang=lang))
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
            raise Problem(w("check.no_origin"))
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


class Override(Origin, Lean):
    """One factor of one sector's component that differs from its default."""

    omitted_when_unset = ("component",)

    sector: Id = Field(description="The id of the sector whose factor changes.")
    component: Id | None = Field(
        default=None,
        description="The id of the sector's component whose factor changes; left out, that factor "
        "of every component of the sector.",
    )
    factor: Factor = Field(
        description="Which factor: 'quantity' (Q), 'energy' (E), 'carbon' (C) or 'land' (L).",
    )
    value: float = Field(
        ge=0, le=1e9,
        description="The factor's value, in that factor's unit: Q in the sector's unit, E in kWh "
        "per unit, C in kg CO2e per kWh, L in m² per unit (0 to 1,000,000,000).",
    )
