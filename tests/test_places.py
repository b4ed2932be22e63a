"""Where scenarios are found and where the game writes: the documented order, the user's folder."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from engine import shipped
from game import places
from tests.conftest import MINI, ROOT


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("BVE_HOME", str(tmp_path / "data"))
    return tmp_path / "data"


def test_the_shipped_files_are_found(home):
    names = [p.name for p in shipped.scenarios()]
    assert names[0] == "fr-quartier.toml"
    assert set(names) == {p.name for p in (ROOT / "scenarios").glob("*.toml")}
    for part in (("fonts", "AtkinsonHyperlegible-Regular.ttf"), ("i18n", "pt", "LC_MESSAGES", "bve.mo"), ("templates", "texts.toml"),
                 ("icons", "bien-vivre-ensemble.png"), ("scenario.schema.json",)):
        assert shipped.asset(*part).is_file(), part
    assert places.icon().read_bytes().startswith(b"\x89PNG")


def test_bve_home_is_the_data_folder(home):
    assert places.data_home() == home
    assert places.sessions_dir() == home / "sessions"
    assert places.user_scenarios_dir() == home / "scenarios"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG folders are Linux's")
def test_without_bve_home_the_platform_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("BVE_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert places.data_home() == tmp_path / "xdg" / "bien-vivre-ensemble"


def test_a_name_is_looked_for_as_a_path_then_the_users_folder_then_the_shipped_ones(home, tmp_path, monkeypatch):
    shipped_default = shipped.scenarios_dir() / "fr-quartier.toml"
    assert places.find_scenario("fr-quartier") == shipped_default
    assert places.find_scenario("fr-quartier.toml") == shipped_default
    assert places.find_scenario(None) == shipped_default

    (home / "scenarios").mkdir(parents=True)
    own = home / "scenarios" / "fr-quartier.toml"
    shutil.copy(MINI, own)
    assert places.find_scenario("fr-quartier") == own  # the user's adapted copy comes first

    here = tmp_path / "here"
    here.mkdir()
    shutil.copy(MINI, here / "fr-quartier.toml")
    monkeypatch.chdir(here)
    assert places.find_scenario("fr-quartier.toml") == Path("fr-quartier.toml")  # a path comes before both

    missing = places.find_scenario("nowhere")
    assert missing == Path("nowhere") and not missing.exists()  # the error names what was typed


def test_the_table_lists_the_users_scenarios_with_the_shipped_ones(home):
    (home / "scenarios").mkdir(parents=True)
    shutil.copy(MINI, home / "scenarios" / "atelier.toml")
    shutil.copy(MINI, home / "scenarios" / "be-braine.toml")
    listed = places.scenario_files()
    assert listed[0].name == "fr-quartier.toml"
    by_name = {p.name: p for p in listed}
    assert by_name["atelier.toml"] == home / "scenarios" / "atelier.toml"
    assert by_name["be-braine.toml"] == home / "scenarios" / "be-braine.toml"
    assert by_name["pt-odemira.toml"].parent == shipped.scenarios_dir()
    assert len(listed) == len({p.name for p in listed})


def test_the_command_line_finds_a_scenario_by_name(home, capsys):
    from game.cli import main

    (home / "scenarios").mkdir(parents=True)
    shutil.copy(MINI, home / "scenarios" / "atelier.toml")
    assert main(["footprint", "--scenario", "atelier"]) == 0
    assert "7900 kg CO2e" in capsys.readouterr().out
    assert main(["footprint", "--scenario", "nowhere"]) != 0
    assert "nowhere" in capsys.readouterr().err
