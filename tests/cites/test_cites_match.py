"""resolve_citations / match_citations: which reference a citation points to."""

from __future__ import annotations

from citeman.cites import extract_citations, match_citations, resolve_citations
from citeman.io.bibtex import parse_bib
from citeman.model import Entry, Person


def entries(bib: str) -> list[Entry]:
    library, diagnostics = parse_bib(bib, "refs.bib")
    assert diagnostics == []
    return library.entries


REFS = entries(
    """
@article{khan2023basic, author = {Khan, W. M. and Askari, M. U.}, title = {Basic Exchange}, year = {2023}}
@article{khan2023indiaus, author = {Khan, M. M. A.}, title = {India-Us Strategic Convergence}, year = {2023}}
@article{mahmood2024india, author = {Mahmood, A. and Nawaz, A. and Irfan, A. and Hanif, M. A.}, title = {Triangle}, year = {2024}}
@article{mahmood2025shifting, author = {Mahmood, A. and Askari, M. U.}, title = {Shifting}, year = {2025}}
@article{shinn2023trade, author = {Shinn, D. H. and EISENMAN, J.}, title = {Trade Relations}, year = {2023}}
@article{lalwani2019reluctant, author = {Lalwani, Sameer}, title = {Reluctant Link?}, year = {2019}}
@misc{human1999rights, title = {Human Rights in Pakistan :}, year = {1999}}
@misc{perkovich4392toward, author = {Perkovich, G.}, title = {Toward Realistic U.S.-India Relations}, year = {4392}}
@report{tian2024trends, author = {tian, Nan and lopes da silva, Diego and liang, Xiao}, title = {Trends}, year = {2024}}
@misc{relations2021indiaus, author = {Relations, I. S. and Relations, I. S.}, title = {India-U.S. Relations}, year = {2021}}
@misc{d2022unm, author = {D, P. H. P.}, title = {UNM Digital Repository}, year = {2022}}
@misc{weitz2020strategic, author = {Weitz, R.}, title = {Strategic}, year = {2020}}
"""
)


def resolve(text: str):
    (resolution,) = resolve_citations(extract_citations(text), REFS)
    return resolution.status, [e.key for e in resolution.entries]


def test_two_authors_pick_the_two_author_work_not_the_single_author_one():
    assert resolve("(Khan & Askari, 2023)") == ("exact", ["khan2023basic"])
    assert resolve("(Khan, 2023)") == ("exact", ["khan2023indiaus"])


def test_et_al_matches_first_author_of_a_long_list():
    assert resolve("(Mahmood et al., 2024)") == ("exact", ["mahmood2024india"])


def test_year_mismatch_points_at_the_same_authors():
    assert resolve("(Mahmood & Askari, 2023)") == ("year", ["mahmood2025shifting"])


def test_case_is_ignored():
    assert resolve("(SHINN & EISENMAN, 2023)") == ("exact", ["shinn2023trade"])


def test_given_and_family_as_written():
    assert resolve("(Sameer Lalwani, 2019)") == ("exact", ["lalwani2019reluctant"])


def test_lowercase_family_with_given_name_first():
    assert resolve("(Nan tian et al., 2024)") == ("exact", ["tian2024trends"])


def test_title_stands_in_for_a_missing_author():
    assert resolve("(*Human Rights in Pakistan* :, 1999)") == ("exact", ["human1999rights"])


def test_damaged_year_matches_as_listed():
    assert resolve("(Perkovich, 4392)") == ("exact", ["perkovich4392toward"])


def test_repeated_family_name():
    assert resolve("(Relations & Relations, 2021)") == ("exact", ["relations2021indiaus"])


def test_initial_plus_other_family_is_not_the_one_letter_author():
    assert resolve("(D Dhanuraj, 2023)") == ("missing", [])
    assert resolve("(D, 2022)") == ("exact", ["d2022unm"])


def test_spelling_mismatch_with_same_year():
    assert resolve("(Weits, 2020)") == ("spelling", ["weitz2020strategic"])


def test_unknown_author():
    assert resolve("(Nobody, 2020)")[0] == "missing"


def test_narrative_citation_resolves_like_a_parenthetical_one():
    assert resolve("As Weitz (2020) argued.") == ("exact", ["weitz2020strategic"])


def test_suffixes_pick_by_title_order_when_the_list_has_none():
    refs = entries(
        """
@misc{b, author = {Khan, M.}, title = {Beta}, year = {2023}}
@misc{a, author = {Khan, M.}, title = {Alpha}, year = {2023}}
"""
    )
    found = extract_citations("(Khan, 2023a; Khan, 2023b; Khan, 2023)")
    assert [(r.status, [e.key for e in r.entries]) for r in resolve_citations(found, refs)] == [
        ("exact", ["a"]),
        ("exact", ["b"]),
        ("ambiguous", ["b", "a"]),
    ]


def test_suffixes_in_the_list_are_used_as_written():
    refs = entries(
        """
@misc{x, author = {Khan, M.}, title = {Alpha}, year = {2023b}}
@misc{y, author = {Khan, M.}, title = {Beta}, year = {2023a}}
"""
    )
    found = extract_citations("(Khan, 2023a)")
    assert [e.key for e in resolve_citations(found, refs)[0].entries] == ["y"]


def test_numeric_citations_index_the_list_in_order():
    found = extract_citations("As shown [1, 3] and [13].")
    results = resolve_citations(found, REFS)
    assert [(r.status, [e.key for e in r.entries], r.missing_numbers) for r in results] == [
        ("numeric", ["khan2023basic", "mahmood2024india"], ()),
        ("out-of-range", [], (13,)),
    ]


def test_organisation_author():
    refs = [Entry("wb", "report", {"title": "Water", "year": "2020"}, {"author": [Person(literal="World Bank")]})]
    assert resolve_citations(extract_citations("(World Bank, 2020)"), refs)[0].status == "exact"


def test_match_citations_maps_every_key():
    found = extract_citations("(Khan & Askari, 2023). (Mahmood & Askari, 2023). Weitz (2020) and (Weitz, 2020).")
    matched = match_citations(found, REFS)
    assert set(matched) == {e.key for e in REFS}
    assert [c.text for c in matched["khan2023basic"]] == ["(Khan & Askari, 2023)"]
    assert [c.text for c in matched["weitz2020strategic"]] == ["Weitz (2020)", "(Weitz, 2020)"]
    assert matched["mahmood2025shifting"] == []
    assert matched["khan2023indiaus"] == []


def test_match_citations_near_matches_on_request():
    found = extract_citations("(Mahmood & Askari, 2023).")
    matched = match_citations(found, REFS, include_near=True)
    assert [c.year for c in matched["mahmood2025shifting"]] == ["2023"]


def test_misspelt_co_author_is_a_spelling_mismatch_not_a_different_author_list():
    assert resolve("(Khan & Askary, 2023)") == ("spelling", ["khan2023basic"])


def test_dropped_co_author_is_an_author_list_difference():
    refs = [e for e in REFS if e.key != "khan2023indiaus"]
    (resolution,) = resolve_citations(extract_citations("(Khan, 2023)"), refs)
    assert (resolution.status, [e.key for e in resolution.entries]) == ("authors", ["khan2023basic"])


def test_narrative_organisation_matches_a_literal_author():
    refs = [Entry("wb", "report", {"title": "Water", "year": "2020"}, {"author": [Person(literal="World Bank")]})]
    found = extract_citations("As noted by the World Bank (2020), growth slowed.")
    assert resolve_citations(found, refs)[0].status == "exact"
