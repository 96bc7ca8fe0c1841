from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citeman.errors import InputError
from citeman.io.bibtex import dumps_bib, format_entry, parse_bib, read_bib, write_bib
from citeman.model import Entry, Person, Verbatim

SAMPLE = r"""% file header

@string{asp = "Asia Policy"}
@preamble{"\newcommand{\noop}[1]{}"}

% citeman: ignore Y001 -- printed that way
@article{k1, author={M{\"u}ller, B. and {World Health Organization} and others},
  title = {The {NASA} \& {ESA} mission}, journal=asp, month=jan, year=2020, pages = "1--2",
  url={http://x.org/a_b%20c}, custom-field = {kept}}
stray text between entries
@article{broken, title={unclosed
@book{k2, title={X}, title={Y}}
@book{k2, title={Z}}
@comment{explicit comment}
"""


def test_macros_stay_macros():
    library, _ = parse_bib(SAMPLE)
    entry = library.find("k1")
    assert entry.fields["journal"] == "asp" and "journal" in entry.macros
    assert entry.fields["month"] == "jan" and "month" in entry.macros
    assert library.strings == {"asp": "Asia Policy"}
    out = dumps_bib(library)
    assert "journal = asp," in out and "month = jan," in out


def test_people_latex_and_unknown_fields():
    entry = parse_bib(SAMPLE)[0].find("k1")
    assert entry.authors[0] == Person(family="Müller", given="B.")
    assert entry.authors[1] == Person(literal="World Health Organization")
    assert "author" in entry.truncated
    assert entry.fields["title"] == "The {NASA} & {ESA} mission"
    assert entry.fields["custom-field"] == "kept"
    assert entry.comments == ["% citeman: ignore Y001 -- printed that way"]
    assert entry.source.line == 7


def test_bad_blocks_are_kept_and_reported():
    library, diags = parse_bib(SAMPLE, "x.bib")
    codes = [(d.code, d.line) for d in diags]
    assert ("P001", 11) in codes
    assert ("P003", 12) in codes
    assert ("P002", 13) in codes
    unparsed = [b for b in library.blocks if isinstance(b, Verbatim) and b.kind == "unparsed"]
    assert unparsed and unparsed[0].text.startswith("@article{broken")
    assert library.blocks[-1].text == "@comment{explicit comment}"
    k2 = [e for e in library.entries if e.key == "k2"]
    assert k2[0].fields == {"title": "X", "title-duplicate": "Y"}
    assert k2[1].fields == {"title": "Z"}


def test_round_trip_is_byte_stable():
    first = dumps_bib(parse_bib(SAMPLE)[0])
    second = dumps_bib(parse_bib(first)[0])
    assert first == second
    assert "stray text between entries" in first
    assert "@preamble{" in first
    assert "% citeman: ignore Y001 -- printed that way\n@article{k1," in first


def test_writer_escapes_and_balances():
    entry = Entry("k", "misc", {"title": "R&D at 5% {unbalanced", "note": "close} early", "url": "http://a/b_c"})
    out = format_entry(entry)
    assert r"title = {R\&D at 5\% {unbalanced}}," in out
    assert r"note = {close\} early}," in out
    assert "url = {http://a/b_c}," in out
    assert parse_bib(out)[0].find("k").fields["title"] == "R&D at 5% {unbalanced}"


def test_write_bib_is_atomic_and_reads_back(tmp_path: Path):
    target = tmp_path / "out.bib"
    write_bib([Entry("k", "book", {"title": "T"})], target)
    assert read_bib(target)[0].find("k").fields["title"] == "T"
    assert [p.name for p in tmp_path.iterdir()] == ["out.bib"]


@pytest.mark.parametrize("content,message", [(b"\x00\x01", "binary")])
def test_unusable_files_raise_one_error(tmp_path: Path, content: bytes, message: str):
    path = tmp_path / "bad.bib"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_bib(path)
    assert message in str(err.value) and "bad.bib" in str(err.value)


def test_bytes_that_are_not_utf8_are_read_and_reported(tmp_path: Path):
    path = tmp_path / "latin.bib"
    path.write_bytes(b"@book{k,\n  title = {Caf\xe9 au lait},\n  year = 2020\n}\n")
    library, diags = read_bib(path)
    assert library.find("k").fields == {"title": "Café au lait", "year": "2020"}
    assert [(d.code, d.line, d.column, d.key) for d in diags] == [("P012", 2, 15, "k")]
    assert "0xe9" in diags[0].message


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("@{}=,\"% \n#abkx$&\\")), max_size=200))
def test_parser_never_raises_and_round_trip_is_stable(text: str):
    library, _ = parse_bib(text)
    first = dumps_bib(library)
    assert dumps_bib(parse_bib(first)[0]) == first


@pytest.mark.parametrize("text,reason", [("@{\\ }", "no entry type"), ("@{k, title={x}}", "no entry type"),
                                         ("@misc{a\\ , title={x}}", "backslash in key 'a\\\\'")])
def test_blocks_no_writer_could_give_back_are_kept_verbatim(text: str, reason: str):
    # A key "a\" would be read back as "a\," after writing: such blocks are not entries.
    library, diags = parse_bib(text)
    assert [d.message for d in diags] == [f"unparseable block: {reason}"]
    assert not library.entries
    assert dumps_bib(library) == text + "\n"


@pytest.mark.parametrize("text", ['@{,"{', "@{@{", "@article{a, title={x}\n@book{b, title={y}}\n"])
def test_broken_text_is_kept_character_for_character(text: str):
    library, diags = parse_bib(text)
    assert diags and diags[0].code == "P001"
    out = dumps_bib(library)
    assert all(out.count(ch) >= text.count(ch) for ch in set(text) - {"\n", " "})


def test_parse_error_message_names_the_reason():
    _, diags = parse_bib("@article{k, title={x}\n@book{b, title={y}}\n", "x.bib")
    assert diags[0].message.startswith("unparseable block: ") and len(diags[0].message) > len("unparseable block: ") + 5
