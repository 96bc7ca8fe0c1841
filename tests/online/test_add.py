"""``citeman add``: recorded identifiers of five kinds become entries that pass ``validate`` with no error."""

from __future__ import annotations

import json

import pytest

from citeman.app import add, validate
from citeman.io.bibtex import read_bib
from tests.online.conftest import RECORDED

# 20 identifiers of 5 kinds, each answered by a recorded response (shared with benchmarks/verify_add.py).
IDENTIFIERS = [(item["kind"], item["identifier"])
               for item in json.loads((RECORDED / "identifiers.json").read_text(encoding="utf-8"))]


def test_twenty_identifiers_of_five_kinds():
    assert len(IDENTIFIERS) == 20
    assert len({kind for kind, _ in IDENTIFIERS}) == 5


@pytest.mark.parametrize("kind,identifier", IDENTIFIERS, ids=[i for _, i in IDENTIFIERS])
def test_added_entry_passes_validate_without_error(kind, identifier, options, tmp_path):
    bib = tmp_path / "added.bib"
    outcome = add([identifier], bib, options=options)
    assert outcome.exit_code == 0, outcome.messages
    library, diagnostics = read_bib(bib)
    assert len(library) == 1 and not diagnostics
    entry = library.entries[0]
    assert entry.key and entry.fields["title"] and entry.fields["citeman-online"]
    report = validate(paths=[str(bib)], fmt="json", no_baseline=True, jobs=1)
    assert '"severity": "error"' not in report.report, report.report


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
