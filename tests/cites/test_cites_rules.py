"""Each citation rule: its documented Bad example triggers it, its Good example is clean."""

from __future__ import annotations

import re

import pytest

from citeman.cites import extract_citations
from citeman.cites import CITES_RULES, check_citations
from citeman.io.bibtex import parse_bib
from citeman.validate.base import Rule


def run_example(example: str) -> list:
    match = re.fullmatch(r"paper:\s*(?P<paper>.*?)\s*bib:\s*(?P<bib>.*)", example, re.S)
    assert match, example
    library, problems = parse_bib(match.group("bib"), "refs.bib")
    assert problems == []
    citations = extract_citations(match.group("paper"), "paper.md")
    return check_citations(citations, library.entries, paper="paper.md")


@pytest.mark.parametrize("rule", CITES_RULES, ids=[r.code for r in CITES_RULES])
def test_bad_example_triggers_the_rule(rule: Rule):
    bad, _ = rule.examples()
    assert rule.code in {d.code for d in run_example(bad)}


@pytest.mark.parametrize("rule", CITES_RULES, ids=[r.code for r in CITES_RULES])
def test_good_example_is_clean(rule: Rule):
    _, good = rule.examples()
    assert run_example(good) == []


def test_rule_metadata():
    codes = [r.code for r in CITES_RULES]
    assert codes == sorted(codes) and len(set(codes)) == len(codes)
    for rule in CITES_RULES:
        assert re.fullmatch(r"C\d{3}", rule.code)
        assert re.fullmatch(r"[a-z]+(-[a-z]+)+", rule.name)
        assert rule.severity.value in {"error", "warning", "info"}
        assert rule.summary.endswith(".")
        assert all(rule.examples())


def bib(text: str):
    library, _ = parse_bib(text, "refs.bib")
    return library.entries


WEITZ = bib("@misc{weitz2020, author = {Weitz, R.}, title = {Trade}, year = {2020}}\n")


def test_finding_names_the_citation_line_and_the_reference_line():
    refs = bib("\n\n@article{m2025, author = {Mahmood, A. and Askari, M. U.}, title = {S}, year = {2025}}\n")
    citations = extract_citations("Intro.\n\nShifted (Mahmood & Askari, 2023).", "paper.md")
    (finding,) = check_citations(citations, refs, paper="paper.md")
    assert (finding.code, finding.path, finding.line, finding.key, finding.field) == ("C003", "paper.md", 3, "m2025", "year")
    assert finding.message == (
        "'(Mahmood & Askari, 2023)' cites year '2023' but the reference by the same authors at refs.bib:3 has '2025'"
    )


def test_uncited_reference_is_reported_at_the_reference():
    (finding,) = check_citations([], WEITZ, paper="paper.md")
    assert (finding.code, finding.path, finding.line, finding.key) == ("C002", "refs.bib", 1, "weitz2020")


def test_year_mismatch_is_not_also_reported_as_uncited():
    citations = extract_citations("(Weitz, 2021)", "paper.md")
    assert [d.code for d in check_citations(citations, WEITZ, paper="paper.md")] == ["C003"]


def test_missing_citation_suggests_the_closest_reference():
    citations = extract_citations("(Weitzman, 2019)", "paper.md")
    codes = {d.code: d for d in check_citations(citations, WEITZ, paper="paper.md")}
    assert "closest reference: 'weitz2020'" in codes["C001"].message


def test_ambiguity_in_the_list_is_reported_once_when_never_cited_ambiguously():
    refs = bib(
        "@misc{a, author = {Khan, M.}, title = {Alpha}, year = {2023}}\n"
        "@misc{b, author = {Khan, M.}, title = {Beta}, year = {2023}}\n"
    )
    citations = extract_citations("(Khan, 2023a; Khan, 2023b)", "paper.md")
    (finding,) = check_citations(citations, refs, paper="paper.md")
    assert (finding.code, finding.line, finding.key) == ("C005", 2, "b")


def test_ambiguous_citation_is_reported_at_the_citation():
    refs = bib(
        "@misc{a, author = {Khan, M.}, title = {Alpha}, year = {2023}}\n"
        "@misc{b, author = {Khan, M.}, title = {Beta}, year = {2023}}\n"
    )
    citations = extract_citations("Text.\n(Khan, 2023)", "paper.md")
    findings = check_citations(citations, refs, paper="paper.md")
    assert [(d.code, d.path, d.line) for d in findings] == [("C005", "paper.md", 2)]


def test_et_al_labels_of_different_works_collide():
    refs = bib(
        "@misc{a, author = {Khan, M. and Ali, S. and Shah, R.}, title = {Alpha}, year = {2023}}\n"
        "@misc{b, author = {Khan, M. and Bhatti, Z. and Rana, Q.}, title = {Beta}, year = {2023}}\n"
    )
    citations = extract_citations("(Khan et al., 2023)", "paper.md")
    assert [d.code for d in check_citations(citations, refs, paper="paper.md")] == ["C005"]


def test_select_and_ignore():
    citations = extract_citations("(Nobody, 2020)", "paper.md")
    assert [d.code for d in check_citations(citations, WEITZ, paper="paper.md", select=["C001"])] == ["C001"]
    assert [d.code for d in check_citations(citations, WEITZ, paper="paper.md", ignore=["C00"])] == []


def test_stray_numbers_in_an_author_date_paper_are_not_references():
    citations = extract_citations("Trade grew (Weitz, 2020) as in item [7].", "paper.md")
    assert check_citations(citations, WEITZ, paper="paper.md") == []


def test_numbers_count_in_a_numeric_paper():
    citations = extract_citations("Trade grew [1] and fell [2].", "paper.md")
    findings = check_citations(citations, WEITZ, paper="paper.md")
    assert [(d.code, d.line) for d in findings] == [("C006", 1)]


def test_et_al_for_a_single_author_is_an_author_list_difference():
    citations = extract_citations("(Weitz et al., 2020)", "paper.md")
    findings = check_citations(citations, WEITZ, paper="paper.md")
    assert [(d.code, d.key) for d in findings] == [("C007", "weitz2020")]
