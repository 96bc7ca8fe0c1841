"""Crossref's REST API: a work by DOI (``/works/{doi}``) and bibliographic search (``query.bibliographic``).

Retractions come from the work's ``updated-by`` notices (Crossref records Retraction
Watch data there too) and from titles Crossref marks ``RETRACTED``.
"""

from __future__ import annotations

import json
from urllib.parse import quote, urlencode

from citeman.online.client import OnlineClient, Unreachable
from citeman.online.sources import Record, stamp
from citeman.online.sources.csl import entry_from_crossref

API = "https://api.crossref.org/works"
RETRACTING = frozenset({"retraction", "withdrawal", "removal", "partial_retraction"})
SEARCH_ROWS = 5


def work_url(doi: str) -> str:
    return f"{API}/{quote(doi, safe='/:;()._-<>[]')}"


def search_url(query: str, rows: int = SEARCH_ROWS) -> str:
    return f"{API}?{urlencode({'query.bibliographic': query, 'rows': rows})}"


def record_from_item(item: dict, url: str) -> Record:
    record = Record(stamp(entry_from_crossref(item), "crossref", url), "crossref", url)
    for notice in item.get("updated-by") or []:
        if str(notice.get("type", "")).lower().replace("-", "_") in RETRACTING:
            record.retracted = True
            if notice.get("DOI"):
                record.retractions.append(str(notice["DOI"]))
    titles = item.get("title") or []
    if titles and str(titles[0]).upper().startswith("RETRACTED"):
        record.retracted = True
    return record


def _message(text: str, url: str):
    try:
        return json.loads(text)["message"]
    except (ValueError, KeyError, TypeError):
        raise Unreachable(url, "Crossref answered with something that is not a work") from None


def work(client: OnlineClient, doi: str) -> Record | None:
    """The work registered under ``doi`` at Crossref; None when Crossref has no such DOI."""
    url = work_url(doi)
    reply = client.get(url)
    if reply.status in (404, 410):
        return None
    if not reply.ok:
        raise Unreachable(url, f"HTTP {reply.status}")
    message = _message(reply.text, url)
    if not isinstance(message, dict) or "items" in message or not message.get("DOI"):
        raise Unreachable(url, "Crossref answered with something that is not a work")
    return record_from_item(message, url)


def search(client: OnlineClient, query: str, rows: int = SEARCH_ROWS) -> list[Record]:
    """The works Crossref ranks best for a reference string (title, authors, year, container)."""
    url = search_url(query, rows)
    reply = client.get(url)
    if not reply.ok:
        raise Unreachable(url, f"HTTP {reply.status}")
    items = _message(reply.text, url).get("items") or []
    return [record_from_item(item, url) for item in items if isinstance(item, dict)]
