"""CSL-JSON export of BibTeX text: whitespace, terminal full stops, number ranges."""

from __future__ import annotations

from citeman.export.csljson import to_csl
from citeman.model import Entry, Person


def _item(fields: dict, kind: str = "article") -> dict:
    return to_csl(Entry("k", kind, fields, persons={"author": [Person(family="Doe", given="J.")]}))


def test_line_breaks_and_indentation_in_values_are_one_space():
    item = _item({"title": "Comparison of methods for deriving charges from the\n                  electrostatic potential",
                  "journal": "Journal of\n   Chemistry", "note": "A\tnote  with   gaps"})
    assert item["title"] == "Comparison of methods for deriving charges from the electrostatic potential"
    assert item["container-title"] == "Journal of Chemistry"
    assert item["note"] == "A note with gaps"


def test_blank_line_stays_a_paragraph_break():
    item = _item({"title": "T", "abstract": "First paragraph\n  goes on.\n\n   Second one."})
    # An abstract's or a note's own line breaks stay (Zotero's "extra" lines are meant as lines);
    # every renderer reads a single one as a space.
    assert item["abstract"] == "First paragraph\ngoes on.\n\nSecond one."


def test_terminal_full_stop_is_dropped_through_closing_markup():
    assert _item({"title": "Feature {Selection} with {High-Dimensional Imbalanced Data}."})["title"] == (
        'Feature <span class="nocase">Selection</span> with <span class="nocase">High-Dimensional Imbalanced Data</span>')
    assert _item({"title": "{Harmonische Funktionen in einem Komplex.}"})["title"] == (
        '<span class="nocase">Harmonische Funktionen in einem Komplex</span>')
    # An abbreviation or a number before the stop is not a sentence end.
    assert _item({"title": "Smith et al."})["title"] == "Smith et al."
    assert _item({"title": "Galactosyltransferase-1."})["title"] == "Galactosyltransferase-1."


def test_bibtex_double_hyphen_in_numbers_is_a_range():
    assert _item({"title": "T", "volume": "1--3"}, "book")["volume"] == "1-3"
    assert _item({"title": "T", "number": "1 -- 2", "volume": "29"})["issue"] == "1-2"
    assert _item({"title": "T", "number": "MSC--00171"}, "report")["number"] == "MSC--00171"


def test_trailing_separator_is_not_part_of_a_number():
    item = _item({"title": "T", "edition": "1st,", "volume": "3;", "number": "12 ,"}, "book")
    assert (item["edition"], item["volume"], item["collection-number"]) == ("1st", "3", "12")


def test_elision_apostrophe_opens_before_a_nocase_span():
    # citeproc-js prints a nocase span that starts with an apostrophe as raw markup.
    assert _item({"title": "Some remarks on {{’t Hooft’s}} S-matrix"})["title"] == (
        'Some remarks on ’<span class="nocase">t Hooft’s</span> S-matrix')
    assert _item({"title": "On {'t Hooft}"})["title"] == "On '<span class=\"nocase\">t Hooft</span>"


def test_a_date_with_a_time_is_a_date_not_a_literal():
    item = _item({"title": "T", "date": "2016-06-06T15:26:37+1000"})
    assert item["issued"] == {"date-parts": [[2016, 6, 6]]}
    assert _item({"title": "T", "date": "2022-10-31T04:26:46Z"})["issued"] == {"date-parts": [[2022, 10, 31]]}
    assert _item({"title": "T", "date": "sometime in 2016"})["issued"] == {"literal": "sometime in 2016"}
