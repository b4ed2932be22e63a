"""The translators' catalogues: gettext `.po` files compiled to `.mo`, checked, and a pseudo-language.

The sources are `assets/i18n/<lang>/LC_MESSAGES/bve.po` (any gettext tool opens them: Poedit,
Weblate, Lokalize). A message id is a stable key (`bar.undo`), its text the translation; the
English and Portuguese catalogues carry the French text as a comment, for the translator. The
`.mo` files are built, never committed: by `make` in a checkout, by setup.py into the wheel and by
the PyInstaller spec into the app; the table reads them with the standard library's `gettext`.

`qps` is a pseudo-language made from English: accented and 40 % longer, between brackets, so
that what a translation would cut or overflow shows on screen before a translator meets it.

    python -m game.catalogues compile [--out DIR]   # .po -> .mo (and the pseudo-language)
    python -m game.catalogues check                 # keys missing from or unused by the code

This module needs Babel (a build and development tool) and imports nothing of the game's, so
that setup.py and the spec can use it before anything is installed.
"""

from __future__ import annotations

import argparse
import ast
import io
import math
import re
import string
import sys
from pathlib import Path

DOMAIN = "bve"
LANGUAGES = ("fr", "en", "pt")
PSEUDO = "qps"
SOURCE_LANGUAGE = "fr"
ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = ROOT / "assets" / "i18n"
CODE_DIRS = ("game", "engine")
PLURALS = {"fr": "nplurals=2; plural=(n > 1);", "en": "nplurals=2; plural=(n != 1);",
           "pt": "nplurals=2; plural=(n != 1);", PSEUDO: "nplurals=2; plural=(n != 1);"}


def po_path(lang: str, folder: Path = SOURCE_DIR) -> Path:
    return folder / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str, folder: Path = SOURCE_DIR) -> Path:
    return folder / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


def read(lang: str, folder: Path = SOURCE_DIR):
    from babel.messages.pofile import read_po

    with po_path(lang, folder).open("rb") as f:
        return read_po(f, locale=None, domain=DOMAIN)


def messages(lang: str, folder: Path = SOURCE_DIR) -> dict[str, str]:
    """Key -> text of one language's catalogue (untranslated entries left out)."""
    return {m.id: m.string for m in read(lang, folder) if m.id and m.string}


# -- the pseudo-language -----------------------------------------------------------------------
ACCENTED = str.maketrans("aAcCeEiInNoOuUyYsSzZgGlLrRwW",
                         "åÅçÇéÉîÎñÑöÖûÛýÝšŠžŽĝĜĺĹŕŔŵŴ")
FILLER = "ĺöŕéɱ îþšûɱ ðöĺöŕ šîţ åɱéţ çöñšéçţéţûŕ åðîþîšçîñĝ éĺîţ "
FIELD = re.compile(r"(\{[^{}]*\})")


