"""P102: fields the reference parser was unsure of are reported until a person edits them."""

from __future__ import annotations

import datetime as dt

from citeman.ingest.confidence import CONFIDENCE_FIELD, LOW_CONFIDENCE, read_low_confidence
from citeman.ingest.merge import stamp
from citeman.ingest.parser import parse_reference
from citeman.io.bibtex import dumps_bib, parse_bib
from citeman.validate.base import Context
from citeman.validate.registry import rule_by_code
from citeman.validate.lint import lint_library

CTX = Context(today=dt.date(2026, 1, 1))
# As it stands in seed 004's reference list.
DAMAGED = ("Maqbool, N. (2022). Water Crisis in Pakistan: Manifestation, Causes and the Way Forward. "
           "*PIDE Knowledge Brief*, 2022, 8. <https://pide.org.pk/research/water-crisis-in-pakistan-"
           "manifestation-causes-and-the-way-forward/>")


def _p102(text: str) -> list[str]:
    library, diagnostics = parse_bib(text, "doc.bib")
    findings = lint_library(library, diagnostics, rules=[rule_by_code("P102")], ctx=CTX)
    return [f.diagnostic.message for f in findings]


def test_parser_records_only_low_confidence_fields():
    entry, _ = parse_reference(DAMAGED)
    recorded = read_low_confidence(entry)
    assert recorded, entry.fields
    assert all(score < LOW_CONFIDENCE for score in recorded.values())
    assert all(entry.provenance[name].confidence < LOW_CONFIDENCE for name in recorded)
    clean, _ = parse_reference("Smith, J. (2020). A study of things. Journal of Studies, 12(3), 45-67.")
    assert CONFIDENCE_FIELD not in clean.fields


def test_reported_from_the_bib_until_a_person_edits_the_field():
    entry, _ = parse_reference(DAMAGED)
    entry.key = "maqbool2022"
    text = dumps_bib([stamp(entry)])
    messages = _p102(text)
    assert messages and all("low confidence" in m for m in messages)
    field = sorted(read_low_confidence(entry))[0]
    edited = text.replace(f"  {field} = {{{entry.fields[field]}}}", f"  {field} = {{Checked by hand}}")
    assert edited != text
    assert len(_p102(edited)) == len(messages) - 1


def test_unreadable_scores_are_ignored():
    text = "@article{k, title = {T}, citeman-confidence = {title=high, =0.2, pages}}\n"
    assert _p102(text) == []
