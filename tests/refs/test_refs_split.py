"""Joining wrapped lines and splitting the list into one string per reference."""

from __future__ import annotations

from citeman.ingest.reflist import extract_reference_strings
from refs_helpers import refs_of, texts

H = "Body.\n\n## References\n\n"


def test_blank_separated_references_one_per_paragraph() -> None:
    text = H + "Smith, J. (2019). One. *J*, 1.\n\nJones, K. (2020). Two. *K*, 2.\n"
    assert texts(text) == ["Smith, J. (2019). One. J, 1.", "Jones, K. (2020). Two. K, 2."]


def test_continuation_after_colon_across_blank_line_is_joined() -> None:
    text = H + ("Inglehart, R., & Norris, P. (2017). Trump and the Populist Authoritarian Parties:\n\n"
                "The Silent Revolution in Reverse. *Perspectives on Politics*, 15(2), 443–454.\n\n"
                "Issn, E. (2024). Next.\n")
    assert texts(text) == [
        "Inglehart, R., & Norris, P. (2017). Trump and the Populist Authoritarian Parties: "
        "The Silent Revolution in Reverse. Perspectives on Politics, 15(2), 443–454.",
        "Issn, E. (2024). Next.",
    ]


def test_continuation_after_a_line_ending_mid_sentence_is_joined() -> None:
    text = H + ("Moschella, D. (2022). India Is an Essential Counterweight to\n\n"
                "China—and the Next Great U.S. Dependency. *ITIF*, April, 38.\n")
    assert texts(text) == ["Moschella, D. (2022). India Is an Essential Counterweight to "
                           "China—and the Next Great U.S. Dependency. ITIF, April, 38."]


def test_lower_case_continuation_is_joined() -> None:
    text = H + "Smith, J. (2019). A study of\n\nthings in the world. Press.\n"
    assert texts(text) == ["Smith, J. (2019). A study of things in the world. Press."]


def test_url_on_its_own_line_belongs_to_previous_reference() -> None:
    text = H + ("No, I. (2020). Issue Brief. *J*, 81(2), 137–140.\n\n<https://doi.org/10.18043/ncm.81.2.137>\n\n"
                "Paul, J. (2019). Us. *R*, 1.\n\n[https://x.org/a\\_b.pdf](https://x.org/a_b.pdf)\n")
    assert texts(text) == [
        "No, I. (2020). Issue Brief. J, 81(2), 137–140. https://doi.org/10.18043/ncm.81.2.137",
        "Paul, J. (2019). Us. R, 1. https://x.org/a_b.pdf",
    ]


def test_reference_without_final_full_stop_is_not_merged_with_next() -> None:
    text = H + ("Askari, M. U. (2025). Policy. *Social Sciences Spectrum*, 4(1), 531-543\n\n"
                "Askari, D. M. (2024). Security. *Kurdish Studies*, 12(4), 1620-1631.\n")
    assert len(texts(text)) == 2


def test_odd_reference_after_a_complete_one_stays_separate() -> None:
    text = H + "Goucha, M. (2009). Rethinking. *R*, 1–148.\n\nHuman Rights in Pakistan : (1999).\n\nWorld Bank report\n"
    assert texts(text) == ["Goucha, M. (2009). Rethinking. R, 1–148.", "Human Rights in Pakistan : (1999).",
                           "World Bank report"]


def test_running_header_inside_a_reference_is_dropped_and_reference_continues() -> None:
    text = ("# The Paper Title\n\nAnn Author\n\nBody.\n\n## References\n\n"
            "Weitz, R. (2020). *Strategic Studies Institute PROMOTING*\n\n***Ann Author***\n\n"
            "*U . S . Cooperation ( 2017 )  \nStable URL : <https://www.jstor.org/stable/>. 2017.*\n\n"
            "Yadav, V. (2023). Politics. *Politics*.\n")
    refs = refs_of(text)
    assert [r.text for r in refs] == [
        "Weitz, R. (2020). Strategic Studies Institute PROMOTING U . S . Cooperation ( 2017 ) "
        "Stable URL : https://www.jstor.org/stable/. 2017.",
        "Yadav, V. (2023). Politics. Politics.",
    ]
    assert "Ann Author" not in refs[0].raw
    assert refs[0].raw.splitlines() == [
        "Weitz, R. (2020). *Strategic Studies Institute PROMOTING*",
        "*U . S . Cooperation ( 2017 )",
        "Stable URL : <https://www.jstor.org/stable/>. 2017.*",
    ]


def test_lines_and_raw_keep_the_source() -> None:
    text = H + "Smith, J. (2019). *A* \\$5 title.\n\nJones, K. (2020). Two.\n"
    refs = refs_of(text)
    assert [r.line for r in refs] == [5, 7]
    assert refs[0].raw == "Smith, J. (2019). *A* \\$5 title."
    assert refs[0].text == "Smith, J. (2019). A $5 title."


