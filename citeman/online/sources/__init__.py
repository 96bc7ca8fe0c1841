"""Each service's answer turned into our :class:`~citeman.model.Entry`, with the provenance of every field.

A source function returns a :class:`Record` (or a list of candidates), ``None`` when
the service says it has no such work, and lets :class:`~citeman.online.client.Unreachable`
through when it could not be asked.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from citeman.model import PERSON_FIELDS, Entry, Provenance, Span

if TYPE_CHECKING:
    from citeman.online.client import OnlineClient

# The statuses by which a service says it has no such work.
NOT_FOUND = (404, 410)


@dataclass(slots=True)
class Record:
    """One work as a service describes it: the entry, the service, the URL asked, and retraction notices."""

    entry: Entry
    service: str
    url: str
    # DOIs of the notices that retract or withdraw the work (Crossref ``updated-by``, OpenAlex ``is_retracted``).
    retractions: list[str] = field(default_factory=list)
    retracted: bool = False

    @property
    def doi(self) -> str:
        return self.entry.fields.get("doi", "")


def utc_now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def stamp(entry: Entry, service: str, url: str, when: str | None = None) -> Entry:
    """Record on every field of ``entry`` that ``service`` gave it (asked at ``url``) ``when``."""
    when = when or utc_now()
    for name in (*entry.fields, *(role for role in PERSON_FIELDS if role in entry.persons)):
        entry.provenance[name] = Provenance(source=Span(url), method=f"online:{service}", retrieved=when)
    return entry


PROVENANCE_FIELD = "citeman-online"


def provenance_note(entry: Entry) -> str:
    """``crossref 2026-01-05T10:00:00Z https://...: author, title, year``: which service gave which field, when.

    Written into the entry's ``citeman-online`` field so the provenance survives the file.
    """
    groups: dict[tuple[str, str, str], list[str]] = {}
    for name, prov in entry.provenance.items():
        if prov.method.startswith("online:") and name != PROVENANCE_FIELD:
            origin = (prov.method.removeprefix("online:"), prov.retrieved, prov.source.path if prov.source else "")
            groups.setdefault(origin, []).append(name)
    return "; ".join(f"{service} {when} {url}: {', '.join(names)}" for (service, when, url), names in groups.items())


def answer_json(client: OnlineClient, url: str, service: str, *, accept: str | None = None,
                missing: Collection[int] = NOT_FOUND) -> Any:
    """The JSON a service answered at ``url``; None when its status says there is no such work.

    Any other failure raises :class:`~citeman.online.client.Unreachable`: an entry whose
    lookup failed is not checked, never "not found".
    """
    from citeman.online.client import Unreachable

    reply = client.get(url, accept) if accept else client.get(url)
    if reply.status in missing:
        return None
    if not reply.ok:
        raise Unreachable(url, f"HTTP {reply.status}")
    try:
        return json.loads(reply.text)
    except ValueError:
        raise Unreachable(url, f"{service} answered without JSON") from None
