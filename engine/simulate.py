"""Headless sessions played by bot families, one or many, for trainers and benchmarks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import actions as A
from .bots import POLICIES, roster
from .footprint import recorded
from .rules import Rejected
from .scenario import Scenario
from .log.session import Session
from .state import cycles_unchecked


@dataclass
class Run:
    seed: int
    digest: str
    adopted: list[str]
    rounds: list[dict]
    cards: list[dict]  # the event card chance drew in each round ("event" None: an empty deck)

    def as_dict(self) -> dict:
        return {"seed": self.seed, "digest": self.digest, "adopted": self.adopted, "rounds": self.rounds,
                "cards": self.cards}


def play(
    scenario: Scenario,
    scenario_text: str,
    seed: int,
    families: int | None = None,
    policy: str = "greedy",
    log_path: str | Path | None = None,
    scenario_name: str = "scenario.toml",
    classroom: bool = False,
) -> Session:
    return _play(scenario, scenario_text, seed, families, policy, log_path, scenario_name, classroom)[0]


def _play(scenario, scenario_text, seed, families, policy, log_path, scenario_name,
          classroom: bool = False) -> tuple[Session, dict]:
    """The session, and the card drawn in each round (round -> event id or None)."""
    cards: dict[int, str | None] = {}
    session = Session.new(
        scenario_text, seed, log_path=log_path, scenario_name=scenario_name, durable=False, scenario=scenario,
        clock=lambda: "",
    )
    if classroom:  # a class: three rounds, no card that adds or removes a family
        session.act(A.ClassMode())
        scenario = session.state.scenario
    bot = POLICIES[policy]()
    rng = np.random.default_rng([seed, 0x0B07])
    if families is None and scenario.families:
        session.act(A.UseRoster())
    else:
        for spec in roster(scenario, families):
            session.act(A.AddFamily(family=spec))
    while not session.state.is_terminal:
        for action in bot.phase_actions(lambda: session.state, rng):
            try:
                session.act(action, actor=getattr(action, "family", None) or "facilitator")
            except Rejected:
                pass  # a bot may ask for what the rules refuse; players see the reason and move on
        session.act(A.Advance())
        state = session.state
        if state.round and not state.is_terminal:  # a round's card is drawn as the round opens
            cards.setdefault(state.round, state.event)
    session.close()
    return session, cards


def run_once(scenario: Scenario, scenario_text: str, seed: int, families: int | None = None,
             policy: str = "greedy", log_path: str | Path | None = None,
             scenario_name: str = "scenario.toml") -> Run:
    with cycles_unchecked():
        session, cards = _play(scenario, scenario_text, seed, families, policy, log_path, scenario_name)
    state = session.state
    years = scenario.years
    step = (years.end - years.start) // years.rounds
    return Run(
        seed=seed,
        digest=session.digest(),  # the session digest, as a log's closing line and `bve replay` give it
        adopted=[r.project for r in state.running],
        rounds=[
            {"year": y, "co2_kg": round(c, 3), "energy_kwh": round(e, 3), "biosphere_m2": round(b, 4)}
            for y, c, e, b in recorded(state)
        ],
        cards=[{"round": r, "year": years.start + (r - 1) * step, "event": cards.get(r)}
               for r in range(1, years.rounds + 1)],
    )


def distribution(runs: list[Run], scenario: Scenario) -> dict:
    """The spread of the final footprints over many runs. The mean and the shares are taken on
    whole grams and counts, so they too are the same on every machine."""
    final = np.array([[r.rounds[-1][k] for k in ("co2_kg", "energy_kwh", "biosphere_m2")] for r in runs])
    t = scenario.targets
    limits = np.array([t.co2_kg.value, t.energy_kwh.value, t.biosphere_m2.value])
    reached = [int(n) for n in (final <= limits).sum(axis=0)]
    co2 = final[:, 0]
    grams = sum(round(c * 1000) for c in co2.tolist())
    return {
        "runs": len(runs),
        "co2_kg_2050": {
            "mean": round(grams / len(runs) / 1000, 1),
            "p10": round(float(np.percentile(co2, 10)), 1),
            "p90": round(float(np.percentile(co2, 90)), 1),
        },
        "share_reaching": {
            "co2": round(reached[0] / len(runs), 4),
            "energy": round(reached[1] / len(runs), 4),
            "biosphere": round(reached[2] / len(runs), 4),
        },
    }
