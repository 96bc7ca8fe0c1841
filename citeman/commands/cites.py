"""``citeman cites``: do a paper's in-text citations and its reference list agree?"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from citeman.commands.common import input_errors, warn


class CitesFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
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
    from citeman.cites import check_paper, format_cites_report, load_cites_config
    from citeman.io.atomic import atomic_write

    color = output is None and output_format is CitesFormat.text and sys.stdout.isatty()
    with input_errors():
        config = load_cites_config()
        result = check_paper(
            paper, bib, select=_codes(select) or config.select, ignore=_codes(ignore) or config.ignore
        )
        unreadable = [d for d in result.reader_diagnostics if d.severity == "error"]
        if bib and unreadable:
            warn(f"{bib}: {len(unreadable)} block(s) could not be read; run 'citeman validate {bib}'")
        summary = f"Checked {len(result.citations)} citations against {len(result.entries)} references"
        report = format_cites_report(result.diagnostics, output_format.value, summary=summary, color=color)
        if output is not None:
            atomic_write(output, report)
        elif color:
            from rich.console import Console

            Console(highlight=False, soft_wrap=True).print(report, end="")
        else:
            typer.echo(report, nl=False)
    raise typer.Exit(result.exit_code(fail_on.value if fail_on else config.fail_on))


def register(app: typer.Typer) -> None:
    app.command("cites")(cites)
