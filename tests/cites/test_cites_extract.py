"""extract_citations: every citation form of the seed papers, and the look-alikes it must skip."""

from __future__ import annotations

import pytest

from citeman.cites import extract_citations
from citeman.paper.markup import clean_markdown


def only(text: str):
    found = extract_citations(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "names", "year", "et_al"),
    [
        pytest.param("Trade grew (Khan & Askari, 2023).", ("Khan", "Askari"), "2023", False, id="two_authors_ampersand"),
        pytest.param("Trade grew (Mahmood et al., 2024).", ("Mahmood",), "2024", True, id="et_al"),
        pytest.param("Trade grew (Askari, Saeed & Mahmood, 2024).", ("Askari", "Saeed", "Mahmood"), "2024", False,
                     id="three_authors"),
        pytest.param("Trade grew (Weitz, 2020a).", ("Weitz",), "2020a", False, id="year_suffix"),
        pytest.param("UNCTAD (D Dhanuraj, 2023).", ("D Dhanuraj",), "2023", False, id="initial_and_family"),
        pytest.param("It grew (Sameer Lalwani, 2019).", ("Sameer Lalwani",), "2019", False, id="given_family"),
        pytest.param("Index(*Human Rights in Pakistan* :, 1999).", ("Human Rights in Pakistan",), "1999", False,
                     id="emphasised_title_as_author"),
        pytest.param("security(Nan tian et al., 2024).", ("Nan tian",), "2024", True, id="lowercase_family"),
        pytest.param("It grew (Smith 2019).", ("Smith",), "2019", False, id="no_comma"),
        pytest.param("It grew (see Smith, 2019, p. 4).", ("Smith",), "2019", False, id="prefix_and_locator"),
        pytest.param("It grew (Perkovich, 4392).", ("Perkovich",), "4392", False, id="damaged_year_kept"),
        pytest.param("It grew (SHINN & EISENMAN, 2023).", ("SHINN", "EISENMAN"), "2023", False, id="all_caps"),
        pytest.param("It grew (Relations & Relations, 2021).", ("Relations", "Relations"), "2021", False,
                     id="repeated_name"),
        pytest.param("It grew (Smith and Jones, 2019).", ("Smith", "Jones"), "2019", False, id="and"),
        pytest.param("It grew (van der Berg, 2019).", ("van der Berg",), "2019", False, id="particle"),
        pytest.param("It grew (Smith, n.d.).", ("Smith",), "n.d.", False, id="no_date"),
        pytest.param("It grew (No, 2020).", ("No",), "2020", False, id="label_taken_as_author"),
        pytest.param("It grew (D, 2022) today.", ("D",), "2022", False, id="one_letter_author"),
    ],
)
def test_parenthetical_forms(text, names, year, et_al):
    citation = only(text)
    assert citation.names == names
    assert citation.year == year
    assert citation.et_al is et_al
    assert not citation.narrative


def test_single_parenthesis_keeps_parentheses_as_written():
    citation = only("Trade grew (Khan & Askari, 2023).")
    assert citation.text == "(Khan & Askari, 2023)"
    assert (citation.line, citation.column) == (1, 12)


def test_multiple_citations_in_one_parenthesis():
    found = extract_citations("arms across the globe(Behera, 2021; Thellis, 2018).")
    assert [(c.names, c.year, c.text) for c in found] == [
        (("Behera",), "2021", "Behera, 2021"),
        (("Thellis",), "2018", "Thellis, 2018"),
    ]
    assert [c.column for c in found] == [23, 37]


def test_citation_glued_to_previous_word():
    found = extract_citations("topple of Saddam Hussain's government(Mahmood & Askari, 2023; Singh, 2021).")
    assert [c.names for c in found] == [("Mahmood", "Askari"), ("Singh",)]


def test_several_years_for_one_author_give_one_citation_each():
    found = extract_citations("As argued (Smith, 2019, 2020b).")
    assert [(c.names, c.year) for c in found] == [(("Smith",), "2019"), (("Smith",), "2020b")]


