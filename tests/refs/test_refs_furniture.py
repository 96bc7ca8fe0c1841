"""Page furniture and Markdown markup removal."""

from __future__ import annotations

import pytest

from citeman.ingest.furniture import find_furniture, is_page_number, line_key
from citeman.ingest.reflist import FURNITURE_REMOVED, extract_reference_strings
from citeman.paper.markup import clean_markup, emphasised_spans
from refs_helpers import FIXTURES, refs_of


@pytest.mark.parametrize(("source", "clean"), [
    ("*Asia Policy*, 14(1)", "Asia Policy, 14(1)"),
    ("***bold italic*** and **bold** and _under_ and __strong__", "bold italic and bold and under and strong"),
    (r"Defense trade \$ 76 and a\_b and 5\*3", "Defense trade $ 76 and a_b and 5*3"),
    (r"[http://x.org/Dr.\\_Syed.pdf](http://x.org/Dr._Syed.pdf)", "http://x.org/Dr._Syed.pdf"),
    ("[the report](https://example.org/r)", "the report https://example.org/r"),
    ("Available at <https://doi.org/10.1353/asp.2019.0011>.", "Available at https://doi.org/10.1353/asp.2019.0011."),
    ("5<sup>th</sup> largest", "5th largest"),
    ("H<sub>2</sub>O &amp; air", "H2O & air"),
    ("snake_case_name stays", "snake_case_name stays"),
    ("https://example.org/a_b_c_ and more", "https://example.org/a_b_c_ and more"),
    ("*https://example.org/x*", "https://example.org/x"),
    ("  many   spaces\there ", "many spaces here"),
])
def test_clean_markup(source: str, clean: str) -> None:
    assert clean_markup(source) == clean


def test_escaped_underscore_in_bare_url_is_unescaped() -> None:
    assert clean_markup(r"see https://x.org/2404\_fs\_milex.pdf") == "see https://x.org/2404_fs_milex.pdf"


def test_emphasised_spans_merge_across_a_removed_line() -> None:
    assert emphasised_spans("Weitz, R. (2020). *Strategic PROMOTING* *U . S . Cooperation*") == [
        "Strategic PROMOTING U . S . Cooperation"]
    assert emphasised_spans("A. (2019). Title. *Journal*, 1(2). *Other*") == ["Journal", "Other"]


@pytest.mark.parametrize("line", ["12", " - 12 - ", "Page 3", "page 3 of 20", "4 | P a g e", "—7—"])
def test_page_numbers(line: str) -> None:
    assert is_page_number(line)


@pytest.mark.parametrize("line", ["12(3), 45–67.", "Smith, J. (2019).", "[12]", "12."])
def test_not_page_numbers(line: str) -> None:
    assert not is_page_number(line)


def test_line_key_ignores_markup_case_and_numbers() -> None:
    assert line_key("### ***US-India Defense***") == line_key("*us-india defense*") == "us-india defense"
    assert line_key("Journal of X, 12") == line_key("Journal of X, 13")


def test_header_repeated_three_times_is_furniture() -> None:
    lines = ["# My Paper Title", "", "Ann Author", "", "Body one.", "*My Paper Title*", "Body two.",
             "**My Paper Title**", "Body three.", "*My Paper Title*"]
    assert find_furniture(lines) == {0, 5, 7, 9}


def test_emphasised_echo_of_the_byline_is_furniture_even_once() -> None:
    lines = ["# Title of paper", "", "Naeem Usman", "", "Body.", "", "***Naeem Usman***", "", "More."]
    assert find_furniture(lines) == {6}


def test_plain_single_echo_of_the_byline_is_kept() -> None:
    lines = ["# Title of paper", "", "Naeem Usman", "", "Body.", "", "Naeem Usman", "", "More."]
    assert find_furniture(lines) == set()


def test_protected_names_are_never_furniture() -> None:
    lines = ["## References", "x", "## References", "y", "## References"]
    assert find_furniture(lines, {"references"}) == set()


def test_paper_with_running_headers_and_page_numbers() -> None:
    text = (FIXTURES / "numbered_paper.txt").read_text(encoding="utf-8")
    refs, diagnostics = extract_reference_strings(text, "numbered_paper.txt")
    assert [r.number for r in refs] == ["1", "2", "3", "4", "5"]
    assert all("Deep Learning for Reference Parsing" not in r.text + r.raw for r in refs)
    assert refs[1].text.endswith("in Proc. LREC, 2008.")
    assert refs[2].text.startswith("P. Lopez,")
    removed = [(d.line, d.message) for d in diagnostics if d.code == FURNITURE_REMOVED]
    assert [line for line, _ in removed] == [23, 24, 35, 36]
    assert "'13'" in removed[1][1]


def test_markdown_paper_with_emphasised_running_header() -> None:
    refs = refs_of((FIXTURES / "apa_paper.md").read_text(encoding="utf-8"))
    assert [r.text.split()[0] for r in refs] == ["Smith,", "van", "Ng,", "World"]
    assert all("Trade and Conflict" not in r.text and "Trade and Conflict" not in r.raw for r in refs)
    assert refs[0].text == ("Smith, J. A. (2019). Trade and peace: Evidence from South Asia. "
                            "Journal of Peace Research, 56(2), 1–20.")
    assert refs[3].text.endswith("World Bank. https://openknowledge.worldbank.org/handle/10986/37243")
