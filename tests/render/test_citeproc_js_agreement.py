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
    from citeman.render.csl import moves_punctuation_into_quotes

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
    from citeman.render.csl import labels_as_citeproc_js

    xml = ('<group><label variable="page" form="short" plural="always" prefix=" "/><text variable="page"/></group>'
           '<names variable="editor"><name/><label form="short"/></names><label variable="locator" form="short"/>')
    out = labels_as_citeproc_js(xml)
    assert ('<choose><if variable="page"><label variable="page" form="short" plural="always" prefix=" "/></if>'
            '<else><text term="page" form="short" prefix=" " plural="true"/></else></choose>') in out
    assert '<names variable="editor"><name/><label form="short"/></names>' in out
    assert '<label variable="locator" form="short"/>' in out


def test_names_without_a_name_element_print_the_names_before_their_label():
    from citeman.render.csl import names_with_name

    xml = '<macro name="e"><names variable="editor"><label prefix=", "/></names></macro>'
    assert names_with_name(xml) == '<macro name="e"><names variable="editor"><name/><label prefix=", "/></names></macro>'
    kept = '<names variable="editor"><name initialize-with=""/><label prefix=", "/></names><names variable="author"/>'
    assert names_with_name(kept) == kept
    entry = Entry("a", "incollection", {"title": "Fully Homomorphic Encryption", "booktitle": "Advances in Cryptology",
                                        "publisher": "Springer", "address": "Berlin", "year": "2010", "pages": "24--43"},
                  persons={"author": [Person(family="Dijk", given="Marten")], "editor": [Person(family="Gilbert", given="Henri")]})
    [(_, text)] = render_bibliography([entry], "vancouver")
    assert "In: Gilbert H, editor. Advances in Cryptology." in text
