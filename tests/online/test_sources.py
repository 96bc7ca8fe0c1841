"""Each service's recorded answer turned into an entry: Crossref, doi.org, arXiv, Google Books, PubMed."""

from __future__ import annotations

import httpx
import pytest

from citeman.online.client import OnlineClient, Unreachable
from citeman.online.sources import arxiv, crossref, doiorg, googlebooks, pubmed
from citeman.online.resolve import doi_record, isbn_record
from tests.online.conftest import recorded_body, replaying

SCIENCE = "10.1126/science.169.3946.635"


def _client(router) -> OnlineClient:
    return OnlineClient(transport=replaying(router), retries=0)


def test_crossref_work_becomes_an_article_with_every_field_stamped(router):
    record = crossref.work(_client(router), "10.1371/journal.pone.0033693")
    entry = record.entry
    assert entry.type == "article" and entry.fields["journal"] == "PLoS ONE" and entry.fields["year"] == "2012"
    assert [p.family for p in entry.authors][:2] == ["Sadasivan", "Pond"]
    assert "editor" not in entry.persons          # a journal's academic editor is not the work's editor
    assert not record.retracted                   # its updated-by notice is a correction, not a retraction
    provenance = entry.provenance["title"]
    assert provenance.method == "online:crossref" and provenance.retrieved.endswith("Z")
    assert provenance.source.path == "https://api.crossref.org/works/10.1371/journal.pone.0033693"


def test_crossref_404_is_none(router):
    assert crossref.work(_client(router), "10.1371/notarealdoi") is None


def test_doi_org_content_negotiation_follows_the_redirect(router):
    # Crossref's recorded 404 body (it is the same for every unknown DOI) sends the lookup on to doi.org,
    # which redirects (recorded) to the CSL-JSON of Crossref's transform endpoint (recorded).
    router.get(f"https://api.crossref.org/works/{SCIENCE}").mock(
        return_value=httpx.Response(404, text=recorded_body("crossref/works-404-notarealdoi.txt")))
    router.get("https://api.crossref.org/v1/works/10.1126%2Fscience.169.3946.635/transform").mock(
        return_value=httpx.Response(200, text=recorded_body("crossref/transform-csl-json-science.169.3946.635.json")))
    record = doi_record(_client(router), SCIENCE)
    assert record.service == "doi.org"
    assert record.entry.fields["title"] == "The Structure of Ordinary Water"
    assert record.entry.fields["journal"] == "Science" and record.entry.fields["year"] == "1970"


def test_doi_org_404_and_400_are_none(router):
    assert doiorg.work(_client(router), "10.1126/foo") is None
    router.get("https://doi.org/foo").mock(return_value=httpx.Response(400, text=recorded_body("doi-org/400-foo.html")))
    assert doiorg.work(_client(router), "foo") is None


def test_arxiv_eprint_and_missing_ids(router):
    client = _client(router)
    entry = arxiv.work(client, "astro-ph/0601001").entry
    assert entry.fields["eprint"] == "astro-ph/0601001" and entry.fields["archiveprefix"] == "arXiv"
    assert entry.fields["year"] == "2006" and entry.authors[0].family == "Gould"
    assert arxiv.work(client, "0000.0000") is None   # an empty feed
    assert arxiv.work(client, "abc") is None         # arXiv's error entry (HTTP 400)


def test_google_books_volume_becomes_a_book(router):
    record = googlebooks.work(_client(router), "9780099560432")
    entry = record.entry
    assert record.service == "googlebooks" and entry.type == "book"
    assert (entry.fields["title"], entry.fields["year"], entry.fields["publisher"]) == \
        ("Ready Player One", "2012", "Random House")
    assert [p.family for p in entry.authors] == ["Cline"] and entry.fields["isbn"] == "9780099560432"


def test_google_books_volume_of_another_isbn_is_no_match(router):
    # A recorded answer standing in for a search that matched another edition only.
    router.get(googlebooks.isbn_url("9780262033848")).mock(
        return_value=httpx.Response(200, text=recorded_body("googlebooks/volumes-isbn-9780099560432.json")))
    assert googlebooks.work(_client(router), "9780262033848") is None


def test_isbn_lookup_asks_open_library_only_when_google_books_has_none(router):
    router.get(googlebooks.isbn_url("9780262033848")).mock(
        return_value=httpx.Response(200, text=recorded_body("googlebooks/volumes-isbn-9780099560432.json")))
    with pytest.raises(Unreachable) as caught:   # Open Library's answer is not recorded: not found is not claimed
        isbn_record(_client(router), "9780262033848")
    assert "openlibrary.org" in caught.value.url


def test_pubmed_record_becomes_an_article_with_doi_and_pmid(router):
    record = pubmed.work(_client(router), "29963580")
    entry = record.entry
    assert record.service == "pubmed" and entry.type == "article" and not record.retracted
    assert entry.fields["title"] == ("Development of a pulmonary imaging biomarker pipeline for phenotyping of "
                                     "chronic lung disease")   # PubMed's closing period dropped
    assert entry.fields["journal"] == "Journal of medical imaging"   # NLM's "(Bellingham, Wash.)" dropped
    assert (entry.fields["year"], entry.fields["volume"], entry.fields["number"], entry.fields["pages"]) == \
        ("2018", "5", "2", "026002")
    assert entry.fields["doi"] == "10.1117/1.JMI.5.2.026002" and entry.fields["pmid"] == "29963580"
    assert entry.persons["author"][-1].literal == "Canadian Respiratory Research Network"   # a collective author


def test_pubmed_markup_and_entities_in_titles(router):
    client = _client(router)
    assert pubmed.work(client, "27797938").entry.fields["title"].startswith(
        "Leucocyte telomere length, genetic variants at the TERT gene region")   # <i>TERT</i>
    assert pubmed.work(client, "35856662").entry.fields["title"].startswith("OXA-48-Like \u03b2-Lactamases")
    assert pubmed.work(client, "35108047").entry.fields["pages"] == "eabl6449"   # StartPage of a 2025 record


def test_pubmed_answer_for_another_pmid_is_not_checked_rather_than_missing(router):
    # The record biopython's test comment says it asked for 29106400 is the record of 27797938.
    router.get(pubmed.efetch_url("29106400")).mock(
        return_value=httpx.Response(200, text=recorded_body("pubmed/efetch-27797938.xml")))
    with pytest.raises(Unreachable):
        pubmed.work(_client(router), "29106400")
