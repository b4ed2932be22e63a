"""Translations: one flat JSON file per language in assets/i18n, French first.

A key missing from the chosen language falls back to French, then to English, then to a
neutral phrase: a raw key is never shown. Keys used while drawing are remembered so that the
tests can check each one exists in every complete language.
"""

from __future__ import annotations

import json
import string
from functools import lru_cache

from engine.shipped import assets_dir

ASSETS = assets_dir()  # as game.fonts finds them, without importing its pygame

I18N_DIR = ASSETS / "i18n"
LANGUAGES = ("fr", "en", "pt")
COMPLETE = ("fr", "en", "pt")
DEFAULT = "fr"
FALLBACK = "en"  # for a scenario whose first language the table does not speak
USED: set[str] = set()


@lru_cache(maxsize=None)
def table(lang: str) -> dict[str, str]:
    path = I18N_DIR / f"{lang}.json"
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


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
        self.lang = lang if lang in LANGUAGES else DEFAULT
        self.classroom = classroom
        self._done: dict = {}

    def has(self, key: str) -> bool:
        return any(key in table(lang) for lang in (self.lang, DEFAULT, "en"))

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
            text = table(lang).get(key)
            if text is not None:
                break
        else:
            text = table(self.lang).get("misc.unknown") or table(DEFAULT)["misc.unknown"]
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

    def next_language(self) -> str:
        return LANGUAGES[(LANGUAGES.index(self.lang) + 1) % len(LANGUAGES)]


def start_language(languages) -> str:
    """The scenario's first language when the table speaks it, else English."""
    first = languages[0] if languages else FALLBACK
    return first if first in LANGUAGES else FALLBACK


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}
