"""The files the game ships with: scenarios, fonts, icons, translations, templates, the schema.

In the repository they keep their place at the top (`scenarios/`, `assets/`). An installed
distribution carries them as package data of this package (`engine/shipped/scenarios`,
`engine/shipped/assets`, mapped in setup.py), and the bundled app in its own folder, at the
same place: both are found through `importlib.resources`. A source checkout without that copy
falls back to the repository's folders. Nothing here is ever written by the game; what it writes
(logs, reports, a user's scenarios) goes to the user's data folder (`game.places`).
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent.parent
DEFAULT_SCENARIO = "fr-quartier.toml"


@lru_cache(maxsize=None)
def _folder(name: str) -> Path:
    inside = files(__name__) / name
    if inside.is_dir():
        # pygame, tomli and the log writer want real paths: an installed wheel and the bundle
        # both lay their files out on disk (a zipped install is not supported).
        return Path(str(inside))
    return REPOSITORY / name


def scenarios_dir() -> Path:
    """The folder of the shipped scenarios, one TOML file per territory."""
    return _folder("scenarios")


def assets_dir() -> Path:
    """The folder of fonts, icons, translations, templates and the scenario schema."""
    return _folder("assets")


def asset(*parts: str) -> Path:
    return assets_dir().joinpath(*parts)


def scenarios() -> list[Path]:
    """The shipped scenarios, the default first, then by file name."""
    return sorted(scenarios_dir().glob("*.toml"), key=lambda p: (p.name != DEFAULT_SCENARIO, p.name))
