"""OpenAlex: a work by DOI or PubMed id, and search, for works Crossref does not hold.

A DOI is asked for in the full ``https://doi.org/`` form the OpenAlex documentation
uses (the form recorded in tests/fixtures/recorded/openalex); a PubMed id as ``pmid:``.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

from citeman.export.csljson import from_csl
from citeman.online.client import OnlineClient, Unreachable
from citeman.online.sources import Record, answer_json, stamp

API = "https://api.openalex.org/works"
TYPES = {"article": "article-journal", "book": "book", "book-chapter": "chapter", "dissertation": "thesis",
         "report": "report", "dataset": "dataset", "preprint": "article"}


def work_url(kind: str, value: str) -> str:
    return f"{API}/https://doi.org/{value}" if kind == "doi" else f"{API}/{kind}:{value}"


def search_url(query: str, rows: int = 5) -> str:
    return f"{API}?{urlencode({'search': query, 'per-page': rows})}"


def csl_from_work(work_item: dict) -> dict:
    source = ((work_item.get("primary_location") or {}).get("source") or {})
    biblio = work_item.get("biblio") or {}
    pages = "-".join(p for p in (biblio.get("first_page"), biblio.get("last_page")) if p)
    doi = str(work_item.get("doi") or "").removeprefix("https://doi.org/")
    csl = {
        "type": TYPES.get(str(work_item.get("type") or ""), "document"),
        "title": work_item.get("display_name") or work_item.get("title") or "",
        "author": [{"literal": a["author"]["display_name"]} for a in work_item.get("authorships") or []
                   if (a.get("author") or {}).get("display_name")],
        "container-title": source.get("display_name") or "",
        "volume": biblio.get("volume") or "",
        "issue": biblio.get("issue") or "",
        "page": pages,
        "DOI": doi,
    }
    if work_item.get("publication_year"):
        csl["issued"] = {"date-parts": [[int(work_item["publication_year"])]]}
    return {k: v for k, v in csl.items() if v}


def record_from_work(work_item: dict, url: str) -> Record:
    from citeman.names import parse_name

    entry = from_csl(csl_from_work(work_item))
    # OpenAlex gives display names only: split them the way every other name is split.
    entry.persons["author"] = [parse_name(p.literal) for p in entry.persons.get("author", [])]
    if not entry.persons["author"]:
        del entry.persons["author"]
    record = Record(stamp(entry, "openalex", url), "openalex", url)
    record.retracted = bool(work_item.get("is_retracted"))
    return record


def work(client: OnlineClient, kind: str, value: str) -> Record | None:
    """The work with ``kind`` (``doi`` or ``pmid``) ``value``; None when OpenAlex has none."""
    url = work_url(kind, value)
    found = answer_json(client, url, "OpenAlex")
    if found is None:
        return None
    try:
        return record_from_work(found, url)
    except (ValueError, TypeError, KeyError, AttributeError):
        raise Unreachable(url, "OpenAlex answered with something that is not a work") from None


def search(client: OnlineClient, query: str, rows: int = 5) -> list[Record]:
    url = search_url(query, rows)
    reply = client.get(url)
    if not reply.ok:
        raise Unreachable(url, f"HTTP {reply.status}")
    try:
        return [record_from_work(item, url) for item in json.loads(reply.text).get("results") or []]
    except (ValueError, TypeError, KeyError, AttributeError):
        raise Unreachable(url, "OpenAlex answered with something that is not a list of works") from None
