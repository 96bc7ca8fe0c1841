"""Annotations: extractive drafts from full text, citing sentences for references, edits kept."""

from __future__ import annotations

import re
import shutil

import pytest
from ingest_helpers import REPO

from citeman.annotate import annotate_bib, annotate_library, body_paragraphs, draft_from_citations, keyphrases
from citeman.ingest.merge import is_draft, merge_into_bib
from citeman.io.bibtex import read_bib
from citeman.model import Entry, Library, Person

SEED003 = REPO / "seeds" / "003_58913d06171df316.txt"

PAPER = """# Water and Security

## Introduction

Water scarcity threatens food production across the Indus basin (Khoso, 2015). Budgets favour defence over
human security, which leaves schools and clinics underfunded.

## Literature Review

Earlier work links arms races to cuts in social spending (Rehman, 2009; Khoso, 2015).

## References

Khoso, S. (2015). An overview on emerging water scarcity in Pakistan. Journal of Applied Engineering Science.

Rehman, A. (2009). Defence spending and development. Some Journal.

Nobody, N. (2001). Never cited anywhere. Other Journal.
"""


def _hand_edit(bib, field: str, value: str) -> None:
    """Replace a field's line the way a person would in an editor."""
    text = bib.read_text(encoding="utf-8")
    edited, count = re.subn(rf"(?m)^  {field} = {{.*}},$", f"  {field} = {{{value}}},", text)
    assert count == 1
    bib.write_text(edited, encoding="utf-8")


def _ref(family: str, year: str, title: str, line: int) -> Entry:
    entry = Entry(key=f"{family.lower()}{year}", type="article",
                  fields={"title": title, "year": year, "rawref": f"{family} ({year}). {title}.",
                          "citeman-source": f"paper.md:{line}"})
    entry.persons["author"] = [Person(family=family, given="A.")]
    return entry


@pytest.fixture
def seed_bib(tmp_path):
    shutil.copy(SEED003, tmp_path / SEED003.name)
    bib = tmp_path / "sources.bib"
    from citeman.ingest.documents import ingest_document

    entry, _ = ingest_document(tmp_path / SEED003.name)
    entry.fields["citeman-source"] = SEED003.name
    merge_into_bib(bib, [entry])
    return bib


def test_body_leaves_out_bylines_bios_and_furniture():
    body = "\n".join(body_paragraphs(SEED003.read_text(encoding="utf-8")))
    assert "Author Name" not in body and "is a researcher at" not in body and "Image Source" not in body
    assert "opposing camps during the Cold War" in body


def test_full_text_draft_is_marked_and_replaced_until_edited(seed_bib, tmp_path):
    report = annotate_bib(seed_bib)
    (entry,) = read_bib(seed_bib)[0].entries
    assert report.drafted == [entry.key]
    sentences = [s for s in entry.fields["annotation"].split(". ") if s]
    assert 2 <= len(sentences) <= 4
    source = SEED003.read_text(encoding="utf-8").replace("\n", " ")
    # Extractive: each sentence is in the source (a leading "Additionally, " may have been dropped).
    assert all(s.rstrip(".")[1:] in source for s in sentences)
    assert is_draft(entry, "annotation") and is_draft(entry, "keywords")
    assert "Gillani" not in entry.fields["keywords"]

    _hand_edit(seed_bib, "annotation", "A person's own annotation.")
    report = annotate_bib(seed_bib)
    (entry,) = read_bib(seed_bib)[0].entries
    assert entry.fields["annotation"] == "A person's own annotation."
    assert report.kept == [entry.key] and not report.drafted


def test_annotation_survives_reingestion(seed_bib, tmp_path):
    annotate_bib(seed_bib)
    _hand_edit(seed_bib, "annotation", "Edited by hand.")
    from citeman.ingest.documents import ingest_document

    again, _ = ingest_document(tmp_path / SEED003.name)
    again.fields["citeman-source"] = SEED003.name
    again.fields["annotation"] = "A fresh machine annotation."
    report, _ = merge_into_bib(seed_bib, [again])
    (entry,) = read_bib(seed_bib)[0].entries
    assert entry.fields["annotation"] == "Edited by hand."
    assert "annotation" in report.kept[entry.key]


