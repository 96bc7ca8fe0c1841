"""Rewriting only what changed: fixed fields go back into the source text in place.

The canonical writer (:mod:`citeman.io.bibtex`) lays out a whole file its own way; a
fix must not touch what it did not fix, so ``citeman validate --fix`` writes through
:func:`splice_entries`, which replaces only the fixed fields' values and leaves every
other byte (fields, entries, comments, ``@string``, layout) as it was.
"""

from __future__ import annotations

import re
from dataclasses import replace

from citeman.io.latex import VERBATIM_FIELDS, text_to_latex
from citeman.io.rawfields import FIELD_NAME, field_spans
from citeman.model import Entry
from citeman.names import format_names


def splice_entries(text: str, entries: list[Entry], changed: dict[int, set[str]] | None = None) -> str:
    """``text`` with only the fixed fields of ``entries`` rewritten (``changed``: by ``id(entry)``).

    Everything else (other fields and entries, comments, ``@string``, layout) stays byte
    for byte, so a fix never touches what it did not fix. A block whose fields cannot
    be located is rewritten whole in citeman's canonical form; '' when even the block
    cannot be found (the caller then rewrites the whole file).
    """
    from citeman.io.bibtex import dumps_bib  # bibtexparser is loaded only when a file is rewritten

    line_starts = [0]
    line_starts.extend(match.end() for match in _LINE_BREAK.finditer(text))
    pieces: list[str] = []
    cursor = 0
    for entry in entries:
        if not entry.raw or entry.source is None or not 0 < entry.source.line <= len(line_starts):
            return ""
        start = text.find(entry.raw, max(cursor, line_starts[entry.source.line - 1]))
        if start < 0:
            return ""
        block = _splice_fields(entry, (changed or {}).get(id(entry), set())) or \
            dumps_bib([replace(entry, comments=[])]).rstrip("\n")
        pieces.append(text[cursor:start])
        pieces.append(block)
        cursor = start + len(entry.raw)
    pieces.append(text[cursor:])
    return "".join(pieces)


_LINE_BREAK = re.compile("\n")


def _bib_value(entry: Entry, name: str) -> str | None:
    """The BibTeX text of one field or people role as citeman writes it."""
    if name in entry.persons:
        return "{" + text_to_latex(format_names(entry.persons[name], name in entry.truncated)) + "}"
    if name not in entry.fields:
        return None
    value = entry.fields[name]
    if name in entry.macros:
        return value
    return "{" + (value if name in VERBATIM_FIELDS else text_to_latex(value)) + "}"


def _splice_fields(entry: Entry, names: set[str]) -> str:
    """The entry's original text with only ``names`` replaced or added; '' if that is not possible."""
    raw = entry.raw or ""
    if not names or not raw.rstrip().endswith(("}", ")")):
        return ""
    scanned: dict[str, tuple[int, int]] | None = None
    edits: list[tuple[int, int, str]] = []
    added: list[str] = []
    for name in sorted(names):
        value = _bib_value(entry, name)
        if value is None:
            return ""
        location = _value_location(entry, name)
        if location is None:
            # Not located by the reader (an entry changed in memory): the first field of that name in the text.
            if scanned is None:
                scanned = {field: (start, end) for field, start, end in reversed(field_spans(raw))}
            location = scanned.get(name)
        if location is not None:
            edits.append((*location, value))
        else:
            added.append(f"{name} = {value}")
    out = raw
    for start, end, value in sorted(edits, reverse=True):
        out = out[:start] + value + out[end:]
    if added:
        body = out.rstrip()[:-1].rstrip()
        indent = "  "
        lines = body.splitlines()
        if len(lines) > 1:
            indent = lines[-1][: len(lines[-1]) - len(lines[-1].lstrip())] or indent
        separator = "" if body.endswith(",") else ","
        if len(lines) > 1:
            out = body + separator + "".join(f"\n{indent}{item}," for item in added) + "\n" + out.rstrip()[-1]
        else:
            out = body + separator + "".join(f" {item}," for item in added) + out.rstrip()[-1]
    return out


def _value_location(entry: Entry, name: str) -> tuple[int, int] | None:
    """Offsets in ``entry.raw`` of the value of field ``name`` as the reader found it."""
    offsets = entry.field_offsets.get(name)
    if offsets is None:
        return None
    name_start, value_end = offsets
    match = FIELD_NAME.match(entry.raw or "", name_start)
    return (match.end(), value_end) if match is not None and match.end() <= value_end else None
