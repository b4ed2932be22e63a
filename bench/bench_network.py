"""The network's benchmarks: `bve analyze` into tables, and the size of a typical bundle.

10,000 bundles are made from a dozen exported sessions, each copy given its own session id and
signed again, as a network gathering many territories' sessions would hold them. Analyzing them
is timed end to end: reading each bundle (signature and checksums checked), its summary, the
tables, the Parquet files and the DuckDB database.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import orjson

from engine.network import bundle, exchange, keys
from engine.network.sources import read
from engine.network.tables import Tables
from engine.simulate import play

ROOT = Path(__file__).resolve().parent.parent
SESSIONS = 10_000
SEEDS = 12


def run(sessions: int = SESSIONS) -> dict:
    from engine.scenario.load import load_scenario

    scenario_path = ROOT / "scenarios" / "fr-quartier.toml"
    scenario, text = load_scenario(scenario_path), scenario_path.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        key = keys.load_or_create(tmp / "key")
        seeds = []
        for seed in range(SEEDS):
            log = tmp / f"s{seed}.jsonl"
            play(scenario, text, seed, log_path=log)
            exchange.export(log, tmp / f"s{seed}.zip", key)
            seeds.append(bundle.read(tmp / f"s{seed}.zip"))
        typical = (tmp / "s0.zip").stat().st_size
        folder = tmp / "network"
        folder.mkdir()
        for i in range(sessions):
            b = seeds[i % SEEDS]
            summary = orjson.loads(b.members[exchange.SUMMARY_MEMBER])
            summary["session"] = f"{summary['session']}-{i}"
            manifest = bundle.own_fields(b.manifest)
            manifest["session"] = summary["session"]
            members = {**b.members, exchange.SUMMARY_MEMBER: orjson.dumps(summary)}
            bundle.write(folder / f"{i:05d}.zip", manifest, members, key)
        t = time.perf_counter()
        tables = Tables()
        for path in sorted(folder.glob("*.zip")):
            got = read(path)
            tables.add(got.summary, got.source, got.from_bundle)
        read_time = time.perf_counter() - t
        tables.write(tmp / "out")
        total = time.perf_counter() - t
        db_size = (tmp / "out" / "network.duckdb").stat().st_size
    return {"sessions": sessions, "seconds": total, "read_seconds": read_time, "bundle_bytes": typical,
            "db_bytes": db_size}


def report(r: dict) -> str:
    rate = r["sessions"] / r["seconds"]
    return (
        f"bve analyze: {r['sessions']:,} bundles into tables in {r['seconds']:.1f} s = {rate:,.0f} sessions/s "
        f"(reading {r['read_seconds']:.1f} s; must ≥ 200, goal ≥ 1,000); database {r['db_bytes'] / 1e6:.1f} MB\n"
        f"a typical bundle (fr-quartier, 8 families, 5 rounds): {r['bundle_bytes'] / 1024:.0f} KB"
    )
