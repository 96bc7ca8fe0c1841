"""Each service's recorded answer turned into an entry: Crossref, doi.org content negotiation, arXiv."""

from __future__ import annotations

import httpx

from citeman.online.client import OnlineClient
from citeman.online.sources import arxiv, crossref, doiorg
from citeman.online.resolve import doi_record
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
