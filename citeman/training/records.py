"""Structured CSL-JSON records recovered from AnyStyle-format labelled references.

Each labelled ``<sequence>`` of the AnyStyle core set names its parts (author, date,
title, journal, ...). Reading those parts back into CSL-JSON fields gives real metadata
that can be re-rendered through many citation styles (see :mod:`citeman.training.render`).
"""

from __future__ import annotations

import re

from citeman.ingest.authors import split_persons
from citeman.ingest.parser import clean_span, clean_title, normalize_doi, normalize_pages, normalize_url, \
    parse_date, parse_volume

_MONTH_NUMBER = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_CONFERENCE = re.compile(r"proceed|conference|symposium|workshop|congress|meeting", re.I)
_THESIS = re.compile(r"thesis|dissertation|diss\.|ph\.?\s?d", re.I)
_REPORT = re.compile(r"report|working paper|technical", re.I)
_EDITION = re.compile(r"\d+")


def _names(text: str) -> list[dict[str, str]]:
    people, _ = split_persons(text)
    out = []
    for person in people:
        if person.literal:
            out.append({"literal": person.literal})
        elif person.family:
            name = {"family": person.family}
            if person.given:
                name["given"] = person.given
            if person.particle:
                name["non-dropping-particle"] = person.particle
            if person.suffix:
                name["suffix"] = person.suffix
            out.append(name)
    return out


def _guess_type(record: dict, labels: set[str], genre: str) -> str:
    container = record.get("container-title", "")
    if genre and _THESIS.search(genre):
        return "thesis"
    if "journal" in labels:
        return "article-journal"
    if container:
        if _CONFERENCE.search(container):
            return "paper-conference"
        return "chapter"
    if genre and _REPORT.search(genre):
        return "report"
    if "publisher" in labels or "location" in labels:
        return "book"
    if "url" in labels:
        return "webpage"
    return "book"


def first_segments(segments: list[tuple[str, str]]) -> tuple[dict[str, str], list[str]]:
    """Each label's first segment text, and every volume segment (volume and issue share the label)."""
    first: dict[str, str] = {}
    volume_parts: list[str] = []
    for tag, text in segments:
        text = " ".join(text.split())
        first.setdefault(tag, text)
        if tag == "volume":
            volume_parts.append(text)
    return first, volume_parts


def record_from_segments(segments: list[tuple[str, str]], ident: str) -> dict | None:
    """A CSL-JSON record from one labelled sequence, or None when it has no title or no date."""
    first, volume_parts = first_segments(segments)
    record: dict = {"id": ident}
    for tag, field in (("author", "author"), ("editor", "editor"), ("translator", "translator")):
        if tag in first:
            names = _names(first[tag])
            if names:
                record[field] = names
    title = clean_title(first.get("title", ""))
    date = parse_date(first.get("date", ""))
    if not title or "year" not in date:
        return None
    record["title"] = title
    parts = [int(date["year"])]
    if date.get("month"):
        parts.append(_MONTH_NUMBER.get(date["month"], 1))
    record["issued"] = {"date-parts": [parts]}
    container = first.get("journal") or first.get("container-title")
    if container:
        record["container-title"] = clean_title(re.sub(r"^(?:in|en|dans|im)\s*:?\s+", "", clean_span(container), flags=re.I))
    if "collection-title" in first:
        record["collection-title"] = clean_title(first["collection-title"])
    if volume_parts:
        volume, issue = parse_volume(" ".join(volume_parts))
        if volume:
            record["volume"] = volume
        if issue:
            record["issue"] = issue
    pages = normalize_pages(first.get("pages", ""))
    if pages:
        record["page"] = pages.replace("--", "-")
    for tag, field in (("publisher", "publisher"), ("location", "publisher-place")):
        value = clean_span(first.get(tag, ""))
        if value:
            record[field] = value
    doi = normalize_doi(first.get("doi", "")) or normalize_doi(first.get("url", ""))
    if doi:
        record["DOI"] = doi
    url = normalize_url(first.get("url", ""))
    if url and not doi:
        record["URL"] = url
    edition = _EDITION.search(first.get("edition", ""))
    if edition:
        record["edition"] = edition.group(0)
    genre = clean_span(first.get("genre", ""))
    if genre:
        record["genre"] = genre
    isbn = re.sub(r"[^\dXx-]", "", first.get("isbn", ""))
    if len(isbn) >= 10:
        record["ISBN"] = isbn
    record["type"] = _guess_type(record, set(first), genre)
    if record["type"] == "thesis" and "publisher" not in record and "publisher-place" in record:
        record["publisher"] = record.pop("publisher-place")
    return record


_KEEP = ("title", "container-title", "collection-title", "volume", "issue", "page", "publisher", "publisher-place",
         "DOI", "URL", "ISBN", "edition", "genre", "author", "editor", "translator")
_TYPES = {"article-journal", "article", "article-magazine", "article-newspaper", "book", "chapter",
          "paper-conference", "report", "thesis", "webpage", "software", "dataset", "manuscript"}
_MARKUP = re.compile(r"<[^>]+>")


def _plain(value: object) -> str:
    return " ".join(_MARKUP.sub("", str(value)).split())


def library_records(paths: list, start: int = 100000) -> list[dict]:
    """CSL-JSON records of real .bib files (through citeman's own CSL-JSON export), ids ``r<start+n>``.

    Only records with a title, a year and a named author or editor are kept, and only the
    fields the renderer marks; rich-text markup is dropped.
    """
    import json

    from citeman.export import export, read_libraries

    library, _ = read_libraries(paths)
    out = []
    for item in json.loads(export(library, "csl-json")):
        parts = item.get("issued", {}).get("date-parts") or [[]]
        year = parts[0][0] if parts[0] else None
        if item.get("type") not in _TYPES or not item.get("title") or not isinstance(year, int):
            continue
        record: dict = {"id": f"r{start + len(out)}", "type": item["type"],
                        "issued": {"date-parts": [[year] + [p for p in parts[0][1:2] if isinstance(p, int)]]}}
        for field in _KEEP:
            value = item.get(field)
            if field in ("author", "editor", "translator"):
                names = [{k: _plain(v) for k, v in n.items() if k in ("family", "given", "literal",
                          "non-dropping-particle", "dropping-particle", "suffix") and _plain(v)}
                         for n in value or []]
                names = [n for n in names if n.get("family") or n.get("literal")]
                if names:
                    record[field] = names
            elif value not in (None, "") and _plain(value):
                record[field] = _plain(value)
        if record.get("author") or record.get("editor"):
            out.append(record)
    return out
