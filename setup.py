"""The distribution's packages, beside pyproject.toml (which holds everything else).

`engine` and `game` with every sub-package are found by name, so a new sub-package needs no
edit here. The shipped files keep their place at the top of the repository and become package
data of `engine.shipped` in the distribution, where `importlib.resources` finds them; each of
their folders is named a package of data, so that setuptools takes it for what it is.

The translations ship compiled: the build turns each gettext `.po` into its `.mo` (with Babel,
a build requirement) and leaves the `.po` out; an editable install reads them from the checkout.
"""

import os
import sys
from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

SHIPPED = {"engine.shipped.scenarios": "scenarios", "engine.shipped.assets": "assets"}


def data_packages() -> dict[str, str]:
    found = {}
    for package, folder in SHIPPED.items():
        for where, _, _ in os.walk(folder):
            inner = os.path.relpath(where, folder)
            name = package if inner == "." else ".".join([package, *inner.split(os.sep)])
            found[name] = where
    return found


class build_with_catalogues(build_py):
    def run(self):
        super().run()
        if not self.editable_mode:
            from game.catalogues import compile_all

            compile_all(out=Path(self.build_lib, "engine", "shipped", "assets", "i18n"), with_pseudo=False)


DATA = data_packages()

setup(
    packages=find_packages(include=["engine", "engine.*", "game", "game.*"]) + sorted(DATA),
    package_dir=DATA,
    package_data={name: ["*"] for name in DATA},
    exclude_package_data={name: ["*.po", "*.mo"] for name in DATA},
    cmdclass={"build_py": build_with_catalogues},
)
