"""The Google Books API: a book by ISBN (``/books/v1/volumes?q=isbn:...``), as ``@book``.

The answer is a list of volumes (``totalItems``, ``items``); each volume's
``volumeInfo`` holds the title, subtitle, authors (display names), publisher,
``publishedDate`` (a year, or a full date) and ``industryIdentifiers``. Only a volume
whose identifiers include the ISBN asked for is taken: a search may also match
other editions. The recorded answers are in tests/fixtures/recorded/googlebooks.
"""

from __future__ import annotations

import re

from citeman.model import Entry
from citeman.names import parse_name
from citeman.normalize.identifiers import isbn13
from citeman.online.client import OnlineClient, Unreachable
from citeman.online.sources import Record, answer_json, stamp

API = "https://www.googleapis.com/books/v1/volumes"
_YEAR = re.compile(r"^(\d{4})")


def isbn_url(isbn: str) -> str:
    # ``q=isbn:...`` as Google's documentation writes it (and the recorded requests were sent).
    return f"{API}?q=isbn:{isbn}"


def _isbns(info: dict) -> set[str]:
    found = set()
    for ident in info.get("industryIdentifiers") or []:
        if isinstance(ident, dict) and str(ident.get("type", "")).startswith("ISBN"):
            digits = isbn13(str(ident.get("identifier", "")))
            if digits:
                found.add(digits)
    return found


def entry_from_volume(info: dict, isbn: str) -> Entry:
    entry = Entry(key="", type="book")
    authors = [str(a).strip() for a in info.get("authors") or [] if str(a).strip()]
    if authors:
        entry.persons["author"] = [parse_name(a) for a in authors]
    title = " ".join(str(info.get("title") or "").split())
    if info.get("subtitle"):
        title = f"{title}: {' '.join(str(info['subtitle']).split())}"
    entry.fields["title"] = title
    year = _YEAR.match(str(info.get("publishedDate") or ""))
    if year:
        entry.fields["year"] = year.group(1)
    if info.get("publisher"):
        entry.fields["publisher"] = " ".join(str(info["publisher"]).split())
    entry.fields["isbn"] = isbn
    return entry


def work(client: OnlineClient, isbn: str) -> Record | None:
    """The book with ISBN-13 ``isbn``; None when Google Books has no volume with that ISBN."""
    url = isbn_url(isbn)
    found = answer_json(client, url, "Google Books")
    if found is None:
        return None
    if not isinstance(found, dict) or "totalItems" not in found:
        raise Unreachable(url, "Google Books answered with something that is not a list of volumes")
    for item in found.get("items") or []:
        info = item.get("volumeInfo") if isinstance(item, dict) else None
        if isinstance(info, dict) and info.get("title") and isbn in _isbns(info):
            return Record(stamp(entry_from_volume(info, isbn), "googlebooks", url), "googlebooks", url)
    return None
