"""What the lines of a reference list look like where a reference starts or ends.

Splitting a list into references (:mod:`citeman.ingest.reflist`) asks of each line
whether it opens like a reference (``Family, I. (Year).``, a list marker, a repeated-author
dash) and whether the line before it stopped mid-sentence. Those shape tests live here.
"""

from __future__ import annotations

import re

# List markers: the marker style decides which lines may start a reference.
MARKERS = {
    "bracket": re.compile(r"^\s*\\?\[(\d{1,4})\\?\]\s*"),
    "dot": re.compile(r"^\s*(\d{1,4})\\?\.(?!\d)\s*"),
    "paren": re.compile(r"^\s*\((\d{1,4})\)\s*"),
    "half-paren": re.compile(r"^\s*(\d{1,4})\)\s*"),
}
REPEATED_AUTHOR = re.compile(r"^\s*(?:[—―]{2,}|[-–]{3,}|_{3,})")
PARTICLE = r"(?:van|von|de|da|del|della|di|du|dos|das|le|la|ten|ter|den|der|al|el|bin|ibn|d'|l')"
NAME_COMMA = re.compile(
    rf"^(?:{PARTICLE}\s+)*[^\W\d_][\w'’.\-]*(?:\s+[^\W\d_][\w'’.\-]*){{0,3}},\s*"
    r"(?:[^\W\d_]\.|[^\W\d_][\w'’\-]+|&)"
)
GIVEN_INITIALS = re.compile(r"^[^\W\d_][\w'’\-]+\s+[A-Z]{1,3}[,.:]\s")  # Vancouver "Smith JA, "
INITIALS_FIRST = re.compile(r"^(?:[A-Z]\.\s?(?:-?[A-Z]\.\s?)*)\s*[^\W\d_][\w'’\-]+(?:,|\s+and\s|\s*&)")
# A first author, tighter than NAME_COMMA: "Gibson, R. L.,", "MOLONEY, A.,", "Lin TC, ", "J. P. Ibbetson,".
AUTHOR_START = re.compile(
    rf"^(?:{PARTICLE}\s+)*[A-Z][\w'’\-]+(?:[ -][A-Z][\w'’\-]+)?,\s+(?:[A-Z]\.\s?(?:-?[A-Z]\.\s?)*|[A-Z][^\W\d_]+[.,])"
    r"|^[A-Z][\w'’\-]+\s+[A-Z]{1,3},\s"
    r"|^(?:[A-Z]\.\s?(?:-?[A-Z]\.\s?)*)\s*[A-Z][\w'’\-]+(?:,|\s+and\s|\s*&)"
)
YEAR_PAREN = re.compile(r"\((?:\d{4}[a-z]?|n\.\s?d\.|in press|forthcoming)\)", re.I)
YEAR_DOT = re.compile(r"(?<![\d/.])(?:1[5-9]|20)\d\d[a-z]?\.(?:\s|$)")
URL_START = re.compile(r"^(?:<|\[)?(?:(?:https?|ftp)://|www\.|doi:|https?:)", re.I)
DANGLING_WORDS = frozenset({
    "and", "of", "the", "in", "to", "for", "on", "with", "a", "an", "from", "by", "at", "or", "&",
})


def strip_lead(text: str) -> str:
    """The text without a leading list marker, bullet or emphasis, for shape tests."""
    for pattern in MARKERS.values():
        text = pattern.sub("", text, count=1)
    return text.lstrip("-+•–* \t")


def start_strength(clean: str) -> int:
    """2 for a line that clearly opens a reference, 1 for a likely one, 0 otherwise."""
    text = strip_lead(clean)
    if REPEATED_AUTHOR.match(text):
        return 2
    head = text[:150]
    name = bool(NAME_COMMA.match(text) or GIVEN_INITIALS.match(text))
    if name and text[:1].isupper() and (YEAR_PAREN.search(head) or YEAR_DOT.search(head[:100])):
        return 2
    year = YEAR_PAREN.search(text[:100])
    if year and text[:1].isupper() and len(text[:year.start()].split()) <= 12:
        return 2
    if name and text[:1].isupper() or INITIALS_FIRST.match(text):
        return 1
    if re.match(rf"(?:{PARTICLE}\s+)+[A-Z]", text) and (YEAR_PAREN.search(text[:100]) or YEAR_DOT.search(text[:100])):
        return 2  # "van der Berg, P. (2020)", "de Foucault B. (2009)"
    return 0


def starts_lower(clean: str) -> bool:
    for ch in clean:
        if ch.isalpha():
            return ch.islower()
        if ch.isdigit():
            return False
    return False


def ends_reference(clean: str) -> bool:
    """The line ends the way references end: a full stop, a bracket, a page number, a URL or a DOI."""
    text = clean.rstrip()
    if not text:
        return False
    last = text.split()[-1]
    return text[-1] in ".)]>" or text[-1].isdigit() or "://" in last or last.lower().startswith(("doi:", "10."))


def is_hard_dangling(clean: str) -> bool:
    """The line ends on a comma, colon, "&", "and", "of"...: no reference ends like that."""
    text = clean.rstrip()
    if not text:
        return False
    return (text[-1] in ",:;&(-—–/" and not text.endswith("--")) or text.split()[-1].lower() in DANGLING_WORDS


def is_dangling(clean: str) -> bool:
    """The line stops mid-sentence, so the next line continues it."""
    text = clean.rstrip()
    if not text:
        return False
    if text[-1] in ",:;&(-—–/" and not text.endswith("--"):
        return True
    last = text.split()[-1].lower()
    if last in DANGLING_WORDS:
        return True
    if re.search(r"(?:^|[\s(])[A-Z]\.$", text):
        return True  # an author's initial: the name list goes on (no reference ends on one)
    return text[-1].isalpha() and not URL_START.match(last)
