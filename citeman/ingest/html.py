"""Metadata of a saved web page, read from what the page declares about itself.

Publishers describe their pages in machine-readable form: Highwire ``citation_*`` meta
tags (journals), JSON-LD ``schema.org`` objects (news sites), OpenGraph ``og:*``
properties and plain ``<meta name=author>``. These are read with extruct and lxml
(never a hand-written HTML parser), in that order of trust; trafilatura supplies the
title, author and site name only when the page declares none, and the main text for
summaries. Dates come only from declared fields: trafilatura's date search through the
body text would be a guess.
"""

from __future__ import annotations

import re
from typing import Any

from citeman.ingest.extraction import Extraction, FoundPersons
from citeman.model import Person
from citeman.names import is_organisation, parse_name
from citeman.normalize.dates import parse_stated_date

_ARTICLE_TYPES = {"scholarlyarticle": ("article", ""), "newsarticle": ("online", "news"), "reportagenewsarticle": ("online", "news"),
                  "opinionnewsarticle": ("online", "opinion"), "report": ("report", ""), "blogposting": ("online", "blog"),
                  "article": ("online", ""), "webpage": ("online", "")}


def _line_of(html: str, *needles: str) -> int:
    """1-based line of the first needle found in the page (0 if none)."""
    for needle in needles:
        if not needle:
            continue
        index = html.find(needle)
        if index >= 0:
            return html.count("\n", 0, index) + 1
    return 0


def _meta_tags(html: str) -> dict[str, list[str]]:
    """``{name-or-property (lower case): [content, ...]}`` from the page's ``<meta>`` tags."""
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(html)
    except Exception:  # lxml raises several types on hopeless markup; no tags then
        return {}
    tags: dict[str, list[str]] = {}
    for meta in tree.iter("meta"):
        name = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if name and content:
            tags.setdefault(name, []).append(" ".join(content.split()))
    title = tree.find(".//title")
    if title is not None and title.text_content().strip():
        tags.setdefault("<title>", []).append(" ".join(title.text_content().split()))
    canonical = tree.xpath("//link[@rel='canonical']/@href")
    if canonical:
        tags.setdefault("<canonical>", []).append(canonical[0].strip())
    return tags


def _json_ld(html: str) -> list[dict[str, Any]]:
    import extruct

    try:
        data = extruct.extract(html, syntaxes=["json-ld"], uniform=True).get("json-ld", [])
    except Exception:  # malformed JSON-LD must not stop the rest of the page's metadata
        return []
    items: list[dict[str, Any]] = []
    for item in data:
        if isinstance(item, dict) and isinstance(item.get("@graph"), list):
            items.extend(i for i in item["@graph"] if isinstance(i, dict))
        elif isinstance(item, dict):
            items.append(item)
    return items


def _main_item(items: list[dict[str, Any]]) -> dict[str, Any]:
    for item in items:
        kinds = item.get("@type", "")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if any(str(k).lower() in _ARTICLE_TYPES and str(k).lower() != "webpage" for k in kinds):
            return item
    return items[0] if items else {}


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return _names(value.get("name", ""))
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    return []


def _person(name: str) -> Person:
    name = " ".join(name.split())
    if is_organisation(name):
        return parse_name("{" + name + "}")
    return parse_name(name)


