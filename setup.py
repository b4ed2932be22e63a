"""The distribution's packages, beside pyproject.toml (which holds everything else).

`engine` and `game` with every sub-package are found by name, so a new sub-package needs no
edit here. The shipped files keep their place at the top of the repository and become package
data of `engine.shipped` in the distribution, where `importlib.resources` finds them.
"""

from setuptools import find_packages, setup

SHIPPED = {"engine.shipped.scenarios": "scenarios", "engine.shipped.assets": "assets"}

setup(
    packages=find_packages(include=["engine", "engine.*", "game", "game.*"]) + list(SHIPPED),
    package_dir=SHIPPED,
)
