"""Rendering fixes that make pandoc print what citeproc-js (Zotero) prints."""

from __future__ import annotations

import pytest

from citeman.model import Entry, Person
from citeman.render.csl import render_bibliography, render_citations


def _cjk_entry() -> Entry:
    return Entry("z", "book", {"title": "改革歷程", "publisher": "新世紀出版社", "year": "2009"},
                 persons={"author": [Person(family="杨", given="水利"), Person(family="陈", given="娜")]})


@pytest.mark.parametrize(
    "style,start",
    [
        ("apa", "杨水利, & 陈娜. (2009)."),
        ("chicago-author-date", "杨水利, and 陈娜. 2009."),
        ("ieee", "[1] 杨水利 and 陈娜, 改革歷程."),
        ("harvard", "杨水利 and 陈娜 (2009)"),
    ],
)
def test_cjk_names_get_no_initial_full_stop(style, start):
    [(_, text)] = render_bibliography([_cjk_entry()], style)
    assert text.startswith(start)


def test_cjk_citation_keeps_the_family_name():
    assert render_citations([_cjk_entry()], ["z"], "apa") == "(杨 & 陈, 2009)"


@pytest.mark.parametrize(
    "style,expected",
    [
        ("ieee", "“Galactosyltransferase-1.,” Carbohydr. Res."),
        ("apa", "Galactosyltransferase-1. Carbohydr. Res."),
        ("harvard", "“Galactosyltransferase-1.,” Carbohydr. Res."),
    ],
)
def test_title_ending_in_full_stop_keeps_the_following_comma(style, expected):
    entry = Entry("t", "article", {"title": "Galactosyltransferase-1.", "journal": "Carbohydr. Res.",
                                   "volume": "313", "year": "1998"}, persons={"author": [Person(family="Keusch", given="J.")]})
    [(_, text)] = render_bibliography([entry], style)
    assert expected in text
    assert "\ue003" not in text


@pytest.mark.parametrize(
    "style,expected",
    [
        ("apa", "Aristotle’s “De Motu Animalium.” Princeton"),
        ("chicago-author-date", "Aristotle’s “De Motu Animalium.” Princeton"),
        ("mla", "Aristotle’s “De Motu Animalium.” Princeton"),
    ],
)
def test_full_stop_moves_inside_quotes_of_the_title_itself(style, expected):
    entry = Entry("n", "book", {"title": "Aristotle's \\mkbibquote{De Motu Animalium}", "publisher": "Princeton University Press",
                                "year": "1978"}, persons={"author": [Person(family="Nussbaum", given="Martha")]})
    [(_, text)] = render_bibliography([entry], style)
    assert expected in text


def test_punctuation_in_quote_follows_the_style_locale():
    from citeman.render.citeproc_js import moves_punctuation_into_quotes

    assert moves_punctuation_into_quotes('<style class="in-text"><info/></style>')
    assert moves_punctuation_into_quotes('<style default-locale="en-US">')
    assert not moves_punctuation_into_quotes('<style default-locale="en-GB">')
    assert not moves_punctuation_into_quotes('<style default-locale="de-DE">')
    assert moves_punctuation_into_quotes(
        '<style default-locale="en-GB"><locale><style-options punctuation-in-quote="true"/></locale></style>')
    assert not moves_punctuation_into_quotes(
        '<style><locale xml:lang="en"><style-options punctuation-in-quote="false"/></locale></style>')
    # Options for another language than the style's do not count.
    assert moves_punctuation_into_quotes(
        '<style><locale xml:lang="en-GB"><style-options punctuation-in-quote="false"/></locale></style>')
    assert not moves_punctuation_into_quotes(
        '<style default-locale="en-GB"><locale xml:lang="en-US"><style-options punctuation-in-quote="true"/></locale>'
        '</style>')


def test_tex_commands_left_in_a_title_are_not_title_cased():
    entry = Entry("j", "article", {"title": "The case of the \\textbar Khomani San collection", "journal": "J", "year": "2020"},
                  persons={"author": [Person(family="Jones", given="Kerry")]})
    [(_, text)] = render_bibliography([entry], "chicago-author-date")
    assert "The Case of the \\textbar Khomani San Collection" in text


