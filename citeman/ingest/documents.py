"""A source document (article, op-ed, paper, saved web page) -> one bibliography entry.

The entry holds only what the document states about itself, each field with its
provenance (the line it was read from, the sidecar, or the command line). A field a
citation normally needs but the text does not state is left out and reported as a
``P201`` warning naming the document and the field, so the user can supply it in the
sidecar (``NAME.meta.toml``) or with ``--set field=value``; nothing is ever guessed.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from citeman.errors import InputError
from citeman.ingest.extraction import Extraction
from citeman.ingest.sidecar import Override, read_sidecar
from citeman.ingest.text_meta import extract_text_metadata
from citeman.io.bibtex import set_month
from citeman.io.text import read_text
from citeman.model import Diagnostic, Entry, Provenance, Span
from citeman.names import parse_name, parse_names
from citeman.normalize.dates import parse_stated_date

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
PERSON_ROLES = frozenset({"author", "editor", "translator"})

# What a reader needs to find the item again, per entry type; absent ones are reported.
EXPECTED_FIELDS: dict[str, tuple[str, ...]] = {
    "online": ("title", "author", "date", "organization", "url"),
    "article": ("title", "author", "date", "journal", "volume", "pages"),
    "report": ("title", "author", "date", "institution"),
}
_DEFAULT_EXPECTED = ("title", "author", "date")


def document_format(path: str | Path) -> str:
    """``"text"`` or ``"html"`` from the file name; anything else is an :class:`InputError`."""
    if str(path) == "-":  # standard input is read as plain text or Markdown
        return "text"
    suffix = Path(str(path)).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in HTML_SUFFIXES:
        return "html"
    shown = suffix or "no extension"
    raise InputError(f"unknown document format ({shown}); expected .txt, .md or .html", path=str(path))


def display_path(path: str | Path) -> str:
    """The path as it should be recorded: relative to the working directory when inside it."""
    text = str(path)
    if text == "-":
        return "<stdin>"
    if os.path.isabs(text):
        try:
            relative = os.path.relpath(text)
        except ValueError:
            return text
        if not relative.startswith(".."):
            return relative
    return text


def read_document(path: str | Path) -> tuple[str, str]:
    """The document's format and text; unreadable, unknown or empty documents raise."""
    kind = document_format(path)
    try:
        text = read_text(path)
    except InputError as err:
        # Saved web pages are often in the charset their <meta> declares, not UTF-8.
        declared = _declared_charset(path) if kind == "html" and "UTF-8" in err.message else None
        if declared is None:
            raise
        text = declared
    if not text.strip():
        raise InputError("empty document", path=str(path))
    return kind, text


