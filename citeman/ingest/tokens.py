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
# Vancouver-style "2014;40(9):1477-81." glues date, volume and pages together.
_GLUE = re.compile(r"(?<=[;:])(?=[\d(])")
# A year or a day ("2015 May 28;521(7553):436-44.") directly followed by ";volume".
_VANCOUVER = re.compile(r"^(?:(?:1[5-9]|20)\d\d[a-z]?|\d{1,2});\S")


class Token(NamedTuple):
    """One whitespace-delimited word of a reference and where it sits in the string."""

    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Return the whitespace-delimited tokens of ``text`` with their offsets.

    A Vancouver-style ``2014;40(9):1477-81.`` is split after each ``;``/``:`` that is
    followed by a digit.
    """
    tokens: list[Token] = []
    for m in _WORD.finditer(text):
        word, start = m.group(), m.start()
        if _VANCOUVER.match(word) and "/" not in word:
            pieces = _GLUE.split(word)
            if len(pieces) > 1:
                for piece in pieces:
                    tokens.append(Token(piece, start, start + len(piece)))
                    start += len(piece)
                continue
        tokens.append(Token(word, start, m.end()))
    return tokens
