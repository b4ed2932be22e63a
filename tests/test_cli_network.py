"""The network's commands end to end: export, import, analyze, network synthesize."""

import pytest

from engine.simulate import play
from game.cli import main
from tests import chromium
from tests.network_helpers import rezip

duckdb = pytest.importorskip("duckdb")


@pytest.fixture()
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("BVE_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture()
def logs(tmp_path, mini, mini_text):
    out = []
    for seed in (1, 2, 3):
        path = tmp_path / f"s{seed}.jsonl.gz"
        play(mini, mini_text, seed, log_path=path)
        out.append(path)
    return out


def test_export_import_analyze_synthesize(tmp_path, home, logs, capsys):
    bundles = []
    for log in logs:
        out = tmp_path / f"{log.name.split('.')[0]}.zip"
        assert main(["export", str(log), "--out", str(out)]) == 0
        bundles.append(out)
    said = capsys.readouterr().out
    assert "Figures only" in said and "fingerprint" in said
    assert (home / "network" / "signing-key.pem").exists()

    network = tmp_path / "network"
    assert main(["import", *map(str, bundles), "--into", str(network)]) == 0
    said = capsys.readouterr().out
    assert said.count("accepted") == 3 and "unknown key" in said
    kept = sorted(network.rglob("*.zip"))
    assert len(kept) == 3

    tables = tmp_path / "tables"
    assert main(["analyze", str(network), "--out", str(tables)]) == 0
    con = duckdb.connect(str(tables / "network.duckdb"))
    assert con.execute("SELECT count(*) FROM sessions").fetchone()[0] == 3
    assert con.execute("SELECT count(DISTINCT family) FROM families").fetchone()[0] == 4
    con.close()
    # a bundle keeps its session's id: the association's own log of it is the same session
    assert main(["analyze", str(network), *map(str, logs), "--out", str(tables)]) == 1
    assert capsys.readouterr().err.count("was already read from") == 3


def test_analyze_goes_on_past_damaged_and_foreign_files(tmp_path, home, logs, capsys):
    broken = tmp_path / "broken.jsonl"
    broken.write_bytes(b'{"not": "a log"}\n')
    foreign = tmp_path / "photo.zip"
    foreign.write_bytes(b"PK\x03\x04 nothing")
    code = main(["analyze", str(logs[0]), str(broken), str(foreign), str(logs[1]), "--out", str(tmp_path / "t")])
    err = capsys.readouterr().err
    assert code == 1
    assert f"{broken}:1: " in err and f"{foreign}: not a bundle" in err
    con = duckdb.connect(str(tmp_path / "t" / "network.duckdb"))
    assert con.execute("SELECT count(*) FROM sessions").fetchone()[0] == 2


def test_import_refuses_a_changed_bundle_by_member(tmp_path, home, logs, capsys):
    out = tmp_path / "b.zip"
    assert main(["export", str(logs[0]), "--out", str(out)]) == 0
    bad = tmp_path / "bad.zip"
    rezip(out, bad, change=("summary.json", lambda data: data.replace(b'"mini"', b'"mono"')))
    capsys.readouterr()
    assert main(["import", str(bad), "--into", str(tmp_path / "n")]) == 1
    assert capsys.readouterr().err.strip() == f"{bad}:summary.json: checksum differs"
    assert not list((tmp_path / "n").rglob("*.zip"))


def test_words_leave_only_when_confirmed(tmp_path, home, logs, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: False, raising=False)
    out = tmp_path / "b.zip"
    code = main(["export", str(logs[0]), "--out", str(out), "--with-text"])
    said = capsys.readouterr()
    # Martin and Silva consented: their criteria are listed, and nothing is written unconfirmed
    assert "These words leave the table" in said.out and "Voir mes amis" in said.out
    assert "Un avenir pour les enfants" not in said.out  # Dupont did not consent
    assert code == 1 and not out.exists() and "--yes" in said.err
    assert main(["export", str(logs[0]), "--out", str(out), "--with-text", "--yes"]) == 0
    assert out.exists()


def test_the_synthesis_page_from_the_command_line(tmp_path, home, logs, capsys):
    bundles = []
    for i, log in enumerate(logs):
        bundles.append(tmp_path / f"b{i}.zip")
        assert main(["export", str(log), "--out", str(bundles[-1])]) == 0
    page = tmp_path / "synthesis.html"
    assert main(["network", "synthesize", *map(str, bundles), "--out", str(page), "--lang", "en"]) == 0
    dom, console = chromium.load(page)
    assert console == [] and dom.count('<tr class="territory">') == 1
    assert main(["network", "synthesize", str(logs[0]), "--out", str(tmp_path / "x.html")]) == 1
    assert "not a bundle" in capsys.readouterr().err


def test_analyze_reads_a_folder_of_the_tables_logs(tmp_path, home, logs):
    """A folder stands for every log in it, named as the table names them (gzip streams)."""
    assert all(log.name.endswith(".jsonl.gz") for log in logs)
    assert main(["analyze", str(tmp_path), "--out", str(tmp_path / "tables")]) == 0
    con = duckdb.connect(str(tmp_path / "tables" / "network.duckdb"))
    assert con.execute("SELECT count(*) FROM sessions").fetchone()[0] == len(logs)