@pytest.mark.parametrize(
    ("text", "names", "et_al"),
    [
        pytest.param("As Weitz (2020) argued.", ("Weitz",), False, id="one"),
        pytest.param("According to Khan and Askari (2023), trade grew.", ("Khan", "Askari"), False, id="and"),
        pytest.param("Khan & Askari (2023) argued.", ("Khan", "Askari"), False, id="ampersand"),
        pytest.param("Mahmood et al. (2024) argued.", ("Mahmood",), True, id="et_al"),
        pytest.param("Smith, Jones, and Brown (2019) argued.", ("Smith", "Jones", "Brown"), False, id="serial"),
        pytest.param("In Weitz's (2020) view.", ("Weitz",), False, id="possessive"),
        pytest.param("As van der Berg (2019) argued.", ("van der Berg",), False, id="particle"),
    ],
)
def test_narrative_forms(text, names, et_al):
    citation = only(text)
    assert citation.narrative
    assert citation.names == names
    assert citation.et_al is et_al
    assert citation.year in {"2019", "2020", "2023", "2024"}


def test_narrative_text_and_locator():
    citation = only("As Weitz (2020, p. 12) argued.")
    assert citation.text == "Weitz (2020, p. 12)"
    assert citation.locator == "p. 12"
    assert citation.column == 4


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("India's tilt remained towards (ex USSR) Russia till the 1991.", id="ex_ussr"),
        pytest.param("Electromagnetic Aircraft Launch System (EMALS) deal signed.", id="acronym"),
        pytest.param("The pact (CMD) was signed.", id="acronym_cmd"),
        pytest.param("Health expenditures increased by 1% than last year (2023).", id="year_after_common_word"),
        pytest.param("Human Development Report (1994) defined it.", id="year_after_generic_noun"),
        pytest.param("It was signed (in 2018) at last.", id="preposition_and_year"),
        pytest.param("Prices rose (March 2020) sharply.", id="month_and_year"),
        pytest.param("Spending grew (between 2008 and 2020).", id="range_of_years"),
        pytest.param("The license (S.T. A) exception.", id="initialism"),
        pytest.param("See [the report](https://example.org/2019) for details.", id="markdown_link"),
        pytest.param("A footnote[^1] here.", id="footnote"),
        pytest.param("India's 90 % trade (70% by 2025) is seaborne.", id="number_then_year"),
        pytest.param("It is (Modi's) choice in 2019.", id="no_year_inside"),
    ],
)
def test_non_citations(text):
    assert extract_citations(text) == []


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        pytest.param("As shown [1].", (1,), id="one"),
        pytest.param("As shown [1-3].", (1, 2, 3), id="range"),
        pytest.param("As shown [1–3].", (1, 2, 3), id="en_dash_range"),
        pytest.param("As shown [1, 4].", (1, 4), id="list"),
        pytest.param("As shown [2, 5-7].", (2, 5, 6, 7), id="mixed"),
    ],
)
def test_numeric_forms(text, numbers):
    citation = only(text)
    assert citation.numbers == numbers
    assert citation.is_numeric
    assert citation.names == ()


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("[1]: https://example.org", id="link_reference_definition"),
        pytest.param("See [1](https://example.org).", id="link_with_number_text"),
        pytest.param("Reversed [5-2].", id="reversed_range"),
        pytest.param("Zero [0].", id="zero"),
    ],
)
def test_numeric_look_alikes(text):
    assert extract_citations(text) == []


def test_reference_section_is_not_scanned():
    text = (
        "# Intro\n\nTrade grew (Weitz, 2020).\n\n## References\n\n"
        "Weitz, R. (2020). Trade (Smith, 2019). [1]\n"
    )
    found = extract_citations(text)
    assert [c.names for c in found] == [("Weitz",)]


def test_reference_section_ends_at_next_heading_of_same_level():
    text = "## Body\n\nA (Weitz, 2020).\n\n## References\n\nX (Paul, 2019).\n\n## Appendix\n\nB (Fair, 2008).\n"
    assert [c.names for c in extract_citations(text)] == [("Weitz",), ("Fair",)]


