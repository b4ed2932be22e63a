"""Golden playthroughs: scripted sessions whose transcripts are kept in tests/golden/.

Set BVE_REGEN_GOLDEN=1 to write them anew after a deliberate change of behaviour; the diff then
shows in review.
"""

import os
from pathlib import Path

import pytest

from engine.scenario.load import load_scenario
from engine.simulate import play
from engine.log.transcript import transcript
from tests.conftest import MINI, ROOT

GOLDEN = Path(__file__).parent / "golden"
CASES = [
    ("mini-greedy-1", MINI, 1, "greedy"),
    ("mini-random-2", MINI, 2, "random"),
    ("fr-quartier-greedy-7", ROOT / "scenarios" / "fr-quartier.toml", 7, "greedy"),
]


@pytest.mark.parametrize("name, path, seed, policy", CASES, ids=[c[0] for c in CASES])
def test_golden_playthrough(tmp_path, name, path, seed, policy):
    if not path.exists():
        pytest.skip(f"{path.name} is not there")
    log = tmp_path / "session.jsonl"
    play(load_scenario(path), path.read_text(encoding="utf-8"), seed, policy=policy, log_path=log,
         scenario_name=path.name)
    lines = transcript(log)
    golden = GOLDEN / f"{name}.txt"
    if os.environ.get("BVE_REGEN_GOLDEN"):
        golden.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert golden.exists(), f"no transcript {golden.name}: run with BVE_REGEN_GOLDEN=1 and review it"
    expected = golden.read_text(encoding="utf-8").splitlines()
    for number, (got, want) in enumerate(zip(lines, expected), start=1):
        assert got == want, f"{golden.name}:{number}: behaviour changed"
    assert len(lines) == len(expected)
