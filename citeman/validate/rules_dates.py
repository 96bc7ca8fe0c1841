"""Rules about years, months and dates, including dates hidden in DOIs and URLs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from citeman.model import Entry
from citeman.validate.base import Context, Fix, FixAvailability, Severity, Violation, quote, rule
from citeman.validate.screen import Screen
from citeman.validate.textutil import MONTH_MACROS, doi_year, month_number, url_date

_FOUR_DIGITS = re.compile(r"\d{4}")
_YEAR_IN_TEXT = re.compile(r"(?<!\d)(1[4-9]\d\d|20\d\d)(?!\d)")
_YEAR_RANGE = re.compile(r"(\d{4})\s*(?:--?|–|—|/)\s*(\d{2,4})")
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_MONTH_RANGE = re.compile(r"\s*(?:--?|–|/)\s*")
_DATE_RANGE = re.compile(r"(\d{4})\S*/(\d{4})\S*")
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _year_elsewhere(entry: Entry, ctx: Context) -> str:
    """A plausible year from the date field, the DOI or the URL; '' when none."""
    date = entry.fields.get("date", "")
    if _ISO.match(date):
        return date[:4]
    year = doi_year(entry.fields.get("doi", ""))
    if not year:
        year = url_date(entry.fields.get("url", ""))[0]
    return str(year) if year and year <= ctx.max_year else ""


@rule("impossible-year", Severity.ERROR, FixAvailability.SOMETIMES)
def impossible_year(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Year is not a plausible publication year (before 1400 or after next year).

    Why: PDF-to-text damage turns "2023" into "4392", and styles then print nonsense
    that readers take for a typo in the paper.
    Fix (unsafe): take the year from the entry's date, DOI or URL when one is there.

    Bad:  @misc{k, author = {Perkovich, G.}, title = {Toward Realistic U.S.-India Relations}, year = 4392, url = {https://carnegieendowment.org/2010/10/05/toward-realistic-u.s.-india-relations}}
    Good: @misc{k, author = {Perkovich, G.}, title = {Toward Realistic U.S.-India Relations}, year = 2010, url = {https://carnegieendowment.org/2010/10/05/toward-realistic-u.s.-india-relations}}
    """
    year = entry.fields.get("year", "").strip()
    if _FOUR_DIGITS.fullmatch(year) and not 1400 <= int(year) <= ctx.max_year:
        guess = _year_elsewhere(entry, ctx)
        yield Violation(
            f"impossible year {year!r}", field="year", fix=Fix.replace("year", guess, safe=False) if guess else None
        )


@rule("malformed-year", Severity.ERROR, FixAvailability.SOMETIMES, screen=Screen(
    ("year",), pattern=re.compile(r"\x00(?!\s*\d{4}\s*\x00|\x01|\Z)")))
