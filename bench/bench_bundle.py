"""The one-folder app (`make bundle`): its size, and start to first frame beside the same from source.

Start to first frame is the whole process, `play --until title`: from launching it to its exit
right after drawing the title screen, so it includes the bootloader, every import, the scenario,
the first frame and the exit (an upper bound). From source it is `python -m game` with the same
arguments. Headless (SDL's dummy driver): no window manager's delay counts.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "dist" / "bien-vivre-ensemble"
EXE = APP / ("bien-vivre-ensemble.exe" if os.name == "nt" else "bien-vivre-ensemble")
RUNS = 7


def _start(command: list[str], cwd: Path, env: dict) -> float:
    t = time.perf_counter()
    subprocess.run(command + ["play", "--until", "title"], cwd=cwd, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def size_mb(folder: Path) -> float:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def run() -> dict:
    if not EXE.exists():
        return {"built": False}
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", BVE_HOME=home)
        _start([str(EXE)], Path(home), env)  # the first start fills the system's file cache
        bundled = sorted(_start([str(EXE)], Path(home), env) for _ in range(RUNS))
        source = sorted(_start([sys.executable, "-m", "game"], ROOT, env) for _ in range(RUNS))
    return {
        "built": True,
        "size_mb": size_mb(APP),
        "bundle_s": {"min": bundled[0], "median": bundled[RUNS // 2]},
        "source_s": {"min": source[0], "median": source[RUNS // 2]},
        "load": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
    }


def report(r: dict) -> str:
    if not r["built"]:
        return "bundle: not built (make bundle), nothing measured"
    b, s = r["bundle_s"], r["source_s"]
    load = f", load average {r['load']:.1f}" if r.get("load") is not None else ""
    return "\n".join([
        f"bundle (dist/bien-vivre-ensemble, {RUNS} starts each{load})",
        f"  size: {r['size_mb']:.0f} MB   (must <= 120 MB, goal <= 60 MB)",
        f"  start to first frame, the app: median {b['median']:.2f} s, best {b['min']:.2f} s   (must <= 2 s, goal <= 0.8 s)",
        f"  start to first frame, from source: median {s['median']:.2f} s, best {s['min']:.2f} s"
        f"   (app / source: {b['median'] / s['median']:.2f})",
    ])


if __name__ == "__main__":
    print(report(run()))