def test_label_of_an_empty_variable_prints_its_term_like_citeproc_js():
    # Cite Them Right: "(2 vol)" from number-of-volumes and the label of the empty volume.
    entry = Entry("r", "book", {"title": "Savoir et pouvoir", "volumes": "2", "publisher": "Hatier", "year": "1990"},
                  persons={"author": [Person(family="Russ", given="Jacqueline")]})
    [(_, text)] = render_bibliography([entry], "harvard")
    assert "Savoir et pouvoir (2 vol)." in text


def test_label_rewrite_keeps_present_variables_and_name_labels():
    from citeman.render.citeproc_js import labels_as_citeproc_js

    xml = ('<style><macro name="ed"><names variable="editor"><name/><label form="short"/></names></macro>'
           '<group><text macro="ed"/><label variable="page" form="short" plural="always" prefix=" "/>'
           '<text variable="page"/></group><label variable="locator" form="short"/></style>')
    out = labels_as_citeproc_js(xml)
    assert ('<choose><if variable="page"><label variable="page" form="short" plural="always" prefix=" "/></if>'
            '<else-if variable="editor" match="any"><text term="page" form="short" prefix=" " plural="true"/>'
            '</else-if></choose>') in out
    assert '<names variable="editor"><name/><label form="short"/></names>' in out
    assert '<label variable="locator" form="short"/>' in out


def test_label_of_an_empty_variable_alone_in_its_group_is_left_to_pandoc():
    # Nothing beside it could print, so citeproc-js suppresses the group as pandoc does
    # (Weed Science's "Page" before the empty page of a book).
    from citeman.render.citeproc_js import labels_as_citeproc_js

    xml = ('<style><macro name="in"><choose><if type="chapter"><text term="in"/></if></choose></macro>'
           '<group delimiter=" "><label variable="page"/><text variable="page"/><text macro="in"/></group></style>')
    assert labels_as_citeproc_js(xml) == xml


def test_empty_page_label_is_left_out_when_nothing_beside_it_prints():
    entry = Entry("w", "book", {"title": "Nature, Change, and Agency", "publisher": "Oxford University Press",
                                "address": "Oxford", "year": "1982"}, persons={"author": [Person(family="Waterlow", given="Sarah")]})
    [(_, text)] = render_bibliography([entry], "weed-science-society-of-america")
    assert text == "Waterlow S (1982) Nature, Change, and Agency. Oxford: Oxford University Press"


def test_names_without_a_name_element_print_the_names_before_their_label():
    from citeman.render.citeproc_js import names_with_name

    xml = '<macro name="e"><names variable="editor"><label prefix=", "/></names></macro>'
    assert names_with_name(xml) == '<macro name="e"><names variable="editor"><name/><label prefix=", "/></names></macro>'
    kept = '<names variable="editor"><name initialize-with=""/><label prefix=", "/></names><names variable="author"/>'
    assert names_with_name(kept) == kept
    entry = Entry("a", "incollection", {"title": "Fully Homomorphic Encryption", "booktitle": "Advances in Cryptology",
                                        "publisher": "Springer", "address": "Berlin", "year": "2010", "pages": "24--43"},
                  persons={"author": [Person(family="Dijk", given="Marten")], "editor": [Person(family="Gilbert", given="Henri")]})
    [(_, text)] = render_bibliography([entry], "vancouver")
    assert "In: Gilbert H, editor. Advances in Cryptology." in text


def _chapter_in_series() -> Entry:
    return Entry("lt", "incollection", {"title": "The Multiobjective Traveling Salesman Problem", "booktitle": "Advances",
                                        "series": "Studies in Computational Intelligence", "number": "272",
                                        "publisher": "Springer", "year": "2010", "pages": "119--141"},
                 persons={"author": [Person(family="Lust", given="Thibaut")]})