def malformed_year(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Year is not a four-digit number.

    Why: "2020a", "n.d.", "(2019)" or "2019-2020" in ``year`` break sorting, year
    suffixes and date parsing in every style; ranges belong in ``date = {2019/2020}``.
    Fix (unsafe): keep the single four-digit year found in the value.

    Bad:  @article{k, title = {T}, year = {2020a}}
    Good: @article{k, title = {T}, year = 2020}
    """
    year = entry.fields.get("year")
    if year is None or "year" in entry.macros:
        return
    year = year.strip()
    if _FOUR_DIGITS.fullmatch(year) or not year:
        return
    found = _YEAR_IN_TEXT.findall(year)
    fix = Fix.replace("year", found[0], safe=False) if len(set(found)) == 1 else None
    if _YEAR_RANGE.search(year):
        yield Violation(f"year holds a range {year!r} (use date = {{YYYY/YYYY}})", field="year")
    else:
        yield Violation(f"malformed year {year!r}", field="year", fix=fix)


@rule("invalid-month", Severity.ERROR)
def invalid_month(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Month is not a month (a macro ``jan``-``dec``, a number 1-12 or a month name).

    Why: an unknown ``month`` macro is an undefined-string error in BibTeX, and text such
    as "Issue 3" in ``month`` prints as a date.

    Bad:  @article{k, title = {T}, year = 2020, month = {Issue 3}}
    Good: @article{k, title = {T}, year = 2020, month = mar}
    """
    month = entry.fields.get("month")
    if month is None or not month.strip():
        return
    if "month" in entry.macros:
        if month.lower() not in MONTH_MACROS and month not in ctx.strings:
            yield Violation(f"invalid month macro {month!r}", field="month")
        return
    text = month.strip()
    parts = _MONTH_RANGE.split(text)
    if not all(month_number(part) for part in parts):
        yield Violation(f"invalid month {text!r}", field="month")


@rule("year-date-mismatch", Severity.ERROR)
def year_date_mismatch(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """``year`` and ``date`` give different years.

    Why: BibTeX styles print ``year`` and biblatex prints ``date``, so the same entry
    shows a different year depending on the tool.

    Bad:  @article{k, title = {T}, year = 2019, date = {2020-03-01}}
    Good: @article{k, title = {T}, year = 2020, date = {2020-03-01}}
    """
    year = entry.fields.get("year", "").strip()
    date = entry.fields.get("date", "").strip()
    if _FOUR_DIGITS.fullmatch(year) and _ISO.match(date) and date[:4] != year:
        yield Violation(f"year {year!r} disagrees with date {date!r}", field="year")


# A year doi_year() could find (four digits making up a part of the DOI suffix, or of a DOI
# without "/"), or the date url_date() reads in a URL path.
_DOI_WITH_YEAR = Screen(("doi",), pattern=re.compile(
    r"\x00(?:[^/\x00\x01]*/(?:[^\x00\x01]*?[./_:;()-])?|(?:[^/\x00\x01]*?[./_:;()-])?(?=[^/\x00\x01]*\x00))"
    r"\d{4}(?![^./_:;()\x00-])"))
_URL_WITH_DATE = Screen(("url",), pattern=re.compile(
    r"/(?:19|20)\d\d[/-](?:0[1-9]|1[0-2])(?:[/-](?:0[1-9]|[12]\d|3[01]))?(?=[/_-])"))


@rule("year-identifier-mismatch", Severity.WARNING, screen=Screen(any_of=(_DOI_WITH_YEAR, _URL_WITH_DATE)))
def year_identifier_mismatch(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Year disagrees with a date embedded in the DOI or URL.

    Why: many DOIs carry the publication year (``10.1080/01402390.2021.1993829``) and
    news or report URLs carry the release date (``/2021/04/12/``); a different year in
    the entry is usually the wrong one. DOIs may be a year ahead of print (online
    first), and upload folders (``wp-content/uploads/2016/05``) may be later than the
    publication, so those differences are not reported.

    Bad:  @report{k, title = {T}, year = 2022, url = {https://itif.org/publications/2021/04/12/india-essential-counterweight/}}
    Good: @report{k, title = {T}, year = 2021, url = {https://itif.org/publications/2021/04/12/india-essential-counterweight/}}
    """
    year_text = entry.fields.get("year", "").strip()
    if not _FOUR_DIGITS.fullmatch(year_text):
        return
    year = int(year_text)
    doi = entry.fields.get("doi", "")
    if doi:
        found = doi_year(doi)
        if found and abs(found - year) > 1:
            yield Violation(f"year {year_text!r} but the DOI {quote(doi)} has {found}", field="year")
    url = entry.fields.get("url", "")
    if url:
        found, upload = url_date(url)
        if found and found != year and not (upload and found >= year):
            yield Violation(f"year {year_text!r} but the URL {quote(url)} is dated {found}", field="year")


def _valid_iso(text: str) -> bool:
    if text in ("", ".."):
        return True
    match = _ISO.fullmatch(text)
    if not match:
        return False
    month = int(match.group(2) or 1)
    day = int(match.group(3) or 1)
    return 1 <= month <= 12 and 1 <= day <= _DAYS[month - 1]


@rule("malformed-date", Severity.ERROR)
def malformed_date(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """``date`` (or ``urldate``) is not an ISO 8601 date or range (``YYYY[-MM[-DD]][/...]``).

    Why: biblatex rejects the whole date and prints no year at all.

    Bad:  @article{k, title = {T}, date = {12/04/2021}}
    Good: @article{k, title = {T}, date = {2021-04-12}}
    """
    for name in ("date", "urldate"):
        value = entry.fields.get(name, "").strip()
        if not value:
            continue
        parts = value.split("/")
        if len(parts) > 2 or not all(_valid_iso(p) for p in parts) or value == "/":
            yield Violation(f"malformed {name} {value!r}", field=name)


@rule("reversed-date-range", Severity.ERROR, screen=Screen(("date", "year"), ("-", "–", "—", "/")))
def reversed_date_range(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """A date or year range ends before it starts.

    Why: "2020/2018" is always a typo; styles print it as it is.

    Bad:  @article{k, title = {T}, date = {2020/2018}}
    Good: @article{k, title = {T}, date = {2018/2020}}
    """
    for name in ("date", "year"):
        value = entry.fields.get(name, "")
        match = _YEAR_RANGE.search(value) if name == "year" else _DATE_RANGE.fullmatch(value.strip())
        if not match:
            continue
        start, end = match.group(1), match.group(2)
        if len(end) == 2:
            end = start[:2] + end
        if int(end) < int(start):
            yield Violation(f"reversed range in {name} {value.strip()!r}", field=name)


@rule("month-not-macro", Severity.INFO, FixAvailability.ALWAYS)
def month_not_macro(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Month is written as text instead of a month macro.

    Why: ``month = {April}`` prints "April" in every language and style; the macro
    ``month = apr`` lets each style and language format the month its own way.
    Fix (safe): replace it by the macro.

    Bad:  @article{k, title = {T}, year = 2020, month = {April}}
    Good: @article{k, title = {T}, year = 2020, month = apr}
    """
    month = entry.fields.get("month")
    if month is None or "month" in entry.macros:
        return
    number = month_number(month)
    if number:
        macro = MONTH_MACROS[number - 1]
        yield Violation(f"month {month!r} is not a macro (use {macro})", field="month",
                        fix=Fix.replace("month", macro, macro=True))
