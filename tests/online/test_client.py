"""The HTTP client and its cache: retries and backoff, Retry-After, rate limits, polite pool, TTL, offline."""

from __future__ import annotations

import httpx
import pytest

from citeman.online.cache import ResponseCache
from citeman.online.client import OnlineClient, Unreachable, rate_interval, retry_after
from citeman.online.identifiers import classify
from tests.online.conftest import recorded_body

WORK = "https://api.crossref.org/works/10.1371/journal.pone.0033693"
BODY = recorded_body("crossref/works-journal-article-pone.0033693.json")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _client(answers, tmp_path, **kwargs):
    """A client whose transport gives ``answers`` in turn; the requests sent and the waits are recorded."""
    sent, waits = [], []

    def handle(request):
        sent.append(request)
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    cache = kwargs.pop("cache", ResponseCache(tmp_path / "c.sqlite"))
    client = OnlineClient(cache, transport=httpx.MockTransport(handle), sleep=waits.append, **kwargs)
    return client, sent, waits


def test_retries_5xx_and_429_with_backoff_and_retry_after(tmp_path):
    answers = [httpx.Response(503), httpx.Response(429, headers={"Retry-After": "7"}), httpx.Response(200, text=BODY)]
    client, sent, waits = _client(answers, tmp_path)
    reply = client.get(WORK)
    assert reply.ok and len(sent) == 3
    assert waits == [0.5, 7.0]


def test_gives_up_after_the_retries_with_a_reason(tmp_path):
    answers = [httpx.ConnectError("down")] * 4
    client, sent, waits = _client(answers, tmp_path, retries=3)
    with pytest.raises(Unreachable, match="network error: ConnectError after 4 attempts"):
        client.get(WORK)
    assert waits == [0.5, 1.0, 2.0]


def test_polite_pool_mailto_is_sent_but_not_part_of_the_cache_key(tmp_path):
    client, sent, _ = _client([httpx.Response(200, text=BODY)], tmp_path, mailto="me@example.org")
    client.get(WORK)
    assert sent[0].url.params["mailto"] == "me@example.org"
    assert "mailto:me@example.org" in sent[0].headers["user-agent"]
    assert client.get(WORK).from_cache   # the second time from the cache, under the plain URL


def test_ncbi_gets_the_contact_address_as_email_and_three_requests_a_second(tmp_path):
    from citeman.online.sources.pubmed import efetch_url

    body = recorded_body("pubmed/efetch-28775130.xml")
    clock = Clock()
    client, sent, waits = _client([httpx.Response(200, text=body)] * 2, tmp_path, mailto="me@example.org",
                                  clock=clock, refresh=True)
    client.get(efetch_url("28775130"), accept="application/xml")
    client.get(efetch_url("28775130"), accept="application/xml")
    assert sent[0].url.params["email"] == "me@example.org" and sent[0].url.params["tool"] == "citeman"
    assert "mailto" not in sent[0].url.params
    assert waits == [pytest.approx(0.34)]


def test_keeps_to_the_announced_rate(tmp_path):
    limit = {"X-Rate-Limit-Limit": "50", "X-Rate-Limit-Interval": "1s"}
    answers = [httpx.Response(200, text=BODY, headers=limit), httpx.Response(200, text=BODY)]
    clock = Clock()
    client, _, waits = _client(answers, tmp_path, clock=clock, refresh=True)
    client.get(WORK)
    client.get(WORK)
    assert waits == [pytest.approx(0.02)]


def test_header_readers():
    assert retry_after("12", 0) == 12.0 and retry_after(None, 0) is None and retry_after("soon", 0) is None
    assert rate_interval(httpx.Headers({"x-rate-limit-limit": "10", "x-rate-limit-interval": "2s"})) == 0.2
    assert rate_interval(httpx.Headers({})) is None


def test_cache_ttl_refresh_and_offline(tmp_path):
    clock = Clock()
    cache = ResponseCache(tmp_path / "c.sqlite", ttl=60, clock=clock)
    cache.put(WORK, "application/json", 200, BODY)
    cache.put("https://api.crossref.org/works/x", "application/json", 503, "")   # never stored
    assert len(cache) == 1
    assert cache.get(WORK, "application/json").body == BODY
    clock.now += 61
    assert cache.get(WORK, "application/json") is None                    # expired
    assert cache.get(WORK, "application/json", any_age=True) is not None  # still there for --offline
    offline = OnlineClient(cache, offline=True)
    assert offline.get(WORK).from_cache
    with pytest.raises(Unreachable, match="not in the cache"):
        offline.get("https://api.crossref.org/works/10.1/none")


@pytest.mark.parametrize("text,kind,value", [
    ("10.1371/journal.pone.0033693", "doi", "10.1371/journal.pone.0033693"),
    ("https://doi.org/10.1038/SREP16696", "doi", "10.1038/srep16696"),
    ("doi:10.1002/jor.1100150407", "doi", "10.1002/jor.1100150407"),
    ("arXiv:1605.08386v2", "arxiv", "1605.08386v2"),
    ("https://arxiv.org/pdf/1707.08567.pdf", "arxiv", "1707.08567"),
    ("hep-th/9901001", "arxiv", "hep-th/9901001"),
    ("978-0-262-03384-8", "isbn", "9780262033848"),
    ("ISBN 0-262-03384-4", "isbn", "9780262033848"),
    ("PMID: 22457839", "pmid", "22457839"),
    ("https://pubmed.ncbi.nlm.nih.gov/22457839/", "pmid", "22457839"),
])
def test_classify(text, kind, value):
    found = classify(text)
    assert found is not None and (found.kind, found.value) == (kind, value)


@pytest.mark.parametrize("text", ["", "nonsense", "978-0-262-03384-9", "10.1234"])
def test_classify_rejects(text):
    assert classify(text) is None
