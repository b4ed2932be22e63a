"""LIX readability (Björnsson): words per sentence + the percentage of words longer than six
letters. Under 30 is very easy, 30–40 easy (children's books), 40–50 standard, over 50 hard.

A table text is short: each one ends a sentence even without a full stop, and placeholders
({name}) and numbers are not words."""

from __future__ import annotations

import re

WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
PLACEHOLDER = re.compile(r"\{[^}]*\}")
STOPS = re.compile(r"[.!?:;]+(?:\s|$)")


def counts(text: str) -> tuple[int, int, int]:
    """(words, sentences, long words) of one text."""
    text = PLACEHOLDER.sub(" ", text)
    words = WORD.findall(text)
    if not words:
        return 0, 0, 0
    sentences = max(1, len([s for s in STOPS.split(text) if WORD.search(s)]))
    long = sum(1 for w in words if len(w.replace("'", "").replace("’", "").replace("-", "")) > 6)
    return len(words), sentences, long


def lix(texts) -> float:
    """The LIX of a body of texts taken together."""
    words = sentences = long = 0
    for text in ([texts] if isinstance(texts, str) else texts):
        w, s, lw = counts(text)
        words, sentences, long = words + w, sentences + s, long + lw
    if not words:
        return 0.0
    return words / sentences + 100 * long / words
