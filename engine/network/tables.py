"""Tidy tables from many sessions' summaries: one row per fact, keyed by session, round, family
and project, written as Parquet files and one DuckDB database.

Rows are gathered as plain tuples, staged as CSV (written by the standard library's C writer)
and loaded by DuckDB with a declared schema, which is much faster than inserting row by row. Privacy: from bundles, a
session with fewer than three families publishes no per-family row (families, pledges, equity,
objections); its session-level figures remain.
"""

from __future__ import annotations

import csv
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

MIN_FAMILIES = 3

# table -> ((column, DuckDB type), ...); the first columns are the keys
SCHEMA: dict[str, tuple[tuple[str, str], ...]] = {
    "sessions": (
        ("session", "VARCHAR"), ("source", "VARCHAR"), ("territory", "VARCHAR"), ("country", "VARCHAR"),
        ("date", "VARCHAR"), ("engine", "VARCHAR"), ("complete", "BOOLEAN"), ("rounds_played", "INTEGER"),
        ("families", "INTEGER"), ("people", "INTEGER"), ("co2_start_kg", "DOUBLE"), ("co2_end_kg", "DOUBLE"),
        ("energy_end_kwh", "DOUBLE"), ("biosphere_end_m2", "DOUBLE"), ("co2_target_kg", "DOUBLE"),
        ("energy_target_kwh", "DOUBLE"), ("biosphere_target_m2", "DOUBLE"), ("adopted", "INTEGER"),
        ("stopped", "INTEGER"), ("per_family_published", "BOOLEAN"),
    ),
    "rounds": (
        ("session", "VARCHAR"), ("round", "INTEGER"), ("year", "INTEGER"),
        ("co2_kg", "DOUBLE"), ("energy_kwh", "DOUBLE"), ("biosphere_m2", "DOUBLE"),
    ),
    "families": (
        ("session", "VARCHAR"), ("round", "INTEGER"), ("family", "VARCHAR"), ("year", "INTEGER"),
        ("people", "INTEGER"), ("profile", "VARCHAR"), ("money_month", "DOUBLE"), ("hours_week", "DOUBLE"),
        ("co2_kg", "DOUBLE"), ("energy_kwh", "DOUBLE"), ("biosphere_m2", "DOUBLE"),
    ),
    "equity": (
        ("session", "VARCHAR"), ("family", "VARCHAR"), ("means_share", "DOUBLE"), ("money_ratio", "DOUBLE"),
        ("hours_ratio", "DOUBLE"), ("included", "BOOLEAN"), ("coverage", "DOUBLE"),
    ),
    "pledges": (
        ("session", "VARCHAR"), ("round", "INTEGER"), ("project", "VARCHAR"), ("family", "VARCHAR"),
        ("monthly_eur", "DOUBLE"), ("oneoff_eur", "DOUBLE"), ("weekly_hours", "DOUBLE"), ("participates", "BOOLEAN"),
    ),
    "decisions": (
        ("session", "VARCHAR"), ("round", "INTEGER"), ("project", "VARCHAR"), ("version", "INTEGER"),
        ("consent", "INTEGER"), ("concern", "INTEGER"), ("objection", "INTEGER"), ("adopted", "BOOLEAN"),
        ("override", "VARCHAR"),
    ),
    "objections": (
        ("session", "VARCHAR"), ("round", "INTEGER"), ("project", "VARCHAR"), ("family", "VARCHAR"),
        ("code", "VARCHAR"), ("dimension", "VARCHAR"),
    ),
    "projects": (
        ("session", "VARCHAR"), ("project", "VARCHAR"), ("strategy", "VARCHAR"), ("wellbeing", "VARCHAR[]"),
        ("adopted_round", "INTEGER"), ("stopped_round", "INTEGER"), ("why_stopped", "VARCHAR"),
        ("completed", "BOOLEAN"), ("participants", "INTEGER"),
    ),
    "asks": (
        ("session", "VARCHAR"), ("round", "INTEGER"), ("level", "VARCHAR"), ("about", "VARCHAR"), ("text", "VARCHAR"),
    ),
}


