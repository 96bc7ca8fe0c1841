"""Screens: cheap necessary conditions that spare a rule most entries, tested on a batch at once.

Calling ~70 rule functions on every entry costs more than what most of them do: the
typical entry is clean and each rule returns after a test or two. A rule may declare
a :class:`Screen`, a condition that holds on every entry the rule could report. The
linter joins the text a screen looks at for a whole batch of entries into one string,
finds the entries that pass with ``str.find`` or one regex search (C speed), and calls
the rule only for those. A screen may let through entries the rule then passes (that
costs only time) but must never hold back one it would report: the tests run every
rule with and without screens over thousands of real and generated entries.

What a screen looks at: the values of ``fields``, each framed by ``\\x00``, so a
pattern may anchor on the edges of a value (a batch text per field name, shared by
every screen reading that field); or a pseudo-field with one frame per entry: None
(every field value, and a blank one when a people role lists nobody), ``@raw``
(the source text), ``@family`` (family names of people who are not organisations),
``@names`` (particle and family, or the organisation) or ``@people`` (every part of
every name). Frames are separated by ``\\x01``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from citeman.model import Entry

# Letters that case-blind matching equates with ASCII ones although lower() does not
# turn them into those (dotted and dotless i, long s, Kelvin sign).
_FOLD_TRAPS = ("\u0130", "\u0131", "\u017f", "\u212a")

Layout = Callable[[str, frozenset], "bool | None"]


@dataclass(frozen=True, slots=True)
class Screen:
    """Run the rule only on entries whose text holds one of ``literals`` or a match of ``pattern``.

    ``fold``: look in the lower-cased text. ``non_ascii``: pass entries whose text is not
    plain ASCII. ``non_ascii_pattern``: the pattern only matches non-ASCII characters, so
    ASCII text is not searched with it. ``test``: a predicate on the entry instead of text.
    ``any_of``: pass what any of these screens passes. Rules sharing one Screen object
    share its result within a batch.
    """

    fields: tuple[str, ...] | str | None = None
    literals: tuple[str, ...] = ()
    pattern: re.Pattern | None = None
    fold: bool = False
    non_ascii: bool = False
    # A pattern for the reversed text (for conditions on how a value ends).
    reverse_pattern: re.Pattern | None = None
    test: Callable[[Entry], bool] | None = None
    any_of: tuple["Screen", ...] = ()
    # The pattern can only match non-ASCII text: it is not run on plain ASCII text.
    non_ascii_pattern: bool = False


def _all_values(entry: Entry) -> str:
    text = "\x00" + "\x00".join(entry.fields.values()) + "\x00"
    persons = entry.persons
    if persons and not all(persons.values()):
        text += "\x00"  # a role that lists nobody reads as a blank value (for BLANK)
    return text


def _people_texts(entry: Entry) -> tuple[str, str, str]:
    """The ``@people``, ``@names`` and ``@family`` texts of ``entry``, in one walk over its people."""
    parts, names, families = [], [], []
    for people in entry.persons.values():
        for p in people:
            parts.append(f"{p.given}\x00{p.particle}\x00{p.family}\x00{p.suffix}\x00{p.literal}")
            names.append((p.literal or f"{p.particle} {p.family}").strip())
            if not p.literal:
                families.append(p.family)
    return tuple("\x00" + "\x00".join(items) + "\x00" if items else "" for items in (parts, names, families))


_PEOPLE_SOURCES = ("@people", "@names", "@family")


def trie_pattern(words: Iterable[str], between: str = "") -> str:
    """A regex alternation of ``words`` as a trie: the engine tries a branch per first letter, not per word.

    ``between`` (a pattern such as ``[{}]*``) may stand between any two letters of a word.
    """
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def walk(node: dict, inside: bool) -> str:
        lead = between if inside else ""
        branches = [lead + re.escape(char) + walk(child, True) for char, child in sorted(node.items()) if char]
        if "" in node:
            return "(?:" + "|".join(branches) + ")?" if branches else ""
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return walk(tree, False)


_PSEUDO: dict[str, Callable[[Entry], str]] = {
    "@raw": lambda entry: entry.raw or "",
    "@key": lambda entry: "\x00" + entry.key + "\x00",
}


class _Segment:
    """One batch text: frames (values or entries) separated by \\x01, and who owns each frame."""

    __slots__ = ("text", "starts", "owners", "framed", "_parts", "_lower_parts", "_reversed")

    def __init__(self, parts: list[str], owners: list[int] | None, framed: bool) -> None:
        # ``framed``: the parts are bare values, framed here as \x00value\x00.
        self._parts = parts
        self._lower_parts = False
        self.owners = owners
        self.framed = framed
        if framed:
            self.text = "\x00" + "\x00\x01\x00".join(parts) + "\x00" if parts else ""
            self.starts = list(accumulate([len(part) + 3 for part in parts[:-1]], initial=0)) if parts else []
        else:
            self.text = "\x01".join(parts)
            self.starts = list(accumulate([len(part) + 1 for part in parts[:-1]], initial=0)) if parts else []
        self._reversed = ""

    def lowered(self) -> "_Segment":
        """The same frames lower-cased: one lower() of the whole text when no letter changes length."""
        text = self.text.lower()
        if len(text) != len(self.text):  # "İ" lower-cases to two characters: frame by frame then
            return _Segment([part.lower() for part in self.parts], self.owners, self.framed)
        copy = _Segment.__new__(_Segment)
        copy.text, copy.starts, copy.owners, copy.framed, copy._reversed = text, self.starts, self.owners, self.framed, ""
        copy._parts, copy._lower_parts = self._parts, True
        return copy

    @property
    def parts(self) -> list[str]:
        if self._lower_parts:
            self._parts, self._lower_parts = [part.lower() for part in self._parts], False
        return self._parts

    def owner(self, frame: int) -> int:
        return frame if self.owners is None else self.owners[frame]

    def search(self, screen: Screen, hits: set[int]) -> None:
        text, starts = self.text, self.starts
        if not text:
            return
        if screen.non_ascii:
            # isascii() reads a flag of the string object: no scan at all.
            if not text.isascii():
                hits.update(self.owner(i) for i, part in enumerate(self.parts) if not part.isascii())
            return
        if screen.fold and not text.isascii():
            # Case-blind matching equates these with ASCII letters that lower() does not give.
            for trap in _FOLD_TRAPS:
                if trap in text:
                    hits.update(self.owner(i) for i, part in enumerate(self.parts) if trap in part)
        last = len(starts) - 1
        for literal in screen.literals:
            pos = text.find(literal)
            while pos >= 0:
                frame = bisect_right(starts, pos) - 1
                hits.add(self.owner(frame))
                if frame >= last:
                    break
                pos = text.find(literal, starts[frame + 1])
        if screen.pattern is not None and not (screen.non_ascii_pattern and text.isascii()):
            search = screen.pattern.search
            match = search(text)
            while match is not None:
                frame = bisect_right(starts, match.start()) - 1
                hits.add(self.owner(frame))
                if frame >= last:
                    break
                match = search(text, starts[frame + 1])
        if screen.reverse_pattern is not None:
            self._search_reversed(screen.reverse_pattern, hits)

    def _search_reversed(self, pattern: re.Pattern, hits: set[int]) -> None:
        # A pattern anchored at the end of a value, run on the reversed text: it starts
        # with the literal \x00 there, which the regex engine finds fast.
        if not self._reversed:
            self._reversed = self.text[::-1]
        text, starts, size = self._reversed, self.starts, len(self.text)
        search = pattern.search
        match = search(text)
        while match is not None:
            frame = bisect_right(starts, size - 1 - match.start()) - 1
            hits.add(self.owner(frame))
            if frame <= 0:
                break
            match = search(text, size - starts[frame])


class BatchScreens:
    """The screen texts of one batch of entries, built once and shared by every rule."""

    __slots__ = ("entries", "_segments", "_hits", "_by_field")

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = entries
        self._segments: dict[tuple, _Segment] = {}
        self._hits: dict[int, set[int]] = {}
        self._by_field: dict[str, tuple[list[int], list[str]]] | None = None

    def _field_values(self, name: str) -> tuple[list[int], list[str]]:
        """(owners, values) of field ``name``. Screens ask for some 30 fields: one walk over the
        fields of every entry sorts them all, instead of 30 walks over the entries."""
        by_field = self._by_field
        if by_field is None:
            by_field = self._by_field = {}
            for index, entry in enumerate(self.entries):
                for field_name, value in entry.fields.items():
                    pair = by_field.get(field_name)
                    if pair is None:
                        by_field[field_name] = ([index], [value])
                    else:
                        pair[0].append(index)
                        pair[1].append(value)
        return by_field.get(name) or ([], [])

    def passing(self, screen: Screen) -> set[int]:
        """Indices of the entries that pass ``screen``."""
        hits = self._hits.get(id(screen))
        if hits is None:
            hits = self._hits[id(screen)] = self._passing(screen)
        return hits

    def _passing(self, screen: Screen) -> set[int]:
        if screen.any_of:
            return set().union(*(self.passing(part) for part in screen.any_of))
        if screen.test is not None:
            test = screen.test
            return {i for i, entry in enumerate(self.entries) if test(entry)}
        hits: set[int] = set()
        if screen.fields is None or isinstance(screen.fields, str):
            self._segment(screen.fields, screen.fold).search(screen, hits)
        else:
            for name in screen.fields:
                self._segment(name, screen.fold, named=True).search(screen, hits)
        return hits

    def _segment(self, source: str | None, fold: bool, named: bool = False) -> _Segment:
        key = (source, fold, named)
        segment = self._segments.get(key)
        if segment is None and fold:
            segment = self._segments[key] = self._segment(source, False, named).lowered()
        elif segment is None:
            if named:
                owners, parts = self._field_values(source)
            elif source in _PEOPLE_SOURCES:
                texts = [_people_texts(entry) for entry in self.entries]
                for index, name in enumerate(_PEOPLE_SOURCES):
                    self._segments[(name, False, False)] = _Segment([t[index] for t in texts], None, framed=False)
                return self._segments[key]
            else:
                make = _PSEUDO[source] if source else _all_values
                parts = [make(entry) for entry in self.entries]
                owners = None
            segment = self._segments[key] = _Segment(parts, owners, framed=named)
        return segment


# Some value is blank (or some role lists nobody): what missing- and empty-field rules need.
BLANK = Screen(None, pattern=re.compile(r"\x00[\s{}]*\x00"))
