"""The distribution's packages, beside pyproject.toml (which holds everything else).

`engine` and `game` with every sub-package are found by name, so a new sub-package needs no
edit here. The shipped files keep their place at the top of the repository and become package
data of `engine.shipped` in the distribution, where `importlib.resources` finds them; each of
their folders is named a package of data, so that setuptools takes it for what it is.
"""

import os

from setuptools import find_packages, setup

SHIPPED = {"engine.shipped.scenarios": "scenarios", "engine.shipped.assets": "assets"}


def data_packages() -> dict[str, str]:
    found = {}
    for package, folder in SHIPPED.items():
        for where, _, _ in os.walk(folder):
            inner = os.path.relpath(where, folder)
            name = package if inner == "." else ".".join([package, *inner.split(os.sep)])
            found[name] = where
    return found


DATA = data_packages()

setup(
    packages=find_packages(include=["engine", "engine.*", "game", "game.*"]) + sorted(DATA),
    package_dir=DATA,
    package_data={name: ["*"] for name in DATA},
)
