"""Small precompiled helpers the rule families share (months, braces, identifier dates).

Kept apart so that every rule module stays a flat list of rules, and so the regular
expressions are compiled once per process: the linter checks 100,000 entries in seconds.
"""

from __future__ import annotations

import re

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
              "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
MONTH_MACROS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
SEASONS = {"spring", "summer", "autumn", "fall", "winter"}

MONTH_WORD = re.compile(
    r"\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|spring|summer|autumn|fall|winter)\b\.?",
    re.IGNORECASE,
)

TITLE_FIELDS = ("title", "subtitle", "booktitle", "journal", "journaltitle", "series")
CONTAINER_FIELDS = ("journal", "journaltitle", "booktitle")
PROSE_FIELDS = TITLE_FIELDS + ("publisher", "institution", "school", "organization", "howpublished", "note",
                               "address", "location", "edition", "chapter", "type")

_NON_WORD = re.compile(r"[\W_]+")
# Four digits making up a whole part of a DOI suffix (parts end at . / _ : ; ( ) -).
_DOI_YEAR_PART = re.compile(r"(?<![^./_:;()-])\d{4}(?![^./_:;()-])")
_BRACES = re.compile(r"(?<!\\)[{}]")


def plain(value: str) -> str:
    """Value without protective braces and with single spaces."""
    if "{" in value or "}" in value:
        value = _BRACES.sub("", value)
    return " ".join(value.split())


def comparable(value: str) -> str:
    """Lower-case letters and digits only: for 'same text' comparisons."""
    if value.isascii():
        # The same result with one C-level translate: braces go (an escaped one leaves its
        # backslash, which still separates words), every other non-alphanumeric becomes a space.
        return " ".join(value.translate(_ASCII_WORDS).split())
    return _NON_WORD.sub(" ", plain(value).casefold()).strip()


_ASCII_WORDS = {code: None if chr(code) in "{}" else chr(code).lower() if chr(code).isalnum() else " "
                for code in range(128)}


def month_number(value: str) -> int:
    """1-12 for a month macro, number or name; 0 when it is none of these."""
    text = value.strip().strip("{}").strip().rstrip(".").lower()
    if text.isdecimal():
        number = int(text)
        return number if 1 <= number <= 12 else 0
    return MONTHS.get(text) or MONTH_ABBR.get(text, 0)


def container(entry_fields: dict[str, str]) -> tuple[str, str]:
    """(field name, value) of the journal or book the entry appeared in."""
    for name in CONTAINER_FIELDS:
        value = entry_fields.get(name)
        if value:
            return name, value
    return "", ""


_DOI_YEAR = re.compile(r"(?<![\d])((?:19|20)\d\d)(?![\d])")
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](0[1-9]|1[0-2])(?:[/-](0[1-9]|[12]\d|3[01]))?(?=[/_-])")
_UPLOAD = re.compile(r"/(?:wp-content/uploads|uploads|files|sites/default/files)/", re.IGNORECASE)


def doi_year(doi: str) -> int:
    """A year embedded in a DOI suffix as its own dotted part (``10.1080/0140.2021.199``)."""
    suffix = doi.split("/", 1)[-1]
    # \d, not str.isdigit(): superscript digits pass isdigit() but int() rejects them.
    for match in _DOI_YEAR_PART.finditer(suffix):
        year = int(match.group())
        if 1950 <= year <= 2099:
            return year
    return 0


def url_date(url: str) -> tuple[int, bool]:
    """(year, is_upload_date) of a ``/YYYY/MM/`` date in a URL path; (0, False) if none."""
    match = _URL_DATE.search(url)
    if not match:
        return 0, False
    prefix = url[: match.start() + 1]
    return int(match.group(1)), bool(_UPLOAD.search(prefix))


def first_year(text: str) -> int:
    match = _DOI_YEAR.search(text)
    return int(match.group(1)) if match else 0
