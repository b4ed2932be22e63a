"""`make bench`: every benchmark of DESIGN §7, run side by side on this machine."""

from __future__ import annotations

import importlib
import os
import platform
import sys


def main() -> int:
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    for name in ("bench.bench_engine", "bench.bench_balance", "bench.bench_ui", "bench.bench_bundle",
                 "bench.bench_network"):
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            print(f"{name}: not available ({exc})")
            continue
        result = module.run()
        if hasattr(module, "report"):
            print(module.report(result))
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
