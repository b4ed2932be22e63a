"""The same sessions give the same digests under every BLAS kernel, SIMD level and Python.

The golden playthroughs and a bot session of every shipped scenario (tests/portable_probe.py) are
played again in subprocesses: under OpenBLAS's default kernel and under Nehalem, Sandybridge and
Haswell (a kernel the CPU cannot run is skipped); with numpy's AVX2, FMA3 and AVX-512 code paths
turned off (NPY_DISABLE_CPU_FEATURES takes the names of the installed numpy's dispatch targets);
and under every other Python 3.11 to 3.13 found (pyenv's, or python3.1x on the PATH), each in a
small venv under build/pyvenvs/ holding only the engine's runtime dependencies, the checkout on
PYTHONPATH. The oldest numpy the project accepts goes into the first of them, the newest into the
others. The fixture logs (tests/data/logs/, written under another kernel and another Python) are
replayed in each. Every digest must equal the test process's own. A line per configuration says
what ran.

BVE_REGEN_FIXTURES=1 writes the fixture logs anew (after a deliberate change of behaviour): one
with the oldest other Python under Nehalem, one with the newest, numpy's AVX2 paths off, under
Sandybridge.

`make test` runs one configuration per kernel, per SIMD level and per Python; the slow suite runs
every combination with more seeds and a 12-family roster.
"""

from __future__ import annotations

import functools
import glob
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests import portable_probe

ROOT = Path(__file__).resolve().parent.parent
PROBE = ROOT / "tests" / "portable_probe.py"
VENVS = ROOT / "build" / "pyvenvs"
KERNELS = (None, "Nehalem", "Sandybridge", "Haswell")
RUNTIME = ("numpy", "pydantic", "orjson", "tomli")  # what the engine imports
TIMEOUT = 600


# -- the interpreters --------------------------------------------------------------------------
def _version(python: str) -> str | None:
    try:
        out = subprocess.run([python, "-c", "import platform; print(platform.python_version())"],
                             capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return out.stdout.strip() if out.returncode == 0 else None


@functools.cache
def other_pythons() -> dict[str, str]:
    """version -> interpreter, for each Python 3.11-3.13 found other than this one."""
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    found = sorted(glob.glob(str(pyenv / "versions" / "3.1[123]*" / "bin" / "python3")))
    found += [p for p in (shutil.which(f"python3.{minor}") for minor in (11, 12, 13)) if p]
    out: dict[str, str] = {}
    for python in found:
        version = _version(python)
        if version and re.match(r"3\.1[123]\.", version) and version != platform.python_version():
            out.setdefault(version, python)
    return out


def _requirements() -> dict[str, str]:
    """The runtime dependencies' requirement strings, as pyproject.toml gives them."""
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    return {re.split(r"[<>=~! \[]", d, maxsplit=1)[0].lower(): d for d in deps}


def _specs(oldest_numpy: bool) -> list[str]:
    reqs = _requirements()
    specs = [reqs[name] for name in RUNTIME]
    if oldest_numpy:  # the lower bound of the project's range, e.g. numpy>=1.26 -> numpy~=1.26.0
        low = re.search(r">=\s*([0-9.]+)", reqs["numpy"]).group(1)
        specs[0] = f"numpy~={low}.0" if low.count(".") == 1 else f"numpy=={low}"
    return specs


def venv_python(version: str, interpreter: str, oldest_numpy: bool) -> str:
    """build/pyvenvs/<version>: a venv with the runtime dependencies only, built once (under a
    lock: two test workers may want it at the same time) and kept while the wanted specs hold."""
    fcntl = pytest.importorskip("fcntl", reason="building the venvs under a lock needs fcntl (POSIX)")
    VENVS.mkdir(parents=True, exist_ok=True)
    home = VENVS / version
    python = home / "bin" / "python"
    specs = "\n".join(_specs(oldest_numpy))
    with open(VENVS / f"{version}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        ready = home / "ready"
        if ready.exists() and ready.read_text() == specs and python.exists():
            return str(python)
        shutil.rmtree(home, ignore_errors=True)
        steps = [[interpreter, "-m", "venv", "--without-pip", str(home)],
                 [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-compile",
                  "--disable-pip-version-check", *specs.splitlines()]]
        for step in steps:
            done = subprocess.run(step, capture_output=True, text=True, timeout=TIMEOUT)
            if done.returncode != 0:
                shutil.rmtree(home, ignore_errors=True)
                tail = (done.stderr.strip().splitlines() or ["no message"])[-1]
                pytest.skip(f"python {version}: cannot build its venv ({tail})")
        ready.write_text(specs)
    return str(python)


# -- running the probe -------------------------------------------------------------------------
def _env(kernel: str | None, disable: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "NPY_DISABLE_CPU_FEATURES")}
    env["PYTHONPATH"] = str(ROOT)
    env["PYTHONHASHSEED"] = "0"
    if kernel is not None:
        env["OPENBLAS_CORETYPE"] = kernel
    if disable:
        env["NPY_DISABLE_CPU_FEATURES"] = disable
    return env


def _probe(python: str, env: dict[str, str], *args: str) -> dict:
    done = subprocess.run([python, str(PROBE), *args], env=env, capture_output=True, text=True,
                          timeout=TIMEOUT, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.splitlines()[-1])


def avx2_and_above(dispatch: list[str]) -> list[str]:
    """The installed numpy's dispatch targets that use AVX2, FMA3 or AVX-512 (numpy 1.26 names
    the features, numpy 2 names the x86-64 levels: X86_V3, X86_V4, AVX512_...)."""
    return [t for t in dispatch if t in ("AVX2", "FMA3", "X86_V3", "X86_V4") or t.startswith("AVX512")]


@functools.cache
def reference(more: bool) -> dict[str, str]:
    return portable_probe.digests(more)


@functools.cache
def reference_replays() -> dict[str, str]:
    return portable_probe.replayed()


@functools.cache
def reference_spreads() -> dict[str, str]:
    return portable_probe.spreads()


def check(python: str, label: str, kernel: str | None, simd_off: bool, more: bool, record) -> None:
    disable = None
    if simd_off:
        dispatch = _probe(python, _env(None, None), "--environment")["dispatch"]
        disable = " ".join(avx2_and_above(dispatch))
        if not disable:
            pytest.skip(f"{label}: numpy dispatches nothing above AVX (its baseline: nothing to turn off)")
    args = ("--more",) if more else ()
    got = _probe(python, _env(kernel, disable), *args)
    if kernel is not None and got["blas_core"] not in (kernel, "unknown"):
        pytest.skip(f"{label}: OpenBLAS ran {got['blas_core']}, not {kernel} (this CPU cannot)")
    if disable:
        still_on = sorted(set(disable.split()) - set(got["off"]))
        assert not still_on, f"numpy did not turn off {still_on}"
    line = (f"python {got['python']}, numpy {got['numpy']}, OpenBLAS kernel {got['blas_core']}"
            f"{' (asked: ' + kernel + ')' if kernel else ' (default)'}, "
            f"SIMD {'without ' + disable if disable else 'all'}: {len(got['digests'])} sessions, "
            f"{len(got['replayed'])} fixture replays and {len(got['spreads'])} spreads of many runs,")
    want = {**reference(more), **reference_replays(), **{f"spread {k}": v for k, v in reference_spreads().items()}}
    have = {**got["digests"], **got["replayed"], **{f"spread {k}": v for k, v in got["spreads"].items()}}
    differ = sorted(case for case, d in want.items() if have.get(case) != d)
    record("portable", f"{line} {'equal' if not differ else 'DIFFER'}")
    assert not differ, f"{line}: digests differ from this process's in {differ}"


# -- the matrix --------------------------------------------------------------------------------
def _configs(slow: bool):
    here = f"py{platform.python_version()}"
    out = []
    for python in [None, *sorted(other_pythons(), key=_key)]:
        name = here if python is None else f"py{python}"
        for kernel in KERNELS:
            for simd_off in (False, True):
                fast = (python is None and (kernel is None or not simd_off)) or (
                    python is not None and kernel is None and not simd_off)
                if fast != slow:
                    out.append(pytest.param(python, kernel, simd_off,
                                            id=f"{name}-{kernel or 'default'}-{'no-avx2' if simd_off else 'simd'}"))
    return out


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version))


