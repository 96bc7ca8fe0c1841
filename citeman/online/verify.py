"""``citeman verify``'s check of one entry: its DOI's record, or a search, turned into V001-V005.

An entry with a DOI is compared with the DOI's record (V002), which may be retracted
(V005); a DOI no agency knows is V001. An entry with a PubMed id and no DOI is compared
with its PubMed record the same way (and gets V004 when that record has a DOI). An
entry with neither is searched for by title,
authors, year and container in every search service: a match with a DOI is V004, no
match anywhere is V003. When a service cannot be asked (network, or a cache miss
offline) the entry is *not checked*: :class:`~citeman.online.client.Unreachable`
reaches the caller, and no finding is made from half the answers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from citeman.model import Diagnostic, Entry
from citeman.normalize.identifiers import BARE_DOI, normalize_doi
from citeman.online.client import OnlineClient, Unreachable
from citeman.online.match import Match, best_match, disagreements, search_query
from citeman.online.resolve import SEARCHERS, doi_record
from citeman.online.sources import Record, arxiv, pubmed
from citeman.online.sources.retractionwatch import RetractionIndex, describe
from citeman.validate.base import quote

_DOI = re.compile(BARE_DOI)
DEFAULT_SEARCH = ("crossref", "openalex")


def _diagnostic(code: str, severity: str, message: str, entry: Entry, path: str, field: str = "") -> Diagnostic:
    line = entry.source.line if entry.source is not None else 0
    span = entry.span(field) if field else None
    return Diagnostic(code, severity, message, path, span.line if span else line, entry.key, field)


def _service(record: Record) -> str:
    return {"crossref": "Crossref", "doi.org": "doi.org", "openalex": "OpenAlex", "arxiv": "arXiv",
            "openlibrary": "Open Library", "googlebooks": "Google Books", "pubmed": "PubMed"}.get(record.service, record.service)


def search(client: OnlineClient, entry: Entry, services: Sequence[str]) -> Match | None:
    """The best match for ``entry`` among the candidates of every service in ``services``."""
    query = search_query(entry)
    candidates: list[Record] = []
    for name in services:
        candidates += SEARCHERS[name](client, query)
    return best_match(entry, candidates)


def _retraction(record: Record, entry: Entry, path: str) -> list[Diagnostic]:
    if not record.retracted:
        return []
    notices = f" (notice: {', '.join(record.retractions)})" if record.retractions else ""
    return [_diagnostic("V005", "error", f"{record.doi or 'the work'} is retracted according to {_service(record)}"
                        f"{notices}", entry, path, "doi")]


def listed_retractions(index: RetractionIndex | None, entry: Entry, path: str) -> list[Diagnostic]:
    """V005 from the Retraction Watch database: a local lookup, made even when no service answers."""
    notices = index.retractions(entry) if index is not None else []
    if not notices:
        return []
    work = normalize_doi(entry.fields.get("doi", "")) or f"PMID {entry.fields.get('pmid', '').strip()}"
    return [_diagnostic("V005", "error", f"{work} is retracted according to Retraction Watch ({describe(notices)})",
                        entry, path, "doi" if entry.fields.get("doi") else "pmid")]


def with_listed_retractions(online: list[Diagnostic], listed: list[Diagnostic]) -> list[Diagnostic]:
    """The online findings plus the database's V005, unless a service already reported the retraction."""
    if any(d.code == "V005" for d in online):
        return online
    return online + listed


def check_doi(client: OnlineClient, entry: Entry, doi: str, path: str, services: Sequence[str]) -> list[Diagnostic]:
    record = doi_record(client, doi)
    if record is None:
        found = search(client, entry, services) if entry.fields.get("title") else None
        hint = f"; a search finds {found.record.doi}" if found is not None and found.record.doi else ""
        return [_diagnostic("V001", "error", f"DOI {doi} does not resolve (Crossref and doi.org have no record){hint}",
                            entry, path, "doi")]
    return _compared(record, entry, path, doi)


def _compared(record: Record, entry: Entry, path: str, what: str) -> list[Diagnostic]:
    """V002 for each field of ``entry`` that disagrees with ``record`` (the record of ``what``), then V005."""
    out = [_diagnostic("V002", "warning", f"{d.field} disagrees with the record of {what} at {_service(record)}: "
                       f"{quote(d.ours)} here, {quote(d.theirs)} there", entry, path, d.field)
           for d in disagreements(entry, record.entry)]
    return out + _retraction(record, entry, path)


def check_pmid(client: OnlineClient, entry: Entry, pmid: str, path: str) -> list[Diagnostic] | None:
    """The findings of an entry without a DOI against its PubMed record; None when PubMed has no such PMID."""
    record = pubmed.work(client, pmid)
    if record is None:
        return None
    out = _compared(record, entry, path, f"PMID {pmid}")
    if record.doi:
        out.insert(0, _diagnostic("V004", "info", f"a DOI exists for this work: {record.doi} (PubMed, PMID {pmid})",
                                  entry, path))
    return out


def check_entry(client: OnlineClient, entry: Entry, path: str,
                services: Sequence[str] = DEFAULT_SEARCH) -> list[Diagnostic]:
    """The V1xx findings of ``entry``; raises ``Unreachable`` when it cannot be checked."""
    doi = normalize_doi(entry.fields.get("doi", ""))
    if doi and _DOI.fullmatch(doi):
        return check_doi(client, entry, doi, path, services)
    pmid = entry.fields.get("pmid", "").strip()
    if pmid.isdigit():
        found_pmid = check_pmid(client, entry, pmid, path)
        if found_pmid is not None:
            return found_pmid
    eprint = entry.fields.get("eprint", "")
    if eprint and entry.fields.get("archiveprefix", "").lower() == "arxiv":
        record = arxiv.work(client, eprint)
        if record is not None:
            return _retraction(record, entry, path)
    if not entry.fields.get("title"):
        raise Unreachable("", "no DOI and no title to search for")
    found = search(client, entry, services)
    if found is None:
        searched = " and ".join({"crossref": "Crossref", "openalex": "OpenAlex"}[s] for s in services)
        return [_diagnostic("V003", "warning", f"no matching work found at {searched} (possibly fabricated)",
                            entry, path)]
    out = _retraction(found.record, entry, path)
    if found.record.doi:
        out.insert(0, _diagnostic("V004", "info", f"a DOI exists for this work: {found.record.doi} "
                                  f"({_service(found.record)}, match score {found.score:.0f})", entry, path))
    return out
