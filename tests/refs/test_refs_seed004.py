"""Seed 004: the paper's 42 references, split exactly, with no running header left anywhere."""

from __future__ import annotations


import pytest

from citeman.ingest.reflist import extract_reference_strings, references_from_paper
from golden_files import assert_golden
from refs_helpers import GOLDEN, REPO, SEED004

FIRST_WORDS = (
    "Abercrombie Acute Ahmad Ali Ashley Askari Askari Behera Bukhari D Fair Goucha Human Inglehart Issn "
    "Janardhan Kanwel Khan Khan Khanum Khoso Konwer Mahmood Mahmood Maqbool Moschella Nan No Paul Perkovich "
    "Rehman Relations Sameer Shinn Siddiqui Singh Siswasih Tan Thellis Turner Weitz Yadav"
).split()
START_LINES = [168, 170, 172, 174, 176, 178, 180, 182, 184, 186, 188, 190, 192, 194, 198, 200, 202, 204, 206,
               208, 210, 212, 214, 216, 218, 220, 228, 232, 236, 238, 240, 244, 246, 248, 250, 252, 254, 258,
               262, 264, 266, 273]
HEADERS = ("US-India Defense Partnerships and Its Impacts on Pakistan", "Naeem Usman")


@pytest.fixture(scope="module")
def seed_refs():
    text = (REPO / SEED004).read_text(encoding="utf-8")
    return extract_reference_strings(text, SEED004)


def test_exactly_42_references_with_expected_first_words(seed_refs) -> None:
    refs, _ = seed_refs
    assert len(refs) == 42
    assert [r.text.split()[0].rstrip(",.") for r in refs] == FIRST_WORDS
    assert [r.line for r in refs] == START_LINES


def test_no_running_header_in_any_reference(seed_refs) -> None:
    refs, diagnostics = seed_refs
    for ref in refs:
        for header in HEADERS:
            assert header not in ref.text and header not in ref.raw
    assert [(d.code, d.line) for d in diagnostics] == [("R001", 222), ("R001", 268)]


def test_wrapped_references_are_joined(seed_refs) -> None:
    refs, _ = seed_refs
    by_line = {r.line: r for r in refs}
    assert "Parties: The Silent Revolution in Reverse." in by_line[194].text
    assert "Counterweight to China—and the Next Great" in by_line[220].text
    assert by_line[220].text.endswith("india-essential-counterweight-china-and-next-great-us-dependency")
    assert by_line[228].text.endswith("https://www.sipri.org/sites/default/files/2024-04/2404_fs_milex_2023.pdf")
    weitz = by_line[266].text
    assert weitz.startswith("Weitz, R. (2020). Strategic Studies Institute , US Army War College PROMOTING U . S .")
    assert weitz.endswith("Stable URL : https://www.jstor.org/stable/. 2017.")
    assert by_line[184].text.endswith("Dr._Syed_Shahid_Vol.35_No.3_2015.pdf")


def test_entries_keep_raw_text_and_source_line() -> None:
    entries, _ = references_from_paper(REPO / SEED004)
    assert len(entries) == 42
    first = entries[0]
    assert first.fields["citeman-source"].endswith("004_f4c71cc64816fcce.txt:168")
    assert first.fields["rawref"].startswith("Abercrombie, C. (2019). Realizing the potential")
    assert "<https://doi.org/10.1353/asp.2019.0011>" in first.fields["rawref"]
    for entry in entries:
        values = list(entry.fields.values()) + [p.display() for ps in entry.persons.values() for p in ps]
        assert not any(h.lower() in v.lower() for v in values for h in HEADERS)


def test_golden_bibtex(monkeypatch) -> None:
    """`citeman refs seeds/004...` output; regenerate with CITEMAN_UPDATE_GOLDEN=1."""
    from typer.testing import CliRunner

    from citeman.cli import app

    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(app, ["refs", SEED004])
    assert result.exit_code == 0, result.output
    assert_golden(result.stdout, GOLDEN / "seed004.bib")


def test_rawref_survives_a_bibtex_round_trip() -> None:
    from citeman.io.bibtex import dumps_bib, parse_bib

    entries, _ = references_from_paper(REPO / SEED004)
    library, diagnostics = parse_bib(dumps_bib(entries))
    assert not diagnostics
    assert [e.fields["rawref"] for e in library.entries] == [e.fields["rawref"] for e in entries]
