"""Golden tests: each seed document -> its entry, and what a careful reader finds in it."""

from __future__ import annotations

import json

import pytest
from ingest_helpers import REPO, SEEDS, assert_golden

from citeman.ingest.documents import ingest_document
from citeman.ingest.run import keyed
from citeman.io.bibtex import dumps_bib


@pytest.fixture(scope="module")
def seeds():
    import os

    cwd = os.getcwd()
    os.chdir(REPO)  # relative paths in citeman-source, as a user would type them
    try:
        results = {path.name[:3]: ingest_document(path.relative_to(REPO)) for path in SEEDS}
    finally:
        os.chdir(cwd)
    keyed([entry for entry, _ in results.values()])
    return results


def _provenance(entry) -> dict[str, str]:
    return {name: f"{p.source} {p.method}" for name, p in sorted(entry.provenance.items())}


def test_golden_bibtex(seeds):
    assert_golden(dumps_bib([entry for entry, _ in seeds.values()]), "seeds.bib")


def test_golden_provenance_and_warnings(seeds):
    report = {
        number: {
            "provenance": _provenance(entry),
            "diagnostics": [f"{d.code} {d.severity} {d.field}: {d.message}" for d in diagnostics],
        }
        for number, (entry, diagnostics) in seeds.items()
    }
    assert_golden(json.dumps(report, indent=2, ensure_ascii=False) + "\n", "seeds_provenance.json")


def _missing(diagnostics) -> set[str]:
    return {d.field for d in diagnostics if d.code == "P201"}


def test_seed000_title_and_two_bio_authors_no_date(seeds):
    entry, diagnostics = seeds["000"]
    assert entry.fields["title"] == "Indo-US Defence Pact 2025: Analysing Challenges for Pakistan’s Security Posture"
    assert [(p.given, p.family) for p in entry.persons["author"]] == [("Saher", "Liaqat"), ("Abu Hurrairah", "Abbasi")]
    assert "date" not in entry.fields and "year" not in entry.fields
    assert "date" in _missing(diagnostics)
    # The event date in the first paragraph (31st October 2025) is not the publication date.
    assert "2025" not in entry.fields.get("year", "")


def test_seed001_dateline_date_and_no_author(seeds):
    entry, diagnostics = seeds["001"]
    assert entry.fields["date"] == "2025-11-01"
    assert entry.fields["year"] == "2025" and entry.fields["month"] == "nov" and "month" in entry.macros
    assert "author" not in entry.persons
    assert "author" in _missing(diagnostics)
    assert entry.fields["entrysubtype"] == "news"
    assert entry.provenance["date"].source.line == 2


def test_seed002_firstpost_and_unnamed_writer(seeds):
    entry, diagnostics = seeds["002"]
    assert entry.fields["organization"] == "Firstpost"
    assert "author" not in entry.persons
    assert {"author", "title", "date"} <= _missing(diagnostics)
    assert any(d.code == "P202" for d in diagnostics)
    # "signed on October 31, 2025" is about the pact, not the article.
    assert "date" not in entry.fields


def test_seed003_byline_date_centre_and_first_publication(seeds):
    entry, _ = seeds["003"]
    assert entry.fields["title"] == "Indo-US Strategic Partnership: Pakistan’s Security Dilemma"
    assert [(p.given, p.family) for p in entry.persons["author"]] == [("Maham S.", "Gillani")]
    assert entry.fields["date"] == "2021-05-01"
    assert entry.fields["organization"] == "Centre for Aerospace & Security Studies"
    assert entry.fields["note"] == "First published in South Asia Journal"


def test_seed004_journal_article_header(seeds):
    entry, diagnostics = seeds["004"]
    assert entry.type == "article"
    assert entry.fields["title"] == "US-India Defense Partnerships and Its Impacts on Pakistan"
    assert [(p.given, p.family) for p in entry.persons["author"]] == [("Naeem", "Usman")]
    assert entry.fields["affiliation"].startswith("Department of Political Science and International Relations")
    assert entry.fields["affiliation"].endswith("Lahore, Pakistan")
    assert entry.fields["email"] == "s2024353007@umt.edu.pk"
    assert entry.fields["received"] == "2025-09-05"
    assert entry.fields["date"] == "2025-12-31"
    assert entry.fields["abstract"].startswith("US-India relations opened new chapters")
    assert entry.fields["abstract"].endswith("safety plus security of its people.")
    assert entry.fields["keywords"].split(", ")[:3] == ["US", "India", "Indo-Pacific"]
    assert "journal" in _missing(diagnostics)


def test_every_seed_keeps_its_path(seeds):
    for number, (entry, _) in seeds.items():
        assert entry.fields["citeman-source"].startswith(f"seeds/{number}_")
