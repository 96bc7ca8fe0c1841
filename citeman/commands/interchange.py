"""``citeman import``: CSL-JSON and RIS files (Zotero, Better BibTeX, EndNote) into BibTeX."""

from __future__ import annotations

from pathlib import Path

import typer

from citeman import app as application
from citeman.commands.common import finish, input_errors


def import_command(
    source: Path = typer.Argument(..., metavar="FILE", help="CSL-JSON or RIS file (- for standard input).", show_default=False),
    from_format: str = typer.Option(None, "--from", help="csl-json or ris (default: from the file name, .json or .ris).", show_default=False),
    output: Path = typer.Option(None, "--output", "-o", help=".bib file to write (default: standard output).", show_default=False),
    force: bool = typer.Option(False, "--force", help="Replace the output file if it exists."),
) -> None:
    """Import a CSL-JSON (Zotero, Better BibTeX) or RIS file as BibTeX entries."""
    with input_errors():
        outcome = application.import_file(source, from_format, output, force)
    finish(outcome)


def register(app: typer.Typer) -> None:
    app.command("import")(import_command)
