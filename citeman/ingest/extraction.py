"""What a document says about itself, before it becomes an :class:`~citeman.model.Entry`.

Plain-text and HTML extractors both fill an :class:`Extraction`: each value carries the
line it was read from and the method that found it, so the entry built from it can say
where every field came from. Dates are parsed here, in one place, and only from text
that names a month or is ISO-formatted: ``05/01/2021`` is ambiguous and is never guessed.
The accepted forms are few and fixed, so they are read with exact patterns rather than
a fuzzy date library that might "helpfully" fill in a missing day or year.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

from citeman.model import Person

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


@dataclass(slots=True)
class Found:
    """One value read from a document: the value, its 1-based line and how it was found."""

    value: str
    line: int = 0
    method: str = "extracted"
    raw: str | None = None


@dataclass(slots=True)
class FoundPersons:
    persons: list[Person]
    line: int = 0
    method: str = "extracted"
    raw: str | None = None


@dataclass(slots=True)
class Extraction:
    """Everything an extractor found; absent keys mean "not stated"."""

    type: str = "online"
    subtype: str = ""
    fields: dict[str, Found] = field(default_factory=dict)
    persons: dict[str, FoundPersons] = field(default_factory=dict)
    # (code, severity, message, line, field) for things worth telling the user.
    notes: list[tuple[str, str, str, int, str]] = field(default_factory=list)

    def set(self, name: str, value: str, line: int, method: str = "extracted", raw: str | None = None) -> None:
        """Record a value unless one was already found (earlier, stronger evidence wins)."""
        value = value.strip()
        if value and name not in self.fields:
            self.fields[name] = Found(value, line, method, raw)


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


_MONTH_NUMBERS = {
    name: i
    for i, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}


def parse_date(text: str) -> ParsedDate | None:
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
        month = _MONTH_NUMBERS[month_year.group(1).lower()]
        return ParsedDate(int(month_year.group(2)), month)
    # DATE_RE admits exactly two written forms, so reading them needs no date library:
    # "01 May 2021" / "1st of May, 2021" and "May 1, 2021" / "Sept. 05 2025".
    without_weekday = re.sub(rf"^{_WEEKDAY},?\s+", "", text, flags=re.IGNORECASE)
    day_first = re.fullmatch(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTHS})\.?,?\s+(\d{{4}})", without_weekday, re.IGNORECASE)
    month_first = re.fullmatch(rf"({MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})", without_weekday, re.IGNORECASE)
    if day_first:
        day, month_name, year = day_first.groups()
    elif month_first:
        month_name, day, year = month_first.groups()
    else:
        return None
    result = _checked(int(year), _MONTH_NUMBERS[month_name.lower()], int(day))
    weekday = re.match(_WEEKDAY, text, re.IGNORECASE)
    if result and weekday:
        stated = weekday.group(0).lower()[:3]
        actual = _dt.date(result.year, result.month, result.day).strftime("%a").lower()
        if stated != actual:
            return ParsedDate(result.year, result.month, result.day, weekday_mismatch=True)
    return result


def _checked(year: int, month: int, day: int) -> ParsedDate | None:
    try:
        _dt.date(year, month, day)
    except ValueError:
        return None
    return ParsedDate(year, month, day)