def _interpreter(version: str | None) -> tuple[str, str]:
    if version is None:
        return sys.executable, f"python {platform.python_version()} (this one)"
    # numpy 1.26 has wheels up to Python 3.12: it goes to the oldest other Python before 3.13
    older = [v for v in other_pythons() if _key(v) < (3, 13)]
    oldest = bool(older) and version == min(older, key=_key)
    return venv_python(version, other_pythons()[version], oldest), f"python {version}"


@pytest.mark.parametrize("version, kernel, simd_off", _configs(slow=False))
def test_same_digests_everywhere(version, kernel, simd_off, record_property):
    python, label = _interpreter(version)
    check(python, label, kernel, simd_off, more=False, record=record_property)


@pytest.mark.slow
@pytest.mark.parametrize("version, kernel, simd_off", _configs(slow=True))
def test_same_digests_everywhere_every_combination(version, kernel, simd_off, record_property):
    python, label = _interpreter(version)
    check(python, label, kernel, simd_off, more=True, record=record_property)


def test_the_matrix_finds_the_other_pythons():
    """On a machine with pyenv's 3.11-3.13, the matrix plays under each of them."""
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    if not pyenv.is_dir():
        pytest.skip("no pyenv here")
    installed = {p.name for p in pyenv.glob("3.1[123]*")} - {platform.python_version()}
    assert installed <= set(other_pythons())


def test_fixture_logs_written_elsewhere_replay_here():
    """Logs written under another OpenBLAS kernel, SIMD level and Python replay here, every
    checkpoint verified."""
    if os.environ.get("BVE_REGEN_FIXTURES"):
        _write_fixtures()
    logs = sorted(portable_probe.LOGS.glob("*.python3.*.jsonl"))
    assert len(logs) >= len(portable_probe.WRITTEN), "no fixture logs: run with BVE_REGEN_FIXTURES=1"
    assert any(f"python{platform.python_version()}-" not in log.name for log in logs)
    for log in logs:
        replayed = reference_replays()[log.name]
        assert not replayed.startswith("error"), replayed
        assert '"checkpoint"' in log.read_text(encoding="utf-8")


def _write_fixtures() -> None:
    versions = sorted(other_pythons(), key=_key)
    if not versions:
        pytest.skip("no other Python to write the fixture logs with")
    for old in portable_probe.LOGS.glob("*.python3.*.jsonl"):  # the version-1 and -2 fixtures stay
        old.unlink()
    portable_probe.LOGS.mkdir(parents=True, exist_ok=True)
    for case, (version, kernel, simd_off) in enumerate(((versions[0], "Nehalem", False),
                                                         (versions[-1], "Sandybridge", True))):
        python, _ = _interpreter(version)
        disable = None
        if simd_off:
            disable = " ".join(avx2_and_above(_probe(python, _env(None, None), "--environment")["dispatch"]))
        _probe(python, _env(kernel, disable), "--write", str(portable_probe.LOGS), str(case))
    reference_replays.cache_clear()
