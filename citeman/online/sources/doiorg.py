"""doi.org content negotiation: CSL-JSON for any DOI, whichever agency registered it (DataCite, mEDRA, ...).

It is also the last word on whether a DOI exists: doi.org answers 404 for a DOI no
agency has registered.
"""

from __future__ import annotations

from urllib.parse import quote

from citeman.online.client import OnlineClient, Unreachable
from citeman.online.sources import NOT_FOUND, Record, answer_json, stamp
from citeman.online.sources.csl import entry_from_crossref

RESOLVER = "https://doi.org"
CSL_JSON = "application/vnd.citationstyles.csl+json"


def resolver_url(doi: str) -> str:
    return f"{RESOLVER}/{quote(doi, safe='/:;()._-<>[]')}"


def work(client: OnlineClient, doi: str) -> Record | None:
    """The CSL-JSON record of ``doi``; None when doi.org does not know the DOI."""
    url = resolver_url(doi)
    item = answer_json(client, url, "doi.org", accept=CSL_JSON, missing=(400, *NOT_FOUND))  # 400: not even DOI syntax
    if item is None:
        return None
    if not isinstance(item, dict):
        raise Unreachable(url, "doi.org answered without CSL-JSON")
    return Record(stamp(entry_from_crossref(item), "doi.org", url), "doi.org", url)
