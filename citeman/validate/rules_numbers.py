"""Rules about pages, volumes and issue numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from citeman.model import Entry
from citeman.normalize.pages import normalize_pages
from citeman.validate.base import Context, Fix, FixAvailability, Severity, Violation, quote, rule
from citeman.validate.screen import Screen
from citeman.validate.textutil import MONTH_MACROS, MONTH_WORD, month_number

# A page: a number with up to two letters before it (S12, e0123), a Roman numeral, or an AAAS article number
# (e + three letters + four digits: Science Advances' "eabl6449").
_PAGE = r"(?:[A-Za-z]{0,2}\d+[A-Za-z]?|[ivxlcdmIVXLCDM]+|e[a-z]{3}\d{4})"
_PAGES_OK = re.compile(rf"{_PAGE}(?:--{_PAGE})?(?:,\s*{_PAGE}(?:--{_PAGE})?)*\+?")
_RANGE = re.compile(r"([A-Za-z]{0,2})(\d+)--([A-Za-z]{0,2})(\d+)")
NUMBER_FIELDS = ("volume", "number", "issue")
# Pages other than a plain number or plain "N--M" range: the others are canonical and well-formed.
_PAGES_NOT_PLAIN = Screen(("pages",), pattern=re.compile(r"\x00(?!\d+(?:--\d+)?\x00|\x01|\Z)"))


@rule("malformed-pages", Severity.ERROR, screen=_PAGES_NOT_PLAIN)
def malformed_pages(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Pages are not a page number, a range or a list of them.

    Why: "245y", "April" or "1–148 pp" in ``pages`` is text damage; styles print it
    as it is. Roman numerals, article numbers (``e0123``) and ``S12`` are accepted.

    Bad:  @article{k, title = {T}, year = 2020, pages = {12 and then some}}
    Good: @article{k, title = {T}, year = 2020, pages = {12--19}}
    """
    pages = entry.fields.get("pages", "")
    if pages.strip() and not _PAGES_OK.fullmatch(normalize_pages(pages)):
        yield Violation(f"malformed pages {quote(pages)}", field="pages")


