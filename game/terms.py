"""The words of a glossary as they appear in running text: the forms that mark a term on the
table (class mode) and pick the words a report uses for its glossary."""

from __future__ import annotations

import re
import unicodedata

LEAST = 4  # shorter words ("t", "CO2" aside) would be found everywhere


def fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def match_words(term: str) -> list[str]:
    """The forms of a term found in text: the term without its parenthesised abbreviation, and
    the abbreviation when it is long enough ("Hectare global (hag)" → "Hectare global")."""
    words = []
    base = re.sub(r"\s*\([^)]*\)", "", term).strip()
    if len(base) >= LEAST or base.upper() == base and len(base) >= 3:
        words.append(base)
    for inner in re.findall(r"\(([^)]*)\)", term):
        if len(inner) >= LEAST:
            words.append(inner)
    return words


def pattern(forms) -> re.Pattern | None:
    """One expression for all the forms, the longest first ("bien commun" before "bien")."""
    alternatives = sorted(set(forms), key=len, reverse=True)
    if not alternatives:
        return None
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(f) for f in alternatives) + r")(?!\w)")


def terms_used(entries: list[tuple[str, str]], texts) -> list[tuple[str, str]]:
    """The (term, definition) entries whose words appear in the texts, in the glossary's order."""
    forms = {fold(w): i for i, (term, _) in enumerate(entries) for w in match_words(term)}
    found_in = pattern(forms)
    if found_in is None:
        return []
    used = {forms[m.group(1)] for text in texts for m in found_in.finditer(fold(text))}
    return [e for i, e in enumerate(entries) if i in used]
