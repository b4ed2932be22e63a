"""Decision rules as small objects: validate an answer, tally the answers, state the verdict.

The tally is not the outcome: the `decide` action applies the verdict (or a facilitator's
override) and the log keeps both, so an override is always visible.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Iterable

from .state import AnswerT


@dataclass(frozen=True)
class Tally:
    consent: int
    concern: int
    objection: int

    @property
    def support(self) -> int:
        return self.consent + self.concern

    @property
    def total(self) -> int:
        return self.consent + self.concern + self.objection

    def as_tuple(self) -> tuple[int, int, int]:
        return (self.consent, self.concern, self.objection)


class Rule(ABC):
    name = ""

    def validate(self, answer: AnswerT) -> str | None:
        """A message key when the answer is not acceptable, else None."""
        if answer.answer == "objection" and not (answer.reason or answer.criterion is not None):
            return "answer/objection_needs_reason"
        return None

    def tally(self, answers: Iterable[AnswerT]) -> Tally:
        kinds = [a.answer for a in answers]
        return Tally(kinds.count("consent"), kinds.count("concern"), kinds.count("objection"))

    @abstractmethod
    def verdict(self, tally: Tally) -> bool:
        """True when the tally adopts the proposal."""


class Consent(Rule):
    """Adopted unless someone objects; a concern is noted and does not block."""

    name = "consent"

    def verdict(self, tally: Tally) -> bool:
        return tally.objection == 0


class Unanimity(Rule):
    """Every family consents, without concern."""

    name = "unanimity"

    def verdict(self, tally: Tally) -> bool:
        return tally.total > 0 and tally.consent == tally.total


class Majority(Rule):
    name = "majority"

    def verdict(self, tally: Tally) -> bool:
        return 2 * tally.support > tally.total


class TwoThirds(Rule):
    name = "two_thirds"

    def verdict(self, tally: Tally) -> bool:
        return tally.total > 0 and 3 * tally.support >= 2 * tally.total


RULES: dict[str, Rule] = {r.name: r for r in (Consent(), Unanimity(), Majority(), TwoThirds())}
