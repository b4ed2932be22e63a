"""A session played by bots, as `bve simulate` reports it: its seed, the projects running at
its end, the association's footprint each round and the card chance drew each round."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Run:
    seed: int
    digest: str | None  # the session digest, as its log's closing line gives it; None without a log
    adopted: list[str]
    rounds: list[dict]
    cards: list[dict]  # the event card chance drew in each round ("event" None: an empty deck)

    def as_dict(self) -> dict:
        return {"seed": self.seed, "digest": self.digest, "adopted": self.adopted, "rounds": self.rounds,
                "cards": self.cards}
