"""Where the game finds scenarios and where it writes: the user's data folder, never the app's.

The data folder is `BVE_HOME` when it is set (a workshop's USB stick, the tests), else the
platform's per-user data folder given by `platformdirs`:

    Linux    ~/.local/share/bien-vivre-ensemble   ($XDG_DATA_HOME when set)
    macOS    ~/Library/Application Support/bien-vivre-ensemble
    Windows  %APPDATA%\\bien-vivre-ensemble

It holds `sessions/` (session logs and their reports) and `scenarios/` (the user's own
scenarios). A scenario named on the command line is looked for, in this order:

1. as a path, absolute or from the current folder;
2. in the user's scenarios folder, by file name, with or without `.toml`;
3. among the shipped scenarios, the same way.

The table lists the user's scenarios and the shipped ones; a user's file named like a shipped
one (an adapted `fr-quartier.toml`) takes its place.
"""

from __future__ import annotations

import os
from pathlib import Path

from engine import shipped

APP_NAME = "bien-vivre-ensemble"


def icon() -> Path:
    return shipped.asset("icons", f"{APP_NAME}.png")


def data_home() -> Path:
    if os.environ.get("BVE_HOME"):
        return Path(os.environ["BVE_HOME"])
    from platformdirs import user_data_path

    # roaming on Windows (%APPDATA%), as before platformdirs, so earlier logs are still found
    return user_data_path(APP_NAME, appauthor=False, roaming=True)


def sessions_dir() -> Path:
    return data_home() / "sessions"


def user_scenarios_dir() -> Path:
    return data_home() / "scenarios"


def find_scenario(name: str | os.PathLike | None) -> Path:
    """The scenario file a name means (see the order above); the name itself when none is found,
    so that the error names what the person typed."""
    if name is None:
        return scenario_files()[0]
    path = Path(name)
    if path.is_file():
        return path
    if path.name == str(name):  # a bare name: look in the scenario folders
        stems = [path.name] if path.suffix == ".toml" else [path.name + ".toml", path.name]
        for folder in (user_scenarios_dir(), shipped.scenarios_dir()):
            for stem in stems:
                if (folder / stem).is_file():
                    return folder / stem
    return path


def scenario_files() -> list[Path]:
    """Every scenario the table offers: the default first, the user's replacing shipped ones."""
    by_name = {p.name: p for p in shipped.scenarios()}
    folder = user_scenarios_dir()
    if folder.is_dir():
        by_name.update({p.name: p for p in sorted(folder.glob("*.toml"))})
    names = sorted(by_name, key=lambda n: (n != shipped.DEFAULT_SCENARIO, n))
    return [by_name[n] for n in names]
