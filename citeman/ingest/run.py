"""Ingesting several documents in one run: each failure is reported, none stops the rest.

The command line and the build pipeline both need "ingest these files, collect the
entries in argument order, collect the per-file errors", so that loop lives here and
the command stays a thin wrapper.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from citeman.errors import CitemanError
from citeman.ingest.documents import ingest_document
from citeman.ingest.sidecar import Override
from citeman.model import Diagnostic, Entry


@dataclass
class IngestResult:
    entries: list[Entry] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    errors: list[CitemanError] = field(default_factory=list)


def ingest_documents(paths: Sequence[str | Path], overrides: Mapping[str, Override] | None = None) -> IngestResult:
    """Ingest ``paths`` in order; unusable documents become errors, the others entries."""
    result = IngestResult()
    for path in paths:
        try:
            entry, diagnostics = ingest_document(path, overrides)
        except CitemanError as err:
            result.errors.append(err)
            continue
        result.entries.append(entry)
        result.diagnostics.extend(diagnostics)
    return result


def keyed(entries: list[Entry], taken: set[str] | None = None) -> list[Entry]:
    """Give every entry without a key a stable readable one (for standalone output)."""
    from citeman.ingest.merge import assign_new_keys

    assign_new_keys(entries, taken or set())
    return entries
