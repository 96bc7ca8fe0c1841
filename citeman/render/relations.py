"""Which entries cite which, read from where each entry was taken.

An entry ingested from a document carries ``citeman-source = {seeds/paper.txt}``; the
references parsed from that document's reference list carry ``seeds/paper.txt:<line>``.
So the document's own entry cites every entry taken from one of its lines.
"""

from __future__ import annotations

from collections.abc import Iterable

from citeman.model import Entry


def _source_of(entry: Entry) -> str:
    return " ".join(entry.get("citeman-source").split())


def cites_from_sources(entries: Iterable[Entry]) -> dict[str, list[str]]:
    """``{citing key: [cited keys]}`` for every document whose reference list was parsed."""
    entries = list(entries)
    documents = {_source_of(e): e.key for e in entries if _source_of(e) and not _line_suffix(_source_of(e))}
    cites: dict[str, list[str]] = {}
    for entry in entries:
        source = _source_of(entry)
        document = source.rsplit(":", 1)[0] if _line_suffix(source) else ""
        citing = documents.get(document)
        if citing is not None and citing != entry.key:
            cites.setdefault(citing, []).append(entry.key)
    return cites


def _line_suffix(source: str) -> bool:
    """Whether ``source`` names a line of a document (``path:123``)."""
    _, sep, line = source.rpartition(":")
    return bool(sep) and line.isdigit()
