"""The one data model every step of citeman shares.

Ingest, normalise, validate, render and export all speak in terms of :class:`Entry`;
format-specific representations (bibtexparser blocks, CSL-JSON items, pybtex entries,
RIS records) exist only inside the converters at the edges. The classes hold data and
nothing else: no I/O, no parsing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple, Union

# Fields that hold people (BibTeX name lists) rather than text.
PERSON_FIELDS = ("author", "editor", "translator", "bookauthor", "commentator", "annotator")


class Span(NamedTuple):
    """Where something came from: a path and a 1-based line number (0 when unknown)."""

    path: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


class FieldSpan(NamedTuple):
    """Where one field sits in its file: 1-based line and column of its name, and the line its value ends on.

    Columns count characters (not bytes) from the start of the line.
    """

    line: int
    column: int
    end_line: int


@dataclass(slots=True)
class Provenance:
    """How one field got its value, so nothing of the source is ever lost.

    ``method`` is a short tag such as ``"bibtex"``, ``"crf"``, ``"rule:doi"``,
    ``"extracted"``, ``"sidecar"``, ``"cli"``, ``"user"`` or ``"fix:Y001"``;
    ``raw`` keeps the text before normalisation when it differed. Fields fetched
    online (``"online:crossref"``) name the URL asked in ``source`` and the UTC time of
    the answer in ``retrieved``. ``confidence`` is the reference parser's probability for
    the field's labelling (None when not parsed).
    """

    source: Span | None = None
    method: str = ""
    raw: str | None = None
    retrieved: str = ""
    confidence: float | None = None


@dataclass(slots=True)
class Person:
    """One name, split the way BibTeX and CSL both understand.

    An organisation is stored whole in ``literal`` and never split into parts.
    """

    family: str = ""
    given: str = ""
    particle: str = ""
    suffix: str = ""
    literal: str = ""

    @property
    def is_literal(self) -> bool:
        return bool(self.literal)

    def display(self) -> str:
        """``Given particle Family, Suffix`` (or the literal name)."""
        if self.literal:
            return self.literal
        parts = [p for p in (self.given, self.particle, self.family) if p]
        name = " ".join(parts)
        return f"{name}, {self.suffix}" if self.suffix else name


@dataclass(slots=True)
class Entry:
    """One bibliography item.

    ``fields`` holds every field except people, in order, with lower-case names;
    unknown fields are kept as they are. People (author, editor, translator, ...)
    live in ``persons``. ``macros`` names the fields whose value is a bare ``@string``
    macro (``month = jan``) rather than literal text.
    """

    key: str
    type: str
    fields: dict[str, str] = field(default_factory=dict)
    persons: dict[str, list[Person]] = field(default_factory=dict)
    provenance: dict[str, Provenance] = field(default_factory=dict)
    macros: set[str] = field(default_factory=set)
    source: Span | None = None
    raw: str | None = None
    # Leading comment lines written directly above the entry (suppressions, notes).
    comments: list[str] = field(default_factory=list)
    # "et al." seen in the source per role: the list of names is known to be incomplete.
    truncated: set[str] = field(default_factory=set)
    # Where each field read from ``raw`` sits in it, by field name (as in ``fields`` and
    # ``persons``): offsets of the first character of its name and just past its value.
    # Kept as offsets because the readers know them for free; :meth:`span` turns one into
    # a line and column only when something asks.
    field_offsets: dict[str, tuple[int, int]] = field(default_factory=dict)
    # 1-based column of the "@" that starts ``raw``, for fields on the entry's first line.
    column: int = 1

    def get(self, name: str, default: str = "") -> str:
        return self.fields.get(name, default)

    def span(self, name: str) -> FieldSpan | None:
        """Where field ``name`` sits in the source file; None for entries not read from one."""
        offsets = self.field_offsets.get(name)
        raw = self.raw
        if offsets is None or raw is None or self.source is None or not self.source.line:
            return None
        start, end = offsets
        breaks = raw.count("\n", 0, start)
        line = self.source.line + breaks
        column = start - raw.rfind("\n", 0, start) if breaks else start + self.column
        return FieldSpan(line, column, line + raw.count("\n", start, end))

    @property
    def spans(self) -> dict[str, FieldSpan]:
        """:meth:`span` of every field read from the source, in source order."""
        out = {}
        for name in self.field_offsets:
            span = self.span(name)
            if span is not None:
                out[name] = span
        return out

    @property
    def authors(self) -> list[Person]:
        return self.persons.get("author", [])

    @property
    def editors(self) -> list[Person]:
        return self.persons.get("editor", [])


@dataclass(slots=True)
class Verbatim:
    """A block kept exactly as read: ``@string``, ``@preamble``, comments, unparsed text.

    ``kind`` is one of ``"string"``, ``"preamble"``, ``"comment"`` or ``"unparsed"``;
    for ``"string"``, ``name`` and ``value`` give the macro.
    """

    kind: str
    text: str
    source: Span | None = None
    name: str = ""
    value: str = ""
    error: str = ""


Block = Union[Entry, Verbatim]


@dataclass(slots=True)
class Library:
    """The blocks of one bibliography, in file order."""

    blocks: list[Block] = field(default_factory=list)
    path: str = ""

    @property
    def entries(self) -> list[Entry]:
        return [b for b in self.blocks if isinstance(b, Entry)]

    @property
    def strings(self) -> dict[str, str]:
        return {b.name: b.value for b in self.blocks if isinstance(b, Verbatim) and b.kind == "string"}

    def keys(self) -> list[str]:
        return [e.key for e in self.entries]

    def find(self, key: str) -> Entry | None:
        for entry in self.entries:
            if entry.key == key:
                return entry
        return None

    def __iter__(self):
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)


@dataclass(slots=True)
class Diagnostic:
    """One finding about an input: a rule violation, a parse problem, a missing field."""

    code: str
    severity: str  # "error" | "warning" | "info"
    message: str
    path: str = ""
    line: int = 0
    key: str = ""
    field: str = ""
    fixable: bool = False
    # 1-based column of ``line`` the finding points at (0: not known; reports show 1).
    column: int = 0

    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path
