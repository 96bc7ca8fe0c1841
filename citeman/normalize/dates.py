"""Dates, read from one month table with two strictnesses.

A reference's date span is read leniently by :func:`parse_date`: it holds a year (or
nothing), and whatever else it says (``2020a``, ``2012, January 16``, ``Dezember 2019``) is
taken only when the span says it. A damaged year (``4392``) is still what the text says
and is kept; validation flags it later.

A document's stated date ("Published: Saturday, November 1, 2025") is read strictly by
:func:`parse_stated_date`, and only from text that names a month or is ISO-formatted:
``05/01/2021`` is ambiguous and is never guessed. The accepted forms are few and fixed,
so they are read with exact patterns rather than a fuzzy date library that might
"helpfully" fill in a missing day or year. The two differ on purpose: a reference always
has a year somewhere in its date span, a page's furniture is full of numbers that are not
dates.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

MONTH_MACROS = {
    "jan": "jan", "january": "jan", "janvier": "jan", "januar": "jan", "enero": "jan",
    "feb": "feb", "february": "feb", "février": "feb", "februar": "feb", "febrero": "feb",
    "mar": "mar", "march": "mar", "mars": "mar", "märz": "mar", "marzo": "mar",
    "apr": "apr", "april": "apr", "avril": "apr", "abril": "apr",
    "may": "may", "mai": "may", "mayo": "may",
    "jun": "jun", "june": "jun", "juin": "jun", "juni": "jun", "junio": "jun",
    "jul": "jul", "july": "jul", "juillet": "jul", "juli": "jul", "julio": "jul",
    "aug": "aug", "august": "aug", "août": "aug", "agosto": "aug",
    "sep": "sep", "sept": "sep", "september": "sep", "septembre": "sep", "septiembre": "sep",
    "oct": "oct", "october": "oct", "octobre": "oct", "oktober": "oct", "octubre": "oct",
    "nov": "nov", "november": "nov", "novembre": "nov", "noviembre": "nov",
    "dec": "dec", "december": "dec", "décembre": "dec", "dezember": "dec", "diciembre": "dec",
}
_MONTH_NUMBER = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}

YEAR_IN = re.compile(r"(?<![\d/.])(1[5-9]\d\d|20\d\d)([a-z])?(?![\d/])")
_ANY_YEAR = re.compile(r"(?<![\d/.])(\d{4})([a-z])?(?![\d/])")
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+([A-Za-zéû]+)\.?|([A-Za-zéû]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b")
_ISO_DATE = re.compile(r"\b(1[5-9]\d\d|20\d\d)-(\d\d)-(\d\d)\b")
_LETTER_RUNS = re.compile(r"[^\W\d_]+")


def parse_date(value: str) -> dict[str, str]:
    """``year``, optional ``yearsuffix`` (2020a), ``month`` macro and ISO ``date`` from a date span."""
    out: dict[str, str] = {}
    iso = _ISO_DATE.search(value)
    years = list(YEAR_IN.finditer(value))
    # "1607, 2000": a page number can share the span; a modern year is the better reading.
    year = next((m for m in years if int(m.group(1)) >= 1800), years[0] if years else _ANY_YEAR.search(value))
    if not year:
        return out
    out["year"] = year.group(1)
    if year.group(2) and not value[year.end():year.end() + 1].isalpha():
        out["yearsuffix"] = year.group(2)
    if iso and 1 <= int(iso.group(2)) <= 12:
        month = list(_MONTH_NUMBER)[int(iso.group(2)) - 1]
        out["month"] = month
        out["date"] = iso.group(0)
        return out
    words = _LETTER_RUNS.findall(value.lower())
    month = next((MONTH_MACROS[w] for w in words if w in MONTH_MACROS), "")
    if month:
        out["month"] = month
        for m in _DAY_MONTH.finditer(value):
            day, name = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
            if MONTH_MACROS.get(name.lower()) == month and 1 <= int(day) <= 31:
                out["date"] = f"{out['year']}-{_MONTH_NUMBER[month]:02d}-{int(day):02d}"
                break
    return out


MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
)
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
# A date written with a month name (day first or month first), or an ISO date.
DATE_PATTERN = (
    rf"(?:(?:{_WEEKDAY}),?\s+)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})\.?,?\s+\d{{4}}"
    rf"|(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}(?:T[\d:.+\-Z]*)?"
    rf"|(?:{MONTHS})\.?,?\s+\d{{4}})"
)
DATE_RE = re.compile(DATE_PATTERN, re.IGNORECASE)


@dataclass(slots=True, frozen=True)
class ParsedDate:
    year: int
    month: int = 0
    day: int = 0
    weekday_mismatch: bool = False

    def iso(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


def parse_stated_date(text: str) -> ParsedDate | None:
    """Parse an explicit date (``Saturday, November 1, 2025``, ``01 May 2021``, ``2025-11-01``).

    Returns ``None`` for anything that is not unambiguously a date. A weekday that does
    not match the date is flagged rather than silently dropped.
    """
    text = " ".join(text.split()).strip(" .,;:()")
    match = DATE_RE.fullmatch(text)
    if not match:
        return None
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?", text)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
        return _checked(year, month, day)
    month_year = re.fullmatch(rf"({MONTHS})\.?,?\s+(\d{{4}})", text, re.IGNORECASE)
    if month_year:
        month = _MONTH_NUMBER[MONTH_MACROS[month_year.group(1).lower()]]
        return ParsedDate(int(month_year.group(2)), month)
    # DATE_RE has already admitted only explicit day-month-year forms; dateparser reads
    # them, strictly (all three parts required, no relative dates, English only).
    without_weekday = re.sub(rf"^{_WEEKDAY},?\s+", "", text, flags=re.IGNORECASE)
    parsed = _read_date(without_weekday)
    if parsed is None:
        return None
    result = ParsedDate(parsed.year, parsed.month, parsed.day)
    weekday = re.match(_WEEKDAY, text, re.IGNORECASE)
    if weekday:
        stated = weekday.group(0).lower()[:3]
        actual = parsed.strftime("%a").lower()
        if stated != actual:
            return ParsedDate(result.year, result.month, result.day, weekday_mismatch=True)
    return result


_STRICT_DATE = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False}


def _read_date(text: str) -> _dt.date | None:
    import dateparser  # imported on first use: it costs start-up time every other command would pay

    parsed = dateparser.parse(text, languages=["en"], settings=_STRICT_DATE)
    return parsed.date() if parsed else None


def _checked(year: int, month: int, day: int) -> ParsedDate | None:
    try:
        _dt.date(year, month, day)
    except ValueError:
        return None
    return ParsedDate(year, month, day)
