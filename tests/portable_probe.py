"""Plays fixed bot sessions and replays the fixture logs, and prints their final digests, and the
fingerprints of a few spreads of many runs, with what this interpreter runs on.

Run by tests/test_portable.py in subprocesses under other BLAS kernels, SIMD levels and Pythons
(`python tests/portable_probe.py [--more]`, the checkout on PYTHONPATH); the test compares the
digests with its own. `--write DIR N` writes fixture session N's log into DIR instead, named
after where it was written. It needs only the engine's runtime dependencies.
"""

from __future__ import annotations

import ctypes
import glob
import json
import os
import platform
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "data" / "mini.toml"
SCENARIOS = sorted((ROOT / "scenarios").glob("*.toml"))
LOGS = ROOT / "tests" / "data" / "logs"
# the golden playthroughs, then every shipped scenario with both bots
GOLDEN = [("mini", 1, "greedy", None), ("mini", 2, "random", None), ("fr-quartier", 7, "greedy", None)]
# the spreads of many runs (`bve simulate --runs`): (scenario, first seed, runs, bots)
SPREADS = [("mini", 0, 8, "random"), ("fr-quartier", 0, 3, "greedy")]
# runs of the batch path themselves (engine/batch): (scenario, first seed, runs, bots, families)
BATCHES = [("fr-quartier", 0, 24, "greedy", 12), ("be-braine", 0, 24, "random", None)]
# the sessions of the fixture logs, written elsewhere (another kernel, another Python)
WRITTEN = [("fr-quartier", 7, "greedy", None), ("mini", 2, "random", None)]


def cases(more: bool = False) -> list[tuple[str, int, str, int | None]]:
    """(scenario, seed, bots, families): `more` adds seeds and a 12-family roster (slow suite)."""
    out = list(GOLDEN)
    for path in SCENARIOS:
        for policy in ("greedy", "random"):
            out.append((path.stem, 7, policy, None))
            if more:
                out += [(path.stem, seed, policy, None) for seed in (1, 2, 3)]
                out.append((path.stem, 5, policy, 12))
    return out


def scenario_path(name: str) -> Path:
    return MINI if name == "mini" else ROOT / "scenarios" / f"{name}.toml"


def digests(more: bool = False) -> dict[str, str]:
    """Final state digest of each case, keyed "scenario/seed/bots/families"."""
    from engine.scenario.load import load_scenario
    from engine.simulate import run_once

    out = {}
    loaded = {}
    for name, seed, policy, families in cases(more):
        if name not in loaded:
            path = scenario_path(name)
            loaded[name] = (load_scenario(path), path.read_text(encoding="utf-8"))
        scenario, text = loaded[name]
        run = run_once(scenario, text, seed, policy=policy, families=families)
        out[f"{name}/{seed}/{policy}/{families or 'roster'}"] = run.digest
    return out


def spreads() -> dict[str, str]:
    """SHA-256 of each spread's JSON (engine.simulate.distribution: means, percentiles, shares),
    keyed "scenario/first seed+runs/bots", and of the batch path's runs, keyed "batch:..."."""
    import hashlib

    from engine.scenario.load import load_scenario
    from engine.simulate import distribution, run_many

    out = {}
    for name, first, count, policy in SPREADS:
        path = scenario_path(name)
        scenario = load_scenario(path)
        runs = run_many(scenario, path.read_text(encoding="utf-8"), range(first, first + count), policy=policy)
        text = json.dumps(distribution(runs, scenario), sort_keys=True)
        out[f"{name}/{first}+{count}/{policy}"] = hashlib.sha256(text.encode()).hexdigest()
    from engine.batch import play_many

    for name, first, count, policy, families in BATCHES:
        runs = play_many(load_scenario(scenario_path(name)), list(range(first, first + count)), families, policy)
        text = json.dumps([r.as_dict() for r in runs], sort_keys=True)
        out[f"batch:{name}/{first}+{count}/{policy}/{families or 'roster'}"] = hashlib.sha256(text.encode()).hexdigest()
    return out


def replayed() -> dict[str, str]:
    """Final digest of each fixture log's replay (or why it does not replay)."""
    from engine.log.replay import replay

    out = {}
    for path in sorted(LOGS.glob("*.jsonl*")):
        result = replay(path)
        out[path.name] = result.digest() if result.ok else f"error: {result.describe_error()}"
    return out


def write(folder: Path, case: int) -> str:
    """Writes fixture session number `case` into `folder`, named after this interpreter's setup."""
    from engine.scenario.load import load_scenario
    from engine.simulate import play

    env = environment()
    where = f"python{env['python']}-numpy{env['numpy']}-{env['blas_core']}"
    if os.environ.get("NPY_DISABLE_CPU_FEATURES"):
        where += "-no-avx2"
    name, seed, policy, families = WRITTEN[case]
    path = scenario_path(name)
    log = folder / f"{name}-{policy}-{seed}.{where}.jsonl"
    play(load_scenario(path), path.read_text(encoding="utf-8"), seed, policy=policy, families=families,
         log_path=log, scenario_name=path.name)
    return log.name


def numpy_internals():
    import numpy

    try:
        from numpy._core import _multiarray_umath as umath  # numpy 2
    except ImportError:
        from numpy.core import _multiarray_umath as umath  # numpy 1.26
    return numpy, umath


def blas_core() -> str:
    """The OpenBLAS kernel numpy's bundled library chose ("unknown" when it cannot say)."""
    numpy, _ = numpy_internals()
    base = Path(numpy.__file__).resolve().parent
    for lib in glob.glob(str(base.parent / "numpy.libs" / "*openblas*")):
        handle = ctypes.CDLL(lib)
        for name in ("scipy_openblas_get_corename64_", "openblas_get_corename64_", "openblas_get_corename"):
            fn = getattr(handle, name, None)
            if fn is not None:
                fn.restype = ctypes.c_char_p
                return fn().decode()
    return "unknown"


def environment() -> dict:
    numpy, umath = numpy_internals()
    features = umath.__cpu_features__
    return {
        "python": platform.python_version(),
        "numpy": numpy.__version__,
        "blas_core": blas_core(),
        "dispatch": list(umath.__cpu_dispatch__),
        "off": sorted(t for t in umath.__cpu_dispatch__ if not features.get(t, False)),
    }


def main(argv: list[str]) -> int:
    if "--environment" in argv:
        print(json.dumps(environment()))
        return 0
    if "--write" in argv:
        at = argv.index("--write")
        print(json.dumps(write(Path(argv[at + 1]), int(argv[at + 2]))))
        return 0
    print(json.dumps({**environment(), "digests": digests(more="--more" in argv), "replayed": replayed(),
                      "spreads": spreads(), "coretype": os.environ.get("OPENBLAS_CORETYPE")}))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main(sys.argv[1:]))
