"""Merging re-ingested entries: machine values update, a person's edits always survive."""

from __future__ import annotations

from citeman.ingest.merge import is_draft, is_human_value, merge_entries, merge_into_bib, read_machine, record_machine
from citeman.io.bibtex import dumps_bib, parse_bib, read_bib
from citeman.model import Entry, Library, Person


def _doc_entry(title: str = "A Title", source: str = "docs/a.txt", **fields: str) -> Entry:
    entry = Entry(key="", type="online", fields={"title": title, **fields, "citeman-source": source})
    entry.persons["author"] = [Person(family="Khan", given="Ayesha")]
    return entry


def _round_trip(library: Library) -> Library:
    """Write and read back, as a person's editor would see the file."""
    return parse_bib(dumps_bib(library))[0]


def _edit(library: Library, old: str, new: str) -> Library:
    text = dumps_bib(library)
    assert old in text
    return parse_bib(text.replace(old, new))[0]


def test_new_entries_are_added_with_keys_and_hashes():
    library, report = merge_entries(Library(), [_doc_entry(year="2024")])
    (entry,) = library.entries
    assert entry.key == "khan2024title" and report.added == ["khan2024title"]
    assert set(read_machine(entry)) >= {"title", "author", "year", "entrytype", "citeman-source"}


def test_reingest_updates_machine_fields_only():
    library = _round_trip(merge_entries(Library(), [_doc_entry(year="2024")])[0])
    merged, report = merge_entries(library, [_doc_entry(title="A Better Title", year="2025")])
    (entry,) = merged.entries
    assert entry.fields["title"] == "A Better Title" and entry.fields["year"] == "2025"
    assert entry.key == "khan2024title"  # keys are never renamed
    assert report.updated == {"khan2024title": ["title", "year"]}


def test_human_edited_field_and_annotation_survive_reingestion():
    library = merge_entries(Library(), [_doc_entry(annotation="Machine draft of the annotation.")])[0]
    library = _edit(library, "title = {A Title}", "title = {A Title Fixed by Hand}")
    library = _edit(library, "Machine draft of the annotation.", "What a person wrote about it.")
    merged, report = merge_entries(library, [_doc_entry(title="Re-extracted", annotation="New machine draft.")])
    (entry,) = merged.entries
    assert entry.fields["title"] == "A Title Fixed by Hand"
    assert entry.fields["annotation"] == "What a person wrote about it."
    assert sorted(report.kept[entry.key]) == ["annotation", "title"]
    assert is_human_value(entry, "title") and is_human_value(entry, "annotation")


def test_field_added_by_hand_is_never_overwritten():
    library = _round_trip(merge_entries(Library(), [_doc_entry()])[0])
    library = _edit(library, "title = {A Title},", "title = {A Title},\n  url = {https://mine.example}, ")
    merged, _ = merge_entries(library, [_doc_entry(url="https://machine.example")])
    assert merged.entries[0].fields["url"] == "https://mine.example"


def test_machine_field_deleted_by_a_person_stays_deleted():
    library = merge_entries(Library(), [_doc_entry(note="Wrong note")])[0]
    library = _edit(library, "  note = {Wrong note},\n", "")
    merged, report = merge_entries(library, [_doc_entry(note="Wrong note")])
    assert "note" not in merged.entries[0].fields
    assert "note" in report.kept[merged.entries[0].key]


def test_edited_author_list_survives():
    library = merge_entries(Library(), [_doc_entry()])[0]
    library = _edit(library, "author = {Khan, Ayesha}", "author = {Khan, Ayesha and Roe, Jane}")
    merged, _ = merge_entries(library, [_doc_entry()])
    assert [p.family for p in merged.entries[0].persons["author"]] == ["Khan", "Roe"]


def test_references_match_by_rawref_even_when_lines_shift():
    ref = Entry(key="", type="article", fields={"title": "Old", "year": "2019", "rawref": "Abercrombie, C. (2019). Realizing.",
                                                 "citeman-source": "paper.txt:168"})
    ref.persons["author"] = [Person(family="Abercrombie", given="C.")]
    library = merge_entries(Library(), [ref])[0]
    moved = Entry(key="", type="article", fields={"title": "New", "year": "2019", "rawref": "Abercrombie, C. (2019).  Realizing.",
                                                   "citeman-source": "paper.txt:170"})
    moved.persons["author"] = [Person(family="Abercrombie", given="C.")]
    other = Entry(key="", type="article", fields={"title": "Other", "rawref": "Someone else (2020).", "citeman-source": "paper.txt:168"})
    merged, report = merge_entries(library, [moved, other])
    assert len(merged.entries) == 2
    first = merged.entries[0]
    assert first.fields["title"] == "New" and first.fields["citeman-source"] == "paper.txt:170"
    assert len(report.added) == 1  # same line, different reference text: a new entry


def test_match_by_doi_then_key():
    by_doi = Entry(key="x1", type="article", fields={"title": "T", "doi": "10.1/ABC"})
    library = Library(blocks=[by_doi])
    incoming = Entry(key="", type="article", fields={"title": "T2", "doi": "https://doi.org/10.1/abc"})
    merged, report = merge_entries(library, [incoming])
    assert len(merged.entries) == 1 and report.kept == {"x1": ["title", "doi"]}  # unstamped values count as a person's


def test_existing_library_is_not_mutated():
    library = merge_entries(Library(), [_doc_entry()])[0]
    before = dumps_bib(library)
    merge_entries(library, [_doc_entry(title="Changed")])
    assert dumps_bib(library) == before


def test_drafts_are_marked_until_edited():
    entry = _doc_entry(annotation="Draft.")
    record_machine(entry, "annotation", drafted=True)
    assert is_draft(entry, "annotation")
    entry.fields["annotation"] = "Edited."
    assert not is_draft(entry, "annotation") and is_human_value(entry, "annotation")


def test_merge_into_bib_writes_atomically_and_keeps_other_blocks(tmp_path):
    bib = tmp_path / "x.bib"
    bib.write_text("@string{ap = {Asia Policy}}\n\n@article{mine, title = {Kept}, journal = ap}\n", encoding="utf-8")
    report, _ = merge_into_bib(bib, [_doc_entry()])
    library, diagnostics = read_bib(bib)
    assert not diagnostics and [e.key for e in library.entries] == ["mine", "khantitle"]
    assert library.entries[0].fields["journal"] == "ap" and "journal" in library.entries[0].macros
    assert report.added == ["khantitle"]
    assert not list(tmp_path.glob(".*.tmp"))


def test_key_match_when_nothing_else_identifies_the_entry():
    library = Library(blocks=[Entry(key="k1", type="misc", fields={"title": "Same"})])
    merged, report = merge_entries(library, [Entry(key="k1", type="misc", fields={"title": "Same"})])
    assert len(merged.entries) == 1 and report.unchanged == ["k1"]
    assert read_machine(merged.entries[0])["title"]  # identical value: ownership taken, later updates flow
