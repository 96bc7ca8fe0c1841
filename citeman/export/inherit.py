"""``crossref`` and ``xdata`` inheritance, resolved for the formats that have neither.

BibLaTeX (and BibTeX) let an entry take fields from a parent (``crossref = {key}``)
or from ``@xdata`` containers (``xdata = {a, b}``). CSL-JSON and RIS have no such
links, so before an entry is written there or formatted it gets the fields it
inherits, by the rules of the biblatex manual (appendix B, "Default Crossref Setup"),
as pandoc's own biblatex reader applies them: a parent book's ``title`` is the child
chapter's ``booktitle``, a multi-volume work's ``title`` the ``maintitle``, a
periodical's ``title`` the article's ``journaltitle``, and every other field keeps its
name. A field the entry has itself is never overwritten, and the BibTeX and BibLaTeX
writers keep the links as written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from citeman.model import Entry

# Fields that describe the parent itself and are never inherited (biblatex manual, B.1).
NOT_INHERITED = frozenset(
    """ids crossref xref xdata entryset entrysubtype execute label options presort related relatedoptions
    relatedstring relatedtype shorthand shorthandintro sortkey key""".split()
)
_TITLE_FIELDS = ("title", "subtitle", "titleaddon")
_SHORT_TITLES = ("shorttitle", "sorttitle", "indextitle", "indexsorttitle")


def _title_rule(prefix: str) -> dict[str, str | None]:
    rule: dict[str, str | None] = {name: f"{prefix}{name}" for name in _TITLE_FIELDS}
    rule.update({name: None for name in _SHORT_TITLES})
    return rule


_MAIN = _title_rule("main")
_BOOK = _title_rule("book")
_JOURNAL: dict[str, str | None] = {"title": "journaltitle", "subtitle": "journalsubtitle",
                                   **{name: None for name in _SHORT_TITLES}}

# (parent types, child types, {parent field: child field, or None for "not inherited"}).
RULES: tuple[tuple[frozenset[str], frozenset[str], dict[str, str | None]], ...] = (
    (frozenset({"mvbook"}), frozenset({"book", "inbook", "bookinbook", "suppbook"}), _MAIN),
    (frozenset({"mvcollection", "mvreference"}),
     frozenset({"collection", "reference", "incollection", "inreference", "suppcollection"}), _MAIN),
    (frozenset({"mvproceedings"}), frozenset({"proceedings", "inproceedings"}), _MAIN),
    (frozenset({"book"}), frozenset({"inbook", "bookinbook", "suppbook"}), _BOOK),
    (frozenset({"collection", "reference"}), frozenset({"incollection", "inreference", "suppcollection"}), _BOOK),
    (frozenset({"proceedings"}), frozenset({"inproceedings", "conference"}), _BOOK),
    (frozenset({"periodical"}), frozenset({"article", "suppperiodical"}), _JOURNAL),
)
# A book's authors are also the chapter's ``bookauthor`` (B.1: mvbook, book -> inbook ...).
_BOOK_AUTHOR_PARENTS = frozenset({"mvbook", "book"})
_BOOK_AUTHOR_CHILDREN = frozenset({"inbook", "bookinbook", "suppbook"})


def _rule(parent_type: str, child_type: str) -> dict[str, str | None]:
    for parents, children, rule in RULES:
        if parent_type in parents and child_type in children:
            return rule
    return {}


def _keys(value: str) -> list[str]:
    return [k.strip() for k in value.split(",") if k.strip()]


def _take(child: Entry, parent: Entry, rule: dict[str, str | None]) -> None:
    """Copy into ``child`` (in place) what it inherits from ``parent`` under ``rule``."""
    for name, value in parent.fields.items():
        target = rule.get(name, name)
        if target is None or name in NOT_INHERITED or target in child.fields:
            continue
        child.fields[target] = value
        if name in parent.provenance:
            child.provenance.setdefault(target, parent.provenance[name])
    for role, people in parent.persons.items():
        targets = [role]
        if role == "author" and parent.type in _BOOK_AUTHOR_PARENTS and child.type in _BOOK_AUTHOR_CHILDREN:
            targets.append("bookauthor")
        for target in targets:
            if target not in child.persons and people:
                child.persons[target] = list(people)
                if role in parent.truncated:
                    child.truncated.add(target)


def resolve(entries: Sequence[Entry]) -> list[Entry]:
    """Copies of ``entries`` with what each inherits through ``xdata`` and ``crossref``.

    Entries without either link are returned as they are. Unknown keys and cycles of
    links are ignored (the linter reports unknown keys); ``@xdata`` containers stay in
    the list for the caller to drop (see :func:`without_containers`).
    """
    by_key = {e.key.casefold(): e for e in entries}
    done: dict[str, Entry] = {}

    def resolved(entry: Entry, seen: frozenset[str]) -> Entry:
        folded = entry.key.casefold()
        if folded in done:
            return done[folded]
        links_x = _keys(entry.fields.get("xdata", ""))
        link_c = entry.fields.get("crossref", "").strip()
        if not links_x and not link_c:
            return entry
        child = replace(entry, fields=dict(entry.fields), persons=dict(entry.persons),
                        provenance=dict(entry.provenance), truncated=set(entry.truncated))
        seen = seen | {folded}
        for key in links_x:
            container = by_key.get(key.casefold())
            if container is not None and key.casefold() not in seen:
                _take(child, resolved(container, seen), {})
        parent = by_key.get(link_c.casefold()) if link_c else None
        if parent is not None and link_c.casefold() not in seen:
            parent = resolved(parent, seen)
            _take(child, parent, _rule(parent.type, child.type))
        done[folded] = child
        return child

    return [resolved(e, frozenset()) for e in entries]


def without_containers(entries: Iterable[Entry]) -> list[Entry]:
    """The entries that are works: ``@xdata`` holds shared fields, not a work of its own."""
    return [e for e in entries if e.type != "xdata"]
