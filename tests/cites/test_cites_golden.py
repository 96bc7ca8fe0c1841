"""Golden reports of ``citeman cites`` on seed 004 against its reference list typed as a .bib.

Regenerate after a reviewed change with ``CITEMAN_UPDATE_GOLDEN=1 pytest tests/cites``.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from citeman.cites import check_paper, format_cites_report
from golden_files import assert_golden as check_golden

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
PAPER = "seeds/004_f4c71cc64816fcce.txt"
BIB = "tests/cites/fixtures/seed004.bib"


@pytest.fixture
def seed_result(monkeypatch):
    monkeypatch.chdir(REPO)  # relative paths in the report, as a user would type them
    return check_paper(PAPER, BIB)


def assert_golden(actual: str, name: str) -> None:
    """Compare with ``golden/<name>`` (see ``tests/golden_files.py``)."""
    check_golden(actual, HERE / "golden" / name)


def test_golden_text(seed_result):
    summary = f"Checked {len(seed_result.citations)} citations against {len(seed_result.entries)} references"
    assert_golden(format_cites_report(seed_result.diagnostics, "text", summary=summary), "seed004.txt")


def test_golden_json(seed_result):
    assert_golden(format_cites_report(seed_result.diagnostics, "json"), "seed004.json")


def test_seed_findings_a_careful_reader_expects(seed_result):
    findings = seed_result.diagnostics
    assert Counter(d.code for d in findings) == {"C001": 4, "C002": 3, "C003": 1}
    uncited = {d.key for d in findings if d.code == "C002"}
    assert uncited == {"abercrombie2019realizing", "janardhan2022nonideological", "khan2023indiaus"}
    (year,) = [d for d in findings if d.code == "C003"]
    assert (year.line, year.key) == (26, "mahmood2025shifting")
    assert {d.line for d in findings if d.code == "C001"} == {66, 68, 70, 76}
    assert all("D Dhanuraj" in d.message for d in findings if d.code == "C001")


def test_seed_citations_are_all_found(seed_result):
    citations = seed_result.citations
    assert len(citations) == 46
    labels = {c.label() for c in citations}
    for expected in (
        "Sameer Lalwani 2019",
        "Perkovich 4392",
        "Goucha & Crowley 2009",
        "SHINN & EISENMAN 2023",
        "Khan & Askari 2023",
        "Relations & Relations 2021",
        "Human Rights in Pakistan 1999",
        "Nan tian et al. 2024",
        "No 2020",
        "Turner 2011",
        "Siddiqui 2021",
    ):
        assert expected in labels
    assert not any(c.year == "2023" and c.names == () for c in citations)
    # Nothing from the reference section (it starts at line 166).
    assert max(c.line for c in citations) < 166


def test_seed_sections_skip_running_headers(seed_result):
    weitz = next(c for c in seed_result.citations if c.names == ("Weitz",))
    assert weitz.section == "Literature Review"
    assert weitz.sentence.startswith("Mutual trade, weapon and arms deals")
    assert weitz.sentence.endswith("but in passive mode(Weitz, 2020).")
    json.dumps([c.sentence for c in seed_result.citations])  # plain strings throughout


def test_seed_against_its_own_reference_list(monkeypatch):
    """The list read from the paper itself gives the same findings as the hand-typed .bib."""
    monkeypatch.chdir(REPO)
    result = check_paper(PAPER)
    assert len(result.entries) == 42
    assert Counter(d.code for d in result.diagnostics) == {"C001": 4, "C002": 3, "C003": 1}
    uncited = sorted(d.message.split(" is never")[0] for d in result.diagnostics if d.code == "C002")
    assert uncited == ["'Abercrombie 2019'", "'Janardhan 2022'", "'Khan 2023'"]
    assert all(d.path == PAPER for d in result.diagnostics)
    assert {d.line for d in result.diagnostics if d.code == "C002"} > {168}
