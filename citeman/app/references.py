"""``citeman parse`` and ``citeman refs``: reference strings and a paper's reference list into entries."""

from __future__ import annotations

from pathlib import Path

from citeman.app.outcome import Outcome
from citeman.app.report import diagnostic_lines
from citeman.model import Entry

ENTRY_FORMATS = ("bibtex", "csl-json")

# BibTeX field -> the CSL variable it becomes, for the parser's per-field confidence.
_CSL_VARIABLES = {
    "title": "title", "journal": "container-title", "booktitle": "container-title",
    "howpublished": "container-title", "series": "collection-title", "edition": "edition",
    "year": "issued", "month": "issued", "date": "issued", "volume": "volume", "number": "issue",
    "pages": "page", "publisher": "publisher", "school": "publisher", "institution": "publisher",
    "address": "publisher-place", "type": "genre", "doi": "DOI", "url": "URL", "isbn": "ISBN", "note": "note",
    "author": "author", "editor": "editor", "translator": "translator",
}


def _confidence(entry: Entry, item: dict) -> dict[str, float]:
    scores: dict[str, float] = {}
    for name, provenance in entry.provenance.items():
        variable = _CSL_VARIABLES.get(name)
        if provenance.confidence is not None and variable in item:
            scores[variable] = min(scores.get(variable, 1.0), provenance.confidence)
    return scores


def parsed_csl_json(entries: list[Entry]) -> str:
    """CSL-JSON of parsed entries; each item's ``custom.confidence`` holds the parser's
    confidence per CSL variable (``custom`` is the schema's place for data of no CSL variable)."""
    import json

    from citeman.export.csljson import to_csl

    encoded = []
    for entry in entries:
        item = to_csl(entry)
        scores = _confidence(entry, item)
        if scores:
            item.setdefault("custom", {})["confidence"] = scores
        encoded.append(json.dumps(item, ensure_ascii=False))
    return "[\n  " + ",\n  ".join(encoded) + "\n]\n" if encoded else "[]\n"


def entries_text(entries: list[Entry], to: str) -> str:
    """Entries as BibTeX or CSL-JSON text."""
    if to == "csl-json":
        return parsed_csl_json(entries)
    from citeman.io.bibtex import dumps_bib

    return dumps_bib(entries)


def deliver(outcome: Outcome, output: str | Path | None) -> Outcome:
    """Write ``outcome.output`` to ``output`` atomically (``None`` or ``-``: leave it for stdout)."""
    if output is not None and str(output) != "-":
        from citeman.io.atomic import atomic_write

        atomic_write(output, outcome.output)
        outcome.written = Path(output)
    return outcome


def parse_strings(source: str = "-", to: str = "bibtex", output: str | Path | None = None) -> Outcome:
    """One entry per non-empty line of ``source`` (a file, or ``-`` for standard input)."""
    from citeman.ingest.parser import parse_text
    from citeman.io.text import read_text

    name = "<stdin>" if source == "-" else source
    entries, diagnostics = parse_text(read_text(source), path=name)
    outcome = Outcome(entries_text(entries, to), diagnostics, diagnostic_lines(diagnostics))
    return deliver(outcome, output)


def paper_references(paper: str, to: str = "bibtex", output: str | Path | None = None) -> Outcome:
    """The paper's reference list, split and parsed in list order (``to="text"``: split only)."""
    from citeman.ingest.reflist import reference_strings_from_paper, references_from_paper

    if to == "text":
        strings, diagnostics = reference_strings_from_paper(paper)
        count, text = len(strings), "".join(f"{ref.text}\n" for ref in strings)
    else:
        entries, diagnostics = references_from_paper(paper)
        count, text = len(entries), entries_text(entries, to)
    outcome = deliver(Outcome(text, diagnostics, diagnostic_lines(diagnostics)), output)
    if outcome.written is not None:
        outcome.messages.append(f"{count} references written to {outcome.written}")
    return outcome
