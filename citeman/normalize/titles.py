"""Titles: the quotes and separators around them, and the capitals case-changing styles must keep."""

from __future__ import annotations

import re

from citeman.normalize.text import QUOTES, TRAILING, clean_span


def clean_title(value: str) -> str:
    """A title without enclosing quotes and trailing separators (``?`` and ``!`` stay)."""
    value = clean_span(value)
    for _ in range(2):
        if not value:
            break
        if len(value) > 1 and value[0] in QUOTES and value[-1] in QUOTES + ",.":
            value = value[1:].rstrip(TRAILING + ".")
            value = value[:-1] if value and value[-1] in QUOTES else value
        elif value[:1] in "“«\"" and value.count(value[0]) == 1 and not any(q in value for q in "”»"):
            value = value[1:]
        elif value[-1:] in "”»\"" and value.count(value[-1]) == 1 and not any(q in value for q in "“«"):
            value = value[:-1]
        value = clean_span(value)
    return value


_TOKEN = re.compile(r"(?<![\w{}\\])\w[\w.'’-]*")


def protect_title_case(title: str) -> str:
    """Brace acronyms and inner capitals (``{NASA}``, ``{U.S.-India}``, ``{Indo-Pacific}``).

    Styles such as APA lower-case titles; braces keep what must stay capitalised. In a
    sentence-case title every capitalised word after the first of the title or a
    subtitle is a proper noun and is braced too (``{India}``); title-case titles only
    get their acronyms braced. A title that already has braces is left alone.
    """
    if not title or "{" in title:
        return title
    # Judge the case style on content words that are not first in the title or a subtitle.
    words = [m.group(0) for m in re.finditer(r"(?<![:?!.]\s)(?<!^)\b[A-Za-z][\w'’-]*", title) if len(m.group(0)) > 3]
    lower_count = sum(1 for w in words if w[0].islower())
    capital_count = sum(1 for w in words if w[0].isupper())
    sentence_case = lower_count >= 1 and lower_count * 2 >= capital_count

    def brace(match: re.Match[str]) -> str:
        token = match.group(0)
        core = token.rstrip(".'’-") if token.count(".") <= 1 else token
        tail = token[len(core):]
        capitals = sum(1 for c in core if c.isupper())
        if capitals >= 2:
            return "{" + core + "}" + tail
        if sentence_case and core[:1].isupper():
            before = title[: match.start()].rstrip()
            if before and not before.endswith((":", "?", "!", ".", "—", "–")):
                return "{" + core + "}" + tail
        return token

    return _TOKEN.sub(brace, title)