def test_one_reference_per_line_without_blank_lines() -> None:
    text = H + ("Smith, J. (2019). One. Journal, 1.\nJones, K. (2020). Two. Journal, 2.\n"
                "Brown, A. 2021. Three. Press.\n")
    assert len(texts(text)) == 3


def test_wrapped_lines_without_blank_lines_are_joined() -> None:
    text = H + ("Smith, J. (2019). A long title that wraps onto\nthe next line. Journal of Things, 1(2),\n"
                "3–4.\nJones, K. (2020). Two. Journal, 2.\n")
    assert texts(text) == ["Smith, J. (2019). A long title that wraps onto the next line. Journal of Things, 1(2), 3–4.",
                           "Jones, K. (2020). Two. Journal, 2."]


def test_hanging_indent_marks_continuations() -> None:
    text = H + ("Smith, J. (2019). A title.\n    Journal Of Things, 1(2), 3–4.\n"
                "Jones, K. (2020). Two.\n    Another Journal, 2.\n")
    assert texts(text) == ["Smith, J. (2019). A title. Journal Of Things, 1(2), 3–4.",
                           "Jones, K. (2020). Two. Another Journal, 2."]


def test_bracket_numbered_list_with_wrapped_lines() -> None:
    text = H + ("[1] A. Smith, \"Title one,\" J. Phys., vol. 3,\nno. 2, pp. 1-2, 2001.\n"
                "[2] B. Jones, \"Title two [3 cases],\" 2002.\n[3] C. Brown,\n\"Three,\" 2003.\n")
    refs = refs_of(text)
    assert [r.text for r in refs] == ["A. Smith, \"Title one,\" J. Phys., vol. 3, no. 2, pp. 1-2, 2001.",
                                      "B. Jones, \"Title two [3 cases],\" 2002.", "C. Brown, \"Three,\" 2003."]
    assert [r.number for r in refs] == ["1", "2", "3"]
    assert refs[0].raw.startswith("[1] A. Smith")


def test_dot_numbered_list_ignores_numbers_that_are_not_the_next_item() -> None:
    text = H + ("1. Smith, J. 2019. Title. Press.\n2. Jones, K. 2020. Other title,\n"
                "2019. Reprint.\n3. Brown, A. 2021. Third. Press.\n")
    assert texts(text) == ["Smith, J. 2019. Title. Press.", "Jones, K. 2020. Other title, 2019. Reprint.",
                           "Brown, A. 2021. Third. Press."]


def test_markdown_escaped_numbers() -> None:
    text = H + "1\\. Smith, J. 2019. Title.\n\n2\\. Jones, K. 2020. Other.\n"
    assert texts(text) == ["Smith, J. 2019. Title.", "Jones, K. 2020. Other."]


def test_markdown_list_numbered_all_ones() -> None:
    text = H + "1. Smith, J. 2019. A.\n1. Jones, K. 2020. B.\n1. Brown, A. 2021. C.\n"
    assert texts(text) == ["Smith, J. 2019. A.", "Jones, K. 2020. B.", "Brown, A. 2021. C."]


def test_bullet_list() -> None:
    text = H + "- Smith, J. (2019). A.\n  continued here.\n- Jones, K. (2020). B.\n* Brown, A. (2021). C.\n"
    assert texts(text) == ["Smith, J. (2019). A. continued here.", "Jones, K. (2020). B.", "Brown, A. (2021). C."]


def test_repeated_author_dashes_start_a_reference() -> None:
    text = H + "Said, E. 1978. Orientalism. New York:\nPantheon.\n———. 1993. Culture and Imperialism. Knopf.\n"
    assert texts(text) == ["Said, E. 1978. Orientalism. New York: Pantheon.",
                           "———. 1993. Culture and Imperialism. Knopf."]


def test_particle_names_start_a_reference() -> None:
    text = H + "Smith, J. (2019). A.\n\nvan der Berg, P. (2020). B.\n\nde Souza, M. (2021). C.\n"
    assert len(texts(text)) == 3


def test_hyphenated_word_broken_at_line_end_is_joined() -> None:
    text = H + "Smith, J. (2019). Inter-\nnational relations. Press.\n"
    assert texts(text) == ["Smith, J. (2019). Inter-national relations. Press."]


def test_page_number_and_rule_inside_list_are_dropped() -> None:
    text = H + "Smith, J. (2019). A.\n\n17\n\n---\n\nJones, K. (2020). B.\n"
    assert texts(text) == ["Smith, J. (2019). A.", "Jones, K. (2020). B."]


def test_wrapped_line_holding_only_a_number_is_reference_text() -> None:
    text = H + ("MILLET, Catherine, L'art contemporain en France, Paris, Flammarion,\n1987\n"
                "Nulsen P.E.J., Jones C., 2007, in Bohringer H., eds, Heating Versus Cooling. Berlin,\np. 210\n")
    assert texts(text) == ["MILLET, Catherine, L'art contemporain en France, Paris, Flammarion, 1987",
                           "Nulsen P.E.J., Jones C., 2007, in Bohringer H., eds, Heating Versus Cooling. Berlin, p. 210"]


