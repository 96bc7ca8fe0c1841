"""``citeman parse``: one reference string per line in, BibTeX or CSL-JSON out."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from citeman.commands.common import EXIT_OK, input_errors, warn


class ParseFormat(str, Enum):
    bibtex = "bibtex"
    csl_json = "csl-json"


def parse(
    source: str = typer.Argument("-", metavar="[FILE|-]", help="Reference strings, one per line ('-' = stdin)."),
    to: ParseFormat = typer.Option(ParseFormat.bibtex, "--to", help="Output format."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write here instead of standard output."),
) -> None:
    """Parse reference strings (one per non-empty line) into BibTeX or CSL-JSON."""
    from citeman.ingest.parser import parse_text
    from citeman.io.atomic import atomic_write
    from citeman.io.text import read_text

    with input_errors():
        name = "<stdin>" if source == "-" else source
        entries, diagnostics = parse_text(read_text(source), path=name)
    if to is ParseFormat.csl_json:
        from citeman.export.csljson import to_csl_json

        text = to_csl_json(entries)
    else:
        from citeman.io.bibtex import dumps_bib

        text = dumps_bib(entries)
    for diag in diagnostics:
        warn(f"{diag.location()}: {diag.code} {diag.message}")
    if output is not None:
        with input_errors():
            atomic_write(output, text)
    else:
        typer.echo(text, nl=False)
    raise typer.Exit(EXIT_OK)


def register(app: typer.Typer) -> None:
    app.command("parse")(parse)
