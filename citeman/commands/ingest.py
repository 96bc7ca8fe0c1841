"""``citeman ingest`` and ``citeman annotate``: documents into entries, entries into an annotated bibliography."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from citeman.commands.common import EXIT_OK, EXIT_USAGE, input_errors
from citeman.errors import UsageError


class IngestFormat(str, Enum):
    bibtex = "bibtex"
    csl_json = "csl-json"


def _diagnostic_line(diagnostic) -> str:
    return f"{diagnostic.severity}: {diagnostic.message} [{diagnostic.code}]"


def ingest(
    files: list[Path] = typer.Argument(..., help="Documents: plain text, Markdown or saved HTML pages."),
    to: IngestFormat = typer.Option(IngestFormat.bibtex, "--to", help="Output format."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to this file instead of standard output."),
    into: Optional[Path] = typer.Option(None, "--into", help="Merge into this .bib, keeping fields a person edited."),
    set_values: Optional[list[str]] = typer.Option(None, "--set", help="field=value, wins over the text and the sidecar."),
    provenance: bool = typer.Option(False, "--provenance", help="Also print where each field came from."),
) -> None:
    """One bibliography entry per document, in argument order; missing fields are reported."""
    from citeman.ingest.run import ingest_documents, keyed
    from citeman.ingest.sidecar import parse_set_options

    with input_errors():
        if output is not None and into is not None:
            raise UsageError("use either -o/--output or --into, not both")
        if into is not None and to is not IngestFormat.bibtex:
            raise UsageError("--into merges into a .bib file; it cannot be combined with --to csl-json")
        overrides = parse_set_options(set_values)
    result = ingest_documents(files, overrides)
    for error in result.errors:
        typer.echo(f"error: {error}", err=True)
    for diagnostic in result.diagnostics:
        typer.echo(_diagnostic_line(diagnostic), err=True)
    if provenance:
        from citeman.ingest.documents import provenance_lines

        for entry in result.entries:
            for line in provenance_lines(entry):
                typer.echo(f"{entry.fields.get('citeman-source', '')}: {line}", err=True)
    with input_errors():
        if into is not None:
            from citeman.ingest.merge import merge_into_bib

            report, bib_diagnostics = merge_into_bib(into, result.entries)
            for diagnostic in bib_diagnostics:
                if diagnostic.severity != "info":
                    typer.echo(f"{diagnostic.severity}: {diagnostic.location()}: {diagnostic.message} [{diagnostic.code}]", err=True)
            for line in report.lines():
                typer.echo(line, err=True)
            typer.echo(f"{into}: {report.summary()}", err=True)
        elif result.entries:
            text = _render(keyed(result.entries), to)
            if output is not None:
                from citeman.io.atomic import atomic_write

                atomic_write(output, text)
            else:
                typer.echo(text, nl=False)
    raise typer.Exit(EXIT_USAGE if result.errors else EXIT_OK)


def _render(entries, to: IngestFormat) -> str:
    if to is IngestFormat.csl_json:
        from citeman.export.csljson import to_csl_json

        return to_csl_json(entries)
    from citeman.io.bibtex import dumps_bib

    return dumps_bib(entries)


def annotate(
    bib: Path = typer.Argument(..., help="The .bib file to annotate in place."),
    source: Optional[list[Path]] = typer.Option(None, "--source", help="Folder to look for documents named in citeman-source."),
    only_missing: bool = typer.Option(False, "--only-missing", help="Only entries without an annotation."),
) -> None:
    """Draft annotations and keywords; anything a person edited is kept."""
    from citeman.annotate import annotate_bib

    with input_errors():
        report = annotate_bib(bib, source_dirs=source or [], only_missing=only_missing)
    for diagnostic in report.diagnostics:
        typer.echo(_diagnostic_line(diagnostic), err=True)
    typer.echo(f"{bib}: {report.summary()}", err=True)
    raise typer.Exit(EXIT_OK)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
    app.command("annotate")(annotate)
