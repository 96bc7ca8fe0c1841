"""doi.org content negotiation: CSL-JSON for any DOI, whichever agency registered it (DataCite, mEDRA, ...).

It is also the last word on whether a DOI exists: doi.org answers 404 for a DOI no
agency has registered.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from citeman.online.client import OnlineClient, Unreachable
from citeman.online.sources import Record, stamp
from citeman.online.sources.csl import entry_from_crossref

RESOLVER = "https://doi.org"
CSL_JSON = "application/vnd.citationstyles.csl+json"


def resolver_url(doi: str) -> str:
    return f"{RESOLVER}/{quote(doi, safe='/:;()._-<>[]')}"


def work(client: OnlineClient, doi: str) -> Record | None:
    """The CSL-JSON record of ``doi``; None when doi.org does not know the DOI."""
    url = resolver_url(doi)
    reply = client.get(url, accept=CSL_JSON)
    if reply.status in (400, 404, 410):   # 400: not even DOI syntax
        return None
    if not reply.ok:
        raise Unreachable(url, f"HTTP {reply.status}")
    try:
        item = json.loads(reply.text)
    except ValueError:
        raise Unreachable(url, "doi.org answered without CSL-JSON") from None
    if not isinstance(item, dict):
        raise Unreachable(url, "doi.org answered without CSL-JSON")
    return Record(stamp(entry_from_crossref(item), "doi.org", url), "doi.org", url)
