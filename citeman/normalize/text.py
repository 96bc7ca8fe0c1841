"""Separators and brackets around a span of text, shared by every other normaliser."""

from __future__ import annotations

import re

# What separates one part of a reference from the next ("Title, ", "Place: ").
TRAILING = " \t,;:/"
QUOTES = "\"“”‘’«»„'`"
# A full stop that belongs to the last word: an initial or a common abbreviation.
_KEEP_FULL_STOP = re.compile(r"(?:\b[A-Z]|\b(?:al|ed|eds|etc|Co|Inc|Ltd|Jr|St|vs|Bros))\.$")


def strip_unbalanced(value: str, open_ch: str, close_ch: str) -> str:
    """Drop closing brackets at the end (and opening ones at the start) that pair with nothing."""
    while value.endswith(close_ch) and value.count(close_ch) > value.count(open_ch):
        value = value[:-1]
    while value.startswith(open_ch) and value.count(open_ch) > value.count(close_ch):
        value = value[1:]
    return value


def clean_span(value: str) -> str:
    """Drop punctuation that separates a span from its neighbours, and enclosing brackets."""
    value = " ".join(value.split()).strip(TRAILING)
    for _ in range(3):
        before = value
        if value.endswith(".") and not _KEEP_FULL_STOP.search(value):
            value = value[:-1]
        value = value.strip(TRAILING)
        if len(value) > 1 and value[0] in "([" and value[-1] in ")]" and value.count(value[0]) == 1:
            value = value[1:-1]
        for o, c in ("()", "[]"):
            value = strip_unbalanced(value, o, c)
        value = value.strip(TRAILING)
        if value == before:
            break
    return value
