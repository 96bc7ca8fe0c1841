"""Markdown a converter left in a reference string, undone before the string is parsed.

``*emphasis*`` is removed but remembered per word: it is the APA container (or title)
hint the parser's structure rules use. Identifiers keep their underscores.
"""

from __future__ import annotations

import re

from citeman.normalize.identifiers import DOI_IN, URL_IN

_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\((\S+?)\)")
_ANGLE_URL = re.compile(r"<((?:https?://|www\.|doi:)[^<>\s]+)>", re.I)
_EMPHASIS = re.compile(r"^\*{1,3}|\*{1,3}(?=[.,;:)]*$)")
_MD_ESCAPE = re.compile(r"\\([_$&%#*\[\]<>])")
_EMPH_END = re.compile(r"\*[.,;:)]*$")


def _clean_word(word: str) -> str:
    if URL_IN.search(word) or DOI_IN.search(word):
        # Identifiers keep their underscores; only wrapping emphasis and <> go.
        return word.strip("*").replace("<", "").replace(">", "")
    return _EMPHASIS.sub("", word)


def _unmarkdown(text: str) -> str:
    text = text.replace("\\\\", "\\")
    text = _MD_ESCAPE.sub(r"\1", text)
    text = _MARKDOWN_LINK.sub(lambda m: m.group(2) if m.group(1) in (m.group(2), "") or
                              URL_IN.match(m.group(1)) else m.group(0), text)
    return _ANGLE_URL.sub(r"\1", text)


def clean_reference_marked(text: str) -> tuple[str, list[bool]]:
    """The cleaned reference and, per whitespace token, whether it was in ``*emphasis*``."""
    if not any(ch in text for ch in "*\\<[_"):
        plain = text.split()
        return " ".join(plain), [False] * len(plain)
    words: list[str] = []
    italic: list[bool] = []
    inside = False
    for raw in _unmarkdown(text).split():
        starts = raw.startswith("*") and not URL_IN.search(raw)
        ends = bool(_EMPH_END.search(raw)) and len(raw.strip("*.,;:)")) > 0
        word = _clean_word(raw)
        if starts:
            inside = True
        if word:
            words.append(word)
            italic.append(inside)
        if ends or raw.strip(".,;:)") == "*" and inside:
            inside = False
    return " ".join(words), italic


def clean_reference(text: str) -> str:
    """Undo Markdown left in a reference (``*emphasis*``, ``<url>``, ``[text](url)``, ``\\_``)."""
    return clean_reference_marked(text)[0]
