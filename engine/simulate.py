"""Headless sessions played by bot families, one or many, for trainers and benchmarks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import actions as A
from .bots import POLICIES, roster
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

    def as_dict(self) -> dict:
        return {"seed": self.seed, "digest": self.digest, "adopted": self.adopted, "rounds": self.rounds}


def play(
    scenario: Scenario,
    scenario_text: str,
    seed: int,
    families: int | None = None,
    policy: str = "greedy",
    log_path: str | Path | None = None,
    scenario_name: str = "scenario.toml",
) -> Session:
    session = Session.new(
        scenario_text, seed, log_path=log_path, scenario_name=scenario_name, durable=False, scenario=scenario,
        clock=lambda: "",
    )
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
    session.close()
    return session


def run_once(scenario: Scenario, scenario_text: str, seed: int, **kwargs) -> Run:
    with cycles_unchecked():
        session = play(scenario, scenario_text, seed, **kwargs)
    state = session.state
    return Run(
        seed=seed,
        digest=session.digest(),  # the session digest, as a log's closing line and `bve replay` give it
        adopted=[r.project for r in state.running],
        rounds=[
            {"year": y, "co2_kg": round(c, 3), "energy_kwh": round(e, 3), "biosphere_m2": round(b, 3)}
            for y, c, e, b in state.trajectory
        ],
    )


def distribution(runs: list[Run], scenario: Scenario) -> dict:
    final = np.array([[r.rounds[-1][k] for k in ("co2_kg", "energy_kwh", "biosphere_m2")] for r in runs])
    t = scenario.targets
    limits = np.array([t.co2_kg.value, t.energy_kwh.value, t.biosphere_m2.value])
    reached = (final <= limits).mean(axis=0)
    co2 = final[:, 0]
    return {
        "runs": len(runs),
        "co2_kg_2050": {
            "mean": round(float(co2.mean()), 1),
            "p10": round(float(np.percentile(co2, 10)), 1),
            "p90": round(float(np.percentile(co2, 90)), 1),
        },
        "share_reaching": {
            "co2": round(float(reached[0]), 4),
            "energy": round(float(reached[1]), 4),
            "biosphere": round(float(reached[2]), 4),
        },
    }