def _declared_charset(path: str | Path) -> str | None:
    """The page decoded with the charset its ``<meta>`` declares, or ``None``."""
    import codecs
    import re

    data = Path(path).read_bytes()
    match = re.search(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", data[:4096], re.IGNORECASE)
    if not match:
        return None
    try:
        codec = codecs.lookup(match.group(1).decode("ascii"))
    except LookupError:
        return None
    if codec.name == "utf-8":
        return None
    try:
        return data.decode(codec.name).replace("\r\n", "\n")
    except UnicodeDecodeError:
        return None


def document_text(path: str | Path) -> str:
    """The readable text of a document (HTML reduced to its main text), for summaries."""
    kind, text = read_document(path)
    if kind == "html":
        from citeman.ingest.html import html_main_text

        return html_main_text(text)
    return text


def ingest_document(
    path: str | Path, overrides: Mapping[str, str | list[str] | Override] | None = None
) -> tuple[Entry, list[Diagnostic]]:
    """Build one entry from a document; sidecar values beat extracted ones, ``overrides`` beat both.

    Raises :class:`InputError` for an unreadable, empty or unknown-format document or a
    malformed sidecar; missing fields come back as diagnostics.
    """
    kind, text = read_document(path)
    shown = display_path(path)
    if kind == "html":
        from citeman.ingest.html import extract_html_metadata

        extraction = extract_html_metadata(text)
    else:
        extraction = extract_text_metadata(text)
    user = dict(read_sidecar(path)) if str(path) != "-" else {}
    for name, value in (overrides or {}).items():
        user[name.lower()] = value if isinstance(value, Override) else Override(value, "<command line>", 0, "cli")
    entry = build_entry(extraction, shown)
    diagnostics = [
        Diagnostic(code, severity, f"{shown}: {message}", shown, line, field=name)
        for code, severity, message, line, name in extraction.notes
    ]
    diagnostics += apply_overrides(entry, user, shown)
    diagnostics += missing_fields(entry, shown)
    return entry, diagnostics


def build_entry(extraction: Extraction, path: str) -> Entry:
    """Turn an extraction into an entry whose every field records where it was read."""
    entry = Entry(key="", type=extraction.type)
    first_line = min((f.line for f in extraction.fields.values() if f.line), default=1)
    entry.source = Span(path, first_line)
    for role, found in extraction.persons.items():
        entry.persons[role] = found.persons
        entry.provenance[role] = Provenance(Span(path, found.line), found.method, found.raw)
    if extraction.subtype:
        entry.fields["entrysubtype"] = extraction.subtype
    for name, found in extraction.fields.items():
        provenance = Provenance(Span(path, found.line), found.method, found.raw)
        if name == "date":
            _set_date_fields(entry, found.value, provenance)
        else:
            entry.fields[name] = found.value
            entry.provenance[name] = provenance
    entry.fields["citeman-source"] = path
    return entry


def _set_date_fields(entry: Entry, value: str, provenance: Provenance, keep: frozenset[str] = frozenset()) -> None:
    """``date`` plus the ``year`` and ``month`` it implies (unless the user set those)."""
    entry.fields["date"] = value
    entry.provenance["date"] = provenance
    parsed = parse_stated_date(value)
    if parsed is None:
        return
    if "year" not in keep:
        entry.fields["year"] = str(parsed.year)
        entry.provenance["year"] = provenance
    if parsed.month and "month" not in keep:
        set_month(entry, parsed.month)
        entry.provenance["month"] = provenance


def apply_overrides(entry: Entry, overrides: Mapping[str, Override], path: str) -> list[Diagnostic]:
    """Apply user values (sidecar, then command line, already merged) to ``entry``."""
    diagnostics: list[Diagnostic] = []
    explicit = frozenset(overrides)
    for name, override in overrides.items():
        provenance = Provenance(Span(override.path, override.line), override.method)
        value = override.value
        if name in {"type", "entrytype"}:
            entry.type = str(value).strip().lower() or entry.type
            continue
        if name == "key":
            entry.key = str(value).strip()
            continue
        if name in PERSON_ROLES:
            names = value if isinstance(value, list) else parse_names(value)[0]
            persons = [parse_name(n) if isinstance(n, str) else n for n in names]
            if persons:
                entry.persons[name] = persons
                entry.provenance[name] = provenance
            else:
                entry.persons.pop(name, None)
                entry.provenance.pop(name, None)
            continue
        text = ", ".join(value) if isinstance(value, list) else str(value).strip()
        if not text:  # an empty value removes what extraction found
            entry.fields.pop(name, None)
            entry.provenance.pop(name, None)
            entry.macros.discard(name)
            continue
        if name == "date":
            if parse_stated_date(text) is None:
                diagnostics.append(
                    Diagnostic("P204", "warning", f"{path}: date '{text}' is not a date citeman can read; kept as given",
                               override.path, override.line, field="date")
                )
            _set_date_fields(entry, text, provenance, keep=explicit)
            continue
        if name == "month":
            set_month(entry, text)
            if "month" not in entry.fields:
                entry.fields["month"] = text
            entry.provenance["month"] = provenance
            continue
        entry.fields[name] = text
        entry.macros.discard(name)
        entry.provenance[name] = provenance
    return diagnostics


def provenance_lines(entry: Entry) -> list[str]:
    """``title <- seeds/x.txt:3 (extracted)``: where each field of an entry came from."""
    lines = []
    for name, provenance in entry.provenance.items():
        where = str(provenance.source) if provenance.source else "?"
        lines.append(f"{name} <- {where} ({provenance.method})")
    return lines


def missing_fields(entry: Entry, path: str) -> list[Diagnostic]:
    """One ``P201`` warning per expected field the document does not state."""
    out: list[Diagnostic] = []
    for name in EXPECTED_FIELDS.get(entry.type, _DEFAULT_EXPECTED):
        present = entry.persons.get(name) if name in PERSON_ROLES else entry.fields.get(name)
        if not present and not (name == "date" and entry.fields.get("year")):
            out.append(
                Diagnostic("P201", "warning", f"{path}: missing {name}: the document does not state it", path, 0, field=name)
            )
    return out
