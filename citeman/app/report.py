"""How a step's diagnostics reach a person: one line each, in one shape, for every command.

``severity: path:line: CODE message`` (the location is left out when there is none), so
the lines of ``ingest``, ``parse``, ``refs``, ``annotate``, ``pages`` and ``build`` read
alike and can be grepped alike. ``citeman validate`` and ``citeman cites`` write full
reports (text, JSON, GitHub, SARIF) through :mod:`citeman.validate.report`.
"""

from __future__ import annotations

from collections.abc import Iterable

from citeman.model import Diagnostic

SEVERITY_ORDER = {"info": 0, "warning": 1, "error": 2}


def diagnostic_line(diagnostic: Diagnostic) -> str:
    """One diagnostic as one line."""
    where = diagnostic.location()
    return f"{diagnostic.severity}: {where + ': ' if where else ''}{diagnostic.code} {diagnostic.message}"


def diagnostic_lines(diagnostics: Iterable[Diagnostic], at_least: str = "info") -> list[str]:
    """The lines of the diagnostics at or above severity ``at_least``, in their order."""
    floor = SEVERITY_ORDER[at_least]
    return [diagnostic_line(d) for d in diagnostics if SEVERITY_ORDER.get(d.severity, 2) >= floor]
