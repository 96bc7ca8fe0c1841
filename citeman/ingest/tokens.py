"""Splitting a reference string into the tokens the labeller tags.

Tokens are whitespace-separated words that keep their punctuation, as in AnyStyle's
training data: ``"(2019)."`` is one token whose features say "four digits inside
parentheses followed by a full stop". Every token remembers its character offsets so a
labelled run of tokens maps back to the exact substring of the input.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_WORD = re.compile(r"\S+")


class Token(NamedTuple):
    """One whitespace-delimited word of a reference and where it sits in the string."""

    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Return the whitespace-delimited tokens of ``text`` with their offsets."""
    return [Token(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]
