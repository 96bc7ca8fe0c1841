"""Hypothesis: validate never raises on .bib-like text; --fix is idempotent and loses no field."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citeman.io.bibtex import dumps_bib, parse_bib
from citeman.validate.base import Context
from citeman.io.fastread import parse_fast
from citeman.validate.fixing import fix_library
from citeman.validate.lint import lint_library

CTX = Context(today=dt.date(2026, 1, 1))
PIECES = st.sampled_from([
    "@article{", "@misc{", "@book(", "@string{", "}", "{", ",", " = ", "\"", "#", "%", "&", "$", "\n", "title", "year",
    "author", "pages", "doi", "url", "volume", "4392", "2020", "72--72", "30(October)", "Issn, E.", " and ", "No Title",
    "ыив", "Ã©", "https://www.jstor.org/stable/", "10.1080/x", "\\_", " ?", "—Look East!", "Mur- phy", "EISENMAN",
    "k1", "k1", "jan", "April", "978-0-306-40615-6", "\u00b2\u2070\u00b2\u2070", "\u2460",
])
bib_like = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=40).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bib_like)
def test_validate_never_raises(text):
    for reader in (parse_bib, parse_fast):
        library, diagnostics = reader(text, "h.bib")
        findings = lint_library(library, diagnostics, ctx=CTX)
        assert all(f.diagnostic.code for f in findings)
        assert not any("failed on this entry" in f.diagnostic.message for f in findings)


ENTRY_TEXT = st.builds(
    lambda title, pages, volume, doi, author, month: (
        "@article{k,\n"
        f"  author = {{{author}}},\n  title = {{{title}}},\n  pages = {{{pages}}},\n"
        f"  volume = {{{volume}}},\n  doi = {{{doi}}},\n  month = {{{month}}},\n  year = {{2020}},\n}}\n"
    ),
    st.sampled_from(["A  Title ", "Hegemony ? India ' s", "the x", "Trends in *World* Expenditure", "T"]),
    st.sampled_from(["72--72", "119–144", "09", "1-2", "12"]),
    st.sampled_from(["14(1)", "02", "30(October)", "5"]),
    st.sampled_from(["https://doi.org/10.1353/asp.2019.0011", "10.1007/978\\_115", "10.1/x"]),
    st.sampled_from(["Shinn, D. H. and EISENMAN, J.", "World Health Organization", "Smith, J."]),
    st.sampled_from(["April", "apr", "13"]),
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ENTRY_TEXT, st.booleans())
def test_fix_is_idempotent_and_loses_no_field(text, unsafe):
    library, _ = parse_bib(text, "f.bib")
    before = {(name) for e in library.entries for name in (*e.fields, *e.persons)}
    fix_library(library, unsafe=unsafe, ctx=CTX)
    once = dumps_bib(library)
    again, _ = parse_bib(once, "f.bib")
    after = {(name) for e in again.entries for name in (*e.fields, *e.persons)}
    assert before <= after
    fix_library(again, unsafe=unsafe, ctx=CTX)
    assert dumps_bib(again) == once


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ENTRY_TEXT, st.booleans())
def test_spliced_fix_is_idempotent_and_loses_no_field(text, unsafe):
    from citeman.io.splice import splice_entries

    def fix_text(source: str) -> str:
        library, _ = parse_bib(source, "f.bib")
        result = fix_library(library, unsafe=unsafe, ctx=CTX)
        return splice_entries(source, result.entries, result.fields) if result.changed else source

    once = fix_text(text)
    before, _ = parse_bib(text, "f.bib")
    after, diagnostics = parse_bib(once, "f.bib")
    assert not [d for d in diagnostics if d.code == "P001"]
    assert {n for e in before.entries for n in (*e.fields, *e.persons)} <= \
        {n for e in after.entries for n in (*e.fields, *e.persons)}
    assert fix_text(once) == once
