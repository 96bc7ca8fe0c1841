"""The arXiv API (Atom): an e-print by id, as ``@misc`` with ``eprint``/``archiveprefix`` (or its DOI when published)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

from citeman.model import Entry
from citeman.names import parse_name
from citeman.online.client import OnlineClient, Unreachable
from citeman.online.sources import Record, stamp

API = "https://export.arxiv.org/api/query"
_NS = {"atom": "http://www.w3.org/2005/Atom", "arxiv": "http://arxiv.org/schemas/atom"}
_VERSION = re.compile(r"v\d+$")


def id_url(arxiv_id: str) -> str:
    # The parameter order of the arxiv.py client, so its recorded answers serve as a cache.
    return f"{API}?" + urlencode({"search_query": "", "id_list": arxiv_id, "sortBy": "relevance",
                                  "sortOrder": "descending", "start": 0, "max_results": 100})


def _text(node: ET.Element | None) -> str:
    return " ".join((node.text or "").split()) if node is not None else ""


def entry_from_atom(node: ET.Element) -> Entry:
    abs_id = _text(node.find("atom:id", _NS)).rsplit("/abs/", 1)[-1]
    entry = Entry(key="", type="misc")
    names = [_text(a.find("atom:name", _NS)) for a in node.findall("atom:author", _NS)]
    entry.persons["author"] = [parse_name(n) for n in names if n]
    entry.fields["title"] = _text(node.find("atom:title", _NS))
    published = _text(node.find("atom:published", _NS))
    if published[:4].isdigit():
        entry.fields["year"] = published[:4]
    entry.fields["eprint"] = _VERSION.sub("", abs_id)
    entry.fields["archiveprefix"] = "arXiv"
    category = node.find("arxiv:primary_category", _NS)
    if category is not None and category.get("term"):
        entry.fields["primaryclass"] = category.get("term", "")
    doi = _text(node.find("arxiv:doi", _NS))
    if doi:
        entry.fields["doi"] = doi
    journal = _text(node.find("arxiv:journal_ref", _NS))
    if journal:
        entry.fields["note"] = journal
    entry.fields["url"] = f"https://arxiv.org/abs/{entry.fields['eprint']}"
    return entry


def work(client: OnlineClient, arxiv_id: str) -> Record | None:
    """The e-print ``arxiv_id``; None when arXiv has none (or rejects the id)."""
    url = id_url(arxiv_id)
    reply = client.get(url, accept="application/atom+xml")
    if not reply.ok and reply.status != 400:
        raise Unreachable(url, f"HTTP {reply.status}")
    try:
        feed = ET.fromstring(reply.text)
    except ET.ParseError:
        raise Unreachable(url, "arXiv answered without an Atom feed") from None
    for node in feed.findall("atom:entry", _NS):
        if "/api/errors" in _text(node.find("atom:id", _NS)) or reply.status == 400:
            return None
        return Record(stamp(entry_from_atom(node), "arxiv", url), "arxiv", url)
    return None
