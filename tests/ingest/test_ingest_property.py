"""Property tests: extraction and date parsing never raise on arbitrary text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citeman.normalize.dates import parse_stated_date as parse_date
from citeman.ingest.html import extract_html_metadata
from citeman.ingest.text_meta import extract_text_metadata

_LINES = st.lists(
    st.one_of(
        st.text(max_size=80),
        st.sampled_from(["Published:", "Received:", "Author Name: A B  01 May 2021", "## Title", "Authors: Ann Lee is a scholar.",
                         "ISLAMABAD (Saturday, November 1, 2025): x", "---", "title: x", "Key Words: a, b", "ABSTRACT"]),
    ),
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(_LINES)
def test_text_extraction_never_raises(lines):
    extraction = extract_text_metadata("\n".join(lines))
    for found in extraction.fields.values():
        assert found.value == found.value.strip() and found.line >= 0


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60))
def test_parse_date_never_raises(text):
    parsed = parse_date(text)
    assert parsed is None or 1 <= parsed.year <= 9999


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=200))
def test_html_extraction_never_raises(text):
    extract_html_metadata("<html><head>" + text + "</head><body>" + text + "</body></html>")
