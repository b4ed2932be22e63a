"""`python -m game`, and the bundled app's entry: the `bve` command, the table when given none.

A facilitator double-clicks the app and gets the table; `bien-vivre-ensemble simulate ...` in a
terminal does what `bve simulate ...` does.
"""

import sys

from game.cli import main  # absolute: PyInstaller runs this file as a script


def run(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    return main(argv or ["play"])


if __name__ == "__main__":
    sys.exit(run())