def pseudo(text: str) -> str:
    """Accented, 40 % longer (counted without the placeholders), placeholders kept as they are.
    A symbol of three letters or fewer (a mark's letter, a unit) is only accented: a translation
    keeps it as short."""
    parts = FIELD.split(text)
    accented = "".join(p if FIELD.fullmatch(p) else p.translate(ACCENTED) for p in parts)
    letters = sum(len(p) for p in parts if not FIELD.fullmatch(p))
    if letters <= 3:
        return accented
    extra = max(2, math.ceil(letters * 0.4)) - 2  # the brackets count in the 40 %
    pad = (FILLER * (extra // len(FILLER) + 1))[:extra]
    return f"[{accented}{' ' if pad else ''}{pad.rstrip()}]" if pad else f"[{accented}]"


# -- compiling ------------------------------------------------------------------------------------
def _write_mo(catalog, path: Path) -> None:
    from babel.messages.mofile import write_mo

    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    tmp = path.with_suffix(f".mo.{id(buffer)}.tmp")  # written whole, then renamed: readers never see half
    tmp.write_bytes(buffer.getvalue())
    tmp.replace(path)


def pseudo_catalog(folder: Path = SOURCE_DIR):
    from babel.messages.catalog import Catalog

    catalog = Catalog(locale=None, domain=DOMAIN, charset="utf-8")
    catalog.language_team = "pseudo-language"
    for m in read("en", folder):
        if m.id and m.string:
            catalog.add(m.id, pseudo(m.string))
    return catalog


def compile_all(source: Path = SOURCE_DIR, out: Path | None = None, with_pseudo: bool = True) -> list[Path]:
    """Every catalogue's `.mo`, and the pseudo-language's, under `out` (default: beside the `.po`).
    What ships (the wheel, the app) goes without the pseudo-language, a translator's tool."""
    out = source if out is None else out
    written = []
    for lang in LANGUAGES:
        _write_mo(read(lang, source), mo_path(lang, out))
        written.append(mo_path(lang, out))
    if with_pseudo:
        _write_mo(pseudo_catalog(source), mo_path(PSEUDO, out))
        written.append(mo_path(PSEUDO, out))
    return written


def stale(source: Path = SOURCE_DIR) -> bool:
    """Whether a `.mo` beside the sources is missing or older than a `.po` it is made from."""
    newest = max(po_path(lang, source).stat().st_mtime for lang in LANGUAGES)
    for lang in (*LANGUAGES, PSEUDO):
        mo = mo_path(lang, source)
        if not mo.exists() or mo.stat().st_mtime < newest:
            return True
    return False


# -- missing and unused keys ----------------------------------------------------------------------
KEY = re.compile(r"^[a-z_]+\.[A-Za-z0-9_./-]+$")
PREFIX = re.compile(r"[a-z_]+\.[a-z0-9_./-]*")


class _Strings(ast.NodeVisitor):
    """The string constants of the code, the f-string prefixes that build keys (`phase.{x}`) and
    the keys asked for by name (the first argument of `t(...)`, `….t(...)`, `….has(...)`)."""

    def __init__(self) -> None:
        self.constants: set[str] = set()
        self.prefixes: set[str] = set()
        self.asked: dict[str, str] = {}
        self.where = ""

    def visit_Constant(self, node) -> None:
        if isinstance(node.value, str):
            self.constants.add(node.value)
            if PREFIX.fullmatch(node.value) and node.value.endswith("."):
                self.prefixes.add(node.value)  # a namespace joined to a value: "phase." + name

    def visit_BinOp(self, node) -> None:
        if isinstance(node.op, ast.Add) and isinstance(node.left, ast.Constant) and isinstance(node.left.value, str):
            if PREFIX.fullmatch(node.left.value):
                self.prefixes.add(node.left.value)  # "form.act_" + state
        self.generic_visit(node)

    def visit_JoinedStr(self, node) -> None:
        if node.values and isinstance(node.values[0], ast.Constant) and isinstance(node.values[0].value, str):
            head = node.values[0].value
            if PREFIX.fullmatch(head):
                self.prefixes.add(head)
        self.generic_visit(node)

    def visit_Call(self, node) -> None:
        f = node.func
        name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
        if name in ("t", "has") and node.args and isinstance(node.args[0], ast.Constant):
            value = node.args[0].value
            if isinstance(value, str) and KEY.match(value):
                self.asked.setdefault(value, f"{self.where}:{node.lineno}")
        self.generic_visit(node)


def code_strings(root: Path = ROOT) -> _Strings:
    found = _Strings()
    for folder in CODE_DIRS:
        for path in sorted((root / folder).rglob("*.py")):
            found.where = str(path.relative_to(root))
            found.visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
    return found


def _built(key: str, found: _Strings) -> bool:
    """A key the code builds from a prefix and a value: `phase.` + a phase's name, `footprint.` + a
    digit, `rejected.` + one of the engine's codes."""
    for prefix in found.prefixes:
        if key.startswith(prefix):
            rest = key[len(prefix):]
            if rest.isdigit() or rest in found.constants:
                return True
    return False


def used(key: str, found: _Strings) -> bool:
    # "class." + a key is class mode's wording of that key (game/i18n.py): used where the key is
    key = key.removeprefix("class.") if key.startswith("class.") and key.count(".") > 1 else key
    for base in (key, key.removesuffix("_one"), key.removesuffix("_def")):
        if base in found.constants or _built(base, found):
            return True
    return False


def report(source: Path = SOURCE_DIR, root: Path = ROOT) -> dict[str, list[str]]:
    """What the catalogues lack and what they hold for nothing, in words a translator can act on."""
    found = code_strings(root)
    catalogues = {lang: messages(lang, source) for lang in LANGUAGES}
    reference = catalogues[SOURCE_LANGUAGE]
    fields = string.Formatter()

    def names(text: str) -> set[str]:
        return {n for _, n, _, _ in fields.parse(text) if n}

    problems: dict[str, list[str]] = {"missing": [], "unused": [], "placeholders": []}
    for key, where in sorted(found.asked.items()):
        if key not in reference:
            problems["missing"].append(f"{key}: asked for at {where}, in no catalogue")
    for lang, table in catalogues.items():
        for key in sorted(set(reference) - set(table)):
            problems["missing"].append(f"{key}: not translated in {lang}")
        for key in sorted(set(table) - set(reference)):
            problems["unused"].append(f"{key}: in {lang} only, not in {SOURCE_LANGUAGE}")
        for key in sorted(set(table) & set(reference)):
            if names(table[key]) != names(reference[key]):
                problems["placeholders"].append(f"{key}: {lang} has {sorted(names(table[key]))}, "
                                                f"{SOURCE_LANGUAGE} {sorted(names(reference[key]))}")
    for key in sorted(reference):
        if not used(key, found):
            problems["unused"].append(f"{key}: in the catalogues, used nowhere in the code")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m game.catalogues", description=__doc__.split("\n")[0])
    steps = parser.add_subparsers(dest="step", required=True)
    p = steps.add_parser("compile", help="compile the .po catalogues to .mo")
    p.add_argument("--out", type=Path, help="the folder of the compiled catalogues (default: beside the .po)")
    p.add_argument("--if-stale", action="store_true", help="only when a .mo is missing or older than a .po")
    steps.add_parser("check", help="list the keys missing from the catalogues and those the code never uses")
    args = parser.parse_args(argv)
    if args.step == "compile":
        if args.if_stale and args.out is None and not stale():
            return 0
        for path in compile_all(out=args.out):
            print(f"compiled {path}")
        return 0
    problems = report()
    for kind, lines in problems.items():
        for line in lines:
            print(f"{kind}: {line}")
    total = sum(map(len, problems.values()))
    print(f"{total} problem(s) in the catalogues" if total else "the catalogues are complete, every key is used")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