def test_numbers_that_count_pages_are_page_numbers() -> None:
    text = ("Body 1\n\n11\nMore body.\n12\n\n## References\n\nSmith, J. (2019). A long title that wraps onto\n13\n"
            "the next page. Press.\n")
    refs, diagnostics = extract_reference_strings(text, "p.md")
    assert [r.text for r in refs] == ["Smith, J. (2019). A long title that wraps onto the next page. Press."]
    assert [d.line for d in diagnostics] == [10]


def test_chance_run_of_numbers_does_not_make_a_numbered_list() -> None:
    text = H + ("Schmidt, J. 2019. Grundlagen der Statik.\n1. Auflage. Berlin: Verlag.\n"
                "Jones, K. 2020. Other title.\n2. Auflage. Wien.\nBrown, A. 2021. Third. Press.\n")
    assert [t.split()[0] for t in texts(text)] == ["Schmidt,", "Jones,", "Brown,"]


def test_pdf_text_wrapped_at_the_margin_without_blank_lines() -> None:
    refs = [
        "Chen, H., Tafalla, M., Greene, T. P., Myers, P. C., & Wilner, D. J. 1997, ApJ, 475, 163",
        "Nichols, Bill. Getting to Know You: Knowledge, Power, and the Body. In Theorizing Documentary, "
        "ed. Michael Renov, 1-11. London: Routledge, 1993.",
        "Gent, I. P., & Walsh, T. (1994a). Easy problems are sometimes hard. Artificial Intelligence, 70, 335-345.",
        "C. Ghezzi, D. Mandrioli, and A. Morzenti. Trio: A logic language for executable specifications of "
        "real-time systems. Journal of Systems and Software, 12(2), 1990.",
    ]
    import textwrap

    body = "\n".join(line for ref in refs for line in textwrap.wrap(ref, 60))
    assert texts(H + body + "\n") == refs


def test_blockquoted_list() -> None:
    text = H + "> Smith, J. (2019). A.\n>\n> Jones, K. (2020). B.\n"
    assert texts(text) == ["Smith, J. (2019). A.", "Jones, K. (2020). B."]


def test_first_line_indent_marks_starts() -> None:
    text = H + ("    Smith, J. (2019). A title that goes on and on and wraps.\nJournal Of Things, 1(2), 3–4.\n"
                "    Jones, K. (2020). Two.\nAnother Journal, 2.\n")
    assert texts(text) == ["Smith, J. (2019). A title that goes on and on and wraps. Journal Of Things, 1(2), 3–4.",
                           "Jones, K. (2020). Two. Another Journal, 2."]


def test_particle_name_without_comma_starts_a_reference() -> None:
    text = H + "Bourhis, R. Y. (1997). Towards. *IJP*, 32(6), 369-386.\n\nde Foucault B. (2009). Contribution. *J*, 48.\n"
    assert len(texts(text)) == 2


def test_reference_that_reads_like_two_is_reported() -> None:
    from citeman.ingest.reflist import POSSIBLY_MERGED

    text = H + ("Smith, J. (2019). A study of\nthings. Press. Jones, K. (2020). Other. *J*, 2.\n\n"
                "Brown, A. (2021). Fine. Press.\n")
    refs, diagnostics = extract_reference_strings(text, "p.md")
    assert len(refs) == 2
    assert [(d.code, d.line, d.severity) for d in diagnostics] == [(POSSIBLY_MERGED, 5, "warning")]
    assert "'Jones, K. (2020).'" in diagnostics[0].message


def test_long_author_list_is_not_reported_as_merged() -> None:
    text = H + "Keri, S. Kiss, I. Kelemen, O. (2009). Sharing secrets. Social Neuroscience, 4(4): 287-293.\n"
    assert extract_reference_strings(text, "p.md")[1] == []


def test_line_that_stopped_short_of_the_margin_ends_its_reference() -> None:
    import textwrap

    refs = [
        "Chabinyc, M. L. et al., J. Am. Chem. Soc. 2007, 129, 3226–3237",
        "UNHCR, 2015. Women on the Run: First-hand accounts of refugees fleeing El Salvador, Guatemala, "
        "Honduras, and Mexico. Geneva: United Nations High Commissioner for Refugees",
        "A. L. Yuille. Deformable templates for face recognition. Journal of Cognitive Neuroscience, 3(1), "
        "59-70, 1991",
        "Ruth Shapira. A note on Sugihara's claim. IEEE Transactions on Pattern Analysis and Machine "
        "Intelligence, 6, 1984",
    ]
    body = "\n".join(line for ref in refs for line in textwrap.wrap(ref, 70))
    assert texts(H + body + "\n") == refs
