"""Open Library's Books API: a book by ISBN (``/api/books?bibkeys=ISBN:...&jscmd=data``).

No recorded Open Library answers ship with the tests; the conversion follows the
``jscmd=data`` object of the API documentation (title, subtitle, authors, publishers,
publish_places, publish_date).
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from citeman.model import Entry
from citeman.names import parse_name
from citeman.online.client import OnlineClient
from citeman.online.sources import Record, answer_json, stamp

API = "https://openlibrary.org/api/books"


def isbn_url(isbn: str) -> str:
    return f"{API}?{urlencode({'bibkeys': f'ISBN:{isbn}', 'format': 'json', 'jscmd': 'data'})}"


def _names(items) -> list[str]:
    return [str(i.get("name", "")).strip() for i in items or [] if isinstance(i, dict) and i.get("name")]


def entry_from_book(book: dict, isbn: str) -> Entry:
    entry = Entry(key="", type="book")
    authors = _names(book.get("authors"))
    if authors:
        entry.persons["author"] = [parse_name(n) for n in authors]
    title = str(book.get("title") or "")
    if book.get("subtitle"):
        title = f"{title}: {book['subtitle']}"
    entry.fields["title"] = title
    year = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", str(book.get("publish_date") or ""))
    if year:
        entry.fields["year"] = year.group(1)
    publishers, places = _names(book.get("publishers")), _names(book.get("publish_places"))
    if publishers:
        entry.fields["publisher"] = publishers[0]
    if places:
        entry.fields["address"] = places[0]
    entry.fields["isbn"] = isbn
    return entry


def work(client: OnlineClient, isbn: str) -> Record | None:
    """The book with ISBN-13 ``isbn``; None when Open Library has none."""
    url = isbn_url(isbn)
    found = answer_json(client, url, "Open Library", missing=())
    book = found.get(f"ISBN:{isbn}") if isinstance(found, dict) else None
    if not isinstance(book, dict):
        return None
    return Record(stamp(entry_from_book(book, isbn), "openlibrary", url), "openlibrary", url)
