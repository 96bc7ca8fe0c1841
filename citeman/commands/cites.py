"""``citeman cites``: do a paper's in-text citations and its reference list agree?"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from citeman import app as application
from citeman.commands.common import finish, input_errors


class CitesFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    gitlab = "gitlab"
    sarif = "sarif"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def _codes(values: Optional[list[str]]) -> list[str]:
    return [code.strip().upper() for value in values or [] for code in value.split(",") if code.strip()]


def cites(
    paper: Path = typer.Argument(..., help="The paper (plain text or Markdown; - for standard input)."),
    bib: Optional[Path] = typer.Option(None, "--bib", help="Check against this .bib instead of the paper's own list."),
    output_format: CitesFormat = typer.Option(CitesFormat.text, "--format", help="Output format."),
    fail_on: Optional[FailOn] = typer.Option(
        None, "--fail-on", help="Lowest severity that makes the exit code 1 (default: error)."
    ),
    select: Optional[list[str]] = typer.Option(None, "--select", help="Only these codes or prefixes (C001,C00)."),
    ignore: Optional[list[str]] = typer.Option(None, "--ignore", help="Skip these codes or prefixes."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write the report to this file."),
) -> None:
    """Check in-text citations against the reference list (rules C001-C007)."""
    color = output is None and output_format is CitesFormat.text and sys.stdout.isatty()
    with input_errors():
        outcome = application.cites(paper, bib, output_format.value, fail_on.value if fail_on else None,
                                    _codes(select), _codes(ignore), color, output)
    if color and outcome.written is None:
        from rich.console import Console

        for message in outcome.messages:
            typer.echo(message, err=True)
        Console(highlight=False, soft_wrap=True).print(outcome.output, end="")
        raise typer.Exit(outcome.exit_code)
    finish(outcome)


def register(app: typer.Typer) -> None:
    app.command("cites")(cites)
