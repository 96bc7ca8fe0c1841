"""Recorded answers of Crossref, doi.org and arXiv, replayed with respx; anything else is a dropped connection."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
import respx
from respx.models import AllMockedAssertionError

from citeman.app.online import OnlineOptions

RECORDED = Path(__file__).resolve().parents[1] / "fixtures" / "recorded"
MANIFEST = json.loads((RECORDED / "manifest.json").read_text(encoding="utf-8"))


def recorded_body(name: str) -> str:
    return (RECORDED / name).read_text(encoding="utf-8")


def recorded_response(item: dict) -> httpx.Response:
    headers = {"Location": item["location"]} if "location" in item else {}
    return httpx.Response(item["status"], text=recorded_body(item["file"]), headers=headers)


def recorded_router() -> respx.MockRouter:
    """Every recorded request answered as recorded; any other request fails as a lost connection would."""
    router = respx.MockRouter(assert_all_called=False)
    for item in MANIFEST:
        router.get(item["url"]).mock(return_value=recorded_response(item))
    return router


def replaying(router: respx.MockRouter) -> httpx.MockTransport:
    """A transport answering from ``router``; a request it has no answer for fails as a lost connection."""

    def handle(request: httpx.Request) -> httpx.Response:
        try:
            return router.handler(request)
        except AllMockedAssertionError:
            raise httpx.ConnectError("no network in the tests", request=request) from None

    return httpx.MockTransport(handle)


@pytest.fixture
def router() -> respx.MockRouter:
    """The recorded answers; a test may add routes of its own."""
    return recorded_router()


@pytest.fixture
def options(router, tmp_path) -> OnlineOptions:
    """Online options replaying ``router`` with a fresh cache; no retries, so a lost connection fails at once."""
    return OnlineOptions(cache=tmp_path / "cache.sqlite", transport=replaying(router), jobs=2, retries=0)
