"""From an identifier or an entry's DOI to the record of its work, asking each service in turn."""

from __future__ import annotations

from citeman.online.client import OnlineClient
from citeman.online.identifiers import Identifier
from citeman.online.sources import Record, arxiv, crossref, doiorg, googlebooks, openalex, openlibrary, pubmed


def doi_record(client: OnlineClient, doi: str) -> Record | None:
    """Crossref's record of ``doi``, else doi.org's (DataCite and the other agencies); None when neither has one."""
    return crossref.work(client, doi) or doiorg.work(client, doi)


def isbn_record(client: OnlineClient, isbn: str) -> Record | None:
    """Google Books' record of ``isbn``, else Open Library's; None when neither has the book."""
    return googlebooks.work(client, isbn) or openlibrary.work(client, isbn)


def identifier_record(client: OnlineClient, identifier: Identifier) -> Record | None:
    """The work ``identifier`` names; None when the service has none. Raises ``Unreachable``."""
    if identifier.kind == "doi":
        return doi_record(client, identifier.value)
    if identifier.kind == "arxiv":
        return arxiv.work(client, identifier.value)
    if identifier.kind == "isbn":
        return isbn_record(client, identifier.value)
    if identifier.kind == "pmid":
        return pubmed.work(client, identifier.value)
    raise ValueError(f"unknown identifier kind {identifier.kind!r}")


SEARCHERS = {"crossref": crossref.search, "openalex": openalex.search}
