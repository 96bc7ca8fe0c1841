"""One contract for every field normaliser: canonical form or the value stripped, never an exception."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citeman.normalize import (
    VolumeIssue,
    clean_span,
    clean_title,
    find_doi,
    find_pages,
    find_url,
    isbn13,
    normalize_doi,
    normalize_pages,
    normalize_url,
    parse_date,
    parse_stated_date,
    parse_volume,
    protect_title_case,
)
from citeman.normalize.identifiers import unescape_identifier

# Characters the normalisers treat specially, mixed with ordinary text.
_FIELD_TEXT = st.lists(
    st.sampled_from(list("abcXY019 ./:-–—,;()[]<>\\_%*\"“”'") + ["doi:", "https://doi.org/", "10.1234/", "pp."]),
    max_size=20,
).map("".join)
_ANY_TEXT = st.one_of(_FIELD_TEXT, st.text(max_size=40))


# (value, normalize_doi of it, find_doi of it): a field value vs. a span of a reference,
# which the parser has already freed of Markdown escapes and links.
_DOIS = [
    ("https://doi.org/10.1353/asp.2019.0011", "10.1353/asp.2019.0011", "10.1353/asp.2019.0011"),
    ("  doi: 10.1000/xyz123. ", "10.1000/xyz123", "10.1000/xyz123"),
    ("<https://dx.doi.org/10.1002/abc>", "10.1002/abc", "10.1002/abc"),
    ("https://doi.org/10.1007/978-1-349-59051-3\\_115", "10.1007/978-1-349-59051-3_115", "10.1007/978-1-349-59051-3\\_115"),
    ("[https://doi.org/10.1234/a\\_b](https://doi.org/10.1234/a_b)", "10.1234/a_b", "10.1234/a\\_b](https://doi.org/10.1234/a_b)"),
    ("(https://doi.org/10.1002/(SICI)1097-4571)", "(https://doi.org/10.1002/(SICI)1097-4571)", "10.1002/(SICI)1097-4571"),
    ("not a doi ", "not a doi", ""),
]


@pytest.mark.parametrize(("value", "normalized", "found"), _DOIS)
def test_doi_contracts(value, normalized, found):
    assert (normalize_doi(value), find_doi(value)) == (normalized, found)


def test_url_normalisers():
    assert normalize_url("[http://a/b\\_c.pdf](http://a/b_c.pdf)") == "http://a/b_c.pdf"
    assert normalize_url(" <https://itif.org/x>. ") == "https://itif.org/x"
    assert normalize_url("itif") == "itif"
    assert find_url("see <http://a.org/Dr.\\_Syed_x.pdf>.") == "http://a.org/Dr._Syed_x.pdf"
    assert find_url("(www.example.org/a_(b))") == "www.example.org/a_(b)"
    assert find_url("no address") == ""
    assert unescape_identifier("a\\_b\\%c") == "a_b%c"


def test_isbn13_compares_isbn10_and_isbn13_alike():
    assert isbn13("0-306-40615-2") == isbn13("978-0-306-40615-7") == "9780306406157"
    assert isbn13("12345") == ""
    assert isbn13("XXXX101234") == ""  # X is only ever the check digit


@pytest.mark.parametrize(("raw", "pages"), [
    ("119–144", "119--144"), ("pp. 12 - 19", "12--19"), ("72", "72"), ("e1002", "e1002"), (" April ", "April"),
])
def test_normalize_pages(raw, pages):
    assert normalize_pages(raw) == pages


@pytest.mark.parametrize(("text", "pages"), [
    ("pp. 1761–1800).", "1761--1800"), ("p. 5", "5"), ("1477-81.", "1477--81"), ("12 to 19", "12--19"), ("none", ""),
])
def test_find_pages(text, pages):
    assert find_pages(text) == pages


def test_parse_volume_returns_volume_and_issue():
    assert parse_volume("Vol. 5, Issue 2") == VolumeIssue("5", "2")
    assert parse_volume("14(1),").issue == "1"
    assert parse_volume("no digits") == VolumeIssue("", "")


def test_reference_dates_keep_what_the_span_says():
    assert parse_date("(2012, January 16).") == {"year": "2012", "month": "jan", "date": "2012-01-16"}
    assert parse_date("Dezember 2019") == {"year": "2019", "month": "dec"}
    assert parse_date("(4392).") == {"year": "4392"}  # damaged, but what the text says
    assert parse_date("(n.d.).") == {}


def test_stated_dates_are_never_guessed():
    assert parse_stated_date("March 2021").iso() == "2021-03"
    assert parse_stated_date("2025-11-01").iso() == "2025-11-01"
    assert parse_stated_date("05/01/2021") is None
    assert parse_stated_date("2021") is None


def test_titles():
    assert clean_title("“A Spanish Romanticist Parodies Himself,”") == "A Spanish Romanticist Parodies Himself"
    assert clean_title("Hegemonic Behavior?") == "Hegemonic Behavior?"
    assert clean_span("(Oxford University Press).") == "Oxford University Press"
    assert protect_title_case("Defence cooperation with NASA") == "Defence cooperation with {NASA}"


@settings(max_examples=300, deadline=None)
@given(_ANY_TEXT)
def test_value_normalisers_never_raise_and_are_idempotent(value):
    for normalise in (normalize_url, normalize_pages, protect_title_case):
        once = normalise(value)
        assert normalise(once) == once, normalise.__name__
    # Span cleaning peels a bounded number of layers of quotes and brackets per call.
    for clean in (clean_span, clean_title):
        assert len(clean(value)) <= len(value)


@settings(max_examples=300, deadline=None)
@given(_ANY_TEXT)
def test_normalize_doi_never_raises_and_never_adds_text(value):
    doi = normalize_doi(value)
    assert len(doi) <= len(value)
    assert all(ch in value for ch in doi)


@settings(max_examples=300, deadline=None)
@given(_ANY_TEXT)
def test_finders_return_only_what_the_text_holds(value):
    doi = find_doi(value)
    assert doi == "" or doi in value
    url = find_url(value)
    assert url == "" or url in value.replace("\\_", "_")
    pages = find_pages(value)
    assert pages == "" or all(part in value for part in pages.split("--"))
    assert find_doi(doi) == doi


@settings(max_examples=200, deadline=None)
@given(_ANY_TEXT)
def test_structured_parsers_never_raise(value):
    assert isinstance(parse_volume(value), VolumeIssue)
    assert isinstance(parse_date(value), dict)
    parsed = parse_stated_date(value)
    assert parsed is None or parsed.iso()
    assert isbn13(value) in ("",) or len(isbn13(value)) == 13
