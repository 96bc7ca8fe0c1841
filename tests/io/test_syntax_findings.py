"""Each syntax problem is a P-finding with its file, line, column and entry key, from both readers and the linter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from citeman.io.bibtex import parse_bib, read_bib
from citeman.io.fastread import parse_fast
from citeman.io.syntax import scan_block, value_references
from citeman.validate.base import Context
from citeman.validate.lint import lint_paths

CTX = Context(today=dt.date(2026, 1, 1))
CLEAN_TAIL = "\n@book{other,\n  title = {Kept},\n  author = {Doe, Jane},\n  year = 2001\n}\n"


def findings(tmp_path: Path, content: str | bytes, codes: str = "P") -> list[tuple]:
    """(code, line, column, key, field) of the P-findings ``validate`` gives for ``content``."""
    path = tmp_path / "refs.bib"
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    result = lint_paths([str(path)], ctx=CTX, jobs=1)
    return [(d.code, d.line, d.column, d.key, d.field) for d in (f.diagnostic for f in result.findings)
            if d.code.startswith(codes)]


def reader(text: str) -> list[tuple]:
    """(code, line, column, key) of the full reader's findings; the fast reader must give the same."""
    _, full = parse_bib(text, "x.bib")
    _, fast = parse_fast(text, "x.bib")
    shown = [(d.code, d.line, d.column, d.key) for d in full if d.code != "P002"]
    assert sorted(shown) == sorted((d.code, d.line, d.column, d.key) for d in fast)
    return shown


def test_a_missing_comma_between_fields_is_found_where_the_next_field_starts(tmp_path):
    text = "@article{k,\n  title = {A}\n  year = 2020,\n  author = {Doe, Jane}\n}\n" + CLEAN_TAIL
    assert findings(tmp_path, text) == [("P008", 3, 3, "k", "year")]
    assert reader(text) == [("P008", 3, 3, "k")]
    # Before the strict scan bibtexparser folded the year into the title, silently.
    assert "year" not in parse_bib(text)[0].find("k").fields


def test_a_missing_comma_after_a_quoted_value_and_a_number():
    text = '@article{k, title = "A" journal = {J}, volume = 3 pages = {1--2}}\n'
    assert [c for c, *_ in reader(text)] == ["P008", "P008"]


def test_a_missing_equals_is_found_at_the_field_name(tmp_path):
    text = "@article{k,\n  title {A},\n  year = 2020\n}\n" + CLEAN_TAIL
    assert ("P009", 2, 3, "k", "title") in findings(tmp_path, text)
    # The block cannot be read: P001 with its key, and the clean entry after it is still read.
    assert ("P001", 1, 1, "k", "") in findings(tmp_path, text)
    assert parse_bib(text)[0].find("other") is not None


def test_an_unclosed_brace_names_the_entry_and_where_it_was_opened(tmp_path):
    text = "@article{k,\n  title = {A,\n  year = 2020\n}\n" + CLEAN_TAIL.replace("@book", "\n@book")
    found = findings(tmp_path, text)
    assert ("P014", 2, 11, "k", "title") in found   # the value that runs over the year
    assert [f for f in found if f[0] == "P001" and f[3] == "k"]


def test_an_unclosed_quote_is_located_at_the_quote(tmp_path):
    text = '@article{k,\n  title = "A,\n  year = 2020\n}\n\n' + CLEAN_TAIL
    p001 = [f for f in findings(tmp_path, text) if f[0] == "P001"]
    assert p001 == [("P001", 2, 11, "k", "title")]


def test_a_duplicate_field_points_at_the_repeated_field(tmp_path):
    text = "@article{k,\n  title = {A},\n  year = 2020,\n  title = {B}\n}\n"
    assert findings(tmp_path, text) == [("P003", 4, 3, "k", "title")]


def test_unbalanced_braces_point_at_the_field_column(tmp_path):
    text = '@article{k,\n  author = {Doe, Jane},\n  title = "Sets {A and B",\n  year = 2020\n}\n'
    assert findings(tmp_path, text, "P005") == [("P005", 3, 3, "k", "title")]


