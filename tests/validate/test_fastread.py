"""The fast reader builds the same entries as the full reader (citeman.io.bibtex.parse_bib)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citeman.io.bibtex import parse_bib
from citeman.model import Entry, Span
from citeman.io.fastread import parse_fast
from citeman.io.rawfields import field_line, field_lines, find_fields

SAMPLE = r"""Free text before the first entry.

% citeman: ignore Y001 -- reason
@article{k1,
  title = {A {NASA} \& b},
  year = 2020, month = apr,
  author = {Smith, J. and Jane Doe and Nan tian and Diego lopes da silva and {World Bank} and others},
  url = {https://x.org/a\_b},
}

% a note
@string{foo = {Bar}}
@misc{k2, note = "x" # foo}
@book{k3, title = "Quoted {B}", author = "D, P. H. P.", title = {dup}}
@book{k4, title = {ok}
@book{k5, title = {after broken}, pages = 3}
@article{k1, title={T}}
@article{k6, author = {Khan, W. M.  and
    Askari, M. U. AND Sameer Lalwani and Anderson, Sandy and others}, editor = {Ali, S.}}
"""


def comparable(blocks):
    out = []
    for b in blocks:
        if isinstance(b, Entry):
            out.append((b.key, b.type, b.fields, b.persons, b.macros, b.source, b.comments, b.truncated, b.field_offsets,
                        b.column))
        else:
            out.append((b.kind, b.text.strip(), b.source))
    return out


def test_same_entries_as_full_reader():
    full, full_diags = parse_bib(SAMPLE, "x.bib")
    fast, fast_diags = parse_fast(SAMPLE, "x.bib")
    assert comparable(fast.blocks) == comparable(full.blocks)
    assert [(d.code, d.line) for d in fast_diags] == [(d.code, d.line) for d in full_diags if d.code != "P002"]


def test_line_offset_shifts_everything():
    fast, _ = parse_fast("@misc{a, title = {T}}\n", "x.bib", line_offset=10)
    assert fast.entries[0].source.line == 11


def test_field_lines_point_at_the_field():
    fast, _ = parse_fast("\n@misc{a,\n  title = {T},\n  year = {4392},\n}\n", "x.bib")
    entry = fast.entries[0]
    assert field_line(entry, "year") == 4
    assert field_line(entry, "nope") == 2


def test_find_fields_keeps_raw_values():
    assert find_fields("@misc{a, title = {A \\& B}, note = \"q\"}") == [("title", "{A \\& B}", 0), ("note", '"q"', 0)]


field_value = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="{}\\\"@%"), max_size=30)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["title", "year", "author", "journal", "pages", "note", "url"]), field_value),
                min_size=1, max_size=6, unique_by=lambda t: t[0]),
       st.sampled_from(["article", "book", "misc"]))
def test_generated_entries_match_full_reader(fields, entry_type):
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    text = f"@{entry_type}{{key1,\n{body},\n}}\n"
    full, _ = parse_bib(text, "g.bib")
    fast, _ = parse_fast(text, "g.bib")
    assert comparable(fast.blocks) == comparable(full.blocks)


plain_text = st.text(alphabet=st.sampled_from(list("aZ 9.,:-'\u00e9\u201c")), max_size=8)
inner = st.builds(lambda a, b: "{" + a + b + "}", plain_text, plain_text)
braced = st.lists(plain_text | inner | st.builds(lambda x: "{" + x + "}", inner), max_size=4).map(
    lambda parts: "{" + "".join(parts) + "}")
any_value = braced | st.sampled_from(["2020", "apr", "sept", "x2", "2nd", "a.b", '"quoted {Q}"', "{a\\&b}",
                                      "{a \\{b}", "foo # bar", "{}", "0"])
separator = st.sampled_from([",", " ,", ",\n", "\n,"])
closing = st.sampled_from(["}", ",}", ",\n}", " ,\n }", "\n}"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["title", "year", "author", "editor", "month", "note", "url", "Pages"]),
                          any_value), min_size=1, max_size=5, unique_by=lambda t: t[0].lower()),
       separator, closing)
def test_nested_braces_bare_values_and_closings_match_full_reader(fields, sep, close):
    body = sep.join(f"  {name} = {value}" for name, value in fields)
    text = f"@misc{{key1,\n{body}{close}\n@book{{key2, title = {{T}}}}\n"
    full, full_diags = parse_bib(text, "g.bib")
    fast, fast_diags = parse_fast(text, "g.bib")
    assert comparable(fast.blocks) == comparable(full.blocks)
    assert [(d.code, d.line) for d in fast_diags] == [(d.code, d.line) for d in full_diags if d.code != "P002"]


_LINE_PIECES = st.sampled_from(["\n", " ", "\t", "=", "title", "Title", "TITLE", "titleaddon", "year", "x", "{", "}",
                                ",", "@misc{k,", "\u212aey", "key", "k", "\u00e9", "a.b", "a-b"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_LINE_PIECES, max_size=30), st.sampled_from(["title", "year", "key", "a.b", "a-b", "titleaddon",
                                                              "\u00e9", "Title", ""]))
def test_field_line_equals_the_line_of_field_lines(pieces, name):
    entry = Entry("k", "misc", source=Span("x.bib", 7))
    entry.raw = "".join(pieces)
    base = 7
    expected = field_lines(entry).get(name, base) if name else base
    assert field_line(entry, name) == expected
