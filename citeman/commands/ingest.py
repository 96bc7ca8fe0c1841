"""``citeman ingest`` and ``citeman annotate``: documents into entries, entries into an annotated bibliography."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from citeman import app as application
from citeman.commands.common import finish, input_errors


class IngestFormat(str, Enum):
    bibtex = "bibtex"
    csl_json = "csl-json"


def ingest(
    files: list[Path] = typer.Argument(..., help="Documents: plain text, Markdown or saved HTML pages."),
    to: IngestFormat = typer.Option(IngestFormat.bibtex, "--to", help="Output format."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file instead of standard output."),
    into: Optional[Path] = typer.Option(None, "--into", help="Merge into this .bib, keeping fields a person edited."),
    set_values: Optional[list[str]] = typer.Option(None, "--set", help="field=value, wins over the text and the sidecar."),
    provenance: bool = typer.Option(False, "--provenance", help="Also print where each field came from."),
) -> None:
    """One bibliography entry per document, in argument order; missing fields are reported."""
    with input_errors():
        outcome = application.ingest(files, to.value, output, into, set_values or [], provenance)
    finish(outcome)


def annotate(
    bib: Path = typer.Argument(..., help="The .bib file to annotate in place."),
    source: Optional[list[Path]] = typer.Option(None, "--source", help="Folder to look for documents named in citeman-source."),
    only_missing: bool = typer.Option(False, "--only-missing", help="Only entries without an annotation."),
) -> None:
    """Draft annotations and keywords; anything a person edited is kept."""
    with input_errors():
        outcome = application.annotate(bib, source or [], only_missing)
    finish(outcome)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
    app.command("annotate")(annotate)
