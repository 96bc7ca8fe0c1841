"""DOIs, URLs and ISBNs.

Two kinds of function, each with one contract:

* ``normalize_doi`` / ``normalize_url`` take a field value and return its canonical form:
  what surrounds the identifier (a resolver prefix, Markdown link syntax, ``<>``, escapes,
  trailing punctuation) goes, and a value that is no identifier comes back stripped of
  exactly that, so validation can still say what is wrong with it. ``isbn13`` reduces an
  ISBN to the thirteen digits two ISBNs are compared by.
* ``find_doi`` / ``find_url`` read the first identifier out of free text (a span of a
  reference string) and return ``""`` when the text holds none.

None of them raises, and none returns text the input does not hold.
"""

from __future__ import annotations

import re
from operator import itemgetter

from citeman.normalize.text import strip_unbalanced

DOI = re.compile(r"10\.\d{4,9}/\S+")
# A valid DOI with nothing normalize_doi would remove (no prefix, escape, bracket, space or
# trailing punctuation): normalize_doi returns it unchanged.
BARE_DOI = r"10\.\d{4,9}/[^\s\\<>\x00\x01]*[^\s\\<>.,;\x00\x01]"
DOI_IN = re.compile(r"(?:doi\.org/|doi:\s*|\b)(10\.\d{4,9}/[^\s<>\"]+)", re.I)
URL_IN = re.compile(r"(?:https?://|www\.)[^\s<>\"]+", re.I)
ISBN_IN = re.compile(r"(?:isbn(?:-1[03])?:?\s*)?((?:97[89][-\s]?)?(?:\d[-\s]?){9}[\dXx])\b", re.I)

_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*|doi\s+|https?://doi\.org/)", re.IGNORECASE)
# LaTeX or Markdown escapes that have no place in a verbatim url or doi field.
IDENTIFIER_ESCAPE = re.compile(r"\\+([_%&#~$])")
MARKDOWN_LINK = re.compile(r"^\[([^\]]*)\]\((\S+?)\)$")
_FIRST_GROUP = itemgetter(1)   # a C callable: a template like r"\1" is expanded in Python per match


def unescape_identifier(value: str) -> str:
    """``Dr.\\_Syed`` -> ``Dr._Syed``: the escapes a converter put into an identifier removed."""
    return IDENTIFIER_ESCAPE.sub(_FIRST_GROUP, value)


def normalize_doi(value: str) -> str:
    """A DOI without resolver prefix, escapes, brackets or trailing punctuation."""
    text = value.strip()
    if "\\" in text:
        text = unescape_identifier(text)
    link = MARKDOWN_LINK.match(text) if text.startswith("[") else None
    if link:
        text = link.group(2)
    text = text.strip().strip("<>").strip()
    prefix = _DOI_PREFIX.match(text)  # anchored: at most one match, at the start
    if prefix:
        text = text[prefix.end():]
    return text.rstrip(".,;")


def normalize_url(value: str) -> str:
    """A URL without Markdown link syntax, angle brackets, escapes or trailing punctuation."""
    text = value.strip()
    link = MARKDOWN_LINK.match(text)
    if link:
        text = link.group(2)
    while True:  # "<https://a.org/x>.": brackets and punctuation, in either order
        before = text
        text = unescape_identifier(text.strip().strip("<>").strip())
        if text.endswith((".", ",", ";")) and "/" in text:
            text = text.rstrip(".,;")
        if text == before:
            return text


def find_doi(text: str) -> str:
    """The first bare DOI (``10.xxxx/...``) in ``text``, from a DOI, ``doi:`` or doi.org URL; "" if none."""
    match = DOI_IN.search(text)
    if not match:
        return ""
    doi = match.group(1)
    while True:  # "(doi:10.1/x.)": punctuation and an unpaired bracket, in either order
        trimmed = strip_unbalanced(doi.rstrip(".,;:>]"), "(", ")")
        if trimmed == doi:
            break
        doi = trimmed
    # "10.1234/." has no suffix left once its punctuation goes: no DOI.
    return "" if doi.endswith("/") else doi


def find_url(text: str) -> str:
    """The first URL in ``text`` without enclosing ``<>``, Markdown escapes or trailing punctuation; "" if none."""
    match = URL_IN.search(text.replace("\\_", "_"))
    if not match:
        return ""
    url = match.group(0).rstrip(".,;:>")
    return strip_unbalanced(url, "(", ")")


def isbn13(text: str) -> str:
    """The ISBN-13 digits of an ISBN-10 or ISBN-13 (separators ignored); "" for anything else."""
    digits = re.sub(r"[^0-9Xx]", "", text).upper()
    if len(digits) == 10 and digits[:9].isdigit():  # only the check digit of an ISBN-10 may be X
        core = "978" + digits[:9]
        check = (10 - sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(core)) % 10) % 10
        return core + str(check)
    return digits if len(digits) == 13 and digits.isdigit() else ""
