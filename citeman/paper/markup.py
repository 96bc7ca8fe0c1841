"""Removing Markdown and HTML markup from paper text, for the three readers that need it.

Papers reach citeman as text converted from PDF or web pages, with Markdown emphasis,
backslash escapes, ``<...>`` autolinks, ``[text](url)`` links and ``<sup>`` tags. What
must survive depends on the reader, so there are three strippers here and no others:

- :func:`clean_markdown` gives the plain prose of a sentence or heading: link targets
  and every emphasis mark go and white space is collapsed (citations, section names).
- :func:`clean_markup` gives the plain text of one reference: every URL and every word
  is kept, only emphasis delimiters, escapes, tags and link syntax go (reference lists).
- :func:`clean_line` gives one line of a document for metadata rules: a heading's
  ``#`` and ``<sup>`` notes go, the line keeps its leading white space.
"""

from __future__ import annotations

import html
import re

_SPACES = re.compile(r"\s+")
_ESCAPE = re.compile(r"\\+([!-/:-@\[-`{-~])")

# ---------------------------------------------------------------------------
# Prose

# Links keep their text (an autolink its address); tags go. In this order: a tag
# pattern would also eat an autolink.
_PROSE_LINKS_AND_TAGS = (
    (re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)"), r"\1"),
    (re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>"), r"\1"),
    (re.compile(r"</?[A-Za-z][^<>\n]*>"), ""),
)
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$|>~])")
_MD_EMPHASIS = re.compile(r"\*+|(?<![\w\\])_+|_+(?![\w])")


def clean_markdown(text: str) -> str:
    """Return ``text`` without Markdown/HTML markup, escapes and extra whitespace."""
    for pattern, replacement in _PROSE_LINKS_AND_TAGS:
        text = pattern.sub(replacement, text)
    # Escaped characters are literal: hide them from the emphasis pass.
    escaped: list[str] = []

    def hide(match: re.Match) -> str:
        escaped.append(match.group(1))
        return f"\ue000{len(escaped) - 1}\ue001"

    text = _MD_ESCAPE.sub(hide, text)
    text = _MD_EMPHASIS.sub("", text)
    text = re.sub(
        "\ue000(\\d+)\ue001",
        lambda m: escaped[int(m.group(1))] if int(m.group(1)) < len(escaped) else m.group(0),
        text,
    )
    return _SPACES.sub(" ", text).strip()


# ---------------------------------------------------------------------------
# References

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


def unescape(text: str) -> str:
    """``text`` with backslash escapes resolved: ``\\_`` -> ``_``."""
    return _ESCAPE.sub(r"\1", text)


def _clean_prose(text: str) -> str:
    """Markup removal for text that holds no URL."""
    text = _HTML_TAG.sub(lambda m: " " if m.group(0).lower().startswith("<br") else "", text)
    text = _STAR.sub("", text)
    text = _UNDERSCORE_OPEN.sub("", text)
    text = _UNDERSCORE_CLOSE.sub("", text)
    text = unescape(text)
    if "&" in text:
        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    return text


def _link_text(label: str, target: str) -> str:
    """What a ``[label](target)`` link contributes: the URL, and the label when it adds words."""
    target = unescape(target.strip())
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
            pieces.append((True, unescape(url)))
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


# ---------------------------------------------------------------------------
# Lines of a document

_LINE_MARKUP = (
    (re.compile(r"^\s{0,3}#{1,6}\s+"), ""),
    (re.compile(r"\[([^\]]*)\]\((?:[^)\s]+)\)"), r"\1"),
    (re.compile(r"<(https?://[^>\s]+|mailto:[^>\s]+)>"), r"\1"),
    (re.compile(r"<sup>.*?</sup>"), ""),
    (re.compile(r"</?[a-z][^>]*>"), ""),
    (re.compile(r"(\*{1,3}|_{2,3})(\S(?:.*?\S)?)\1"), r"\2"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!$&%<>|~])"), r"\1"),
)


def clean_line(line: str) -> str:
    """Strip Markdown markup from one line: headings, emphasis, links, ``<sup>``, escapes."""
    if not any(ch in line for ch in "#[<*_\\"):
        return line.rstrip()
    for pattern, replacement in _LINE_MARKUP:
        line = pattern.sub(replacement, line)
    return line.rstrip()
