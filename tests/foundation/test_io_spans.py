"""Per-field source spans: both readers record where each field's name and value sit."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citeman.io.bibtex import parse_bib, read_bib
from citeman.io.fastread import parse_fast
from citeman.io.rawfields import field_line
from citeman.io.splice import splice_entries
from citeman.io.text import read_text
from citeman.model import Entry, FieldSpan, Span

READERS = (parse_bib, parse_fast)

PLAIN = """% a note above the entry
@article{k1,
  title = {Multi
    line {T}itle},
  year = 2020, month = apr,
  author = {Müller, Jürgen and Ødegaard, Åse},
  abstract = {One line
title = {not a field}
and the end},
}

  @misc{k2, note = {ñandú}, Year = {1999}}
"""


def spans_of(text: str, reader) -> dict[str, dict[str, FieldSpan]]:
    library, _ = reader(text, "x.bib")
    return {entry.key: entry.spans for entry in library.entries}


def test_spans_of_multi_line_fields_comments_and_non_ascii_text():
    expected = {
        "k1": {
            "title": FieldSpan(3, 3, 4),
            "year": FieldSpan(5, 3, 5),
            "month": FieldSpan(5, 16, 5),
            "author": FieldSpan(6, 3, 6),
            "abstract": FieldSpan(7, 3, 9),
        },
        # The "@" is indented by two: columns count from the start of the line, in characters.
        "k2": {"note": FieldSpan(12, 13, 12), "year": FieldSpan(12, 29, 12)},
    }
    for reader in READERS:
        assert spans_of(PLAIN, reader) == expected, reader.__name__


def test_spans_when_the_fast_reader_hands_a_stretch_to_the_full_reader():
    # @string and '#' are outside the fast subset; the full reader's spans are moved to the stretch's place.
    text = '@misc{a, title = {T}} @misc{b, note = "x" # foo,\n  year = 2}\n@string{foo = {F}}\n@misc{c,\n  é = {1}}\n'
    expected = {
        "a": {"title": FieldSpan(1, 10, 1)},
        "b": {"note": FieldSpan(1, 32, 1), "year": FieldSpan(2, 3, 2)},
        "c": {},
    }
    fast = spans_of(text, parse_fast)
    assert fast == spans_of(text, parse_bib)
    assert fast["a"] == expected["a"] and fast["b"] == expected["b"]


def test_crlf_files_have_the_spans_of_their_lf_text(tmp_path: Path):
    path = tmp_path / "crlf.bib"
    path.write_bytes(PLAIN.replace("\n", "\r\n").encode("utf-8"))
    library, _ = read_bib(path)
    assert {e.key: e.spans for e in library.entries} == spans_of(PLAIN, parse_bib)
    assert spans_of(read_text(path), parse_fast) == spans_of(PLAIN, parse_bib)


def test_duplicate_fields_keep_the_span_of_each_occurrence():
    library, _ = parse_bib("@book{k,\n  title = {A},\n  Title = {B},\n}\n", "x.bib")
    entry = library.entries[0]
    assert entry.spans == {"title": FieldSpan(2, 3, 2), "title-duplicate": FieldSpan(3, 3, 3)}


def test_field_line_follows_the_span_not_a_look_alike_line():
    library, _ = parse_fast(PLAIN, "x.bib")
    entry = library.entries[0]
    assert field_line(entry, "month") == 5  # second on its line: a line-start search finds no "month ="
    assert field_line(entry, "title") == 3  # the abstract's "title = {...}" line comes later anyway
    assert field_line(entry, "nope") == 2


def test_entries_built_in_memory_have_no_spans_and_fall_back():
    entry = Entry("k", "misc", fields={"year": "2000"}, source=Span("x.bib", 4), raw="@misc{k,\n  year = 2000}")
    assert entry.span("year") is None and entry.spans == {}
    assert field_line(entry, "year") == 5
    assert Entry("k", "misc", fields={"year": "2000"}).span("year") is None


names = st.sampled_from(["title", "Year", "author", "note", "url", "pages", "EDITION", "x-y"])
values = st.sampled_from(["{T}", "{Multi\nline}", "{a {b} c}", '"q {Q}"', "2020", "apr", "{Ünïcode ✓}", "{}"])
gaps = st.sampled_from([" ", "\n  ", "\n\t", "  \n    "])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(names, values, gaps), min_size=1, max_size=5, unique_by=lambda t: t[0].lower()),
       st.sampled_from(["", "  ", "% note\n", "\n\n"]), st.sampled_from(["}", ",}", ",\n}"]))
def test_both_readers_agree_and_spans_point_at_name_and_value_end(fields, lead, close):
    body = ",".join(f"{gap}{name} = {value}" for name, value, gap in fields)
    text = f"{lead}@misc{{key1,{body}{close}\n@book{{key2, title = {{T}}}}\n"
    lines = text.split("\n")
    full, _ = parse_bib(text, "g.bib")
    fast, _ = parse_fast(text, "g.bib")
    assert [e.spans for e in fast.entries] == [e.spans for e in full.entries]
    entry = fast.entries[0]
    assert list(entry.spans) == [name.lower() for name, _, _ in fields]
    for name, value, _ in fields:
        span = entry.spans[name.lower()]
        assert lines[span.line - 1][span.column - 1:].startswith(name)
        assert span.end_line - span.line == value.count("\n")
        assert lines[span.end_line - 1].find(value.split("\n")[-1]) >= 0


SPLICE_SOURCE = """@string{pub = {P}}
% citeman: ignore Y001 -- kept
@article{k1,
  title = {Old},   year = 2020,
  journal = pub,
}

@misc{k2, note = {keep   this   layout}}
"""


def test_splice_without_changes_gives_the_text_back():
    assert splice_entries(SPLICE_SOURCE, [], {}) == SPLICE_SOURCE


def test_splice_rewrites_only_the_changed_fields_at_their_spans():
    library, _ = parse_bib(SPLICE_SOURCE, "x.bib")
    first, second = library.entries
    first.fields["year"] = "2021"
    first.fields["title"] = "New & better"
    first.fields["doi"] = "10.1/x"
    out = splice_entries(SPLICE_SOURCE, [first], {id(first): {"year", "title", "doi"}})
    assert out == SPLICE_SOURCE.replace("{Old},   year = 2020", "{New \\& better},   year = {2021}").replace(
        "  journal = pub,\n}", "  journal = pub,\n  doi = {10.1/x},\n}")
    again, _ = parse_bib(out, "x.bib")
    assert again.entries[0].fields["title"] == "New & better" and again.entries[1].fields == second.fields


def test_splice_finds_fields_of_entries_without_offsets():
    library, _ = parse_bib(SPLICE_SOURCE, "x.bib")
    entry = library.entries[1]
    entry.field_offsets.clear()
    entry.fields["note"] = "changed"
    out = splice_entries(SPLICE_SOURCE, [entry], {id(entry): {"note"}})
    assert out == SPLICE_SOURCE.replace("{keep   this   layout}", "{changed}")
