"""The scenario room: what a territory's TOML file may say, and the tools trainers use on it.

A scenario is data, never code. This room holds its format (`format`, `catalogue`, `deck`,
`roster`, and `model` for the whole `Scenario`), reading it with `file:line` errors (`load`,
`tomlpos`, `references`, `explain`, each problem a message key and its parameters that `words`
keeps the English of), checking it (`check`) and writing new ones (`authoring`).
It is the lowest room of the engine: it imports nothing of the model above it (the game's
state, rules and Gaïa arithmetic all read scenarios; none is read here).

Every model of the format can be imported from here: `from engine.scenario import Scenario`.
"""

from .catalogue import Capacity, Effect, Needs, Project, Savings
from .components import MAX_COMPONENTS, Carrier, Component, EnergyBasis, FactorFloors
from .deck import EffectKind, Event, EventEffect, Platform
from .format import (
    DIMENSIONS, FACTORS, MAX_ACTIVITIES, MAX_CRITERIA, MAX_EVENTS, MAX_FAMILIES, MAX_FILE_BYTES, MAX_PROFILES,
    MAX_PROJECTS, SCHEMA_VERSION, SECTOR_COUNT, STRATEGIES, Code, Factor, Id, LangCode, Lean, LongText, Origin,
    Override, ShortText, SourceText, Sourced, Strategy, Strict, Text,
)
from .model import Activity, Floor, Glossary, Milestone, Profile, Rules, Scenario, Sector, Targets, Territory, Years
from .household import DIETS, HEATING, Diet, Eligibility, Household
from .roster import GENERATIONS, Criterion, FamilySpec, Generation, Members

__all__ = [
    "Carrier", "Component", "DIETS", "Diet", "Eligibility", "EnergyBasis", "FactorFloors", "HEATING", "Household",
    "Lean", "MAX_COMPONENTS",
    "Activity", "Capacity", "Code", "Criterion", "DIMENSIONS", "Effect", "EffectKind", "Event", "EventEffect",
    "FACTORS", "FamilySpec", "GENERATIONS", "Generation", "Factor", "Floor", "Glossary", "Id", "LangCode", "LongText", "MAX_ACTIVITIES",
    "MAX_CRITERIA", "MAX_EVENTS", "MAX_FAMILIES", "MAX_FILE_BYTES", "MAX_PROFILES", "MAX_PROJECTS", "Members",
    "Milestone", "Needs", "Origin", "Override", "Platform", "Profile", "Project", "Rules", "SCHEMA_VERSION",
    "SECTOR_COUNT", "STRATEGIES", "Savings", "Scenario", "Sector", "ShortText", "SourceText", "Sourced", "Strategy",
    "Strict", "Targets", "Territory", "Text", "Years",
]
