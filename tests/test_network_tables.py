"""The analysts' tables: one row per fact, privacy for small sessions, the guide's SQL runs."""

import re
from pathlib import Path

import pytest

from engine import actions as A
from engine.network.summary import summarise
from engine.network.tables import MIN_FAMILIES, SCHEMA, Tables
from engine.rules import apply
from engine.simulate import play

duckdb = pytest.importorskip("duckdb")
ROOT = Path(__file__).resolve().parent.parent


def _summary(scenario, text, seed, families=None, asks=()):
    state = play(scenario, text, seed, families=families).state
    for level, about in asks:
        state = apply(state, A.Ask(level=level, about=about, text="Please."))
    header = {"session": f"{scenario.territory.id}-{seed}-{families}", "created": "2026-12-06T10:11:12",
              "engine": "test", "scenario_sha256": "0" * 64}
    return summarise(state, header)


@pytest.fixture(scope="module")
def summaries(mini, mini_text):
    return [
        _summary(mini, mini_text, 1, asks=[("region", "mobility"), ("state", "housing")]),
        _summary(mini, mini_text, 2, asks=[("region", "mobility")]),
        _summary(mini, mini_text, 3, families=2),
    ]


def _expected(summary, from_bundle):
    present = [f for f in summary["families"] if f["present"]]
    published = not from_bundle or len(present) >= MIN_FAMILIES
    ids = {f["family"] for f in present}
    return {
        "sessions": 1,
        "rounds": len(summary["trajectory"]),
        "decisions": len(summary["decisions"]),
        "projects": len(summary["projects"]),
        "asks": len(summary["asks"]),
        "families": sum(fp["family"] in ids for fp in summary["footprints"]) if published else 0,
        "equity": len(summary["equity"]) if published else 0,
        "pledges": len(summary["pledges"]) if published else 0,
        "objections": sum(len(d["objections"]) for d in summary["decisions"]) if published else 0,
    }


@pytest.mark.parametrize("from_bundle", [True, False])
def test_row_counts_follow_the_sessions(tmp_path, summaries, from_bundle):
    tables = Tables()
    for s in summaries:
        tables.add(s, "gen", from_bundle)
    db = tables.write(tmp_path)
    con = duckdb.connect(str(db))
    expected = {name: sum(_expected(s, from_bundle)[name] for s in summaries) for name in SCHEMA}
    got = {name: con.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in SCHEMA}
    assert got == expected
    assert expected["families"] > 0 and expected["asks"] == 3
    for name in SCHEMA:
        assert (tmp_path / f"{name}.parquet").exists()
        parquet = con.execute(f"SELECT count(*) FROM read_parquet(?)", [str(tmp_path / f"{name}.parquet")]).fetchone()
        assert parquet[0] == got[name]


def test_a_small_session_from_a_bundle_publishes_no_family_row(tmp_path, summaries):
    small = summaries[2]
    assert len([f for f in small["families"] if f["present"]]) < MIN_FAMILIES
    tables = Tables()
    tables.add(small, "small.zip", True)
    con = duckdb.connect(str(tables.write(tmp_path)))
    for name in ("families", "equity", "pledges", "objections"):
        assert con.execute(f"SELECT count(*) FROM {name}").fetchone()[0] == 0
    assert con.execute("SELECT per_family_published, families FROM sessions").fetchone() == (False, 2)


def test_keys_are_unique(tmp_path, summaries):
    tables = Tables()
    for s in summaries:
        tables.add(s, "gen", False)
    con = duckdb.connect(str(tables.write(tmp_path)))
    for name, keys in {"sessions": "session", "rounds": "session, round", "families": "session, round, family",
                       "equity": "session, family", "projects": "session, project"}.items():
        dupes = con.execute(f"SELECT count(*) FROM (SELECT {keys} FROM {name} GROUP BY ALL HAVING count(*) > 1)")
        assert dupes.fetchone()[0] == 0, name


def test_the_guides_questions_run_and_answer(tmp_path, summaries):
    tables = Tables()
    for s in summaries:
        tables.add(s, "gen", False)
    con = duckdb.connect(str(tables.write(tmp_path)))
    guide = (ROOT / "docs" / "analysis.md").read_text(encoding="utf-8")
    queries = re.findall(r"```sql\n(.*?)```", guide, re.S)
    assert len(queries) == 5
    answers = [con.execute(q).fetchall() for q in queries]
    assert all(answers[i] for i in (0, 1, 3, 4)), answers
    adopted = {(t, p) for t, p, *_ in answers[0]}
    assert adopted == {(s["territory"], p["project"]) for s in summaries for p in s["projects"]
                       if p["adopted_round"] is not None}
    assert {(level, about, n) for level, about, n, _ in answers[3]} == {("region", "mobility", 2), ("state", "housing", 1)}


def test_the_guide_lists_every_column():
    guide = (ROOT / "docs" / "analysis.md").read_text(encoding="utf-8")
    for name, columns in SCHEMA.items():
        row = next(line for line in guide.splitlines() if line.startswith(f"| `{name}` |"))
        for column, _ in columns:
            if column != "session":
                assert f"`{column}`" in row, (name, column)
