"""Duplicate detection (DOI, ISBN, fuzzy with vetoes) and merging that loses nothing."""

from __future__ import annotations

from citeman.io.bibtex import parse_bib
from citeman.validate.dedupe import find_duplicates, merge_duplicates, record


def records(text: str):
    library, _ = parse_bib(text, "d.bib")
    return library, [record(e, "d.bib") for e in library.entries]


def test_same_doi_case_and_prefix_insensitive():
    _, recs = records("@article{a, title={One}, doi={10.1080/ABC}}\n@article{b, title={Two}, doi={https://doi.org/10.1080/abc}}\n")
    [match] = find_duplicates(recs)
    assert (match.original.key, match.duplicate.key, match.kind) == ("a", "b", "doi")
    assert "same DOI" in match.reason


def test_isbn10_and_13_are_the_same_book_but_chapters_are_not():
    _, recs = records("@book{a, title={X}, isbn={0-306-40615-2}}\n@book{b, title={Y}, isbn={978-0-306-40615-7}}\n"
                      "@incollection{c, title={Z}, isbn={978-0-306-40615-7}}\n")
    assert [(m.duplicate.key, m.kind) for m in find_duplicates(recs)] == [("b", "isbn")]


def test_fuzzy_match_explains_why():
    _, recs = records("@article{a, author={Konwer, S.}, title={US-India Relations: The Shadowboxing Era}, year=2020}\n"
                      "@article{b, author={Konwer, Shibashis}, title={US India relations - the shadowboxing era}, year=2021}\n")
    [match] = find_duplicates(recs)
    assert match.kind == "fuzzy" and "konwer" in match.reason and "2020/2021" in match.reason


def test_doi_mismatch_vetoes_fuzzy_match():
    _, recs = records("@article{a, author={Konwer, S.}, title={US-India Relations: The Shadowboxing Era}, year=2020, doi={10.1/a}}\n"
                      "@article{b, author={Konwer, S.}, title={US-India Relations: The Shadowboxing Era}, year=2020, doi={10.1/b}}\n")
    assert find_duplicates(recs) == []


def test_years_far_apart_are_not_duplicates():
    _, recs = records("@book{a, author={Waltz, K.}, title={Theory of International Politics}, year=1979}\n"
                      "@book{b, author={Waltz, K.}, title={Theory of International Politics}, year=2010}\n")
    assert find_duplicates(recs) == []


def test_merge_keeps_every_field_and_maps_keys():
    library, recs = records("@article{a, author={Fair, C. C.}, title={The educated militants}, year=2008, doi={10.1/x}, pages={93--106}}\n"
                            "@article{b, author={Fair, Christine}, title={Educated militants}, year=2009, doi={10.1/x}, note={n}}\n")
    result = merge_duplicates(library, find_duplicates(recs))
    assert result.key_map == {"b": "a"}
    [entry] = library.entries
    assert entry.fields["note"] == "n" and entry.fields["pages"] == "93--106"
    assert entry.fields["citeman-merged-year"] == "2009"
    assert entry.fields["citeman-merged-title"] == "Educated militants"
    assert "Fair, Christine" in entry.fields["citeman-merged-author"]
    assert entry.fields["ids"] == "b"


def test_finding_duplicates_batch_by_batch_gives_the_same_matches(seed004):
    from citeman.validate.dedupe import DuplicateFinder

    text = seed004.read_text(encoding="utf-8")
    _, recs = records("\n".join(text.replace("@article{", f"@article{{c{i}") for i in range(3)))
    whole = find_duplicates(recs)
    finder = DuplicateFinder()
    pieces = [m for start in range(0, len(recs), 17) for m in finder.add(recs[start : start + 17])]
    assert pieces == whole
    assert {m.kind for m in whole} >= {"doi", "fuzzy"}
