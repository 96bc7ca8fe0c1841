"""``citeman refs``: a paper's reference list as BibTeX or CSL-JSON."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from citeman import app as application
from citeman.commands.common import finish, input_errors


class RefsFormat(str, Enum):
    bibtex = "bibtex"
    csl_json = "csl-json"
    text = "text"  # the split reference strings, one per line, ready for `citeman parse`


def refs(
    paper: str = typer.Argument(..., help="The paper (plain text or Markdown), or - for standard input."),
    to: RefsFormat = typer.Option(RefsFormat.bibtex, "--to", help="Output format."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write here (atomically) instead of stdout."),
) -> None:
    """Find the paper's reference list, split it and parse each reference, in list order.

    ``--to text`` prints the split reference strings, one per line, without parsing them.
    """
    with input_errors():
        outcome = application.paper_references(paper, to.value, output)
    finish(outcome)


def register(app: typer.Typer) -> None:
    app.command("refs")(refs)