@rule("page-range-dash", Severity.WARNING, FixAvailability.ALWAYS, screen=_PAGES_NOT_PLAIN)
def page_range_dash(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Page range is not written with ``--`` (or carries a ``pp.`` prefix).

    Why: BibTeX styles expect ``--`` (typeset as an en dash); a hyphen prints as a
    hyphen, a Unicode dash breaks some styles, and ``pp.`` is printed twice.
    Fix (safe): write ``first--last``.

    Bad:  @article{k, title = {T}, year = 2019, pages = {119–144}}
    Good: @article{k, title = {T}, year = 2019, pages = {119--144}}
    """
    pages = entry.fields.get("pages", "")
    if not pages:
        return
    fixed = normalize_pages(pages)
    if fixed != pages and _PAGES_OK.fullmatch(fixed):
        yield Violation(f"page range {quote(pages)} should be {quote(fixed)}", field="pages", fix=Fix.replace("pages", fixed))


def _ranges(pages: str) -> Iterator[tuple[str, int, int, str]]:
    for match in _RANGE.finditer(normalize_pages(pages)):
        yield match.group(0), int(match.group(2)), int(match.group(4)), match.group(4)


_PLAIN_RANGE = re.compile(r"(\d+)--(\d+)")


def _may_be_reversed(entry: Entry) -> bool:
    # A plain "N--M" (the usual form) is reversed only when M < N; other forms go to the rule.
    pages = entry.fields.get("pages")
    if pages is None:
        return False
    plain = _PLAIN_RANGE.fullmatch(pages)
    return plain is None or int(plain.group(2)) < int(plain.group(1))


@rule("reversed-page-range", Severity.ERROR, screen=Screen(test=_may_be_reversed))
def reversed_page_range(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Page range ends before it starts.

    Why: "144--119" is a typo (abbreviated ranges such as "1620--31" are fine).

    Bad:  @article{k, title = {T}, year = 2019, pages = {144--119}}
    Good: @article{k, title = {T}, year = 2019, pages = {119--144}}
    """
    for text, start, end, end_digits in _ranges(entry.fields.get("pages", "")):
        if end < start and len(end_digits) >= len(str(start)):
            yield Violation(f"reversed page range {text!r}", field="pages")


# The same whole number twice, with no digit between (the rule compares whole numbers).
@rule("single-page-range", Severity.WARNING, FixAvailability.ALWAYS,
      screen=Screen(("pages",), pattern=re.compile(r"(?<!\d)(\d+)[^\d\x00\x01]+\1(?!\d)")))
def single_page_range(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Page "range" whose first and last page are the same (``72--72``).

    Why: usually an extraction artefact; a one-page item is cited as one page.
    Fix (safe): keep the single page.

    Bad:  @article{k, title = {T}, year = 2011, pages = {72--72}}
    Good: @article{k, title = {T}, year = 2011, pages = {72}}
    """
    pages = entry.fields.get("pages", "")
    fixed = normalize_pages(pages)
    match = _RANGE.fullmatch(fixed)
    if match and match.group(1) == match.group(3) and match.group(2) == match.group(4):
        yield Violation(f"one-page range {quote(pages)}", field="pages",
                        fix=Fix.replace("pages", match.group(1) + match.group(2)))


_NUMBER_OK = re.compile(
    r"(?:[A-Za-z]?\d+[A-Za-z]?|[IVXLCDM]+|[ivxlcdm]+)(?:\s*(?:--|-|–|/|&|,)\s*(?:[A-Za-z]?\d+[A-Za-z]?|[IVXLCDM]+))*"
    r"|(?:suppl\.?|supplement|special issue|si|s)\s*\d*|(?:\d+\s+)?suppl(?:\.|ement)?\s*\d*",
    re.IGNORECASE,
)
_VOL_ISSUE = re.compile(r"\s*(\d+)\s*\(\s*(\d+)\s*\)\s*")
_VOL_MONTH = re.compile(r"\s*(\d+)\s*\(\s*([A-Za-z]+\.?)\s*\)\s*")


@rule("text-in-number", Severity.ERROR, FixAvailability.SOMETIMES, screen=Screen(
    NUMBER_FIELDS, pattern=re.compile(r"\x00(?!\d+\x00|\x01|\Z)")))
def text_in_number(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Volume or issue holds a month name or other text instead of a number.

    Why: "30(October)", "4883(May)", "April" or "өы12y" in ``volume`` or ``number``
    comes from misreading the reference; the style prints it as a volume.
    Fix (unsafe): ``30(October)`` becomes volume 30 and month oct when no month is set.

    Bad:  @article{k, title = {T}, year = 2006, volume = {30(October)}}
    Good: @article{k, title = {T}, year = 2006, volume = 30, month = oct}
    """
    for name in NUMBER_FIELDS:
        value = entry.fields.get(name)
        if not value or name in entry.macros:
            continue
        text = value.strip()
        if _NUMBER_OK.fullmatch(text) or _VOL_ISSUE.fullmatch(text):
            continue
        fix = None
        match = _VOL_MONTH.fullmatch(text)
        if match and month_number(match.group(2)) and not entry.fields.get("month"):
            macro = MONTH_MACROS[month_number(match.group(2)) - 1]
            fix = Fix(safe=False, fields={name: match.group(1), "month": macro}, macros=frozenset({"month"}))
        kind = "a month" if MONTH_WORD.search(text) else "text"
        yield Violation(f"{name} {quote(text)} holds {kind}, not a number", field=name, fix=fix)


@rule("volume-with-issue", Severity.WARNING, FixAvailability.SOMETIMES, screen=Screen(("volume",), ("(",)))
def volume_with_issue(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Volume holds the issue too, as in ``14(1)``.

    Why: styles print volume and issue themselves; ``14(1)`` in ``volume`` comes out as
    "14(1)(1)" or loses the issue in other formats.
    Fix (safe): split into volume 14 and number 1 when ``number`` is empty or the same.

    Bad:  @article{k, title = {T}, year = 2019, volume = {14(1)}}
    Good: @article{k, title = {T}, year = 2019, volume = 14, number = 1}
    """
    value = entry.fields.get("volume", "")
    match = _VOL_ISSUE.fullmatch(value) if value else None
    if match:
        number = entry.fields.get("number", "") or entry.fields.get("issue", "")
        fix = None
        if not number or number.strip() == match.group(2):
            target = "issue" if entry.fields.get("issue") and not entry.fields.get("number") else "number"
            fix = Fix.replace("volume", match.group(1))
            fix.fields[target] = match.group(2)
        yield Violation(f"volume {value!r} holds the issue too", field="volume", fix=fix)


_DIGITS_ONLY = re.compile(r"[\d\s(),–—-]+")
_LEADING_ZERO = re.compile(r"(?<![\d.])0+(?=[1-9])")


@rule("leading-zeros", Severity.WARNING, FixAvailability.ALWAYS, screen=Screen(
    ("volume", "number", "issue", "pages"), pattern=re.compile(r"0[0-9]")))
def leading_zeros(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Volume, issue or pages have leading zeros (``02``).

    Why: "9(02)" is printed as it is and does not sort or match with "9(2)".
    Fix (safe): drop the zeros.

    Bad:  @article{k, title = {T}, year = 2023, volume = 9, number = {02}}
    Good: @article{k, title = {T}, year = 2023, volume = 9, number = 2}
    """
    for name in ("volume", "number", "issue", "pages"):
        value = entry.fields.get(name)
        if not value or "0" not in value or name in entry.macros:
            continue
        if _DIGITS_ONLY.fullmatch(value) and _LEADING_ZERO.search(value):
            yield Violation(f"leading zeros in {name} {value!r}", field=name,
                            fix=Fix.replace(name, _LEADING_ZERO.sub("", value)))


@rule("volume-is-year", Severity.WARNING, layout=lambda kind, names: None if {"volume", "year"} <= names else False)
def volume_is_year(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Volume is the publication year.

    Why: "PIDE Knowledge Brief, 2022, 8" was read with the year as volume; a series
    numbered by year is rare and then belongs in ``number``.

    Bad:  @article{k, title = {T}, journal = {PIDE Knowledge Brief}, year = 2022, volume = 2022}
    Good: @article{k, title = {T}, journal = {PIDE Knowledge Brief}, year = 2022, number = 8}
    """
    volume = entry.fields.get("volume", "").strip()
    if volume and volume == entry.fields.get("year", "").strip():
        yield Violation(f"volume {volume!r} is the year", field="volume")


@rule("implausible-volume", Severity.WARNING, screen=Screen(("volume",), pattern=re.compile(r"\x00[^\x00\x01]{4,}\x00")),
      layout=lambda kind, names: None if kind == "article" and "volume" in names else False)
def implausible_volume(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Volume number is implausibly large for a journal (over 1000).

    Why: few journals pass volume 1000; "4883" is usually a page number or an article id
    misread as a volume.

    Bad:  @article{k, title = {T}, year = 2024, volume = 4883}
    Good: @article{k, title = {T}, year = 2024, volume = 12}
    """
    volume = entry.fields.get("volume", "").strip()
    if entry.type == "article" and volume.isdecimal() and int(volume) > 1000 and volume != entry.fields.get("year", ""):
        yield Violation(f"implausible volume {volume!r}", field="volume")
