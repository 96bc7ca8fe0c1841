"""Crossref's flavour of CSL-JSON made plain CSL-JSON, for :func:`citeman.export.csljson.from_csl`.

Crossref's REST API and its content negotiation both answer in near-CSL: Crossref type
names (``journal-article``), titles as lists, organisations as ``name``. Everything
else of the conversion is the project's one CSL-JSON reader.
"""

from __future__ import annotations

import html
import re

from citeman.export.csljson import from_csl
from citeman.model import Entry

CROSSREF_TO_CSL = {
    "journal-article": "article-journal",
    "proceedings-article": "paper-conference",
    "book-chapter": "chapter",
    "book-section": "chapter",
    "book-part": "chapter",
    "reference-entry": "chapter",
    "book": "book",
    "monograph": "book",
    "edited-book": "book",
    "reference-book": "book",
    "book-set": "book",
    "posted-content": "article",
    "dissertation": "thesis",
    "report": "report",
    "dataset": "dataset",
    "standard": "report",
}
# Kept from the record: what a citation needs. Abstracts (JATS markup) and reference lists are left out.
_KEPT = ("type", "title", "container-title", "author", "editor", "issued", "volume", "issue", "page",
         "publisher", "publisher-place", "DOI", "ISSN", "ISBN", "edition", "collection-title")
_TAG = re.compile(r"</?(?:jats:|mml:)?[a-z]+[^>]*>")


def _text(value) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    return " ".join(_TAG.sub("", html.unescape(str(value))).split())


def _name(person: dict) -> dict:
    if "family" not in person and person.get("name"):
        return {"literal": _text(person["name"])}
    return {k: _text(v) for k, v in person.items() if k in ("family", "given", "suffix", "non-dropping-particle",
                                                             "dropping-particle", "literal")}


def _issued(item: dict) -> dict | None:
    for key in ("issued", "published-print", "published-online", "published", "created"):
        parts = (item.get(key) or {}).get("date-parts") or []
        if parts and parts[0] and parts[0][0] is not None:
            return {"date-parts": [parts[0]]}
    return None


def plain_csl(item: dict) -> dict:
    """The CSL-JSON item ``from_csl`` reads, from a Crossref work or CSL answer."""
    csl: dict = {"type": CROSSREF_TO_CSL.get(item.get("type", ""), item.get("type") or "document")}
    for key in _KEPT[1:]:
        value = item.get(key)
        if value in (None, "", []):
            continue
        if key in ("author", "editor"):
            csl[key] = [_name(p) for p in value if isinstance(p, dict)]
        elif key == "issued":
            continue
        else:
            csl[key] = _text(value)
    if csl["type"] == "article-journal":
        csl.pop("editor", None)   # a journal's academic editor, not an editor of the work
    issued = _issued(item)
    if issued:
        csl["issued"] = issued
    return {k: v for k, v in csl.items() if v not in ("", [])}


def entry_from_crossref(item: dict) -> Entry:
    return from_csl(plain_csl(item))
