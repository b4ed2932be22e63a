"""Translations: gettext catalogues, one per language, under assets/i18n (game/catalogues.py).

The table reads the compiled `.mo` files with the standard library's `gettext`. In a checkout
where a `.po` is newer than its `.mo` (or the `.mo` was never built), the `.po` is read instead,
so that a translator's edit shows at once. A key missing from the chosen language falls back to
French, then to English, then to a neutral phrase: a raw key is never shown. Keys used while
drawing are remembered so that the tests can check each one exists in every complete language.
"""

from __future__ import annotations

import gettext
import os
import string
from functools import lru_cache

from engine.shipped import assets_dir

ASSETS = assets_dir()  # as game.fonts finds them, without importing its pygame

I18N_DIR = ASSETS / "i18n"
DOMAIN = "bve"
LANGUAGES = ("fr", "en", "pt")
COMPLETE = ("fr", "en", "pt")
PSEUDO = "qps"  # accented and 40 % longer, to see what would overflow (never offered to players)
DEFAULT = "fr"
FALLBACK = "en"  # for a scenario whose first language the table does not speak
USED: set[str] = set()


class _Missing(gettext.NullTranslations):
    """The end of a catalogue's fallbacks: says "no such key" instead of echoing it."""

    def gettext(self, message):
        return None


@lru_cache(maxsize=None)
def catalogue(lang: str) -> gettext.NullTranslations:
    mo = I18N_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    po = I18N_DIR / (FALLBACK if lang == PSEUDO else lang) / "LC_MESSAGES" / f"{DOMAIN}.po"
    found = None
    if po.exists() and (not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime):
        try:  # a checkout: the translator's latest words, compiled in memory
            from . import catalogues

            source = catalogues.pseudo_catalog(I18N_DIR) if lang == PSEUDO else catalogues.read(lang, I18N_DIR)
            found = gettext.GNUTranslations(_compiled(source))
        except ImportError:  # no Babel: the last compiled catalogue, if any
            pass
    if found is None and mo.exists():
        with mo.open("rb") as f:
            found = gettext.GNUTranslations(f)
    if found is None:
        if po.exists():  # a checkout never compiled, without Babel to read its sources
            import sys

            print(f"{po}: not compiled: run `make catalogues` (or pip install babel)", file=sys.stderr)
        found = gettext.NullTranslations()
    found.add_fallback(_Missing())
    return found


def _compiled(catalog):
    import io

    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return buffer


def lookup(lang: str, key: str) -> str | None:
    """The text of a key in one language's catalogue, or None."""
    return catalogue(lang).gettext(key)


def table(lang: str) -> dict[str, str]:
    """Every key and text of one language (for the tests and the checks)."""
    from . import catalogues

    if lang == PSEUDO:
        return {m.id: m.string for m in catalogues.pseudo_catalog(I18N_DIR) if m.id}
    return catalogues.messages(lang, I18N_DIR)


class _Params(dict):
    def __missing__(self, key: str) -> str:
        return "…"


def number(value: float, lang: str, digits: int = 0) -> str:
    """1 234,5 in French and Portuguese, 1,234.5 in English."""
    text = f"{value:,.{digits}f}"
    if lang in ("fr", "pt"):
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


CLASS = "class."  # class mode's own wording of a key: plain words for pupils and a teacher's help


class I18n:
    def __init__(self, lang: str = DEFAULT, classroom: bool = False) -> None:
        self.lang = lang if lang in LANGUAGES or lang == PSEUDO else DEFAULT
        self.classroom = classroom
        self._done: dict = {}

    def has(self, key: str) -> bool:
        return any(lookup(lang, key) is not None for lang in (self.lang, DEFAULT, "en"))

    def __call__(self, key: str, **params) -> str:
        try:
            memo = (key, tuple(params.items()))
            found = self._done.get(memo)
        except TypeError:  # a list among the parameters
            memo, found = None, None
        if found is not None:
            return found
        text = self._translate(key, params)
        if memo is not None:
            if len(self._done) > 20000:
                self._done.clear()
            self._done[memo] = text
        return text

    def _translate(self, key: str, params: dict) -> str:
        if params.get("n") == 1 and self.has(key + "_one"):
            key += "_one"  # the singular where a language has one ("1 famille")
        if self.classroom and not key.startswith(CLASS) and self.has(CLASS + key):
            key = CLASS + key
        USED.add(key)
        for lang in (self.lang, DEFAULT, "en"):
            text = lookup(lang, key)
            if text is not None:
                break
        else:
            text = lookup(self.lang, "misc.unknown") or lookup(DEFAULT, "misc.unknown") or "…"
        if params:
            formatted = {k: self.fmt(v) for k, v in params.items()}
            text = string.Formatter().vformat(text, (), _Params(formatted))
        return text

    def fmt(self, value) -> str:
        if isinstance(value, bool):
            return self("misc.yes" if value else "misc.no")
        if isinstance(value, float):
            return number(value, self.lang, 0 if abs(value) >= 100 or value == int(value) else 1)
        if isinstance(value, int):
            return number(value, self.lang)
        if isinstance(value, (list, tuple)):
            return ", ".join(self.fmt(v) for v in value)
        return str(value)

    def num(self, value: float, digits: int = 0) -> str:
        return number(value, self.lang, digits)

    def money(self, value: float, currency: str = "EUR") -> str:
        """An amount in a currency: the euro by its sign, others by their ISO code (1 500 CVE)."""
        if currency == "EUR":
            return self("unit.eur", value=self.num(value))
        return self("unit.money", value=self.num(value), currency=currency)

    def currency_sign(self, currency: str = "EUR") -> str:
        return "€" if currency == "EUR" else currency

    def language_name(self, code: str) -> str:
        """A language's name in this language: "portugais", "Portuguese"; its code when unknown."""
        key = f"lang.{code}"
        return self(key) if self.has(key) else code.upper()

    def next_language(self) -> str:
        if self.lang not in LANGUAGES:
            return LANGUAGES[0]
        return LANGUAGES[(LANGUAGES.index(self.lang) + 1) % len(LANGUAGES)]


def command_language(environ=None) -> str:
    """The command line's language: BVE_LANG, else the locale's as gettext reads it (LANGUAGE,
    LC_ALL, LC_MESSAGES, LANG: the first one set), else English."""
    environ = os.environ if environ is None else environ
    chosen = environ.get("BVE_LANG", "").strip().lower()
    if chosen in LANGUAGES or chosen == PSEUDO:
        return chosen
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            for part in value.split(":"):  # LANGUAGE may list several: pt_PT:en
                code = part.split(".")[0].split("_")[0].split("@")[0].lower()
                if code in LANGUAGES:
                    return code
            break
    return "en"


def engine_words(lang: str):
    """`say(key, params)` for the engine's own messages (engine/scenario/words.py): the key in
    this language's catalogue, else in English, else the engine's English."""
    from engine.scenario.words import english

    def say(key: str, params: dict) -> str:
        for code in (lang, "en"):
            text = lookup(code, key) if code in LANGUAGES or code == PSEUDO else None
            if text is not None:
                USED.add(key)
                return string.Formatter().vformat(text, (), _Params(params))
        return english(key, params)

    return say


def start_language(languages) -> str:
    """The scenario's first language when the table speaks it, else English."""
    first = languages[0] if languages else FALLBACK
    return first if first in LANGUAGES else FALLBACK


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}
