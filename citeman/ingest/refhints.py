"""Corrections a reference list's own markup allows after the parser has read a string.

The parser sees plain text, but a Markdown reference list says more: in APA and most
author-date styles the italic span is the container (a journal, a book) when a plain title
precedes it, and the title itself when it comes straight after the year. Those spans are
kept on each :class:`~citeman.ingest.reflist.RefString`; this module uses them to repair
the few fields the labeller cut in the wrong place (a title running into the journal, a
journal cut in two, a title left in ``note``, a URL read as part of an italic title, the
"April, 38" after a journal left unread). Every change records the value it replaced
in the entry's provenance, and no text is ever invented: every new value is a span of the
reference itself.

The parser uses italics too (``_apply_italics`` in :mod:`citeman.ingest.parser`), at an
earlier stage and for a different job: it relabels tokens of an author-date reference
before any field exists, from the ``*emphasis*`` it finds in the string it is given
(``citeman parse`` input included). The hints here run after the entry is built, only for
references that came from a Markdown reference list, and repair field boundaries with the
italic spans the list splitter kept; they never relabel tokens. Both read italics the
APA way (a span after a plain title is the container, one straight after the year the
title), so the two agree where they overlap.
"""

from __future__ import annotations

import re

from citeman.model import Entry, Provenance, Span
from citeman.normalize.pages import normalize_pages
from citeman.normalize.titles import protect_title_case

METHOD = "rule:italics"

_YEAR = re.compile(r"\(\s*(?:\d{4}[a-z]?|n\.\s?d\.)\s*\)[.,]?\s*", re.I)
_URL = re.compile(r"(?:https?|ftp)://|www\.", re.I)
_MONTHS = {
    "january": "jan", "february": "feb", "march": "mar", "april": "apr", "may": "may", "june": "jun",
    "july": "jul", "august": "aug", "september": "sep", "october": "oct", "november": "nov",
    "december": "dec",
}
_DATE_PAGES = re.compile(
    r"^(?P<month>[A-Za-z]+)\.?(?:\s*,\s*(?P<pages>\d{1,5}(?:\s*[-–—]+\s*\d{1,5})?))?\s*[.,]?$"
)
_CONTAINER_FIELDS = ("journal", "booktitle")
_PROTECTED = frozenset({"title", "booktitle"})
_LABEL_WORDS = r"stable\s+url|url|available\s+(?:at|from|online)|retrieved\s+from|accessed|online|doi"
# A note holding nothing but the label of the URL it stood before ("Stable URL").
_URL_LABEL = re.compile(rf"\s*(?:{_LABEL_WORDS})?\s*[:.,;]?\s*", re.I)
_LABEL_AT_END = re.compile(rf"(?:{_LABEL_WORDS})\s*:?\s*$", re.I)


def _before_url(span: str) -> str:
    """The part of an italic span before any URL in it, without the URL's label."""
    match = _URL.search(span)
    if not match:
        return span
    head = span[:match.start()]
    label = _LABEL_AT_END.search(head)
    if label:
        head = head[:label.start()]
    return head.rstrip(" .,;:<([")


def _record(entry: Entry, name: str, old: str | None, span: Span) -> None:
    """Note the value a hint replaced; after several hints, the value before the first."""
    earlier = entry.provenance.get(name)
    if earlier is not None and earlier.method == METHOD:
        old = earlier.raw
    entry.provenance[name] = Provenance(span, METHOD, old)


def _text(entry: Entry, name: str) -> str:
    """A field's words without the braces that protect capitals in BibTeX titles."""
    return entry.fields.get(name, "").replace("{", "").replace("}", "")


def _set(entry: Entry, name: str, value: str, span: Span) -> None:
    _record(entry, name, entry.fields.get(name), span)
    # Titles get the same capital protection the parser gives them.
    entry.fields[name] = protect_title_case(value) if name in _PROTECTED else value


def _drop(entry: Entry, name: str, span: Span) -> None:
    if name in entry.fields:
        _record(entry, name, entry.fields.pop(name), span)


def _container_field(entry: Entry) -> str:
    for name in _CONTAINER_FIELDS:
        if entry.fields.get(name):
            return name
    return "booktitle" if entry.type in ("incollection", "inproceedings") else "journal"


def _after_year(text: str) -> str:
    match = _YEAR.search(text[:200])
    return text[match.end():] if match else ""


def _take_from_note(entry: Entry, piece: str, span: Span) -> None:
    """Remove ``piece`` from the start of ``note`` (it now lives in another field)."""
    note = entry.fields.get("note", "")
    if piece and note.startswith(piece):
        rest = note[len(piece):].lstrip(" .,;:")
        if rest:
            _set(entry, "note", rest, span)
        else:
            _drop(entry, "note", span)


