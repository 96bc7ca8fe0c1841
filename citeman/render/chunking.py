"""Splitting a large bibliography into chunks that render exactly like the whole.

pandoc's citeproc spends most of its time on disambiguation, which grows much faster
than linearly with the number of items (APA, measured: 250 items 2 s, 1,000 items
60 s). Rendering
independent chunks in parallel is only correct if no chunk boundary separates items
whose formatting depends on each other. In CSL that dependence comes from

* year suffixes and added names/initials: items whose citations would otherwise read
  the same ("Smith et al., 2020") - they always share the first rendered name;
* ``subsequent-author-substitute`` ("———"): an item and the one before it, which
  sort next to each other because styles that use it sort by author first.

So every chunk holds whole *groups* of items sharing a primary name (the last word of
the first author's family name, else the editor's or translator's, else the short
title), compared loosely (case and accents folded) so that a group is never split,
only sometimes merged with another. Numeric styles number items by position, so they
are never chunked. If the style substitutes repeated authors and the chunks turn out
not to be in order (below), the whole list is rendered in one piece instead.

Chunks are laid out in a guessed sorted order; the engine sorts inside each chunk.
Whether the chunks really follow each other is then checked with one small pandoc
pass over the first and last item of every chunk using a copy of the style that only
sorts (:func:`order_style`). If the guess was wrong, the order of everything comes
from that sort-only pass instead, so chunking never has to imitate CSL collation.
Tests compare chunked and whole renders, including a deliberately wrong guess.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from citeman.render.styles import Style

_NAME_VARIABLES = (
    "author", "editor", "translator", "container-author", "collection-editor", "composer",
    "director", "editorial-director", "illustrator", "interviewer", "recipient", "reviewed-author",
)


# Latin letters that Unicode does not decompose but collation treats as their base letter.
_BASE_LETTERS = str.maketrans({"ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ð": "d",
                               "þ": "th", "ı": "i", "ħ": "h", "ŋ": "n"})


def _fold(text: str) -> str:
    """Letters and digits only, lower case, accents removed: "van  Dijk" == "VanDijk" == "vandijk"."""
    text = re.sub(r"<[^>]+>", "", text)
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_BASE_LETTERS))
    return "".join(ch for ch in decomposed if ch.isalnum() and not unicodedata.combining(ch))


def _first_name(item: dict) -> dict | None:
    for variable in _NAME_VARIABLES:
        names = item.get(variable)
        if names:
            return names[0]
    return None


def _short_title(item: dict) -> str:
    """What a style prints for an item without names: its (short) title, subtitle dropped."""
    title = str(item.get("title-short") or item.get("title") or item.get("container-title") or "")
    return re.split(r"[:?!.]", title, maxsplit=1)[0]


def group_key(item: dict) -> str:
    """Items whose citations could read alike share this key (compared loosely on purpose).

    For a person it is the last word of particle and family name: pandoc disambiguates
    "Dijk" against "van Dijk" (measured), and a particle may be stored in the family
    name or apart. For an organisation it is its whole name, and for an item without
    names its short title, which styles print instead.
    """
    first = _first_name(item)
    if first is None:
        return _fold(_short_title(item))
    if first.get("literal"):
        return _fold(first["literal"])
    words = (first.get("non-dropping-particle", "") + " " + first.get("family", "")).split()
    return _fold(words[-1]) if words else _fold(first.get("given", ""))


def approximate_sort_name(item: dict, demote_particle: bool) -> str:
    """Roughly where an author-first style sorts an item; only a guess, checked afterwards."""
    first = _first_name(item)
    if first is None:
        return _fold(_short_title(item))
    if first.get("literal"):
        return _fold(first["literal"])
    particle = "" if demote_particle else first.get("non-dropping-particle", "")
    return _fold(particle + first.get("family", "")) or _fold(first.get("given", ""))


def can_chunk(style: Style) -> bool:
    """True when the style's output for an item depends only on its own group.

    Numeric and label styles number or label items by position in the whole list,
    and note styles refer back to earlier notes; only author-date and author styles qualify.
    """
    if style.citation_format not in {"author-date", "author"}:
        return False
    xml = style.xml
    return "citation-number" not in xml and "first-reference-note-number" not in xml


def demotes_particle(style: Style) -> bool:
    """Whether the style sorts "van Dijk" under D (the CSL default) rather than V."""
    match = re.search(r'demote-non-dropping-particle="([a-z-]+)"', style.xml[:4000])
    return (match.group(1) if match else "display-and-sort") != "never"


def substitutes_authors(style: Style) -> bool:
    """Whether an entry's output depends on the entry before it ("———" for a repeated author)."""
    return "subsequent-author-substitute" in style.xml


def plan_chunks(items: Sequence[dict], chunk_size: int, demote_particle: bool = False) -> list[list[int]]:
    """Indices of ``items`` in chunks of whole groups, chunks in (probable) sorted order.

    Groups are laid out by :func:`approximate_sort_name` and cut into runs of about
    ``chunk_size`` items, so that the chunks, each sorted by the engine, usually
    concatenate into the sorted whole; the caller checks that at the chunk boundaries.
    Within a chunk, indices keep their input order (the tie-breaker of CSL sorting).
    """
    groups: dict[str, list[int]] = {}
    for index, item in enumerate(items):
        groups.setdefault(group_key(item), []).append(index)
    def place(members: list[int]) -> tuple[str, int]:
        return min(approximate_sort_name(items[i], demote_particle) for i in members), members[0]
    chunks: list[list[int]] = []
    current: list[int] = []
    for members in sorted(groups.values(), key=place):
        if current and len(current) + len(members) > chunk_size:
            chunks.append(sorted(current))
            current = []
        current.extend(members)
    if current:
        chunks.append(sorted(current))
    return chunks


_CITATION_TAG = re.compile(r"<citation\b[^>]*>")
_BIBLIOGRAPHY_TAG = re.compile(r"<bibliography\b[^>]*>")
_DISAMBIGUATION_ATTRS = re.compile(r'\s(?:disambiguate-add-[a-z-]+|givenname-disambiguation-rule)="[^"]*"')
_SUBSTITUTE_ATTR = re.compile(r'\ssubsequent-author-substitute(?:-rule)?="[^"]*"')
_BIB_LAYOUT = re.compile(r"(<bibliography\b.*?)<layout\b.*?</layout>(.*?</bibliography>)", re.S)


@lru_cache(maxsize=32)
def _order_style_text(xml: str) -> str:
    xml = _CITATION_TAG.sub(lambda m: _DISAMBIGUATION_ATTRS.sub("", m.group(0)), xml)
    xml = _BIBLIOGRAPHY_TAG.sub(lambda m: _SUBSTITUTE_ATTR.sub("", m.group(0)), xml)
    return _BIB_LAYOUT.sub(lambda m: m.group(1) + '<layout><text value="."/></layout>' + m.group(2), xml)


def order_style(style: Style) -> Style:
    """A copy of ``style`` that sorts the bibliography exactly as ``style`` does but skips
    disambiguation and prints almost nothing: the cheap pass that fixes the final order."""
    text = _order_style_text(style.xml)
    folder = Path(tempfile.gettempdir()) / "citeman-styles"
    folder.mkdir(exist_ok=True)
    path = folder / f"{style.id}-order-{hashlib.sha1(text.encode()).hexdigest()[:12]}.csl"
    if not path.exists():
        # A unique temporary name: several citeman processes may write this at once.
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    return Style(name=f"{style.name} (order)", id=style.id, path=path, title=style.title,
                 citation_format=style.citation_format)
