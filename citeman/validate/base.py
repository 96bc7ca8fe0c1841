"""The pieces every lint rule is made of: severity, fix, violation, context, the decorator.

A rule is a small function with metadata attached (ruff's and pycodestyle's pattern):
the function finds problems in one entry (or one file, for cross-entry rules) and
yields :class:`Violation` objects; the :func:`rule` decorator records code, name,
severity and fix availability, and the docstring is the user documentation printed
by ``citeman rules CODE``. The table of all codes lives in :mod:`.codes`.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import Enum

from citeman.model import Entry, Person
from citeman.validate.screen import Layout, Screen


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}


class FixAvailability(str, Enum):
    NONE = "none"
    SOMETIMES = "sometimes"
    ALWAYS = "always"


@dataclass(slots=True)
class Fix:
    """Replacement values for fields and people; never removes a field.

    ``macros`` names fields whose new value is a bare ``@string`` macro (``month = apr``).
    """

    safe: bool
    fields: dict[str, str] = field(default_factory=dict)
    persons: dict[str, list[Person]] = field(default_factory=dict)
    macros: frozenset[str] = frozenset()
    # Fields whose value is taken apart into others (``volume = 14(1)``) keep no macro flag.
    rewrite_only: bool = False

    @classmethod
    def replace(cls, name: str, value: str, *, safe: bool = True, macro: bool = False) -> "Fix":
        return cls(safe=safe, fields={name: value}, macros=frozenset({name}) if macro else frozenset())

    def apply(self, entry: Entry) -> bool:
        """Apply to ``entry`` in place; True when something changed."""
        if self.rewrite_only:
            return True
        changed = False
        for name, value in self.fields.items():
            was_macro = name in entry.macros
            if entry.fields.get(name) != value or was_macro != (name in self.macros):
                entry.fields[name] = value
                changed = True
            if name in self.macros:
                entry.macros.add(name)
            else:
                entry.macros.discard(name)
        for role, people in self.persons.items():
            if entry.persons.get(role) != people:
                entry.persons[role] = list(people)
                changed = True
        return changed


@dataclass(slots=True)
class Violation:
    """One problem a rule found; ``message`` quotes the offending value."""

    message: str
    field: str = ""
    fix: Fix | None = None


@dataclass(slots=True)
class Context:
    """What rules may know beyond the entry itself (no global state)."""

    today: _dt.date = field(default_factory=_dt.date.today)
    strings: dict[str, str] = field(default_factory=dict)

    @property
    def max_year(self) -> int:
        return self.today.year + 1


EntryCheck = Callable[[Entry, Context], Iterator[Violation]]


@dataclass(frozen=True, slots=True)
class Rule:
    """Metadata plus the check function of one rule.

    ``scope`` is ``"entry"`` (check one entry), ``"library"`` (found across entries
    by the duplicate finder), ``"reader"`` (reported by the .bib reader itself) or
    ``"reported"`` (reported by another step: ingest, annotate, reference lists); only
    entry rules have a check function. Rules listed in :mod:`.codes` get their
    ``code`` and ``fields`` there; rules of other command families carry their own.
    """

    code: str
    name: str
    severity: Severity
    fix: FixAvailability
    check: Callable | None
    doc: str
    scope: str = "entry"
    # Fields the rule looks at; rules are skipped quickly when none is present.
    fields: tuple[str, ...] = ()
    # Optional shortcuts for the batch linter (see citeman.validate.screen): ``layout``
    # judges an entry type and its set of field names once (True: run, False: cannot
    # find anything, None: ask the screen); ``screen`` tests the text of many entries at once.
    screen: "Screen | None" = None
    layout: "Layout | None" = None

    @property
    def summary(self) -> str:
        first = self.doc.strip().split("\n\n")[0]
        return " ".join(first.split()) if first else self.name

    @property
    def fixable(self) -> bool:
        return self.fix is not FixAvailability.NONE

    @property
    def example_language(self) -> str:
        """The Markdown fence of the examples: codes reported by other steps show that step's input."""
        return "text" if self.scope == "reported" else "bibtex"

    def examples(self) -> tuple[str, str]:
        """The ``Bad:`` and ``Good:`` examples of the documentation."""
        return _example(self.doc, "Bad"), _example(self.doc, "Good")


def _example(doc: str, label: str) -> str:
    match = re.search(rf"^\s*{label}:\s*(.*?)(?=^\s*(?:Bad|Good|Fix|Why)[^\n]*:|\Z)", doc, re.M | re.S)
    if not match:
        return ""
    return "\n".join(line.strip() for line in match.group(1).strip().splitlines())


def rule(
    name: str,
    severity: Severity,
    fix: FixAvailability = FixAvailability.NONE,
    *,
    scope: str = "entry",
    screen: "Screen | None" = None,
    layout: "Layout | None" = None,
) -> Callable[[Callable], Rule]:
    """Declare a rule; the decorated function becomes a :class:`Rule`.

    Its code and the fields it reads are given where it is listed, in :mod:`.codes`.
    """

    def wrap(func: Callable) -> Rule:
        return Rule("", name, Severity(severity), fix, func, func.__doc__ or "", scope, (), screen, layout)

    return wrap


def reader_rule(name: str, severity: Severity, doc: str, fix: FixAvailability = FixAvailability.NONE) -> Rule:
    """A rule whose findings come from the .bib reader (parse problems)."""
    return Rule("", name, Severity(severity), fix, None, doc, "reader")


def reported_rule(name: str, severity: Severity, doc: str) -> Rule:
    """A code another step reports (ingest, annotate, reference lists): documented, never run by the linter."""
    return Rule("", name, Severity(severity), FixAvailability.NONE, None, doc, "reported")


def quote(value: str, limit: int = 60) -> str:
    """A value quoted for a message, shortened in the middle when long."""
    value = " ".join(value.split())
    if len(value) > limit:
        value = value[: limit - 15] + "..." + value[-12:]
    return f"'{value}'"