@dataclass
class Tables:
    rows: dict[str, list[tuple]] = field(default_factory=lambda: {name: [] for name in SCHEMA})

    def add(self, summary: dict, source: str, from_bundle: bool) -> None:
        """Add one session's rows. From a bundle, per-family rows need three families or more."""
        sid = summary["session"]
        families = {f["family"]: f for f in summary["families"] if f.get("present", True)}
        publish = not from_bundle or len(families) >= MIN_FAMILIES
        trajectory = summary["trajectory"]
        start, end = (trajectory[0], trajectory[-1]) if trajectory else ({}, {})
        targets = summary["targets"]
        projects = summary["projects"]
        r = self.rows
        r["sessions"].append((
            sid, source, summary["territory"], summary.get("country"), summary["date"], summary["engine"],
            summary["complete"], summary["rounds_played"], len(families),
            sum(f["people"] for f in families.values()), start.get("co2_kg"), end.get("co2_kg"),
            end.get("energy_kwh"), end.get("biosphere_m2"), targets["co2_kg"], targets["energy_kwh"],
            targets["biosphere_m2"], sum(p["adopted_round"] is not None for p in projects),
            sum(p["stopped_round"] is not None for p in projects), publish,
        ))
        for i, t in enumerate(trajectory):
            r["rounds"].append((sid, i, t["year"], t["co2_kg"], t["energy_kwh"], t["biosphere_m2"]))
        for d in summary["decisions"]:
            r["decisions"].append((
                sid, d["round"], d["project"], d["version"], d["consent"], d["concern"], d["objection"],
                d["adopted"], d["override"],
            ))
        for p in projects:
            r["projects"].append((
                sid, p["project"], p["strategy"], p["wellbeing"], p["adopted_round"], p["stopped_round"],
                p["why_stopped"], p["completed"], p["participants"],
            ))
        for a in summary["asks"]:
            r["asks"].append((sid, a["round"], a["level"], a["about"], a.get("text")))
        if not publish:
            return
        for fp in summary["footprints"]:
            f = families.get(fp["family"])
            if f is None:
                continue
            r["families"].append((
                sid, fp["round"], fp["family"], fp["year"], f["people"], f["profile"], f["money_month"],
                f["hours_week"], fp["co2_kg"], fp["energy_kwh"], fp["biosphere_m2"],
            ))
        for e in summary["equity"]:
            r["equity"].append((
                sid, e["family"], e["means_share"], e["money_ratio"], e["hours_ratio"], e["included"], e["coverage"],
            ))
        for p in summary["pledges"]:
            r["pledges"].append((
                sid, p["round"], p["project"], p["family"], p["monthly_eur"], p["oneoff_eur"], p["weekly_hours"],
                p["participates"],
            ))
        for d in summary["decisions"]:
            for o in d["objections"]:
                code = o["code"]
                r["objections"].append((sid, d["round"], d["project"], o["family"], code, code[0] if code else None))

    def write(self, out: str | Path) -> Path:
        """Parquet files DIR/<table>.parquet and the database DIR/network.duckdb (both replaced)."""
        import duckdb  # the analysts' extra: the table never needs it

        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        db = out / "network.duckdb"
        for old in (db, out / "network.duckdb.wal"):
            old.unlink(missing_ok=True)
        con = duckdb.connect(str(db))
        try:
            with tempfile.TemporaryDirectory() as tmp:
                for name, columns in SCHEMA.items():
                    staged = Path(tmp) / f"{name}.csv"
                    lists = [i for i, (_, t) in enumerate(columns) if t.endswith("[]")]
                    with open(staged, "w", newline="", encoding="utf-8") as f:
                        writer = csv.writer(f)
                        if lists:
                            writer.writerows(_joined(row, lists) for row in self.rows[name])
                        else:
                            writer.writerows(self.rows[name])
                    # lists are staged joined by '|' (codes and ids never hold one) and split back
                    declared = ", ".join(f"'{c}': '{'VARCHAR' if t.endswith('[]') else t}'" for c, t in columns)
                    select = ", ".join(
                        f"string_split({c}, '|') AS {c}" if t.endswith("[]") else c for c, t in columns
                    )
                    con.execute(
                        f"CREATE TABLE {name} AS SELECT {select} FROM read_csv(?, header = false, "
                        f"columns = {{{declared}}}, delim = ',', quote = '\"', escape = '\"', nullstr = '', auto_detect = false)",
                        [str(staged)],
                    )
                    con.execute(f"COPY {name} TO '{_sql_path(out / (name + '.parquet'))}' (FORMAT PARQUET)")
        finally:
            con.close()
        return db


def _joined(row: tuple, lists: list[int]) -> tuple:
    return tuple("|".join(v) if i in lists and v is not None else v for i, v in enumerate(row))


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")
