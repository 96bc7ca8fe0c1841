"""What a pasted identifier is: a DOI, an ISBN, an arXiv id or a PubMed id, bare or as a URL.

DOIs and ISBNs are normalised by :mod:`citeman.normalize.identifiers` (the one copy of
those rules); this module only decides which kind a string is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citeman.normalize.identifiers import BARE_DOI, isbn13, normalize_doi

KINDS = ("doi", "isbn", "arxiv", "pmid")

_DOI = re.compile(BARE_DOI)
# New-style (2007 on) and old-style (``hep-th/9901001``) arXiv ids, with an optional version.
_ARXIV_ID = r"(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?"
_ARXIV = re.compile(rf"(?:arxiv:\s*)?({_ARXIV_ID})", re.I)
_ARXIV_URL = re.compile(rf"https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/({_ARXIV_ID})(?:\.pdf)?/?", re.I)
_PMID = re.compile(r"(?:pmid:?\s*|https?://(?:www\.)?(?:ncbi\.nlm\.nih\.gov/pubmed|pubmed\.ncbi\.nlm\.nih\.gov)/)?(\d{1,8})/?",
                   re.I)
_ISBN_PREFIX = re.compile(r"^isbn(?:-1[03])?:?\s*", re.I)


@dataclass(frozen=True, slots=True)
class Identifier:
    """One identifier: its ``kind`` (see :data:`KINDS`), its canonical ``value`` and the ``text`` given."""

    kind: str
    value: str
    text: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"


def isbn_checksum_ok(digits: str) -> bool:
    """True for thirteen digits whose ISBN-13 check digit is right."""
    return len(digits) == 13 and digits.isdigit() and sum(
        int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(digits)) % 10 == 0


def _isbn10_ok(text: str) -> bool:
    digits = re.sub(r"[-\s]", "", text).upper()
    if not re.fullmatch(r"\d{9}[\dX]", digits):
        return True  # not an ISBN-10: the ISBN-13 check decides
    return sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits)) % 11 == 0


def classify(text: str) -> Identifier | None:
    """The identifier ``text`` holds, or None when it is none of :data:`KINDS`."""
    given = text.strip()
    if not given:
        return None
    match = _ARXIV_URL.fullmatch(given) or _ARXIV.fullmatch(given)
    if match:
        return Identifier("arxiv", match.group(1), given)
    doi = normalize_doi(given)
    if _DOI.fullmatch(doi):
        return Identifier("doi", doi.lower(), given)
    isbn_text = _ISBN_PREFIX.sub("", given)
    if re.fullmatch(r"[\d\s-]{9,17}[\dXx]", isbn_text):
        digits = isbn13(isbn_text)
        if digits and isbn_checksum_ok(digits) and _isbn10_ok(isbn_text):
            return Identifier("isbn", digits, given)
    match = _PMID.fullmatch(given)
    if match:
        return Identifier("pmid", match.group(1), given)
    return None
