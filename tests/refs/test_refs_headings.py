"""Finding the reference section: heading variants, the last heading, numbered lists, bad input."""

from __future__ import annotations

import pytest

from citeman.errors import InputError
from citeman.ingest.reflist import NUMBERED_LIST_USED, extract_reference_strings
from refs_helpers import texts

BODY = "Intro text that cites Smith (2019).\n\n"
REF = "Smith, J. (2019). A title. *Journal*, 1(2), 3–4."


@pytest.mark.parametrize("heading", [
    "References",
    "REFERENCES",
    "References:",
    "# References",
    "## References",
    "### **References**",
    "## ***References***",
    "**References**",
    "*Bibliography*",
    "Bibliography",
    "## Works Cited",
    "Literature Cited",
    "## Sources",
    "Reference List",
    "7. References",
    "VII. REFERENCES",
    "References\n==========",
    "References\n----------",
    "## References ##",
    "<b>References</b>",
])
def test_heading_variants_are_found(heading: str) -> None:
    assert texts(f"{BODY}{heading}\n\n{REF}\n") == ["Smith, J. (2019). A title. Journal, 1(2), 3–4."]


def test_body_text_before_heading_is_not_a_reference() -> None:
    found = texts(f"Some (2018) text.\n\nJones, K. (2018). Not a ref but looks like one.\n\n## References\n\n{REF}\n")
    assert len(found) == 1 and found[0].startswith("Smith")


def test_last_heading_wins() -> None:
    text = ("## References\n\nThis section lists nothing yet (see below).\n\n"
            "## Results\n\nMore body.\n\n## References\n\n" + REF + "\n")
    assert texts(text) == ["Smith, J. (2019). A title. Journal, 1(2), 3–4."]


def test_empty_last_section_falls_back_to_earlier_one() -> None:
    text = f"## References\n\n{REF}\n\n## Bibliography\n\n## Appendix\n\nTable.\n"
    assert texts(text) == ["Smith, J. (2019). A title. Journal, 1(2), 3–4."]


def test_heading_words_inside_a_sentence_are_not_a_heading() -> None:
    with pytest.raises(InputError):
        extract_reference_strings("The references are listed in the sources of the bibliography.\n", "p.txt")


def test_section_ends_at_next_heading_of_same_level() -> None:
    text = f"## References\n\n{REF}\n\n## About the data\n\nThe data came from (2020) surveys.\n"
    assert texts(text) == ["Smith, J. (2019). A title. Journal, 1(2), 3–4."]


@pytest.mark.parametrize("closer", ["Appendix A", "**Acknowledgements**", "Notes", "### About the author"])
def test_section_ends_at_closing_sections(closer: str) -> None:
    text = f"References\n\n{REF}\n\n{closer}\n\nWe thank Brown, A. (2020) for help.\n"
    assert texts(text) == ["Smith, J. (2019). A title. Journal, 1(2), 3–4."]


def test_subheadings_inside_the_list_are_not_references() -> None:
    text = f"## References\n\n### Books\n\n{REF}\n\n**Articles**\n\nJones, K. (2020). Other. *J*, 2.\n"
    assert texts(text) == ["Smith, J. (2019). A title. Journal, 1(2), 3–4.", "Jones, K. (2020). Other. J, 2."]


def test_headingless_numbered_list() -> None:
    text = ("A short note citing [1] and [2].\n\n"
            "[1] A. Smith, Title one, J. Phys. 3 (2001) 1-2.\n"
            "[2] B. Jones, Title two, Phys. Rev. 4 (2002) 5-6.\n")
    refs, diagnostics = extract_reference_strings(text, "note.txt")
    assert [r.text for r in refs] == ["A. Smith, Title one, J. Phys. 3 (2001) 1-2.",
                                      "B. Jones, Title two, Phys. Rev. 4 (2002) 5-6."]
    assert [r.number for r in refs] == ["1", "2"]
    assert [d.code for d in diagnostics] == [NUMBERED_LIST_USED]


def test_headingless_dot_numbered_list() -> None:
    text = "Body.\n\n1. Smith, J. 2019. Title. Press.\n2. Jones, K. 2020. Other. Press.\n"
    assert texts(text) == ["Smith, J. 2019. Title. Press.", "Jones, K. 2020. Other. Press."]


def test_numbered_questions_are_not_a_reference_list() -> None:
    with pytest.raises(InputError, match="no reference section"):
        extract_reference_strings("1. How does trade work?\n2. Why do wars start?\n", "q.txt")


def test_no_reference_section_names_the_file() -> None:
    with pytest.raises(InputError) as info:
        extract_reference_strings("# A paper\n\nJust prose, no list.\n", "papers/x.md")
    assert info.value.path == "papers/x.md"
    assert "no reference section found (looked for References, Bibliography" in str(info.value)
    assert str(info.value).startswith("papers/x.md: ")


@pytest.mark.parametrize("text", ["", "   \n\n\t\n"])
def test_empty_input_is_an_input_error(text: str) -> None:
    with pytest.raises(InputError, match="empty"):
        extract_reference_strings(text, "empty.txt")


def test_heading_with_nothing_under_it_is_an_input_error() -> None:
    with pytest.raises(InputError) as info:
        extract_reference_strings("Body.\n\n## References\n\n", "p.md")
    assert info.value.line == 3 and "empty" in info.value.message


def test_heading_the_list_continues_after_does_not_end_it() -> None:
    text = ("## References\n\nSmith, J. (2019). A. *J*, 1.\n\n## Journal of Stuff, Vol. 3\n\n"
            "Jones, K. (2020). B. *K*, 2.\n\n## Books\n\nBrown, A. (2021). C. Press.\n\n## Appendix\n\nTables (2020).\n")
    refs, diagnostics = extract_reference_strings(text, "p.md")
    assert [r.text.split()[0] for r in refs] == ["Smith,", "Jones,", "Brown,"]
    assert [(d.code, d.line) for d in diagnostics] == [("R003", 5), ("R003", 9)]


def test_heading_followed_by_prose_ends_the_list() -> None:
    text = "## References\n\nSmith, J. (2019). A. *J*, 1.\n\n## Data\n\nWe collected the data (2020) in spring.\n"
    assert texts(text) == ["Smith, J. (2019). A. J, 1."]
