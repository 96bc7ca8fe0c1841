"""``citeman parse``: one reference string per line in, BibTeX or CSL-JSON out."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from citeman import app as application
from citeman.commands.common import finish, input_errors


class ParseFormat(str, Enum):
    bibtex = "bibtex"
    csl_json = "csl-json"


def parse(
    source: str = typer.Argument("-", metavar="[FILE|-]", help="Reference strings, one per line ('-' = stdin)."),
    to: ParseFormat = typer.Option(ParseFormat.bibtex, "--to", help="Output format."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write here instead of standard output."),
) -> None:
    """Parse reference strings (one per non-empty line) into BibTeX or CSL-JSON."""
    with input_errors():
        outcome = application.parse_strings(source, to.value, output)
    finish(outcome)


def register(app: typer.Typer) -> None:
    app.command("parse")(parse)
