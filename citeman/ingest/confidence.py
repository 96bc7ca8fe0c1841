"""How sure the reference parser is of each field it filled.

A field's confidence is the lowest marginal probability the CRF gives the label of any
token in the span the field was read from: one doubtful word makes the whole field
doubtful. A token whose label a rule decided (identifier patterns, style rules) counts as
certain, since the rule does not depend on the model. Fields set without a labelled span
(none today) have no confidence.

Fields below :data:`LOW_CONFIDENCE` are listed in the entry itself
(``citeman-confidence = {title=0.44, pages=0.41}``), so the doubt survives into the .bib
and ``citeman validate`` can report it (P102) until a person checks the field.
"""

from __future__ import annotations

from citeman.ingest.tokens import Token
from citeman.model import Entry

# BibTeX field -> the token label it is read from.
FIELD_LABELS = {
    "title": "title", "series": "collection-title", "edition": "edition",
    "year": "date", "yearsuffix": "date", "month": "date", "date": "date",
    "volume": "volume", "number": "volume", "pages": "pages",
    "publisher": "publisher", "school": "publisher", "institution": "publisher", "address": "location",
    "type": "genre", "doi": "doi", "url": "url", "isbn": "isbn", "note": "note",
    "author": "author", "editor": "editor", "translator": "translator",
}
CONTAINER_FIELDS = ("journal", "booktitle", "howpublished")
CONFIDENCE_FIELD = "citeman-confidence"
# On seed 004 this flags 10 fields of 6 references, all of them misread or damaged in the source.
LOW_CONFIDENCE = 0.6


def label_confidence(labels: list[str], model_labels: list[str], scores: list[float]) -> dict[str, float]:
    """Label -> the lowest score over the first run of tokens carrying it."""
    out: dict[str, float] = {}
    done: set[str] = set()
    for i, label in enumerate(labels):
        if label in done:
            continue
        score = scores[i] if label == model_labels[i] else 1.0
        out[label] = min(out.get(label, 1.0), score)
        if i + 1 == len(labels) or labels[i + 1] != label:
            done.add(label)
    return out


def attach_confidence(entry: Entry, tokens: list[Token], labels: list[str], model_labels: list[str],
                      scores: list[float]) -> None:
    """Set ``confidence`` on the provenance of every field the labels produced."""
    if len(labels) != len(tokens) or len(scores) != len(tokens):
        return
    by_label = label_confidence(labels, model_labels, scores)
    container = "journal" if "journal" in by_label else "container-title"
    for name, provenance in entry.provenance.items():
        label = container if name in CONTAINER_FIELDS else FIELD_LABELS.get(name)
        if label in by_label:
            provenance.confidence = round(by_label[label], 3)
    record_low_confidence(entry)


def record_low_confidence(entry: Entry) -> None:
    """Write the fields read with less than :data:`LOW_CONFIDENCE` into ``citeman-confidence``."""
    low = [(name, provenance.confidence) for name, provenance in entry.provenance.items()
           if provenance.confidence is not None and provenance.confidence < LOW_CONFIDENCE
           and (name in entry.fields or name in entry.persons)]
    if low:
        entry.fields[CONFIDENCE_FIELD] = ", ".join(f"{name}={score:.2f}" for name, score in low)


def read_low_confidence(entry: Entry) -> dict[str, float]:
    """``{field: confidence}`` from the entry's ``citeman-confidence`` (unreadable items skipped)."""
    out: dict[str, float] = {}
    for item in entry.fields.get(CONFIDENCE_FIELD, "").split(","):
        name, sep, score = item.strip().partition("=")
        try:
            out[name.strip().lower()] = float(score)
        except ValueError:
            continue
    return out
