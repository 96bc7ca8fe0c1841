"""Property tests: the parser never raises and never drops or merges a reference."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citeman.ingest.parser import parse_reference, parse_references

reference_like = st.lists(
    st.sampled_from(["Smith, J.", "(2019).", "Title", "of", "Journal", "14(1),", "119–144.", "https://doi.org/10.1/x",
                     "et al.", "In", "(Eds.),", "pp.", "Press.", "*", "“", "”", "&", "vol.", "2014;40(9):1-2.", "n.d."]),
    max_size=25,
).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_parse_reference_never_raises_on_any_text(text):
    entry, diags = parse_reference(text)
    assert entry.fields["rawref"] == text


@settings(max_examples=150, deadline=None)
@given(reference_like)
def test_parse_reference_never_raises_on_reference_like_text(text):
    entry, _ = parse_reference(text)
    assert entry.type in {"article", "book", "incollection", "inproceedings", "report", "thesis", "online", "misc"}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=80), reference_like), max_size=12))
def test_one_entry_per_line_in_order(lines):
    entries, _ = parse_references(lines)
    assert [e.fields["rawref"] for e in entries] == lines
    assert len({e.key for e in entries}) == len(lines)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("AaBbJ. ,;&-'()éİ") + ["et al.", " and ", "(Eds.)", "van ", "JJ"]),
                max_size=30).map("".join))
def test_name_splitter_never_raises_and_never_returns_empty_people(text):
    from citeman.ingest.authors import split_persons

    people, truncated = split_persons(text)
    assert isinstance(truncated, bool)
    assert all(p.family or p.literal for p in people)


_LABELS = {"author", "editor", "translator", "date", "title", "journal", "container-title", "collection-title",
           "volume", "pages", "publisher", "location", "doi", "url", "isbn", "note", "genre", "edition",
           "citation-number", "source", "medium", "director", "producer", "dataset"}


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=200), reference_like))
def test_labels_cover_every_token(text):
    from citeman.ingest.labeller import label
    from citeman.ingest.tokens import tokenize

    pairs = label(text)
    assert [tok for tok, _ in pairs] == tokenize(text)
    assert all(lab in _LABELS for _, lab in pairs)
