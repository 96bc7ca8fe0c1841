"""Laying out a formatted bibliography as one document: order, groups, annotations.

The CSL engine formats each reference; what people print around the references
(section headings per type or year, their own sort order, the annotation under each
entry as in an annotated bibliography) is the same for every style and engine, so it
lives here, once, for text, Markdown, HTML and LaTeX.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Sequence

from citeman.errors import UsageError
from citeman.model import Entry

GROUPS = ("none", "type", "year")
SORTS = ("style", "author", "year", "key")

# Group headings for entry types, in the order groups appear (index pages use them too).
TYPE_HEADINGS = {
    "article": "Journal articles",
    "book": "Books",
    "collection": "Edited books",
    "incollection": "Book chapters",
    "inbook": "Book chapters",
    "inproceedings": "Conference papers",
    "conference": "Conference papers",
    "proceedings": "Proceedings",
    "report": "Reports",
    "techreport": "Reports",
    "thesis": "Theses",
    "phdthesis": "Theses",
    "mastersthesis": "Theses",
    "online": "Web pages",
    "manual": "Manuals",
    "booklet": "Booklets",
    "unpublished": "Unpublished works",
    "misc": "Other works",
}
_TYPE_ORDER = list(dict.fromkeys(TYPE_HEADINGS.values()))

# A formatter takes entries and returns (key, formatted reference) in the style's order.
Formatter = Callable[[Sequence[Entry]], list[tuple[str, str]]]


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def _author_key(entry: Entry) -> str:
    people = entry.authors or entry.editors
    if people:
        first = people[0]
        return _fold(first.literal or f"{first.family} {first.given}")
    return _fold(re.sub(r"[{}]", "", entry.get("title")))


def _year(entry: Entry) -> str:
    match = re.search(r"\d{4}", entry.get("year") or entry.get("date"))
    return match.group(0) if match else ""


def sort_entries(entries: Sequence[Entry], sort: str) -> list[Entry]:
    """Entries in the requested order (``style`` keeps the input order for the style to sort)."""
    if sort == "style":
        return list(entries)
    if sort == "author":
        return sorted(entries, key=lambda e: (_author_key(e), _year(e) or "9999", e.key))
    if sort == "year":
        return sorted(entries, key=lambda e: (_year(e) or "9999", _author_key(e), e.key))
    if sort == "key":
        return sorted(entries, key=lambda e: e.key)
    raise UsageError(f"unknown sort {sort!r} (choose from {', '.join(SORTS)})")


def escape(text: str, fmt: str) -> str:
    """User text (an annotation, a heading) made literal in the output format."""
    if fmt == "html":
        return html.escape(text)
    if fmt == "latex":
        text = text.replace("\\", "\x00")
        text = re.sub(r"([&%$#_{}])", r"\\\1", text)
        text = text.replace("~", r"\textasciitilde{}").replace("^", r"\textasciicircum{}")
        return text.replace("\x00", r"\textbackslash{}")
    if fmt == "markdown":
        text = re.sub(r"([\\`*_\[\]<>#|!~])", r"\\\1", text)
        return re.sub(r"^(\s*)(\d+)([.)])", r"\1\2\\\3", re.sub(r"^(\s*)([-+=])", r"\1\\\2", text, flags=re.M), flags=re.M)
    return text


def _heading(title: str, fmt: str) -> str:
    if fmt == "markdown":
        return f"## {escape(title, fmt)}"
    if fmt == "html":
        return f"<h2>{escape(title, fmt)}</h2>"
    if fmt == "latex":
        return f"\\section*{{{escape(title, fmt)}}}"
    return f"{title}\n{'=' * len(title)}"


def _annotation(text: str, fmt: str) -> str:
    text = " ".join(text.split())
    if fmt == "markdown":
        return "> " + escape(text, fmt)
    if fmt == "html":
        return f'<p class="annotation">{escape(text, fmt)}</p>'
    if fmt == "latex":
        return "\\begin{quote}\n" + escape(text, fmt) + "\n\\end{quote}"
    return "    " + text


def _entry_block(key: str, reference: str, entry: Entry, fmt: str, annotated: bool) -> str:
    if fmt == "html":
        block = f'<div class="csl-entry" id="ref-{html.escape(key, quote=True)}">{reference}</div>'
    else:
        block = reference
    note = entry.get("annotation") or entry.get("annote")
    if annotated and note.strip():
        block += "\n" + ("\n" if fmt in {"markdown", "latex"} else "") + _annotation(note, fmt)
    return block


def _group_title(entry: Entry, group_by: str) -> str:
    if group_by == "type":
        return TYPE_HEADINGS.get(entry.type, "Other works")
    return _year(entry) or "No date"


def _group_rank(title: str, group_by: str) -> tuple:
    if group_by == "type":
        return (_TYPE_ORDER.index(title) if title in _TYPE_ORDER else len(_TYPE_ORDER), title)
    # Newest first, undated last: how publication lists are usually read.
    return (1, "") if title == "No date" else (0, f"{9999 - int(title):04d}")


def layout_bibliography(
    entries: Sequence[Entry],
    formatter: Formatter,
    fmt: str = "text",
    annotated: bool = False,
    group_by: str = "none",
    sort: str = "style",
) -> str:
    """One document: (grouped) formatted references, each optionally followed by its annotation."""
    if group_by not in GROUPS:
        raise UsageError(f"unknown grouping {group_by!r} (choose from {', '.join(GROUPS)})")
    ordered = sort_entries(entries, sort)
    by_key = {e.key: e for e in ordered}
    rendered = formatter(ordered)
    if sort != "style":
        position = {e.key: i for i, e in enumerate(ordered)}
        rendered.sort(key=lambda pair: position.get(pair[0], len(position)))
    sections: dict[str, list[str]] = {}
    for key, reference in rendered:
        entry = by_key[key]
        title = "" if group_by == "none" else _group_title(entry, group_by)
        sections.setdefault(title, []).append(_entry_block(key, reference, entry, fmt, annotated))
    parts: list[str] = []
    for title in sorted(sections, key=lambda t: _group_rank(t, group_by)) if group_by != "none" else sections:
        if title:
            parts.append(_heading(title, fmt))
        parts.extend(sections[title])
    body = "\n\n".join(parts)
    if fmt == "html":
        body = '<div class="references csl-bib-body">\n' + body + "\n</div>"
    return body + "\n" if body else ""
