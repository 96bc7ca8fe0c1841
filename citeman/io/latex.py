"""LaTeX text in .bib values <-> the plain Unicode text citeman works with.

Inside citeman a field holds readable text: ``&`` not ``\\&``, ``ü`` not ``{\\"u}``.
Braces that protect capitalisation (``{NASA}``) and real LaTeX commands (``\\emph{x}``,
math) are kept as they are, because they carry meaning a style needs. Only the
escapes of BibTeX's special characters and accent commands are translated, and the
translation is exact in both directions for text citeman itself writes.
"""

from __future__ import annotations

import re
from functools import lru_cache
from operator import itemgetter


# Fields whose values are identifiers, paths or source text kept exactly as found: never escaped, never decoded.
VERBATIM_FIELDS = frozenset({"url", "doi", "eprint", "file", "pdf", "urldate", "rawref", "citeman-source", "citeman-machine"})

_ACCENT = re.compile(
    r"""\{\\(?:["'`^~=.]\s*(?:\\[ij](?![A-Za-z])|\{\\[ij]\})|["'`^~=.]\s*[A-Za-z]|[uvHcdbkr]\s*\{?[A-Za-z]\}?|[uvHcdbkr]\s+[A-Za-z]|ss|o|O|ae|AE|oe|OE|aa|AA|l|L|i|j)\}"""
    r"""|\\["'`^~=.]\s*\{[A-Za-z]\}|\\["'`^~=.][A-Za-z]"""
    r"""|\\[uvHcdbkr]\{[A-Za-z]\}|\\(?:ss|ae|AE|oe|OE|aa|AA)(?![A-Za-z])\s?"""
)
_ESCAPED_SPECIAL = re.compile(r"\\([&%#_$])")
# A literal backslash in front of a special character ("Dr.\\_Syed" copied from Markdown).
_LITERAL_BACKSLASH = re.compile(r"\\(?=[&%#_$])")
_TEXTBACKSLASH = re.compile(r"\\textbackslash(?:\{\}|\s|(?![A-Za-z]))")
_UNESCAPED_SPECIAL = re.compile(r"(?<!\\)([&%#_])")
_MATH = re.compile(r"(?<!\\)\$[^$\s](?:[^$]*[^$\s])?(?<!\\)\$")


@lru_cache(maxsize=4096)
def _accent_to_unicode(token: str) -> str:
    from pylatexenc.latex2text import LatexNodes2Text  # imported on first use: it is slow to load

    text = LatexNodes2Text().latex_to_text(token.strip())
    return text if text and "\\" not in text else token


# Replacing a match with its group 1: a C callable; Python 3.11 expands a template such as
# r"\1" in Python code for every match.
_FIRST_GROUP = itemgetter(1)


def latex_to_text(value: str) -> str:
    """Decode BibTeX escapes and accents into Unicode; keep braces and other LaTeX."""
    if "\\" not in value:
        return value
    value = _ACCENT.sub(lambda m: _accent_to_unicode(m.group(0)), value)
    value = _ESCAPED_SPECIAL.sub(_FIRST_GROUP, value)
    return _TEXTBACKSLASH.sub(lambda _m: "\\", value)


def text_to_latex(value: str) -> str:
    """Escape BibTeX's special characters in plain text (the inverse of :func:`latex_to_text`).

    ``$`` is escaped unless it delimits inline math such as ``$\\alpha$``.
    """
    if "\\" in value:
        value = _literal_accent_backslashes(value)
    value = _LITERAL_BACKSLASH.sub(lambda _m: "\\textbackslash{}", value)
    value = _UNESCAPED_SPECIAL.sub(r"\\\1", value)
    if "$" in value:
        pieces = []
        last = 0
        for match in _MATH.finditer(value):
            pieces.append(_escape_dollars(value[last : match.start()]))
            pieces.append(match.group(0))
            last = match.end()
        pieces.append(_escape_dollars(value[last:]))
        value = "".join(pieces)
    return value


def _literal_accent_backslashes(value: str) -> str:
    """``\\textbackslash{}`` for a backslash that :func:`latex_to_text` would read as an accent.

    :func:`latex_to_text` decodes every accent it can, so one still in a value is literal
    text (``morpheme\\'s`` read from ``morpheme\\textbackslash 's``); written as it is, it
    would come back as ``morphemeś``. An accent the decoder could not turn into a letter
    reads back as the same text either way.
    """
    marks = []
    for match in _ACCENT.finditer(value):
        slash = value.find("\\", match.start(), match.end())
        if slash >= 0:
            marks.append(slash)
    if not marks:
        return value
    out, last = [], 0
    for slash in marks:
        out.append(value[last:slash])
        out.append("\\textbackslash{}")
        last = slash + 1
    out.append(value[last:])
    return "".join(out)


def _escape_dollars(text: str) -> str:
    return re.sub(r"(?<!\\)\$", r"\\$", text)


def strip_braces(value: str) -> str:
    """Drop protective braces: ``The {NASA} mission`` -> ``The NASA mission``."""
    return re.sub(r"(?<!\\)[{}]", "", value)
