"""Page furniture and Markdown markup: what a reference list carries that is not reference text.

Papers reach citeman as text converted from PDF or web pages. Their reference lists hold
running headers and footers repeated on every page (the paper's title, the author's
name), page numbers, and Markdown markup (emphasis, backslash escapes, ``<...>``
autolinks, ``[text](url)`` links, ``<sup>`` tags). This module recognises the furniture
lines of a whole document and strips markup from one reference, keeping every URL and
every word of the text itself.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Sequence

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
_ESCAPE = re.compile(r"\\+([!-/:-@\[-`{-~])")
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*)?(?:page\s+|p\.\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?(?:\s*[-–—])?\s*$"
    r"|^\s*\d{1,4}\s*\|\s*p\s*a\s*g\s*e\s*$",
    re.I,
)
_HRULE = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,}|(?:=\s*){3,})$")
_NOTE_WORDS = re.compile(r"^(?:ibid|id\.|op\.\s*cit|loc\.\s*cit)", re.I)

# Markup inside one reference.
_LINK = re.compile(
    r"\[((?:[^\[\]\\]|\\.)*)\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))*)>?(?:\s+\"[^\"]*\")?\s*\)"
)
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^<>\s]*|www\.[^<>\s]+|mailto:[^<>\s]+|doi:[^<>\s]+)>", re.I)
_BARE_URL = re.compile(r"(?:https?|ftp)://[^\s<>]+|\bwww\.[^\s<>]+", re.I)
_ANY_LINK = re.compile(f"{_LINK.pattern}|{_AUTOLINK.pattern}|{_BARE_URL.pattern}", re.I)
_URL_LIKE = re.compile(r"^(?:(?:https?|ftp)://|www\.|doi:|mailto:)", re.I)
_HTML_TAG = re.compile(
    r"</?(?:sup|sub|span|em|i|b|strong|u|br|small|big|font|mark|del|ins|s|a|p|div|cite|q)\b[^<>]*>",
    re.I,
)
# Emphasis delimiters; longer runs ("__________." for a repeated author) are text.
_UNDERSCORE_OPEN = re.compile(r"(?<![\w\\_])_{1,3}(?=[^\s_])")
_UNDERSCORE_CLOSE = re.compile(r"(?<=[^\s_\\])_{1,3}(?![\w_])")
_STAR = re.compile(r"(?<![\\*])\*{1,3}(?!\*)")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});", re.I)


def line_key(line: str) -> str:
    """A line reduced to what identifies it as a running header: no markup, case or numbers."""
    text = _HEADING_HASHES.sub("", line)
    text = _ESCAPE.sub(r"\1", text)
    text = _DECORATION.sub("", text)
    text = _DIGITS.sub("#", text)
    return _SPACES.sub(" ", text).strip().lower()


def heading_level(line: str) -> int:
    """The ATX heading level of ``line`` (1-6), or 0 when it is not a ``#`` heading."""
    match = re.match(r"^\s{0,3}(#{1,6})(?:\s|$)", line)
    return len(match.group(1)) if match else 0


def is_whole_line_emphasis(line: str) -> bool:
    """True for a line that is entirely wrapped in ``*``/``_`` emphasis (``***Naeem Usman***``)."""
    text = _HEADING_HASHES.sub("", line).strip()
    if len(text) < 3:
        return False
    for mark in ("*", "_"):
        if text.startswith(mark) and text.endswith(mark) and text.strip(mark).strip():
            return True
    return False


def is_page_number(line: str) -> bool:
    """A line holding only a page number (``12``, ``- 12 -``, ``Page 3 of 20``, ``4 | P a g e``)."""
    return bool(_PAGE_NUMBER.match(line))


def is_rule(line: str) -> bool:
    """A Markdown thematic break or underline (``---``, ``***``, ``===``)."""
    return bool(_HRULE.match(line))


def _short(line: str) -> bool:
    text = line.strip()
    return 0 < len(text) <= MAX_FURNITURE_CHARS and len(text.split()) <= MAX_FURNITURE_WORDS


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


def _unescape(text: str) -> str:
    return _ESCAPE.sub(r"\1", text)


def _clean_prose(text: str) -> str:
    """Markup removal for text that holds no URL."""
    text = _HTML_TAG.sub(lambda m: " " if m.group(0).lower().startswith("<br") else "", text)
    text = _STAR.sub("", text)
    text = _UNDERSCORE_OPEN.sub("", text)
    text = _UNDERSCORE_CLOSE.sub("", text)
    text = _unescape(text)
    if "&" in text:
        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    return text


def _link_text(label: str, target: str) -> str:
    """What a ``[label](target)`` link contributes: the URL, and the label when it adds words."""
    target = _unescape(target.strip())
    shown = _clean_prose(label).strip()
    if not target:
        return shown
    if not shown or shown == target or _URL_LIKE.match(shown) and _same_url(shown, target):
        return target
    return f"{shown} {target}"


def _same_url(a: str, b: str) -> bool:
    def bare(url: str) -> str:
        return re.sub(r"^(?:https?://)?(?:www\.)?", "", url.lower()).rstrip("/")

    return bare(a) == bare(b)


def _segments(text: str) -> list[tuple[bool, str]]:
    """Split ``text`` into (is_url, piece) pieces, resolving link syntax into plain URLs."""
    pieces: list[tuple[bool, str]] = []
    pos = 0
    for match in _ANY_LINK.finditer(text):
        if match.start() > pos:
            pieces.append((False, text[pos:match.start()]))
        whole = match.group(0)
        if whole.startswith("["):
            pieces.append((True, _link_text(match.group(1), match.group(2))))
        elif whole.startswith("<"):
            pieces.append((True, match.group(3)))
        else:
            # Emphasis closing right after a bare URL belongs to the text, not the URL.
            url = whole
            while url[-1:] in ("*", "_") and not url[:-1].endswith("\\"):
                url = url[:-1]
            pieces.append((True, _unescape(url)))
            if len(url) < len(whole):
                pieces.append((False, whole[len(url):]))
        pos = match.end()
    if pos < len(text):
        pieces.append((False, text[pos:]))
    return pieces


def clean_markup(text: str) -> str:
    """Plain reference text: no emphasis, escapes, tags or link syntax; URLs kept whole.

    >>> clean_markup(r"Fair, C. (2008). *Asia*, 16(1). <https://doi.org/10.1/x\\_y>")
    'Fair, C. (2008). Asia, 16(1). https://doi.org/10.1/x\\\\_y'
    >>> clean_markup("[http://a.org/Dr.\\\\_S.pdf](http://a.org/Dr._S.pdf)")
    'http://a.org/Dr._S.pdf'
    """
    out = [piece if is_url else _clean_prose(piece) for is_url, piece in _segments(text)]
    return _SPACES.sub(" ", "".join(out)).strip()


def emphasised_spans(text: str) -> list[str]:
    """The cleaned texts of ``*...*``/``_..._`` spans in ``text`` (italics mark titles in APA).

    Spans separated only by white space are one span: converters close and reopen
    emphasis at line and page breaks.
    """
    found: list[list[int]] = []
    pattern = r"(?<![\\*\w])(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)(?<!\\)\1(?![*\w])"
    for match in re.finditer(pattern, text, re.S):
        if found and not text[found[-1][1]:match.start()].strip():
            found[-1][1] = match.end()
        else:
            found.append([match.start(), match.end()])
    spans = []
    for start, end in found:
        cleaned = clean_markup(text[start:end])
        if cleaned:
            spans.append(cleaned)
    return spans
