"""``citeman add``: recorded DOIs, arXiv ids, ISBNs and PubMed ids become entries that pass ``validate`` with no error."""

from __future__ import annotations

import json

import pytest

from citeman.app import add, validate
from citeman.io.bibtex import read_bib
from citeman.online.identifiers import KINDS, classify
from tests.online.conftest import RECORDED

# 29 identifiers written 9 ways, each answered by a recorded response (shared with benchmarks/verify_add.py).
IDENTIFIERS = [(item["kind"], item["identifier"])
               for item in json.loads((RECORDED / "identifiers.json").read_text(encoding="utf-8"))]


# Real records that lack what a citation needs: add keeps what the service says, validate says what is missing.
KNOWN_ERRORS = {"0918024560": {"E001"}}   # Google Books names no publisher for this edition of Willard Gibbs


def test_every_kind_of_identifier_is_covered():
    assert len(IDENTIFIERS) == 29
    assert len({form for form, _ in IDENTIFIERS}) == 9
    assert {classify(identifier).kind for _, identifier in IDENTIFIERS} == set(KINDS)
    for form, identifier in IDENTIFIERS:
        assert form.split("-")[0] == classify(identifier).kind, identifier


@pytest.mark.parametrize("kind,identifier", IDENTIFIERS, ids=[i for _, i in IDENTIFIERS])
def test_added_entry_passes_validate_without_unexpected_error(kind, identifier, options, tmp_path):
    bib = tmp_path / "added.bib"
    outcome = add([identifier], bib, options=options)
    assert outcome.exit_code == 0, outcome.messages
    library, diagnostics = read_bib(bib)
    assert len(library) == 1 and not diagnostics
    entry = library.entries[0]
    assert entry.key and entry.fields["title"] and entry.fields["citeman-online"]
    report = json.loads(validate(paths=[str(bib)], fmt="json", no_baseline=True, jobs=1).report)
    errors = {finding["code"] for finding in report if finding["severity"] == "error"}
    assert errors == KNOWN_ERRORS.get(identifier, set()), report


def test_a_real_record_with_a_label_for_a_title_is_kept_and_flagged(options, tmp_path):
    # arXiv 2104.12255v1 is really titled "0": add keeps what the service says, validate questions it.
    bib = tmp_path / "added.bib"
    assert add(["arXiv:2104.12255v1"], bib, options=options).exit_code == 0
    assert read_bib(bib)[0].entries[0].fields["title"] == "0"
    report = validate(paths=[str(bib)], fmt="concise", no_baseline=True, jobs=1).report
    assert "T015" in report


def test_every_field_records_service_and_time(options, tmp_path):
    bib = tmp_path / "added.bib"
    add(["10.1371/journal.pone.0033693"], bib, options=options)
    entry = read_bib(bib)[0].entries[0]
    note = entry.fields["citeman-online"]
    assert note.startswith("crossref 20") and "https://api.crossref.org/works/10.1371/journal.pone.0033693: " in note
    for name in ("author", "title", "journal", "year", "doi"):
        assert name in note.split(": ", 1)[1].split(", ")


def test_existing_entry_is_not_overwritten_without_update(options, tmp_path):
    bib = tmp_path / "lib.bib"
    bib.write_text("@article{mine,\n  title = {My own title},\n  doi = {10.1371/journal.pone.0033693},\n"
                   "  annotation = {my notes},\n}\n", encoding="utf-8")
    before = bib.read_text(encoding="utf-8")
    outcome = add(["https://doi.org/10.1371/journal.pone.0033693"], bib, options=options)
    assert outcome.exit_code == 0
    assert bib.read_text(encoding="utf-8") == before
    assert any("already in" in m and "mine" in m for m in outcome.messages)

    outcome = add(["10.1371/journal.pone.0033693"], bib, update=True, options=options)
    entry = read_bib(bib)[0].entries[0]
    assert entry.key == "mine" and entry.fields["annotation"] == "my notes"
    assert entry.fields["title"].startswith("Methylphenidate Exposure")


def test_appends_after_existing_entries_and_keeps_keys_unique(options, tmp_path):
    bib = tmp_path / "lib.bib"
    bib.write_text("@misc{sadasivan2012methylphenidate,\n  title = {Taken},\n}\n", encoding="utf-8")
    add(["10.1371/journal.pone.0033693", "1605.08386"], bib, options=options)
    text = bib.read_text(encoding="utf-8")
    assert text.startswith("@misc{sadasivan2012methylphenidate,\n  title = {Taken},\n}\n")
    keys = read_bib(bib)[0].keys()
    assert keys == ["sadasivan2012methylphenidate", "sadasivan2012methylphenidatea", "stanley2016heatbath"]


def test_unknown_and_missing_identifiers_are_one_line_errors(options, tmp_path):
    bib = tmp_path / "lib.bib"
    outcome = add(["not-an-id", "0000.0000", "10.1371/journal.pone.0033693"], bib, options=options)
    assert outcome.exit_code == 2
    errors = [m for m in outcome.messages if m.startswith("error:")]
    assert len(errors) == 2 and all("\n" not in m for m in errors)
    assert "'not-an-id' is not a DOI" in errors[0] and "0000.0000" in errors[1]
    assert len(read_bib(bib)[0]) == 1   # the good identifier is still added


def test_network_failure_is_not_fetched_not_missing(options, tmp_path):
    outcome = add(["10.9999/never.recorded"], tmp_path / "lib.bib", options=options)
    assert outcome.exit_code == 2
    assert outcome.messages == [m for m in outcome.messages if "not fetched: network error" in m]
    assert not (tmp_path / "lib.bib").exists()


def test_a_book_by_isbn_from_google_books(options, tmp_path):
    bib = tmp_path / "added.bib"
    assert add(["978-0-00-811749-8"], bib, options=options).exit_code == 0
    entry = read_bib(bib)[0].entries[0]
    assert entry.type == "book" and entry.key == "asimov2016foundation"
    assert (entry.fields["title"], entry.fields["publisher"], entry.fields["isbn"]) == \
        ("Foundation", "Voyager", "9780008117498")
    assert entry.fields["citeman-online"].startswith(
        "googlebooks 20") and "https://www.googleapis.com/books/v1/volumes?q=isbn:9780008117498: " in \
        entry.fields["citeman-online"]


def test_an_article_by_pubmed_id_keeps_its_doi_and_pmid(options, tmp_path):
    bib = tmp_path / "added.bib"
    assert add(["https://pubmed.ncbi.nlm.nih.gov/30108519/"], bib, options=options).exit_code == 0
    entry = read_bib(bib)[0].entries[0]
    assert entry.type == "article" and entry.fields["journal"] == "Frontiers in physiology"
    assert entry.fields["doi"] == "10.3389/fphys.2018.01034" and entry.fields["pmid"] == "30108519"
    assert entry.fields["citeman-online"].startswith("pubmed 20")
    # The same work again by its DOI is already in the file.
    outcome = add(["10.3389/fphys.2018.01034"], bib, options=options)
    assert any("already in" in m for m in outcome.messages) or outcome.exit_code == 2