def test_only_missing_leaves_existing_drafts(seed_bib):
    annotate_bib(seed_bib)
    before = seed_bib.read_text(encoding="utf-8")
    report = annotate_bib(seed_bib, only_missing=True)
    assert seed_bib.read_text(encoding="utf-8") == before and not report.drafted


def test_references_get_the_sentences_that_cite_them(tmp_path):
    (tmp_path / "paper.md").write_text(PAPER, encoding="utf-8")
    library = Library(blocks=[_ref("Khoso", "2015", "An overview on emerging water scarcity in Pakistan", 15),
                              _ref("Rehman", "2009", "Defence spending and development", 17),
                              _ref("Nobody", "2001", "Never cited anywhere", 19)])
    library, report = annotate_library(library, tmp_path / "refs.bib")
    khoso, rehman, nobody = library.entries
    assert khoso.fields["annotation"].startswith("Cited in Introduction: “Water scarcity threatens food production")
    assert "Cited in Literature Review:" in khoso.fields["annotation"]
    assert rehman.fields["annotation"].startswith("Cited in Literature Review: “Earlier work links arms races")
    assert nobody.fields["annotation"].startswith("Listed in the references")
    assert khoso.fields["keywords"] and len(report.drafted) == 3


def test_missing_source_is_reported_not_fatal(tmp_path):
    entry = Entry(key="lost", type="online", fields={"title": "T", "citeman-source": "nowhere/gone.txt"})
    library, report = annotate_library(Library(blocks=[entry]), tmp_path / "x.bib")
    assert report.skipped == ["lost"] and report.diagnostics[0].code == "A001"
    assert "annotation" not in library.entries[0].fields


def test_source_dir_option_finds_documents(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(SEED003, docs / SEED003.name)
    entry = Entry(key="g", type="online", fields={"title": "T", "citeman-source": f"elsewhere/{SEED003.name}"})
    library, report = annotate_library(Library(blocks=[entry]), tmp_path / "x.bib", source_dirs=[docs])
    assert report.drafted == ["g"]


def test_connectives_pointing_at_left_out_sentences_are_dropped():
    from citeman.annotate import _standalone

    assert _standalone("Therefore, despite the pact, ties held.") == "Despite the pact, ties held."
    assert _standalone("Hence the name.") == "Hence the name."


def test_citation_draft_limits_sentences():
    pairs = [("Intro", f"Sentence number {i} cites it.") for i in range(5)]
    draft = draft_from_citations(pairs)
    assert draft.count("Cited in Intro") == 3 and draft.endswith("Cited 5 times in all.")


def test_keyphrases_skip_names_and_offices():
    text = "Defence Minister Rajnath Singh signed the defence framework. The defence framework shapes regional security."
    phrases = keyphrases(text, exclude=["Singh"])
    assert phrases and not any("Minister" in p or "Singh" in p for p in phrases)


def test_a_bare_citation_sentence_names_only_the_section():
    assert draft_from_citations([("Food Security", "(Acute et al., 2024).")]) == "Cited in Food Security."


def test_seed004_references_are_all_annotated(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from citeman.cli import app

    monkeypatch.chdir(REPO)
    refs = tmp_path / "refs.bib"
    result = CliRunner().invoke(app, ["refs", "seeds/004_f4c71cc64816fcce.txt", "-o", str(refs)])
    if result.exit_code != 0 or not refs.exists():
        pytest.skip("citeman refs is not available")
    report = annotate_bib(refs)
    library = read_bib(refs)[0]
    assert len(report.drafted) == len(library.entries) >= 40
    assert all(e.fields.get("annotation") for e in library.entries)
    # Keywords only from the subject vocabulary or quality phrases: a reference whose title
    # holds no topic ("Issue", a garbled title) is better left without than given noise.
    with_keywords = [e for e in library.entries if e.fields.get("keywords")]
    assert len(with_keywords) >= 0.85 * len(library.entries)
    fair = next(e for e in library.entries if e.persons.get("author") and e.persons["author"][0].family == "Fair")
    assert "Cited in Literature Gap: “India is a suitable partner" in fair.fields["annotation"]
