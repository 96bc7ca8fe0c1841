"""What a document says about itself, before it becomes an :class:`~citeman.model.Entry`.

Plain-text and HTML extractors both fill an :class:`Extraction`: each value carries the
line it was read from and the method that found it, so the entry built from it can say
where every field came from. Stated dates are read by
:func:`citeman.normalize.dates.parse_stated_date`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from citeman.model import Person


@dataclass(slots=True)
class Found:
    """One value read from a document: the value, its 1-based line and how it was found."""

    value: str
    line: int = 0
    method: str = "extracted"
    raw: str | None = None


@dataclass(slots=True)
class FoundPersons:
    persons: list[Person]
    line: int = 0
    method: str = "extracted"
    raw: str | None = None


@dataclass(slots=True)
class Extraction:
    """Everything an extractor found; absent keys mean "not stated"."""

    type: str = "online"
    subtype: str = ""
    fields: dict[str, Found] = field(default_factory=dict)
    persons: dict[str, FoundPersons] = field(default_factory=dict)
    # (code, severity, message, line, field) for things worth telling the user.
    notes: list[tuple[str, str, str, int, str]] = field(default_factory=list)

    def set(self, name: str, value: str, line: int, method: str = "extracted", raw: str | None = None) -> None:
        """Record a value unless one was already found (earlier, stronger evidence wins)."""
        value = value.strip()
        if value and name not in self.fields:
            self.fields[name] = Found(value, line, method, raw)