def test_plain_text_reference_heading():
    text = "Introduction\n\nTrade grew (Weitz, 2020).\n\nReferences\n\nWeitz, R. (2020). Trade (Paul, 2019).\n"
    found = extract_citations(text)
    assert [c.names for c in found] == [("Weitz",)]
    assert found[0].section == "Introduction"


def test_bold_reference_heading():
    text = "## Body\n\nA (Weitz, 2020).\n\n**References**\n\nPaul, J. (2019). X (Fair, 2008).\n"
    assert [c.names for c in extract_citations(text)] == [("Weitz",)]


def test_fenced_code_is_not_scanned():
    text = "Text (Weitz, 2020).\n\n```\nx = f(Paul, 2019) + [1]\n```\n"
    assert [c.names for c in extract_citations(text)] == [("Weitz",)]


def test_section_is_nearest_heading_and_skips_running_headers():
    text = (
        "## Paper Title\n\n## **Literature Review**\n\nBefore the regime the partnership grew with premier Narendra\n\n"
        "### ***Paper Title***\n\nModi and the new president shaped policy (Weitz, 2020). Next sentence.\n"
    )
    citation = only(text)
    assert citation.section == "Literature Review"
    assert citation.sentence == (
        "Before the regime the partnership grew with premier Narendra Modi and the new president "
        "shaped policy (Weitz, 2020)."
    )
    assert citation.line == 9


def test_sentence_is_cleaned_of_markdown_and_not_split_at_abbreviations():
    text = "Earlier work. The **U.S. Army** and Dr. Smith saw 5<sup>th</sup> growth of \\$ 20 (Paul et al., 2019). Later."
    citation = only(text)
    assert citation.sentence == "The U.S. Army and Dr. Smith saw 5th growth of $ 20 (Paul et al., 2019)."


def test_citation_opening_a_paragraph():
    citation = only("(D, 2022) USA wants India as counterweight of China. More text.")
    assert citation.sentence == "(D, 2022) USA wants India as counterweight of China."


def test_line_and_column_are_one_based_on_later_lines():
    found = extract_citations("First line.\n\nSecond (Paul, 2019) and [2].\n", path="p.md")
    assert [(c.line, c.column, c.path) for c in found] == [(3, 8, "p.md"), (3, 25, "p.md")]


def test_crlf_input_gives_the_same_positions():
    assert [(c.line, c.column) for c in extract_citations("A.\r\n\r\nB (Paul, 2019).")] == [(3, 3)]


def test_label():
    citation = only("A (Askari, Saeed & Mahmood, 2024).")
    assert citation.label() == "Askari, Saeed & Mahmood 2024"


def test_clean_markdown():
    assert clean_markdown("***Bold*** [link](http://x) <https://y.org> \\_a\\_ 5<sup>th</sup>") == (
        "Bold link https://y.org _a_ 5th"
    )


def test_bare_year_part_continues_the_previous_author():
    found = extract_citations("(Smith, 2019; 2020)")
    assert [(c.names, c.year) for c in found] == [(("Smith",), "2019"), (("Smith",), "2020")]


def test_possessive_et_al():
    citation = only("Smith et al.'s (2020) model.")
    assert (citation.names, citation.et_al) == (("Smith",), True)


def test_bracketed_short_form_of_an_organisation_is_dropped():
    citation = only("(American Psychological Association [APA], 2020)")
    assert citation.names == ("American Psychological Association",)


def test_narrative_name_that_is_a_topic_of_the_paper_is_prose():
    text = "India is large. India (2021) signed. India, India and India grew."
    assert extract_citations(text) == []


def test_narrative_name_also_cited_in_parentheses_stays_a_citation():
    text = "Weitz (2020) says so (Weitz, 2019). Weitz, Weitz, Weitz and Weitz again."
    assert [c.narrative for c in extract_citations(text)] == [True, False]


