"""``citeman verify`` on recorded answers: V001-V005, not-checked entries, formats, baselines, suppressions."""

from __future__ import annotations

import json

import httpx

from citeman.app import verify
from tests.online.conftest import recorded_body

PONE = """@article{sadasivan2012,
  author = {Sadasivan, Shankar and Pond, Brooks B. and Pani, Amar K.},
  title = {Methylphenidate exposure induces dopamine neuron loss and activation of microglia in the basal ganglia of mice},
  journal = {PLoS ONE},
  year = {YEAR},
  doi = {10.1371/journal.pone.0033693},
}
"""


def _bib(tmp_path, text, name="refs.bib"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_matching_record_has_no_findings(options, tmp_path):
    outcome = verify([_bib(tmp_path, PONE.replace("YEAR", "2012"))], options=options)
    assert outcome.exit_code == 0, outcome.messages
    assert outcome.diagnostics == []
    assert outcome.messages == ["verified 1 of 1 entries"]


def test_wrong_year_is_v102_naming_both_values_and_the_doi(options, tmp_path):
    outcome = verify([_bib(tmp_path, PONE.replace("YEAR", "2015"))], options=options)
    assert [(d.code, d.field) for d in outcome.diagnostics] == [("V002", "year")]
    message = outcome.diagnostics[0].message
    assert "10.1371/journal.pone.0033693" in message and "'2015'" in message and "'2012'" in message
    assert outcome.diagnostics[0].line == 5   # the year field's line
    assert outcome.exit_code == 1


def test_doi_that_resolves_nowhere_is_v101(router, options, tmp_path):
    # Crossref's recorded 404 body is the same for every unknown DOI; doi.org's 404 is recorded for this one.
    router.get("https://api.crossref.org/works/10.1126/foo").mock(
        return_value=httpx.Response(404, text=recorded_body("crossref/works-404-notarealdoi.txt")))
    text = "@article{k,\n  title = {Nothing},\n  doi = {10.1126/foo},\n}\n"
    outcome = verify([_bib(tmp_path, text)], search=["crossref"], options=options)
    codes = [d.code for d in outcome.diagnostics]
    # The search for its title is not recorded: the entry is not checked rather than half-checked.
    assert codes == [] and "not checked" in outcome.messages[0]
    text = "@article{k,\n  doi = {10.1126/foo},\n}\n"
    outcome = verify([_bib(tmp_path, text)], search=["crossref"], options=options)
    assert [(d.code, d.field) for d in outcome.diagnostics] == [("V001", "doi")]
    assert outcome.exit_code == 1


def _search_answer(router, recorded: str):
    router.get(url__startswith="https://api.crossref.org/works?query.bibliographic=").mock(
        return_value=httpx.Response(200, text=recorded_body(recorded)))


def test_entry_without_doi_found_by_search_is_v104(router, options, tmp_path):
    # The recorded search's candidates stand in for the answer to this entry's query.
    item = json.loads(recorded_body("crossref/search-query-ecology-author-boettiger.json"))["message"]["items"][0]
    authors = " and ".join(f"{a['family']}, {a.get('given', '')}" for a in item["author"])
    year = item["issued"]["date-parts"][0][0]
    text = f"@article{{k,\n  author = {{{authors}}},\n  title = {{{item['title'][0]}}},\n  year = {{{year}}},\n}}\n"
    _search_answer(router, "crossref/search-query-ecology-author-boettiger.json")
    outcome = verify([_bib(tmp_path, text)], search=["crossref"], options=options, fail_on="warning")
    assert [d.code for d in outcome.diagnostics] == ["V004"]
    assert item["DOI"] in outcome.diagnostics[0].message
    assert outcome.exit_code == 0   # info does not fail the run


def test_fabricated_entry_is_v103(router, options, tmp_path):
    text = ("@misc{acute2024,\n  author = {Acute, I. P. C. and Insecurity, F. and March, A.},\n"
            "  title = {8.6m},\n  year = {2024},\n}\n")
    _search_answer(router, "crossref/search-query-ecology-author-boettiger.json")
    outcome = verify([_bib(tmp_path, text)], search=["crossref"], options=options)
    assert [d.code for d in outcome.diagnostics] == ["V003"]
    assert "possibly fabricated" in outcome.diagnostics[0].message


def test_network_failure_is_one_line_per_entry_and_exit_2(options, tmp_path):
    text = PONE.replace("YEAR", "2012").replace("10.1371/journal.pone.0033693", "10.9999/a") + \
        "\n@article{b,\n  title = {Another work},\n}\n"
    outcome = verify([_bib(tmp_path, text)], options=options)
    assert outcome.exit_code == 2
    assert outcome.diagnostics == []   # never a false "not found"
    errors = [m for m in outcome.messages if m.startswith("error:")]
    assert len(errors) == 2 and all("not checked: network error" in m and "\n" not in m for m in errors)
    assert errors[0].startswith(f"error: {tmp_path}/refs.bib:1: sadasivan2012: ")


def test_offline_uses_the_cache_only(options, tmp_path):
    bib = _bib(tmp_path, PONE.replace("YEAR", "2015"))
    options.offline = True
    outcome = verify([bib], options=options)
    assert outcome.diagnostics == [] and outcome.exit_code == 0
    assert "not checked: not in the cache (offline)" in outcome.messages[0]
    options.offline = False
    verify([bib], options=options)            # fills the cache
    options.offline, options.transport = True, None   # no network at all from here on
    outcome = verify([bib], options=options)
    assert [d.code for d in outcome.diagnostics] == ["V002"]


def test_report_formats_baseline_and_suppression(options, tmp_path):
    bib = _bib(tmp_path, PONE.replace("YEAR", "2015"))
    sarif = json.loads(verify([bib], fmt="sarif", options=options).output)
    assert sarif["runs"][0]["results"][0]["ruleId"] == "V002"
    assert any(r["id"] == "V002" for r in sarif["runs"][0]["tool"]["driver"]["rules"])
    github = verify([bib], fmt="github", options=options).output
    assert github.startswith("::warning file=") and "V002" in github
    baseline = str(tmp_path / "baseline.json")
    verify([bib], write_baseline=baseline, options=options)
    outcome = verify([bib], baseline=baseline, fmt="json", options=options)
    assert json.loads(outcome.output)[0]["status"] == "baselined" and outcome.exit_code == 0
    suppressed = _bib(tmp_path, "% citeman: ignore V002 -- print year differs\n" + PONE.replace("YEAR", "2015"),
                      "suppressed.bib")
    outcome = verify([suppressed], fmt="json", options=options)
    assert json.loads(outcome.output)[0]["status"] == "suppressed" and outcome.exit_code == 0


def test_seed_paper_reference_list_against_the_recordings(repo_root, options):
    """The seed paper's 42 references: none has a recorded answer, so none is checked, and none is called fabricated."""
    bib = str(repo_root / "bib" / "usman2025usindia-references.bib")
    options.offline = True
    outcome = verify([bib], options=options)
    assert outcome.diagnostics == []
    assert outcome.messages[-1] == "verified 0 of 42 entries; 42 not checked"
    assert sum("not checked" in m for m in outcome.messages) == 43
    options.offline = False   # the same with the recorded answers only: not checked, exit 2, no V003
    outcome = verify([bib], search=["crossref"], options=options)
    assert outcome.diagnostics == [] and outcome.exit_code == 2


def test_a_paper_is_verified_through_its_parsed_reference_list(repo_root, options):
    paper = str(repo_root / "seeds" / "004_f4c71cc64816fcce.txt")
    options.offline = True
    outcome = verify([paper], options=options)
    assert outcome.diagnostics == []
    checked, total = outcome.messages[-1].removeprefix("verified ").split(" entries")[0].split(" of ")
    assert checked == "0" and int(total) >= 40
    assert all(":" in m.split(" ")[1] for m in outcome.messages[:-1])   # file:line of each reference


def test_an_unexpected_answer_leaves_that_entry_unchecked_without_a_traceback(router, options, tmp_path):
    # A real recorded body where a work was expected: the 'select' answer is a list of works.
    router.get("https://api.crossref.org/works/10.5555/list").mock(
        return_value=httpx.Response(200, text=recorded_body("crossref/search-query-ecology-select-doi-title.json")))
    text = PONE.replace("YEAR", "2012") + "\n@article{odd,\n  title = {Odd},\n  doi = {10.5555/list},\n}\n"
    outcome = verify([_bib(tmp_path, text)], options=options)
    assert outcome.exit_code == 2 and outcome.diagnostics == []
    errors = [m for m in outcome.messages if m.startswith("error:")]
    assert len(errors) == 1 and ": odd: not checked: Crossref answered with something that is not a work" in errors[0]
    assert outcome.messages[-1] == "verified 1 of 2 entries; 1 not checked"


LERRO = """@article{lerro2018,
  author = {Lerro, Catherine C. and Beane Freeman, Laura E. and DellaValle, Curt T.},
  title = {Occupational pesticide exposure and subclinical hypothyroidism among male pesticide applicators},
  journal = {Occupational and Environmental Medicine},
  year = {YEAR},
  pmid = {28775130},
}
"""


def test_entry_with_a_pmid_is_checked_against_its_pubmed_record(options, tmp_path):
    outcome = verify([_bib(tmp_path, LERRO.replace("YEAR", "2018"))], options=options)
    # The record agrees; PubMed knows the DOI the entry lacks.
    assert [d.code for d in outcome.diagnostics] == ["V004"], outcome.messages
    assert "10.1136/oemed-2017-104431" in outcome.diagnostics[0].message and outcome.exit_code == 0
    outcome = verify([_bib(tmp_path, LERRO.replace("YEAR", "2016"))], options=options)
    assert [(d.code, d.field) for d in outcome.diagnostics] == [("V004", ""), ("V002", "year")]
    assert "the record of PMID 28775130 at PubMed" in outcome.diagnostics[1].message
    assert not any(d.code == "V005" for d in outcome.diagnostics)   # PubMed marks no retraction here
