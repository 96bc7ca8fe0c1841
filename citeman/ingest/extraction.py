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