@pytest.mark.parametrize(
    ("text", "names", "locator"),
    [
        pytest.param("(Smith, 2019: 45)", ("Smith",), "45", id="colon_page"),
        pytest.param("(Smith, 2019, 45-47)", ("Smith",), "45-47", id="bare_page_range"),
        pytest.param("(Smith, 2019, chap. 3)", ("Smith",), "chap. 3", id="chapter"),
        pytest.param("(王, 2019)", ("王",), "", id="caseless_script"),
        pytest.param("(Müller & Ødegaard, 2019)", ("Müller", "Ødegaard"), "", id="accented"),
        pytest.param("(Smith et al 2019)", ("Smith",), "", id="et_al_without_stop"),
        pytest.param("(American Psychological Association, 2020)", ("American Psychological Association",), "",
                     id="organisation"),
    ],
)
def test_more_parenthetical_forms(text, names, locator):
    citation = only(text)
    assert (citation.names, citation.locator) == (names, locator)


def test_citation_wrapped_over_two_lines():
    citation = only("as\n(Smith &\nJones, 2019) said")
    assert (citation.names, citation.line, citation.column) == (("Smith", "Jones"), 2, 1)


def test_implausible_year_needs_a_comma():
    assert extract_citations("Go to (Room 1234) now.") == []
    assert only("(Perkovich, 4392)").year == "4392"


def test_sentence_is_not_split_inside_a_citation_and_survives_a_stray_parenthesis():
    text = "A stray ( opens here. Growth slowed (see Smith et al. 2019; Paul, 2020). Then it rose."
    first, second = extract_citations(text)
    assert first.sentence == second.sentence == "Growth slowed (see Smith et al. 2019; Paul, 2020)."


def test_letter_after_a_suffixed_year_is_the_next_work():
    found = extract_citations("(Smith, 2019a, b)")
    assert [c.year for c in found] == ["2019a", "2019b"]


@pytest.mark.parametrize(
    ("text", "numbers", "locator", "written"),
    [
        pytest.param("see [1]–[3].", (1, 2, 3), "", "[1]–[3]", id="ieee_range"),
        pytest.param("see [4, p. 12].", (4,), "p. 12", "[4, p. 12]", id="page_inside"),
        pytest.param("see [2, Fig. 4].", (2,), "Fig. 4", "[2, Fig. 4]", id="figure_inside"),
    ],
)
def test_ieee_numeric_forms(text, numbers, locator, written):
    citation = only(text)
    assert (citation.numbers, citation.locator, citation.text) == (numbers, locator, written)


def test_descending_bracket_pair_is_not_a_range():
    assert [c.numbers for c in extract_citations("[5] - [2]")] == [(5,), (2,)]


def test_narrative_organisation_after_the():
    citation = only("As noted by the World Bank (2020), growth slowed.")
    assert (citation.names, citation.text, citation.column) == (("World Bank",), "World Bank (2020)", 17)


def test_citation_inside_a_running_header_has_no_sentence():
    text = "### Title (Smith, 2019)\n\nBody (Paul, 2020).\n\n### Title (Smith, 2019)\n\nMore (Fair, 2008).\n"
    found = extract_citations(text)
    assert [(c.names, c.sentence) for c in found if c.names == ("Smith",)] == [(("Smith",), "")] * 2


def test_citation_in_a_heading_keeps_the_heading_as_sentence():
    (citation,) = extract_citations("## Results after Smith (2019)\n\nBody text.\n")
    assert citation.sentence == "Results after Smith (2019)"


def test_citation_standing_alone_after_a_full_stop_joins_the_sentence_before():
    citation = only("Earlier. The state bought wheat to meet demand. (Acute et al., 2024).\n")
    assert citation.sentence == "The state bought wheat to meet demand. (Acute et al., 2024)."


def test_initials_after_a_family_name_are_not_another_author():
    assert only("(Smith, J. K., 2019)").names == ("Smith",)
    assert only("(Li & Wu, 2019)").names == ("Li", "Wu")
