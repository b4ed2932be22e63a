"""The engine's rooms: a lower room never imports a higher one, and the engine never imports the game.

Read from the source with `ast`, so that an import hidden inside a function counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ENGINE = Path(__file__).resolve().parent.parent / "engine"

# What each room may import from the rest of the engine (besides itself).
ALLOWED = {
    "scenario": {"engine.shipped"},
    "shipped": set(),
}
# Rooms nothing in the model (engine's own top-level modules) may import.
ABOVE_THE_MODEL = ("engine.log", "engine.network", "engine.balance", "engine.batch")
# Top-level modules that drive whole sessions and so sit above the log (`bve simulate` writes
# one); nothing in the model imports them.
DRIVERS = ("simulate",)


def imports_of(path: Path) -> set[str]:
    """Every absolute module name the file imports, relative imports resolved."""
    package = ".".join(("engine",) + path.relative_to(ENGINE).parent.parts)
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def engine_imports(path: Path) -> set[str]:
    # `from .. import shipped` names the bare package too; its empty __init__ is no room
    return {name for name in imports_of(path) if name.startswith("engine.")}


def room_files(room: str) -> list[Path]:
    return sorted((ENGINE / room).glob("*.py"))


@pytest.mark.parametrize("room", sorted(ALLOWED))
def test_a_low_room_imports_only_itself_and_what_it_is_allowed(room):
    own = f"engine.{room}"
    for path in room_files(room):
        for name in engine_imports(path):
            inside = name == own or name.startswith(own + ".")
            allowed = any(name == a or name.startswith(a + ".") for a in ALLOWED[room])
            assert inside or allowed, f"{path.relative_to(ENGINE.parent)} imports {name}"


def test_the_model_never_imports_the_rooms_above_it():
    above = ABOVE_THE_MODEL + tuple(f"engine.{d}" for d in DRIVERS)
    for path in sorted(ENGINE.glob("*.py")):
        if path.stem in DRIVERS:
            continue
        for name in engine_imports(path):
            assert not name.startswith(above), f"{path.relative_to(ENGINE.parent)} imports {name}"


def test_the_engine_never_imports_the_game_or_pygame():
    for path in sorted(ENGINE.rglob("*.py")):
        for name in imports_of(path):
            top = name.split(".")[0]
            assert top not in ("game", "pygame"), f"{path.relative_to(ENGINE.parent)} imports {name}"


def test_the_import_reader_sees_relative_imports():
    # the checks above would pass on nothing if relative imports were missed
    found = engine_imports(ENGINE / "scenario" / "model.py")
    assert "engine.scenario.catalogue" in found
    assert "engine.scenario.format.Strict" in found
    assert "engine.shipped" in engine_imports(ENGINE / "scenario" / "authoring.py")


# Rooms above the model, side by side or one above the other: the network reads logs; the log,
# the balance explorer and the batch of bot sessions know nothing of each other or of the network.
FORBIDDEN = {"log": ("engine.network", "engine.balance", "engine.batch"),
             "balance": ("engine.log", "engine.network", "engine.batch"),
             "batch": ("engine.log", "engine.network", "engine.balance")}


@pytest.mark.parametrize("room", sorted(FORBIDDEN))
def test_rooms_above_the_model_keep_their_order(room):
    for path in room_files(room):
        for name in engine_imports(path):
            assert not name.startswith(FORBIDDEN[room]), f"{path.relative_to(ENGINE.parent)} imports {name}"
