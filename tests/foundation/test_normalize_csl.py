from __future__ import annotations

import pytest

from citeman.export.csljson import from_csl, to_csl
from citeman.io.latex import latex_to_text, text_to_latex
from citeman.model import Entry, Person
from citeman.normalize import protect_title_case


def test_title_protection():
    assert protect_title_case("Realizing the potential: Mature defense cooperation and the U.S.-India strategic partnership") == (
        "Realizing the potential: Mature defense cooperation and the {U.S.-India} strategic partnership"
    )
    assert protect_title_case("Examining India's defence innovation performance") == "Examining {India's} defence innovation performance"


@pytest.mark.parametrize("text", ["A & B 50%", "US$ 5 and #1 of_x", "Müller"])
def test_latex_round_trip(text: str):
    assert latex_to_text(text_to_latex(text)) == text


def test_csl_round_trip():
    entry = Entry(
        "k", "article",
        {"title": "The {NASA} way", "journal": "J", "year": "2019", "volume": "14", "number": "1", "pages": "119--144", "doi": "10.1/x"},
        {"author": [Person("Beethoven", "Ludwig", "van"), Person(literal="WHO")]},
    )
    item = to_csl(entry)
    assert item["title"] == 'The <span class="nocase">NASA</span> way'
    assert item["author"] == [{"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van"}, {"literal": "WHO"}]
    assert item["issued"] == {"date-parts": [[2019]]} and item["page"] == "119-144"
    back = from_csl(item)
    assert back.fields == entry.fields and back.persons == entry.persons


@pytest.mark.parametrize(
    "title,expected",
    [
        ("Indo-US strategic partnership and Pakistan's security: A theoretical evaluation",
         "{Indo-US} strategic partnership and {Pakistan's} security: A theoretical evaluation"),
        ("Trump and the Populist Authoritarian Parties: The Silent Revolution in Reverse",
         "Trump and the Populist Authoritarian Parties: The Silent Revolution in Reverse"),
        ("The Free and Open Indo-Pacific Policy", "The Free and Open {Indo-Pacific} Policy"),
        ("Already {Protected} title", "Already {Protected} title"),
    ],
)
def test_title_protection_by_case_style(title: str, expected: str):
    assert protect_title_case(title) == expected


@pytest.mark.parametrize("text", ["Dr.\\\\_Syed", "a \\_ b", "\\$5 and \\%"])
def test_literal_backslash_before_special_round_trips(text: str):
    assert latex_to_text(text_to_latex(text)) == text


@pytest.mark.parametrize("latex,text", [("Garc{\\'\\i}a", "García"), ("M{\\\"u}ller", "Müller"), ("Fran\\c{c}ois", "François")])
def test_accents_decode(latex: str, text: str):
    assert latex_to_text(latex) == text