def _date_and_pages_from_note(entry: Entry, span: Span) -> None:
    """A leftover ``April, 38`` after the container is the issue month and the pages."""
    match = _DATE_PAGES.match(entry.fields.get("note", "").strip())
    if not match or match.group("month").lower() not in _MONTHS or entry.fields.get("month"):
        return
    if match.group("pages") and entry.fields.get("pages"):
        return
    _drop(entry, "note", span)
    _set(entry, "month", _MONTHS[match.group("month").lower()], span)
    entry.macros.add("month")
    if match.group("pages"):
        _set(entry, "pages", normalize_pages(match.group("pages")), span)


_REPORT_NUMBER = re.compile(r"\((?:(?:report\s+)?no\.\s*)?(\d{1,6})\)", re.I)
_EDITION = re.compile(r"\((\d{1,2})(?:st|nd|rd|th)\s+ed\.?\)", re.I)


def _split_title_parenthetical(entry: Entry, italic: str, rest: str, span: Span) -> None:
    """``*Title* (24)`` or ``*Title* (2nd ed.)``: the parenthesis after an italic title is a number or edition."""
    number = _REPORT_NUMBER.fullmatch(rest.rstrip("."))
    edition = _EDITION.fullmatch(rest.rstrip("."))
    if number and not entry.fields.get("number"):
        _set(entry, "title", italic, span)
        _set(entry, "number", number.group(1), span)
    elif edition and not entry.fields.get("edition"):
        _set(entry, "title", italic, span)
        _set(entry, "edition", edition.group(1), span)


def _article_if_untyped(entry: Entry, span: Span) -> None:
    """A title followed by an italic container and no publisher reads as a periodical article."""
    if entry.type in ("misc", "online") and not entry.fields.get("publisher"):
        old = entry.type
        entry.type = "article"
        entry.provenance["type"] = Provenance(span, METHOD, old)


def _title_before_container(entry: Entry, lead: str, italic: str, span: Span) -> None:
    """APA: the plain text between the year and the first italic span is the title.

    Applied only when the labeller stopped the title short and left the rest of that
    text unread at the start of ``note``.
    """
    position = lead.find(italic) if italic else -1
    title = _text(entry, "title")
    if position <= 0 or not title:
        return
    plain = lead[:position].rstrip(" .,;:")
    if plain == title or not plain.startswith(title):
        return
    rest = plain[len(title):].strip(" .,;:")
    if rest and entry.fields.get("note", "").startswith(rest):
        _set(entry, "title", plain, span)
        _take_from_note(entry, rest, span)


def apply_italic_hints(entry: Entry, text: str, italics: tuple[str, ...], span: Span, raw: str = "") -> None:
    """Repair title/container boundaries of ``entry`` from the italic spans of its reference.

    ``text`` is the clean reference, ``raw`` its Markdown source: an italic span that
    opens right after the year there is the title, any other one the container.
    """
    if not italics:
        return
    lead = _after_year(text)
    title_first = _after_year(raw or text).lstrip().startswith(("*", "_"))
    if not title_first:
        _title_before_container(entry, lead, _before_url(italics[0]), span)
    for position, italic in enumerate(italics):
        italic = _before_url(italic)  # a URL and its label are never part of a title
        if not italic:
            continue
        is_title_span = position == 0 and title_first and lead.startswith(italic)
        title = _text(entry, "title")
        container_name = _container_field(entry)
        container = _text(entry, container_name)
        if is_title_span:
            if not title:
                _set(entry, "title", italic, span)
                _take_from_note(entry, italic, span)
                outside = text.replace(italic, " ")
                for name in ("volume", "number", "pages"):
                    value = entry.fields.get(name, "")
                    if value and value not in outside:
                        _drop(entry, name, span)  # read from inside the title
            elif title != italic and italic.startswith(title) and (
                    not container or italic.endswith(container)):
                # The labeller cut one italic title in two (title + journal).
                _set(entry, "title", italic, span)
                if container and italic.endswith(container):
                    _drop(entry, container_name, span)
                _take_from_note(entry, italic[len(title):].strip(" .,;:"), span)
            elif title != italic and title.startswith(italic):
                _split_title_parenthetical(entry, italic, title[len(italic):].strip(), span)
            continue
        if title and title != italic and title.endswith(italic):
            prefix = title[: -len(italic)].rstrip()
            if prefix.endswith((".", ",")) and prefix.rstrip(" .,"):
                # "Title. *Journal*" read as one title.
                _set(entry, "title", prefix.rstrip(" .,"), span)
                if not container:
                    _set(entry, container_name, italic, span)
                    _article_if_untyped(entry, span)
            continue
        if not container and italic and entry.fields.get("note", "").startswith(italic):
            # The journal left unread in ``note``.
            _set(entry, container_name, italic, span)
            _take_from_note(entry, italic, span)
            _article_if_untyped(entry, span)
            continue
        if container and container != italic and italic.startswith(container):
            rest = italic[len(container):].strip(" .,;:")
            _set(entry, container_name, italic, span)
            _take_from_note(entry, rest, span)
    _date_and_pages_from_note(entry, span)
    if entry.fields.get("url") and _URL_LABEL.fullmatch(entry.fields.get("note", "")):
        _drop(entry, "note", span)  # "Stable URL" left behind by the URL it labelled
