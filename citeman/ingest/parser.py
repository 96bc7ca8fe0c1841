"""Reference strings to typed :class:`Entry` objects: the CRF labels, rules fix identifiers.

The CRF (:mod:`citeman.ingest.labeller`) decides which words are the authors, the title,
the container and so on; :mod:`citeman.ingest.label_rules` corrects its labels where
regular expressions and reference styles know better; the code here turns labelled
spans into BibTeX-style fields and structured names (DOIs, URLs, ISBNs, years, page
ranges, ``14(1)`` and ``Vol. 5, Issue 2``). Nothing is invented: a field the text does
not hold stays absent, and the exact input is always kept in ``rawref``. A string that
yields neither a title nor an author still becomes an ``@misc`` entry, with a ``P101``
warning, so no reference is ever dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from citeman.ingest.authors import split_persons
from citeman.ingest.label_rules import apply_identifier_rules, apply_structure_rules
from citeman.ingest.confidence import attach_confidence
from citeman.ingest.labeller import label_tokens_scored, load_tagger
from citeman.ingest.tokens import Token, tokenize
from citeman.model import Diagnostic, Entry, Person, Provenance, Span
from citeman.normalize.dates import parse_date
from citeman.normalize.dates import YEAR_IN as _YEAR_IN
from citeman.normalize.identifiers import ISBN_IN as _ISBN_IN
from citeman.normalize.identifiers import URL_IN as _URL_IN
# The parser reads identifiers and pages out of reference spans, where "none" is "".
from citeman.normalize.identifiers import find_doi as normalize_doi
from citeman.normalize.identifiers import find_url as normalize_url
from citeman.normalize.markdown import clean_reference_marked
from citeman.normalize.pages import find_pages as normalize_pages
from citeman.normalize.pages import parse_volume
from citeman.normalize.text import clean_span
from citeman.normalize.titles import clean_title, protect_title_case

PARSE_FAILED = "P101"

_EDITION = re.compile(r"\b(\d+(?:st|nd|rd|th|e|er|\.)?|first|second|third|fourth|fifth|sixth|revised|rev\.?|expanded|new)\b", re.I)
_CONFERENCE = re.compile(r"\b(?:proceedings|proc\.|conference|conf\.|symposium|workshop|congress|meeting|colloquium)\b", re.I)
_THESIS = re.compile(r"\b(?:thesis|dissertation|diss\.|doctoral|ph\.?\s?d|master'?s|doctorat|habilitation)", re.I)
_REPORT = re.compile(r"\b(?:report|working paper|technical|memo|white paper|discussion paper|policy brief)", re.I)
# "Retrieved May 5, 2020, from": access notes carry no bibliographic data.
_PRESENTATION = re.compile(r"\b(?:presentation|presented|poster|conference|symposium|talk|keynote)", re.I)
_RETRIEVAL = re.compile(
    r"^(?:retrieved|accessed|available|viewed|consulted|online|from|at|on|url|doi|in|last|\d+|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|\W)+$", re.I)
_LEADING_IN = re.compile(r"^(?:in|en|dans|im)\s*:?\s+", re.I)
_ABBREVIATED = re.compile(r"\b[A-Z][a-z]{0,5}\.\s")


def _spans(tokens: list[Token], labels: list[str], text: str) -> list[tuple[str, str]]:
    """Consecutive tokens with one label merged into (label, exact substring) spans."""
    spans: list[tuple[str, str]] = []
    start = 0
    for i in range(1, len(tokens) + 1):
        if i == len(tokens) or labels[i] != labels[start]:
            spans.append((labels[start], text[tokens[start].start:tokens[i - 1].end]))
            start = i
    return spans


def _first(spans: list[tuple[str, str]], name: str) -> str:
    return next((value for label, value in spans if label == name), "")


def _all(spans: list[tuple[str, str]], name: str) -> list[str]:
    return [value for label, value in spans if label == name]


def _infer_type(fields: dict[str, str], container_label: str, container_raw: str, genre: str,
                persons: dict[str, list[Person]]) -> str:
    if genre and _THESIS.search(genre):
        return "thesis"
    if genre and _REPORT.search(genre) and not _PRESENTATION.search(genre):
        return "report"
    if genre and _PRESENTATION.search(genre):
        return "inproceedings"
    if container_label == "journal":
        if fields.get("url") and not fields.get("doi") and not fields.get("volume") and not fields.get("pages"):
            return "online"  # "Title. Site Name. https://..." names a web site, not a journal
        return "article"
    if container_label:
        if _CONFERENCE.search(container_raw):
            return "inproceedings"
        if "editor" in persons or _LEADING_IN.match(container_raw) or "publisher" in fields:
            return "incollection"
        return "article"
    if fields.get("publisher") or fields.get("isbn") or fields.get("edition"):
        return "book"
    if _THESIS.search(fields.get("note", "")):
        return "thesis"
    if fields.get("url") and not fields.get("doi"):
        return "online"
    return "misc"


def _quote(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


class _Builder:
    """Collects fields in a fixed order, each with its provenance."""

    def __init__(self, source: Span | None) -> None:
        self.fields: dict[str, str] = {}
        self.provenance: dict[str, Provenance] = {}
        self.source = source

    def set(self, name: str, value: str, method: str, raw: str | None = None) -> None:
        if value and name not in self.fields:
            self.fields[name] = value
            self.provenance[name] = Provenance(self.source, method, raw if raw != value else None)


def build_entry(text: str, tokens: list[Token], labels: list[str], source: Span | None = None,
                italic: list[bool] | None = None, scores: list[float] | None = None) -> Entry:
    """Turn labelled tokens of ``text`` into an :class:`Entry` (key left empty).

    ``scores``: the model's probability of each token's label, kept as per-field confidence.
    """
    model_labels = labels
    labels = apply_identifier_rules(tokens, labels)
    labels = apply_structure_rules(tokens, labels, italic)
    spans = _spans(tokens, labels, text)
    out = _Builder(source)
    persons: dict[str, list[Person]] = {}
    truncated: set[str] = set()

    for role in ("author", "editor", "translator"):
        raw = _first(spans, role)
        if raw:
            people, cut = split_persons(raw)
            if people:
                persons[role] = people
            if cut:
                truncated.add(role)

    title_raw = _first(spans, "title")
    title = clean_title(title_raw)
    container_label = "journal" if _first(spans, "journal") else ("container-title" if _first(spans, "container-title") else "")
    container_raw = _first(spans, container_label) if container_label else ""
    container = clean_title(_LEADING_IN.sub("", clean_span(container_raw))) if container_raw else ""
    if container and _ABBREVIATED.search(container) and re.match(re.escape(container) + r"\.", container_raw.strip()
                                                                  .removeprefix("In ").removeprefix("in ")):
        # "Phys. Rev.": in an abbreviated title the last full stop belongs to the last word.
        last = container.split()[-1]
        if last.isalpha() and len(last) <= 6 and last[:1].isupper():
            container += "."
    genre = clean_span(" ".join(_all(spans, "genre")))

    date_raw = _first(spans, "date")
    date = parse_date(date_raw) if date_raw else {}
    if date.get("year") and "month" not in date:
        # "Academia Letters, December." - a month written apart from the year.
        for raw in _all(spans, "date")[1:]:
            extra = parse_date(f"{date['year']} {raw}") if not _YEAR_IN.search(raw) else {}
            if extra.get("month"):
                date["month"] = extra["month"]
                break
    volume_raw = " ".join(_all(spans, "volume"))
    volume, issue = parse_volume(volume_raw) if volume_raw else ("", "")
    pages_raw = _first(spans, "pages")
    pages = normalize_pages(pages_raw) if pages_raw else ""
    publisher = _first(spans, "publisher")
    if "]" in publisher and "[" not in publisher:
        # APA 7 "[Master's thesis, University of Toronto]. TSpace.": the repository after the
        # bracket is not the publisher.
        publisher = publisher.split("]")[0]
    publisher = clean_span(publisher)
    place = clean_span(_first(spans, "location"))
    edition_raw = _first(spans, "edition")
    edition_match = _EDITION.search(edition_raw) if edition_raw else None
    edition = edition_match.group(1).rstrip(".") if edition_match else clean_span(edition_raw)
    series = clean_title(_first(spans, "collection-title"))

    doi = ""
    for raw in _all(spans, "doi"):
        doi = normalize_doi(raw)
        if doi:
            break
    url = ""
    for raw in _all(spans, "url"):
        url = normalize_url(raw)
        if url:
            break
    if not url:
        for raw in _all(spans, "doi"):
            if _URL_IN.search(raw) and not normalize_doi(raw):
                url = normalize_url(raw)
    isbn_match = _ISBN_IN.search(" ".join(_all(spans, "isbn")))
    isbn = isbn_match.group(1) if isbn_match else ""
    notes = [clean_span(n) for n in _all(spans, "note")]
    note = "; ".join(n for n in notes if n and not _RETRIEVAL.match(n))

    fields_for_type = {"publisher": publisher, "isbn": isbn, "edition": edition, "url": url, "doi": doi, "note": note,
                       "volume": volume or issue, "pages": pages}
    entry_type = _infer_type({k: v for k, v in fields_for_type.items() if v}, container_label, container_raw, genre, persons)

    out.set("title", title, "crf", title_raw)
    if container:
        container_field = "journal" if entry_type == "article" else ("booktitle" if entry_type in ("incollection", "inproceedings") else "howpublished")
        out.set(container_field, container, "crf", container_raw)
    out.set("series", series, "crf")
    out.set("edition", edition, "crf", edition_raw)
    out.set("year", date.get("year", ""), "rule:year", date_raw)
    out.set("yearsuffix", date.get("yearsuffix", ""), "rule:year", date_raw)
    out.set("month", date.get("month", ""), "rule:date", date_raw)
    out.set("date", date.get("date", ""), "rule:date", date_raw)
    out.set("volume", volume, "rule:volume", volume_raw)
    out.set("number", issue, "rule:volume", volume_raw)
    out.set("pages", pages, "rule:pages", pages_raw)
    publisher_field = {"thesis": "school", "report": "institution"}.get(entry_type, "publisher")
    out.set(publisher_field, publisher, "crf")
    out.set("address", place, "crf")
    if entry_type in ("thesis", "report") and genre:
        out.set("type", genre, "crf")
    out.set("doi", doi, "rule:doi")
    out.set("url", url, "rule:url")
    out.set("isbn", isbn, "rule:isbn")
    out.set("note", note, "crf")

    entry = Entry(key="", type=entry_type, fields=out.fields, persons=persons, provenance=out.provenance,
                  source=source, raw=text, truncated=truncated)
    if "month" in entry.fields:
        entry.macros.add("month")
    for role in persons:
        entry.provenance[role] = Provenance(source, "crf", _first(spans, role))
    if scores is not None:
        attach_confidence(entry, tokens, labels, model_labels, scores)
    return entry


def _unparsed(text: str, source: Span | None) -> tuple[Entry, list[Diagnostic]]:
    fields: dict[str, str] = {}
    if text.strip():
        fields["note"] = " ".join(text.split())
    fields["rawref"] = text
    entry = Entry(key="", type="misc", fields=fields, source=source, raw=text)
    message = f"could not parse reference {_quote(text)}" if text.strip() else "empty reference"
    diag = Diagnostic(PARSE_FAILED, "warning", message, path=source.path if source else "",
                      line=source.line if source else 0)
    return entry, [diag]


def parse_reference(text: str, source: Span | None = None) -> tuple[Entry, list[Diagnostic]]:
    """One reference string -> one Entry (with an empty key) and any diagnostics."""
    if not isinstance(text, str):
        text = str(text)
    cleaned, italic = clean_reference_marked(text)
    tokens = tokenize(cleaned)
    if not tokens or not any(ch.isalpha() for ch in cleaned):
        return _unparsed(text, source)
    try:
        labels, scores = label_tokens_scored(tokens, load_tagger())
    except (ValueError, RuntimeError):  # crfsuite rejects nothing we build, but never crash on input
        return _unparsed(text, source)
    entry = build_entry(cleaned, tokens, labels, source, italic if len(italic) == len(tokens) else None, scores)
    has_author = any(entry.persons.values())
    if not entry.fields.get("title") and not has_author:
        return _unparsed(text, source)
    _protect_titles(entry)
    entry.fields["rawref"] = text
    entry.raw = text
    return entry, []


def _protect_titles(entry: Entry) -> None:
    """Brace acronyms and proper nouns so case-changing styles keep them (the value before is kept)."""
    for name in ("title", "booktitle"):
        value = entry.fields.get(name, "")
        protected = protect_title_case(value)
        if protected != value:
            entry.fields[name] = protected
            prov = entry.provenance.get(name)
            if prov is not None and prov.raw is None:
                prov.raw = value


def parse_references(lines: Sequence[str], path: str = "",
                     line_numbers: Sequence[int] | None = None) -> tuple[list[Entry], list[Diagnostic]]:
    """Exactly one Entry per input string, in order, with keys unique within the batch.

    ``line_numbers`` gives the 1-based source line of each string (default: its position).
    """
    from citeman.keys import assign_keys

    entries: list[Entry] = []
    per_entry: list[list[Diagnostic]] = []
    for i, text in enumerate(lines):
        line = line_numbers[i] if line_numbers is not None and i < len(line_numbers) else i + 1
        entry, diags = parse_reference(text, Span(path, line))
        entries.append(entry)
        per_entry.append(diags)
    assign_keys(entries)
    diagnostics: list[Diagnostic] = []
    for entry, diags in zip(entries, per_entry):
        for diag in diags:
            diag.key = entry.key
        diagnostics.extend(diags)
    return entries, diagnostics


def parse_text(text: str, path: str = "") -> tuple[list[Entry], list[Diagnostic]]:
    """Parse every non-empty line of ``text`` as one reference (``citeman parse``).

    Raises :class:`InputError` when the text holds no reference at all.
    """
    from citeman.errors import InputError

    numbered = [(n, line) for n, line in enumerate(text.split("\n"), 1) if line.strip()]
    if not numbered:
        raise InputError("no references: the input is empty", path=path or "<stdin>")
    return parse_references([line.strip() for _, line in numbered], path=path,
                            line_numbers=[n for n, _ in numbered])
