"""Page furniture: the lines a reference list carries that are not reference text.

Papers reach citeman as text converted from PDF or web pages. Their reference lists hold
running headers and footers repeated on every page (the paper's title, the author's
name) and page numbers. This module recognises the furniture lines of a whole document;
:mod:`citeman.paper.markup` strips the markup from what is left.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from citeman.paper.headings import heading_level
from citeman.paper.markup import unescape

# A line that repeats this often across a document is a running header or footer.
REPEATS_FOR_FURNITURE = 3
# Running headers are short; a long repeated line is more likely real text.
MAX_FURNITURE_WORDS = 14
MAX_FURNITURE_CHARS = 120
# The title block of a paper (title, author, affiliation) sits in its first lines.
FRONT_MATTER_LINES = 12

_HEADING_HASHES = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)")
_DECORATION = re.compile(r"^[\s*_#>|]+|[\s*_#|]+$")
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")


def line_key(line: str) -> str:
    """A line reduced to what identifies it as a running header: no markup, case or numbers."""
    text = _HEADING_HASHES.sub("", line)
    text = unescape(text)
    text = _DECORATION.sub("", text)
    text = _DIGITS.sub("#", text)
    return _SPACES.sub(" ", text).strip().lower()


def is_whole_line_emphasis(line: str) -> bool:
    """True for a line that is entirely wrapped in ``*``/``_`` emphasis (``***Naeem Usman***``)."""
    text = _HEADING_HASHES.sub("", line).strip()
    if len(text) < 3:
        return False
    for mark in ("*", "_"):
        if text.startswith(mark) and text.endswith(mark) and text.strip(mark).strip():
            return True
    return False


_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*)?(?:page\s+|p\.\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?(?:\s*[-–—])?\s*$"
    r"|^\s*\d{1,4}\s*\|\s*p\s*a\s*g\s*e\s*$",
    re.I,
)


def is_page_number(line: str) -> bool:
    """A line holding only a page number (``12``, ``- 12 -``, ``Page 3 of 20``, ``4 | P a g e``)."""
    return bool(_PAGE_NUMBER.match(line))


_HRULE = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,}|(?:=\s*){3,})$")


def is_rule(line: str) -> bool:
    """A Markdown thematic break or underline (``---``, ``***``, ``===``)."""
    return bool(_HRULE.match(line))


def _short(line: str) -> bool:
    text = line.strip()
    return 0 < len(text) <= MAX_FURNITURE_CHARS and len(text.split()) <= MAX_FURNITURE_WORDS


_NOTE_WORDS = re.compile(r"^(?:ibid|id\.|op\.\s*cit|loc\.\s*cit)", re.I)


def find_furniture(lines: Sequence[str], protected: set[str] = frozenset()) -> set[int]:
    """0-based indices of running headers and footers anywhere in ``lines``.

    A line is furniture when its :func:`line_key` repeats :data:`REPEATS_FOR_FURNITURE`
    times or more (a header printed on every page), or when it is emphasised or a heading
    and repeats a line of the paper's title block (``***Naeem Usman***`` deep inside the
    reference list echoing the byline). Keys listed in ``protected`` (section names such
    as "references") are never furniture.
    """
    keys = [line_key(line) for line in lines]
    usable = [bool(k) and k not in protected and _short(line) and not _NOTE_WORDS.match(k)
              and any(ch.isalpha() for ch in k) for k, line in zip(keys, lines)]
    counts = Counter(k for k, ok in zip(keys, usable) if ok)
    front: dict[str, int] = {}
    seen = 0
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > FRONT_MATTER_LINES:
            break
        key = keys[index]
        if usable[index] and (len(key.split()) >= 2 or len(key) >= 6):
            front.setdefault(key, index)
    furniture: set[int] = set()
    for index, (key, line) in enumerate(zip(keys, lines)):
        if not usable[index]:
            continue
        if counts[key] >= REPEATS_FOR_FURNITURE:
            furniture.add(index)
        elif (key in front and index > front[key]
              and (is_whole_line_emphasis(line) or heading_level(line))):
            furniture.add(index)
    return furniture
