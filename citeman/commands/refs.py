"""``citeman refs``: a paper's reference list as BibTeX or CSL-JSON."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from citeman.commands.common import input_errors


class RefsFormat(str, Enum):
    bibtex = "bibtex"
    csl_json = "csl-json"
    text = "text"  # the split reference strings, one per line, ready for `citeman parse`


def render_entries(entries: list, to: str) -> str:
    """The entries in the requested output format."""
    if to == RefsFormat.csl_json.value:
        from citeman.export.csljson import to_csl_json

        return to_csl_json(entries)
    from citeman.io.bibtex import dumps_bib

    return dumps_bib(entries)


def refs(
    paper: str = typer.Argument(..., help="The paper (plain text or Markdown), or - for standard input."),
    to: RefsFormat = typer.Option(RefsFormat.bibtex, "--to", help="Output format."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write here (atomically) instead of stdout."),
) -> None:
    """Find the paper's reference list, split it and parse each reference, in list order.

    ``--to text`` prints the split reference strings, one per line, without parsing them.
    """
    from citeman.ingest.reflist import reference_strings_from_paper, references_from_paper
    from citeman.io.atomic import atomic_write

    with input_errors():
        if to is RefsFormat.text:
            entries, diagnostics = reference_strings_from_paper(paper)
            text = "".join(f"{ref.text}\n" for ref in entries)
        else:
            entries, diagnostics = references_from_paper(paper)
            text = render_entries(entries, to.value)
        if output is not None:
            atomic_write(output, text)
    for diag in diagnostics:
        typer.echo(f"{diag.location()}: {diag.code} {diag.message}", err=True)
    if output is None:
        typer.echo(text, nl=not text.endswith("\n"))
    else:
        typer.echo(f"{len(entries)} references written to {output}", err=True)


def register(app: typer.Typer) -> None:
    app.command("refs")(refs)
