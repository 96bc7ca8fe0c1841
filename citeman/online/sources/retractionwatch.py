"""The Retraction Watch database, checked offline from the CSV file Crossref publishes.

Crossref makes the whole database available as one CSV file (its Labs API,
``https://api.labs.crossref.org/data/retractionwatch?<your e-mail>``, and the
``crossref/retraction-watch-data`` repository on GitLab). Many retractions it holds
are in no publisher's Crossref record, so ``citeman verify --retractions FILE``
looks every entry's DOI and PubMed id up in it, with no request at all.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from citeman.errors import InputError
from citeman.io.text import read_text
from citeman.model import Entry
from citeman.normalize.identifiers import normalize_doi

# The notice kinds that take a work back; corrections and expressions of concern do not.
RETRACTING = frozenset({"retraction"})
_NEEDED = ("Record ID", "RetractionNature", "OriginalPaperDOI", "OriginalPaperPubMedID", "RetractionDate",
           "RetractionDOI", "Reason")
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


@dataclass(frozen=True, slots=True)
class Notice:
    """One row of the database: a notice about the work with ``doi``/``pmid``."""

    record_id: str
    nature: str
    date: str  # ISO 8601, as far as the row gives it
    notice_doi: str
    reasons: tuple[str, ...]

    @property
    def retracts(self) -> bool:
        return self.nature.strip().casefold() in RETRACTING


@dataclass(slots=True)
class RetractionIndex:
    """The rows by the retracted work's normalised DOI and PubMed id."""

    source: str
    by_doi: dict[str, list[Notice]] = field(default_factory=dict)
    by_pmid: dict[str, list[Notice]] = field(default_factory=dict)

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_doi.values()) + sum(len(v) for v in self.by_pmid.values())

    def retractions(self, entry: Entry) -> list[Notice]:
        """The retraction notices of ``entry``'s work, found by its DOI or its PubMed id."""
        found: list[Notice] = []
        doi = normalize_doi(entry.fields.get("doi", "")).casefold()
        pmid = entry.fields.get("pmid", "").strip()
        for notice in [*self.by_doi.get(doi, []), *self.by_pmid.get(pmid, [])]:
            if notice.retracts and notice not in found:
                found.append(notice)
        return found


def _iso(value: str) -> str:
    match = _US_DATE.match(value.strip())
    return f"{match.group(3)}-{int(match.group(1)):02d}-{int(match.group(2)):02d}" if match else value.strip()


def _reasons(value: str) -> tuple[str, ...]:
    return tuple(part.strip().lstrip("+").strip() for part in value.split(";") if part.strip().lstrip("+").strip())


def _identifier(value: str) -> str:
    """Empty for the database's placeholders ("unavailable", "0")."""
    text = value.strip()
    return "" if text.casefold() in {"", "0", "unavailable", "n/a", "none"} else text


def parse(text: str, source: str) -> RetractionIndex:
    """The index of a Retraction Watch CSV text; a file without its columns is an input error."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [name for name in _NEEDED if name not in (reader.fieldnames or [])]
    if missing:
        raise InputError(f"not a Retraction Watch CSV file: no column {', '.join(missing)}", path=source, line=1)
    index = RetractionIndex(source)
    try:
        for row in reader:
            notice = Notice(
                record_id=(row.get("Record ID") or "").strip(),
                nature=(row.get("RetractionNature") or "").strip(),
                date=_iso(row.get("RetractionDate") or ""),
                notice_doi=normalize_doi(_identifier(row.get("RetractionDOI") or "")),
                reasons=_reasons(row.get("Reason") or ""),
            )
            doi = normalize_doi(_identifier(row.get("OriginalPaperDOI") or "")).casefold()
            pmid = _identifier(row.get("OriginalPaperPubMedID") or "")
            if doi:
                index.by_doi.setdefault(doi, []).append(notice)
            if pmid.isdigit():
                index.by_pmid.setdefault(pmid, []).append(notice)
    except csv.Error as err:
        raise InputError(f"unreadable CSV: {err}", path=source, line=reader.line_num) from None
    return index


def load(path: str | Path) -> RetractionIndex:
    """The index of the Retraction Watch CSV file at ``path``."""
    return parse(read_text(path), str(path))


def describe(notices: Iterable[Notice]) -> str:
    """``record 50438, 2023-08-16, notice 10.1155/...; reasons: A, B``, for a finding's message."""
    parts = []
    for notice in notices:
        bits = [f"record {notice.record_id}" if notice.record_id else "", notice.date,
                f"notice {notice.notice_doi}" if notice.notice_doi else ""]
        text = ", ".join(b for b in bits if b)
        if notice.reasons:
            text += "; reasons: " + ", ".join(notice.reasons)
        parts.append(text)
    return " | ".join(parts)
