"""V005 from the Retraction Watch database (the CSV Crossref publishes), looked up offline.

The recording is the first row of the Crossref Labs API's answer, as quoted in a public
script (see tests/fixtures/recorded/manifest.json): record 50438, the retraction of
10.1155/2021/6907871 by the notice 10.1155/2023/9804945.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from citeman.app import verify
from citeman.cli import app
from citeman.errors import InputError
from citeman.model import Diagnostic, Entry
from citeman.online.sources import retractionwatch
from citeman.online.verify import listed_retractions, with_listed_retractions
from tests.online.conftest import RECORDED

CSV = RECORDED / "retractionwatch" / "labs-api-record-50438.csv"
RETRACTED = """@article{zhang2021construction,
  author = {Zhang, Haiyan},
  title = {Construction of Mental Health Education Model Based on Computer Multimedia Group Psychological Measurement},
  journal = {Advances in Multimedia},
  year = {2021},
  doi = {DOI},
}
"""


def _bib(tmp_path, doi):
    path = tmp_path / "refs.bib"
    path.write_text(RETRACTED.replace("DOI", doi), encoding="utf-8")
    return str(path)


def test_the_recorded_row_is_read_as_a_retraction_with_its_notice_date_and_reasons():
    index = retractionwatch.load(CSV)
    [notice] = index.by_doi["10.1155/2021/6907871"]
    assert (notice.record_id, notice.nature, notice.date, notice.notice_doi) == (
        "50438", "Retraction", "2023-08-16", "10.1155/2023/9804945")
    assert notice.retracts and len(notice.reasons) == 8 and notice.reasons[0] == "Concerns/Issues About Data"
    assert index.by_pmid == {}  # the row's PubMed id is the placeholder 0


def test_verify_reports_v005_from_the_database_even_when_no_service_could_be_asked(options, tmp_path):
    options.offline = True  # an empty cache: no service answers
    outcome = verify([_bib(tmp_path, "https://doi.org/10.1155/2021/6907871")], options=options, retractions=str(CSV))
    [finding] = outcome.diagnostics
    assert finding.code == "V005" and finding.severity == "error" and finding.field == "doi"
    assert finding.message.startswith("10.1155/2021/6907871 is retracted according to Retraction Watch (record 50438, "
                                      "2023-08-16, notice 10.1155/2023/9804945; reasons: Concerns/Issues About Data")
    assert outcome.exit_code == 1
    assert any("not checked: not in the cache (offline)" in m for m in outcome.messages)


def test_the_retraction_notice_itself_is_not_reported_as_retracted(options, tmp_path):
    options.offline = True
    outcome = verify([_bib(tmp_path, "10.1155/2023/9804945")], options=options, retractions=str(CSV))
    assert outcome.diagnostics == [] and outcome.exit_code == 0


def test_a_service_s_own_retraction_finding_is_not_repeated():
    entry = Entry(key="k", type="article", fields={"doi": "10.1155/2021/6907871"})
    listed = listed_retractions(retractionwatch.load(CSV), entry, "refs.bib")
    online = [Diagnostic("V005", "error", "retracted according to Crossref", "refs.bib", 1, "k", "doi")]
    assert with_listed_retractions(online, listed) == online
    assert with_listed_retractions([], listed) == listed and len(listed) == 1


def test_a_correction_is_no_retraction():
    text = CSV.read_text(encoding="utf-8").replace(",Retraction,", ",Correction,")
    index = retractionwatch.parse(text, "rw.csv")
    assert index.retractions(Entry(key="k", type="article", fields={"doi": "10.1155/2021/6907871"})) == []


def test_a_file_without_the_columns_is_one_input_error_naming_it():
    with pytest.raises(InputError) as caught:
        retractionwatch.parse("DOI,Title\n10.1/x,T\n", "notes.csv")
    assert str(caught.value).startswith("notes.csv:1: not a Retraction Watch CSV file: no column Record ID")


@pytest.mark.parametrize("content", [None, "a,b\n1,2\n"])
def test_a_missing_or_wrong_file_is_a_one_line_usage_error(tmp_path, content):
    bib = _bib(tmp_path, "10.1155/2021/6907871")
    csv_file = tmp_path / "rw.csv"
    if content is not None:
        csv_file.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(app, ["verify", bib, "--offline", "--cache", str(tmp_path / "c.sqlite"),
                                      "--retractions", str(csv_file)])
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1, result.output
    assert str(csv_file) in result.output and "Traceback" not in result.output
