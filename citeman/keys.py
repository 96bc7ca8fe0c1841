"""Citation keys: readable, deterministic, ASCII, unique, and never renamed silently.

A key is ``<family><year><firstword>`` (``abercrombie2019realizing``), like Better
BibTeX's default. Keys are only ever *assigned* to entries that have none; changing
an existing key is an explicit operation (:func:`rekey`) that returns an old -> new map.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from citeman.io.latex import strip_braces
from citeman.model import Entry

_STOPWORDS = frozenset(
    "a an the and or of on in at to for from by with without about into onto over under is are was were be "
    "its it this that these those as via de la le les el los das der die des du von van".split()
)
_SAFE_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_:.+-]*$")


def ascii_fold(text: str) -> str:
    """``Pérez-Łukasz`` -> ``PerezLukasz``-style ASCII (letters and digits only)."""
    text = text.replace("ß", "ss").replace("Ł", "L").replace("ł", "l").replace("Ø", "O").replace("ø", "o")
    text = text.replace("Æ", "AE").replace("æ", "ae").replace("Œ", "OE").replace("œ", "oe")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isascii() and c.isalnum())


def _first_word(title: str) -> str:
    for word in re.split(r"[\s/]+", strip_braces(title)):
        folded = ascii_fold(word).lower()
        if folded and folded not in _STOPWORDS and not folded.isdigit():
            return folded
    return ""


def base_key(entry: Entry) -> str:
    """The key an entry would get, before collision suffixes."""
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    name = ""
    if people:
        first = people[0]
        if first.literal:
            name = _first_word(first.literal)
        else:
            name = ascii_fold(first.family).lower() or ascii_fold(first.given).lower()
    year = entry.fields.get("year", "")
    year = year if re.fullmatch(r"\d{4}", year or "") else ""
    word = _first_word(entry.fields.get("title", "") or entry.fields.get("booktitle", ""))
    if not name:
        name, word = word, ""
    key = f"{name}{year}{word}" or "anon"
    return key[:64]


def is_safe_key(key: str) -> bool:
    """True when the key is ASCII and usable as a file name."""
    return bool(_SAFE_KEY.match(key)) and key not in {".", ".."} and "/" not in key


def _suffixes() -> Iterable[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    yield from letters
    for a in letters:
        for b in letters:
            yield a + b


def unique_key(base: str, taken: set[str]) -> str:
    """``base`` itself if free, else ``base`` + a, b, c, ... (the first free one)."""
    if base not in taken:
        return base
    for suffix in _suffixes():
        candidate = base + suffix
        if candidate not in taken:
            return candidate
    raise ValueError(f"no free key for {base!r}")  # 700 collisions: a bug, not input


def assign_keys(entries: Iterable[Entry], taken: Iterable[str] = ()) -> dict[int, str]:
    """Give a key to every entry whose key is empty; existing keys are never touched.

    Returns ``{index: new_key}`` for the entries that received one.
    """
    entries = list(entries)
    used = set(taken) | {e.key for e in entries if e.key}
    assigned: dict[int, str] = {}
    for index, entry in enumerate(entries):
        if entry.key:
            continue
        entry.key = unique_key(base_key(entry), used)
        used.add(entry.key)
        assigned[index] = entry.key
    return assigned


def rekey(entries: Iterable[Entry], taken: Iterable[str] = ()) -> dict[str, str]:
    """Explicitly recompute every key; returns the ``old -> new`` map of keys that changed."""
    entries = list(entries)
    used = set(taken)
    changes: dict[str, str] = {}
    for entry in entries:
        new = unique_key(base_key(entry), used)
        used.add(new)
        if new != entry.key:
            changes[entry.key] = new
            entry.key = new
    return changes