def test_an_unknown_macro_in_a_field(tmp_path):
    text = "@article{k,\n  title = {T},\n  journal = jams,\n  month = jan,\n  year = 2020\n}\n"
    assert findings(tmp_path, text, "P01") == [("P010", 3, 3, "k", "journal")]
    defined = "@string{jams = {J. Amer. Math. Soc.}}\n" + text
    assert findings(tmp_path, defined, "P01") == []
    # Defined only below its first use: BibTeX reads top to bottom and has no value for it yet.
    below = text + "@string{jams = {J. Amer. Math. Soc.}}\n"
    assert findings(tmp_path, below, "P01") == [("P010", 3, 3, "k", "journal")]


def test_macros_of_the_standard_styles_and_concatenations(tmp_path):
    text = '@string{pre = "Pre"}\n@article{k, title = pre # { and } # post, journal = cacm, year = 2020}\n'
    assert findings(tmp_path, text, "P01") == [("P010", 2, 13, "k", "title")]
    assert value_references('pre # { a } # "b" # 2020 # post') == ["pre", "post"]


def test_a_cycle_of_string_macros(tmp_path):
    text = '@string{a = b # " and more"}\n@string{b = a}\n@article{k, title = a, year = 2020}\n'
    found = findings(tmp_path, text, "P01")
    assert ("P010", 1, 13, "a", "") in found          # b is used before it is defined
    assert ("P011", 2, 1, "b", "") in found
    assert all(f[0] != "P011" for f in findings(tmp_path, '@string{b = {x}}\n@string{a = b # b}\n', "P01"))
    assert [f[0] for f in findings(tmp_path, "@string{a = a}\n", "P01")] == ["P011"]


def test_bytes_that_are_not_utf8(tmp_path):
    content = b"@article{k,\n  title = {Caf\xe9 and cr\xe8me},\n  year = 2020\n}\n"
    assert findings(tmp_path, content) == [("P012", 2, 15, "k", "")]
    library, diags = read_bib(tmp_path / "refs.bib")
    assert library.find("k").fields["title"] == "Café and crème"   # read, not lost
    assert "0xe9 and 1 more on this line" in diags[0].message


def test_text_outside_entries_that_looks_like_an_entry(tmp_path):
    lost_at = "article{k,\n  title = {A},\n  year = 2020\n}\n" + CLEAN_TAIL
    assert findings(tmp_path, lost_at) == [("P013", 1, 1, "", "")]
    closed_early = "@article{k,\n  title = {A}},\n  year = 2020\n}\n" + CLEAN_TAIL
    assert findings(tmp_path, closed_early) == [("P013", 3, 3, "", "")]
    cut_head = "@articl"
    assert findings(tmp_path, cut_head) == [("P013", 1, 1, "", "")]
    # Prose between entries is fine.
    assert findings(tmp_path, "Notes about the entries below.\n" + CLEAN_TAIL) == []


def test_unexpected_text_inside_an_entry(tmp_path):
    stray_equals = "@article{k,\n  title = {A},=\n  year = 2020\n}\n"
    assert findings(tmp_path, stray_equals) == [("P015", 2, 15, "k", "")]
    at_in_key = "@book{c@onference,\n  title = {A}\n}\n"
    assert [f[0] for f in findings(tmp_path, at_in_key)] == ["P015"]


def test_a_clean_file_has_no_syntax_findings(tmp_path):
    library = Path(__file__).resolve().parents[2] / "benchmarks" / "fidelity" / "library" / "biblatex-examples.bib"
    found = findings(tmp_path, library.read_bytes())
    assert {code for code, *_ in found} <= {"P004", "P007"}   # the linter's own source rules only


@pytest.mark.parametrize("text", ["@comment{title {A}}", "@preamble{\"\\newcommand{\\x}{y}\"}",
                                  "@misc{k}", "@misc(k, title = {A})", "@article{k, title = {A},}"])
def test_well_formed_blocks_scan_clean(text):
    assert scan_block(text).problems == []
