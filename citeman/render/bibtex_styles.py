"""BibTeX's own look (``plain``, ``unsrt``, ``alpha``) through pybtex, for people who want it.

CSL output never goes through here (pandoc matches citeproc-js far better). pybtex's
styles format a whole list in one generator, and one entry without an author or a
year raises inside it and loses the whole bibliography; so each step (sorting,
labels, each entry) is guarded here, and an entry the style cannot format gets a
simple fallback line instead of taking the others down with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from citeman.errors import UsageError
from citeman.model import Entry

STYLES = ("plain", "unsrt", "alpha", "unsrtalpha")
_BACKENDS = {"text": "text", "markdown": "text", "html": "html", "latex": "latex"}
_PYBTEX_PERSON_ROLES = ("author", "editor")
_MONTHS = {m[:3].lower(): m for m in (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December")}


def _pybtex_entry(entry: Entry):
    from pybtex.database import Entry as PybtexEntry
    from pybtex.database import Person as PybtexPerson

    from citeman.io.latex import strip_braces
    from citeman.names import format_name

    fields = {name: value for name, value in entry.fields.items() if name not in {"citeman-source", "rawref"}}
    month = fields.get("month", "").lower()[:3]
    if "month" in entry.macros and month in _MONTHS:
        fields["month"] = _MONTHS[month]
    if "year" not in fields and re.match(r"\d{4}", fields.get("date", "")):
        fields["year"] = fields["date"][:4]
    persons = {}
    for role in _PYBTEX_PERSON_ROLES:
        people = entry.persons.get(role, [])
        if people:
            persons[role] = [PybtexPerson(strip_braces(format_name(p)) if not p.literal else "{" + p.literal + "}") for p in people]
    return PybtexEntry(entry.type, fields=fields, persons=persons)


def _fallback(label: str, entry: Entry) -> str:
    """A minimal reference for an entry the style rejects: names, title, year."""
    from citeman.io.latex import strip_braces

    people = entry.authors or entry.editors
    names = ", ".join(p.display() for p in people)
    parts = [p for p in (names, strip_braces(entry.get("title")), entry.get("year") or entry.get("date")[:4]) if p]
    return ". ".join(parts) + "." if parts else entry.key


def render_bibtex_style(entries: Iterable[Entry], style: str = "plain", fmt: str = "text") -> list[tuple[str, str]]:
    """``(key, formatted reference)`` in the BibTeX style's order; never fails on one entry."""
    from pybtex.plugin import find_plugin

    from citeman.render.layout import escape

    if style not in STYLES:
        raise UsageError(f"unknown pybtex style {style!r} (choose from {', '.join(STYLES)})")
    if fmt not in _BACKENDS:
        raise UsageError(f"unknown format {fmt!r} (choose from {', '.join(_BACKENDS)})")
    entries = list(entries)
    formatter = find_plugin("pybtex.style.formatting", style)()
    backend = find_plugin("pybtex.backends", _BACKENDS[fmt])()
    pairs = []
    for entry in entries:
        converted = _pybtex_entry(entry)
        converted.key = entry.key
        pairs.append((entry, converted))
    try:
        ordered = formatter.sort([p for _, p in pairs])
        by_key = {e.key: e for e, _ in pairs}
        pairs = [(by_key[p.key], p) for p in ordered]
    except Exception:  # a sort key the style cannot build: keep the input order
        pass
    try:
        labels = list(formatter.format_labels([p for _, p in pairs]))
    except Exception:  # alpha labels need names or keys for every entry
        labels = [str(i) for i in range(1, len(pairs) + 1)]
    out: list[tuple[str, str]] = []
    for (entry, converted), label in zip(pairs, labels):
        try:
            text = formatter.format_entry(label, converted).text.render(backend)
        except Exception:  # pybtex raises FieldIsMissing and friends per entry
            text = _fallback(label, entry)
            text = escape(text, fmt) if fmt != "text" else text
            out.append((entry.key, f"[{label}] {text}"))
            continue
        if fmt == "markdown":
            text = escape(text, "markdown")
        out.append((entry.key, f"[{label}] {text}"))
    return out