def test_suffix_space_before_a_comma_is_printed_as_the_style_says():
    # IEEE's series group ends in ". " and sits in a ", " group: citeproc-js prints both.
    [(_, text)] = render_bibliography([_chapter_in_series()], "ieee")
    assert "in Studies in Computational Intelligence, no. 272. , Springer, 2010" in text
    assert "\ue004" not in text


def test_full_stop_of_a_text_value_stays_outside_the_closing_quote():
    # IEEE ends an article with <text value="."/>, which citeproc-js does not move into quotes.
    entry = Entry("c", "article", {"title": "A Carbocyclic Carbene as an Efficient Catalyst Ligand"})
    [(_, text)] = render_bibliography([entry], "ieee")
    assert text == "[1] “A Carbocyclic Carbene as an Efficient Catalyst Ligand”."
    # Affix punctuation still moves in, as the locale asks.
    [(_, chapter)] = render_bibliography([_chapter_in_series()], "ieee")
    assert "“The Multiobjective Traveling Salesman Problem,” in Advances" in chapter


def test_number_with_a_leading_zero_is_printed_as_given():
    entry = Entry("j", "article", {"title": "Digital transformation", "journal": "Finance and Trade Research",
                                   "volume": "33", "number": "07", "pages": "69--83", "year": "2022"},
                  persons={"author": [Person(family="Jin", given="Yu")]})
    [(_, text)] = render_bibliography([entry], "ieee")
    assert "vol. 33, no. 07, pp. 69–83" in text
    assert "\ue006" not in text


def test_markers_are_taken_out_with_the_spaces_both_engines_drop():
    from citeman.render.citeproc_js import NUMBER_MARK, SPACE_MARK, VALUE_MARK, restore_literal_text

    assert restore_literal_text(f"no. 272. {SPACE_MARK}, Springer") == "no. 272. , Springer"
    assert restore_literal_text(f"Title. {SPACE_MARK} Springer") == "Title. Springer"
    assert restore_literal_text(f"Title. {SPACE_MARK}") == "Title."
    assert restore_literal_text(f"<i>Title</i>. {SPACE_MARK}</div>") == "<i>Title</i>.</div>"
    assert restore_literal_text(f"“T”{VALUE_MARK}. no. {NUMBER_MARK}07") == "“T”. no. 07"


def test_style_copy_marks_only_suffixes_ending_in_space_and_leading_value_punctuation():
    from citeman.render.citeproc_js import SPACE_MARK, VALUE_MARK, style_for_pandoc

    xml = ('<group delimiter=", " suffix=". "><text variable="title" suffix="."/></group>'
           '<text value="."/><text value="Online"/>')
    out = style_for_pandoc(xml)
    assert f'suffix=". {SPACE_MARK}"' in out
    assert 'suffix="."' in out and 'delimiter=", "' in out
    assert f'<text value="{VALUE_MARK}."/>' in out and '<text value="Online"/>' in out


def _article() -> Entry:
    return Entry("a", "article", {"title": "Observations of isolated pulsars", "journal": "AIP Conference Series",
                                  "volume": "280", "pages": "291", "year": "1993", "doi": "10.1063/1.44135"},
                 persons={"author": [Person(family="Wilson", given="Robert B.")]})


def test_empty_locator_label_in_a_bibliography_prints_the_page_term():
    [(_, text)] = render_bibliography([_article()], "the-british-journal-of-sociology")
    assert "AIP Conference Series 280: p.291." in text


def test_doubly_escaped_character_reference_in_an_affix_is_the_character():
    from citeman.render.citeproc_js import unescapes_character_references

    assert unescapes_character_references('prefix="&amp;#10;https://doi.org/"') == 'prefix="&#10;https://doi.org/"'
    assert unescapes_character_references('prefix="&amp;amp; &amp;#x2014;"') == 'prefix="&amp;amp; &#x2014;"'
    [(_, text)] = render_bibliography([_article()], "periodicum-biologorum")
    assert text.endswith("AIP Conference Series 280: 291 https://doi.org/10.1063/1.44135")
