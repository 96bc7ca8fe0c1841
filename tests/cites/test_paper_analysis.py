"""The one analysis of a paper that cites, refs and annotate share."""

from __future__ import annotations

import pytest

from citeman.cites import extract_citations
from citeman.ingest.reflist import extract_reference_strings
from citeman.paper import analyse_paper
from citeman.paper.headings import is_reference_heading
from citeman.paper.markup import clean_line, clean_markdown, clean_markup

PAPER = (
    "# A Paper\n\n"
    "## Introduction\n\n"
    "Trade grew quickly (Weitz, 2020).\n\n"
    "## {heading}\n\n"
    "Weitz, R. (2020). *Trade*. Press.\n\n"
    "Paul, J. (2019). Balancing. Press.\n"
)


@pytest.mark.parametrize("heading", ["References", "Works Consulted", "7. References:", "**Bibliography**"])
def test_reference_heading_is_one_definition(heading: str) -> None:
    assert is_reference_heading(heading)
    text = PAPER.format(heading=heading)
    paper = analyse_paper(text, "p.md")
    assert paper.references is not None
    start, end = paper.references
    assert text[start:end].lstrip("# *").startswith(heading.strip("*"))
    assert end == len(text)
    # The citation reader skips exactly the list the reference reader splits.
    assert [c.year for c in extract_citations(text, "p.md")] == ["2020"]
    refs, _ = extract_reference_strings(text, "p.md")
    assert [r.line for r in refs] == [text[:start].count("\n") + 3, text[:start].count("\n") + 5]


def test_prose_is_not_a_reference_heading() -> None:
    assert not is_reference_heading("Introduction")
    assert not is_reference_heading("References to earlier work are given in the notes at the end of this chapter.")


def test_paper_positions_and_sections() -> None:
    text = PAPER.format(heading="References")
    paper = analyse_paper(text, "p.md")
    offset = text.index("(Weitz")
    assert paper.position(offset) == (5, text.split("\n")[4].index("(") + 1)
    assert paper.section_at(offset) == "Introduction"
    assert paper.lines == text.split("\n")
    assert paper.is_excluded(text.index("Paul, J."))
    assert not paper.is_excluded(offset)


def test_the_three_strippers_keep_what_their_reader_needs() -> None:
    source = "*Asia*, [site](https://x.org/a\\_b)"
    assert clean_markdown(source) == "Asia, site"
    assert clean_markup(source) == "Asia, site https://x.org/a_b"
    assert clean_line("## " + source) == "Asia, site"
