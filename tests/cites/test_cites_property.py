"""Hypothesis: extraction and checking never raise, and positions always point into the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citeman.cites import extract_citations, resolve_citations
from citeman.cites import check_citations
from citeman.model import Entry, Person

# Text made of the pieces citations and Markdown are built from, so the grammar is exercised.
PIECES = st.sampled_from(
    [
        "(", ")", "[", "]", "; ", ", ", " & ", " and ", " et al.", "2020", "2019a", "n.d.", "4392", "1",
        "-", "–", "Khan", "van der", "Askari", "D", "see ", "p. 4", "*", "**", "_", "\\", "\n", "\n\n",
        "## References\n", "# Intro\n", "### ***Header***\n", "```\n", ". ", "<sup>1</sup>", "](", "^",
        "\ue000", "\ue001", "Report", "year", " ",
    ]
)
TEXTS = st.one_of(st.text(max_size=300), st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=60).map("".join))

ENTRIES = [
    Entry("k1", "article", {"title": "T", "year": "2020"}, {"author": [Person("Khan", "M.")]}),
    Entry("k2", "article", {"title": "U", "year": "2020"}, {"author": [Person("Khan", "M."), Person("Askari", "M.")]}),
    Entry("t1", "misc", {"title": "Human Rights", "year": "n.d."}),
]


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_extract_never_raises_and_positions_are_valid(text):
    citations = extract_citations(text)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for citation in citations:
        assert 1 <= citation.line <= len(lines)
        assert 1 <= citation.column <= len(lines[citation.line - 1]) + 1
        assert citation.names or citation.numbers
        assert "\n\n" not in citation.sentence


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_checks_never_raise(text):
    citations = extract_citations(text, "p.md")
    resolutions = resolve_citations(citations, ENTRIES)
    assert len(resolutions) == len(citations)
    for diagnostic in check_citations(citations, ENTRIES, paper="p.md"):
        assert diagnostic.code.startswith("C")
