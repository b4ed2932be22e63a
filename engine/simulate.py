"""Headless sessions played by bot families, one or many, for trainers and benchmarks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

from . import actions as A
from .bots import POLICIES, roster
from .footprint import recorded
from .rules import Rejected
from .runs import Run
from .scenario import Scenario
from .spread import spread
from .log.session import Session
from .state import cycles_unchecked


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


def run_many(scenario: Scenario, scenario_text: str, seeds, families: int | None = None,
             policy: str = "greedy", scenario_name: str = "scenario.toml",
             on_done: Callable[[int], None] | None = None, batch: bool = True) -> list[Run]:
    """One run per seed, in the seeds' order; `on_done(n)` is told each time n runs are done (a
    progress bar). With `batch`, the sessions play together on arrays (engine/batch), which
    gives each seed the same run, without its log's digest; else each is played through the
    engine one action at a time, as at the table (`bve simulate --reference`)."""
    if batch:
        from .batch import play_many

        return play_many(scenario, list(seeds), families=families, policy=policy, on_done=on_done)
    runs = []
    for seed in seeds:
        runs.append(run_once(scenario, scenario_text, seed, families=families, policy=policy,
                             scenario_name=scenario_name))
        if on_done is not None:
            on_done(len(runs))
    return runs


def distribution(runs: list[Run], scenario: Scenario) -> dict:
    """Where the runs end up (spread.py: per year, mean and percentiles of the three footprints,
    shares reaching the targets, projects adopted), with the end year's CO2 and shares in the
    first shape this command gave them, to one decimal of a kg."""
    out = spread(runs, scenario)
    last = out["years"][-1]
    co2 = last["co2_kg"]
    return {
        "runs": out["runs"],
        "co2_kg_2050": {k: round(co2[k], 1) for k in ("mean", "p10", "p90")},
        "share_reaching": {"co2": last["reaching"]["co2_kg"], "energy": last["reaching"]["energy_kwh"],
                           "biosphere": last["reaching"]["biosphere_m2"]},
        "years": out["years"],
        "adopted": out["adopted"],
    }
