"""OpenAlex on recorded answers (front-matter/commonmeta-py cassettes): works by DOI, search, and a
Crossref record whose ``update-to`` notice is a new version, not a retraction."""

from __future__ import annotations

import json

import httpx

from citeman.app import verify
from citeman.online.client import OnlineClient
from citeman.online.sources import crossref, openalex
from tests.online.conftest import recorded_body, replaying

SAMPLE = "openalex/works-sample-5.json"


def _client(router) -> OnlineClient:
    return OnlineClient(transport=replaying(router), retries=0)


def _bib(tmp_path, text):
    path = tmp_path / "refs.bib"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_work_by_doi_asks_for_the_documented_url_form_and_converts_every_field(router):
    record = openalex.work(_client(router), "doi", "10.1371/journal.pone.0000030")
    assert record.url == "https://api.openalex.org/works/https://doi.org/10.1371/journal.pone.0000030"
    entry = record.entry
    assert entry.type == "article" and entry.fields["journal"] == "PLoS ONE" and entry.fields["year"] == "2006"
    assert entry.fields["title"].startswith("Triose Phosphate Isomerase Deficiency")
    assert [p.family for p in entry.authors][:2] == ["Ralser", "Heeren"]
    assert entry.fields["doi"] == "10.1371/journal.pone.0000030"
    assert not record.retracted
    assert entry.provenance["title"].method == "online:openalex"


def test_book_by_doi_is_a_book(router):
    entry = openalex.work(_client(router), "doi", "10.1017/9781108348843").entry
    assert entry.type == "book" and entry.fields["year"] == "2019"
    assert [(p.given, p.family) for p in entry.authors] == [("Vincent S.", "Leung")]


def test_every_work_of_a_recorded_list_converts():
    results = json.loads(recorded_body(SAMPLE))["results"]
    records = [openalex.record_from_work(item, "https://api.openalex.org/works?sample=5") for item in results]
    assert [r.entry.fields["title"] for r in records] == [item["display_name"] for item in results]


def _first_with_authors_and_doi() -> dict:
    results = json.loads(recorded_body(SAMPLE))["results"]
    return next(r for r in results if r["authorships"] and r["doi"] and r["publication_year"])


def test_verify_finds_a_doi_by_openalex_search_v004(router, options, tmp_path):
    # The recorded sample list (the same "results" shape as a search answer) stands in for this query's answer.
    router.get(url__startswith="https://api.openalex.org/works?search=").mock(
        return_value=httpx.Response(200, text=recorded_body(SAMPLE)))
    item = _first_with_authors_and_doi()
    authors = " and ".join(a["author"]["display_name"] for a in item["authorships"])
    text = (f"@article{{k,\n  author = {{{authors}}},\n  title = {{{item['display_name']}}},\n"
            f"  year = {{{item['publication_year']}}},\n}}\n")
    outcome = verify([_bib(tmp_path, text)], search=["openalex"], options=options)
    assert [d.code for d in outcome.diagnostics] == ["V004"], outcome.messages
    assert item["doi"].removeprefix("https://doi.org/") in outcome.diagnostics[0].message
    assert "OpenAlex" in outcome.diagnostics[0].message


def test_verify_reports_no_match_in_openalex_as_v003(router, options, tmp_path):
    router.get(url__startswith="https://api.openalex.org/works?search=").mock(
        return_value=httpx.Response(200, text=recorded_body(SAMPLE)))
    text = "@misc{k,\n  author = {Nobody, A.},\n  title = {A study that was never written},\n  year = {2024},\n}\n"
    outcome = verify([_bib(tmp_path, text)], search=["openalex"], options=options)
    assert [d.code for d in outcome.diagnostics] == ["V003"]


def test_new_version_notice_is_not_a_retraction(router, options, tmp_path):
    # A real record whose update-to and updated-by name a "new_version": V005 is for retractions only.
    record = crossref.work(_client(router), "10.1371/journal.ppat.1008184")
    assert record.entry.fields["year"] == "2020" and not record.retracted
    text = ("@article{twittenhoff2020,\n  author = {Twittenhoff, Christian and Heroven, Ann Kathrin and others},\n"
            "  title = {An RNA thermometer dictates production of a secreted bacterial toxin},\n"
            "  journal = {PLOS Pathogens},\n  year = {2020},\n  doi = {10.1371/journal.ppat.1008184},\n}\n")
    outcome = verify([_bib(tmp_path, text)], options=options)
    assert "V005" not in [d.code for d in outcome.diagnostics], outcome.diagnostics