def extract_html_metadata(html: str) -> Extraction:
    """Read title, authors, date, site, journal details and identifiers from an HTML page."""
    ex = Extraction()
    tags = _meta_tags(html)
    item = _main_item(_json_ld(html))

    def tag(*names: str) -> tuple[str, int]:
        for name in names:
            if tags.get(name):
                return tags[name][0], _line_of(html, f'"{name}"', f"'{name}'", name)
        return "", 0

    def ld(name: str) -> tuple[Any, int]:
        value = item.get(name)
        return (value, _line_of(html, f'"{name}"')) if value else ("", 0)

    for value, line, method in (
        (*tag("citation_title", "dc.title"), "html-meta"),
        (*ld("headline"), "json-ld"),
        (*tag("og:title"), "opengraph"),
        (*ld("name"), "json-ld"),
    ):
        if isinstance(value, str) and value.strip():
            ex.set("title", value, line, method)
            break

    authors = tags.get("citation_author") or tags.get("dc.creator") or []
    if authors:
        line = _line_of(html, "citation_author", "dc.creator")
        ex.persons["author"] = FoundPersons([_person(n) for n in authors], line, "html-meta")
    elif _names(item.get("author")):
        line = _line_of(html, '"author"')
        ex.persons["author"] = FoundPersons([_person(n) for n in _names(item.get("author"))], line, "json-ld")
    else:
        value, line = tag("author", "article:author")
        if value and not value.startswith("http"):
            names = [n for n in re.split(r"\s*(?:;|\band\b|&)\s*", value) if n.strip()]
            ex.persons["author"] = FoundPersons([_person(n) for n in names], line, "html-meta")

    for value, line, method in (
        (*tag("citation_publication_date", "citation_date", "citation_online_date", "dc.date"), "html-meta"),
        (*ld("datePublished"), "json-ld"),
        (*tag("article:published_time", "date", "pubdate"), "html-meta"),
    ):
        if isinstance(value, str) and value:
            text = re.sub(r"^(\d{4})/(\d{2})/(\d{2})", r"\1-\2-\3", value.strip())
            parsed = parse_stated_date(text)
            if parsed:
                ex.set("date", parsed.iso(), line, method, raw=value)
                break

    journal, line = tag("citation_journal_title")
    if journal:
        ex.type = "article"
        ex.set("journal", journal, line, "html-meta")
        for field, names in (("volume", ("citation_volume",)), ("number", ("citation_issue",)), ("doi", ("citation_doi", "dc.identifier"))):
            value, line = tag(*names)
            if value:
                ex.set(field, value.removeprefix("doi:").strip(), line, "html-meta")
        first, line = tag("citation_firstpage")
        last, _ = tag("citation_lastpage")
        if first:
            ex.set("pages", f"{first}--{last}" if last else first, line, "html-meta")
    else:
        kinds = item.get("@type", "")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        for kind in kinds:
            if str(kind).lower() in _ARTICLE_TYPES:
                ex.type, ex.subtype = _ARTICLE_TYPES[str(kind).lower()]
                break

    publisher = _names(item.get("publisher"))
    for value, line, method in (
        (*tag("citation_publisher"), "html-meta"),
        (*tag("og:site_name"), "opengraph"),
        ((publisher[0] if publisher else ""), _line_of(html, '"publisher"'), "json-ld"),
    ):
        if value:
            ex.set("publisher" if ex.type in ("article", "report") else "organization", value, line, method)
            break

    for value, line, method in (
        (*tag("citation_abstract_html_url", "og:url"), "html-meta"),
        (*ld("url"), "json-ld"),
        (*tag("<canonical>"), "html-meta"),
    ):
        if isinstance(value, str) and value.startswith("http"):
            ex.set("url", value, line, method)
            break

    keywords = tags.get("citation_keywords") or []
    if keywords:
        ex.set("keywords", ", ".join(k.strip() for k in ";".join(keywords).replace(",", ";").split(";") if k.strip()),
               _line_of(html, "citation_keywords"), "html-meta")
    abstract, line = tag("citation_abstract")
    if abstract:
        ex.set("abstract", abstract, line, "html-meta")
    _fallback(html, ex)
    return ex


def _fallback(html: str, ex: Extraction) -> None:
    """trafilatura's reading of the page, only for what the page did not declare."""
    if "title" in ex.fields and "author" in ex.persons and ("organization" in ex.fields or "publisher" in ex.fields):
        return
    import trafilatura

    try:
        meta = trafilatura.extract_metadata(html)
    except Exception:  # trafilatura gives up on some markup; declared metadata still stands
        return
    if meta is None:
        return
    if meta.title:
        ex.set("title", meta.title, _line_of(html, "<title", meta.title), "trafilatura")
    if meta.author and "author" not in ex.persons:
        names = [n for n in re.split(r"\s*;\s*", meta.author) if n.strip()]
        ex.persons["author"] = FoundPersons([_person(n) for n in names], _line_of(html, names[0]), "trafilatura")
    if meta.sitename and "organization" not in ex.fields and "publisher" not in ex.fields:
        ex.set("publisher" if ex.type in ("article", "report") else "organization", meta.sitename,
               _line_of(html, meta.sitename), "trafilatura")


def html_main_text(html: str) -> str:
    """The page's main text (navigation, comments and boilerplate removed)."""
    import trafilatura

    try:
        return trafilatura.extract(html, include_comments=False, include_tables=False) or ""
    except Exception:  # an unusable page has no main text, which the caller reports
        return ""
