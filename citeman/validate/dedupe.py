"""Finding and merging duplicate entries: by DOI, by ISBN, and by similar title, author and year.

Works on small :class:`Record` summaries rather than whole entries, so the linter's
worker processes can send them back cheaply. Like Zotero, a conflicting DOI or ISBN
vetoes a fuzzy match: two editions or two chapters with similar titles are not the
same work. Merging keeps every value of every entry (conflicts go to
``citeman-merged-<field>``) and returns the old -> new key map.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from citeman.model import Entry, Library
from citeman.names import format_names
from citeman.normalize.identifiers import BARE_DOI, isbn13, normalize_doi
from citeman.validate.textutil import comparable

FUZZY_THRESHOLD = 90.0
PART_TYPES = frozenset({"incollection", "inbook", "inproceedings", "conference", "inreference", "bookinbook"})


class Record(NamedTuple):
    """What duplicate detection needs to know about one entry (a tuple: cheap to build and to pickle)."""

    path: str
    line: int
    key: str
    type: str
    doi: str
    isbns: tuple[str, ...]
    title: str
    family: str
    year: int


@dataclass(frozen=True, slots=True)
class Match:
    """``duplicate`` repeats ``original`` (which comes first); ``kind`` is doi, isbn or fuzzy."""

    original: Record
    duplicate: Record
    kind: str
    reason: str


def _ascii(text: str) -> str:
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


_BARE_DOI = re.compile(BARE_DOI)


def record(entry: Entry, path: str = "") -> Record:
    """The duplicate-detection summary of ``entry``."""
    return Record._make(record_fields(entry, path))


def record_fields(entry: Entry, path: str = "") -> tuple:
    """The fields of ``record(entry, path)`` as a plain tuple (what linter workers send back)."""
    doi = entry.fields.get("doi", "")
    doi = (doi if not doi or _BARE_DOI.fullmatch(doi) else normalize_doi(doi)).lower()  # usually bare already
    isbn = entry.fields.get("isbn", "")
    isbns = tuple(sorted({i for i in (isbn13(p) for p in re.split(r"[,;]", isbn)) if i})) if isbn else ()
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    family = ""
    if people:
        first = people[0]
        family = _ascii(first.literal or first.family)
    year_text = entry.fields.get("year", "") or entry.fields.get("date", "")[:4]
    year = int(year_text) if year_text.isdecimal() and len(year_text) == 4 else 0
    source = entry.source
    return (path or (source.path if source else ""), source.line if source else 0, entry.key, entry.type,
            doi, isbns, comparable(entry.fields.get("title", "")), family, year)


def _veto(a: Record, b: Record) -> str:
    if a.doi and b.doi and a.doi != b.doi:
        return "doi"
    if a.isbns and b.isbns and not set(a.isbns) & set(b.isbns):
        return "isbn"
    return ""


def _where(rec: Record, other: Record) -> str:
    place = f"line {rec.line}" if rec.path == other.path else f"{rec.path}:{rec.line}"
    return f"{rec.key!r} ({place})"


def find_duplicates(records: list[Record], threshold: float = FUZZY_THRESHOLD) -> list[Match]:
    """Every later record that repeats an earlier one, with the reason."""
    return DuplicateFinder(threshold).add(records)


class DuplicateFinder:
    """Duplicate detection fed records in file order, a batch at a time.

    A record is only ever compared with the records before it, so the matches of each
    batch are final when it arrives: the linter reports them while later chunks of a
    large file are still being checked.
    """

    def __init__(self, threshold: float = FUZZY_THRESHOLD) -> None:
        self.threshold = threshold
        self.records: list[Record] = []
        self._by_doi: dict[str, int] = {}
        self._by_isbn: dict[str, int] = {}
        # Identical (title, first author, year) signatures are grouped without fuzzy scoring,
        # so a file with thousands of copies of one entry stays linear.
        self._signature_first: dict[tuple[str, str, int], int] = {}
        self._blocks: dict[str, list[int]] = defaultdict(list)

    def add(self, batch: list[Record]) -> list[Match]:
        """The matches whose duplicate is in ``batch``, by position."""
        from rapidfuzz import fuzz

        records = self.records
        first_new = len(records)
        records.extend(batch)
        matches: list[Match] = []
        matched: set[int] = set()
        by_doi, by_isbn = self._by_doi, self._by_isbn
        for index in range(first_new, len(records)):
            rec = records[index]
            if rec.doi:
                first = by_doi.setdefault(rec.doi, index)
                if first != index:
                    orig = records[first]
                    matches.append(Match(orig, rec, "doi", f"same DOI {rec.doi!r} as {_where(orig, rec)}"))
                    matched.add(index)
                    continue
            if rec.isbns and rec.type not in PART_TYPES:
                for isbn in rec.isbns:
                    first = by_isbn.setdefault(isbn, index)
                    if first != index and index not in matched:
                        orig = records[first]
                        if not (orig.doi and rec.doi and orig.doi != rec.doi):
                            matches.append(Match(orig, rec, "isbn", f"same ISBN {isbn!r} as {_where(orig, rec)}"))
                            matched.add(index)
                            break
        signature_first, blocks = self._signature_first, self._blocks
        fresh: list[tuple[list[int], int]] = []
        for index in range(first_new, len(records)):
            rec = records[index]
            if not rec.title or len(rec.title) < 8:
                continue
            signature = (rec.title, rec.family, rec.year)
            first = signature_first.setdefault(signature, index)
            if first != index:
                orig = records[first]
                if index not in matched and not _veto(orig, rec):
                    matches.append(Match(orig, rec, "fuzzy", f"same title, first author and year as {_where(orig, rec)}"))
                    matched.add(index)
                continue
            members = blocks[rec.family or rec.title.split(" ", 1)[0]]
            members.append(index)
            fresh.append((members, len(members) - 1))
        for members, pos in fresh:
            index = members[pos]
            if index in matched:
                continue
            rec = records[index]
            for other_index in members[:pos]:
                orig = records[other_index]
                if rec.year and orig.year and abs(rec.year - orig.year) > 1:
                    continue
                score = fuzz.token_sort_ratio(rec.title, orig.title, score_cutoff=self.threshold)
                if not score or _veto(orig, rec):
                    continue
                years = f"year {rec.year}" if rec.year == orig.year else f"years {orig.year}/{rec.year}"
                who = f"first author {rec.family!r}" if rec.family else "no author"
                matches.append(Match(orig, rec, "fuzzy",
                                     f"titles {score:.0f}% alike, {who}, {years} as {_where(orig, rec)}"))
                matched.add(index)
                break
        matches.sort(key=lambda m: (m.duplicate.path, m.duplicate.line))
        return matches


def duplicate_groups(records: list[Record], matches: list[Match]) -> list[list[Record]]:
    """Groups of records that are the same work, each in file order (first = kept)."""
    parent: dict[int, int] = {}
    index_of = {id(rec): i for i, rec in enumerate(records)}

    def find(i: int) -> int:
        while parent.get(i, i) != i:
            i = parent[i]
        return i

    for match in matches:
        a, b = find(index_of[id(match.original)]), find(index_of[id(match.duplicate)])
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = defaultdict(list)
    for match in matches:
        for rec in (match.original, match.duplicate):
            i = index_of[id(rec)]
            if i not in groups[find(i)]:
                groups[find(i)].append(i)
    return [[records[i] for i in sorted(members)] for _, members in sorted(groups.items())]


@dataclass
class MergeResult:
    library: Library
    key_map: dict[str, str] = field(default_factory=dict)
    groups: list[list[str]] = field(default_factory=list)


def _same(a: str, b: str) -> bool:
    return comparable(a) == comparable(b)


def merge_into(kept: Entry, other: Entry) -> None:
    """Copy everything of ``other`` into ``kept``; conflicting values go to ``citeman-merged-<name>``."""
    for name, value in other.fields.items():
        current = kept.fields.get(name)
        if current is None or not current.strip():
            kept.fields[name] = value
            if name in other.macros:
                kept.macros.add(name)
        elif not _same(current, value):
            slot = f"citeman-merged-{name}"
            previous = kept.fields.get(slot)
            kept.fields[slot] = value if not previous else f"{previous} ;; {value}"
    for role, people in other.persons.items():
        current_people = kept.persons.get(role)
        if not current_people:
            kept.persons[role] = list(people)
        elif format_names(current_people) != format_names(people):
            slot = f"citeman-merged-{role}"
            text = format_names(people, role in other.truncated)
            previous = kept.fields.get(slot)
            kept.fields[slot] = text if not previous else f"{previous} ;; {text}"
    previous_keys = kept.fields.get("ids", "")
    keys = [k for k in previous_keys.split(",") if k.strip()] + [other.key]
    kept.fields["ids"] = ",".join(dict.fromkeys(k.strip() for k in keys if k.strip() and k.strip() != kept.key))
    kept.comments = kept.comments + [c for c in other.comments if c not in kept.comments]


def merge_duplicates(library: Library, matches: list[Match]) -> MergeResult:
    """Merge each duplicate group into its first entry; nothing of any entry is lost."""
    records = [record(e, library.path) for e in library.entries]
    by_key_line = {(r.key, r.line): r for r in records}
    remapped = [Match(by_key_line[(m.original.key, m.original.line)], by_key_line[(m.duplicate.key, m.duplicate.line)],
                      m.kind, m.reason) for m in matches
                if (m.original.key, m.original.line) in by_key_line and (m.duplicate.key, m.duplicate.line) in by_key_line]
    groups = duplicate_groups(records, remapped)
    entry_of = {(e.key, e.source.line if e.source else 0): e for e in library.entries}
    drop: set[int] = set()
    result = MergeResult(library)
    for group in groups:
        kept = entry_of[(group[0].key, group[0].line)]
        result.groups.append([r.key for r in group])
        for rec in group[1:]:
            other = entry_of[(rec.key, rec.line)]
            merge_into(kept, other)
            drop.add(id(other))
            result.key_map[rec.key] = kept.key
    library.blocks = [b for b in library.blocks if id(b) not in drop]
    return result
