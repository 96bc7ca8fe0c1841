"""``citeman validate``, ``citeman rules`` and ``citeman dedupe``: thin wrappers over :mod:`citeman.app`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from citeman import app as application
from citeman.commands.common import finish, input_errors


def validate(
    paths: Optional[list[str]] = typer.Argument(None, help=".bib files or folders (searched recursively); default bib/."),
    output_format: str = typer.Option("text", "--output-format", "--format",
                                      help="text, concise, json, github, gitlab or sarif."),
    select: Optional[list[str]] = typer.Option(None, "--select", help="Only these codes or prefixes (Y001,N)."),
    ignore: Optional[list[str]] = typer.Option(None, "--ignore", help="Skip these codes or prefixes."),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="error (default), warning or info."),
    fix: bool = typer.Option(False, "--fix", help="Apply safe fixes in place."),
    unsafe_fixes: bool = typer.Option(False, "--unsafe-fixes", help="With --fix or --diff: unsafe fixes too."),
    diff: bool = typer.Option(False, "--diff", help="Show the fixes as a unified diff; write nothing."),
    baseline: Optional[str] = typer.Option(None, "--baseline", help="Known findings (JSON) that do not fail the run."),
    write_baseline: Optional[str] = typer.Option(None, "--write-baseline", help="Record all findings as known."),
    no_baseline: bool = typer.Option(False, "--no-baseline", help="Ignore the configured baseline."),
    show_all: bool = typer.Option(False, "--show-all", help="Text output: list baselined and suppressed findings too."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help="Worker processes (default: all cores)."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write the report to this file."),
    statistics: bool = typer.Option(False, "--statistics", help="Count the findings per rule instead of listing them."),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even when findings fail the run."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only the findings: no summary line or notes."),
    silent: bool = typer.Option(False, "--silent", help="Print nothing; only the exit code tells."),
    show_fixes: bool = typer.Option(False, "--show-fixes", help="List the fixes applied (with --fix) or available."),
    color_choice: str = typer.Option("auto", "--color", help="auto (a terminal without NO_COLOR), always or never."),
) -> None:
    """Lint .bib files: rule codes, file:line, safe fixes, baselines, SARIF."""

    with input_errors():
        outcome = application.validate(
            paths=list(paths or []), fmt=output_format, select=select, ignore=list(ignore or []), fail_on=fail_on,
            fix=fix, unsafe_fixes=unsafe_fixes, diff=diff, baseline=baseline, write_baseline=write_baseline,
            no_baseline=no_baseline, show_all=show_all, color=color_choice, jobs=jobs, output=output,
            statistics=statistics, exit_zero=exit_zero, quiet=quiet, silent=silent, show_fixes=show_fixes,
            to_terminal=output is None and sys.stdout.isatty(),
        )
        for message in outcome.messages:
            typer.echo(message, err=True)
        if outcome.written:
            pass  # the report went to --output
        elif outcome.color:
            from rich.console import Console

            # Forced: --color always holds for a pipe and over NO_COLOR as well.
            Console(highlight=False, soft_wrap=True, force_terminal=True, no_color=False).print(outcome.report, end="")
        else:
            typer.echo(outcome.report_bytes(), nl=False)  # bytes go to the binary stream as they are
    raise typer.Exit(outcome.exit_code)


def rules(
    code: Optional[str] = typer.Argument(None, help="Show the documentation of this rule."),
    output_format: str = typer.Option("text", "--format", help="text, json or markdown."),
) -> None:
    """List every rule (code, name, severity, fixable), or document one."""
    finish(application.rules(code, output_format))


def dedupe(
    path: str = typer.Argument(..., help="The .bib file."),
    merge: bool = typer.Option(False, "--merge", help="Merge each duplicate group into its first entry."),
    output: Optional[str] = typer.Option(None, "-o", "--output", help="Write the merged file here (default: in place)."),
    output_format: str = typer.Option("text", "--format", help="text or json."),
) -> None:
    """Find duplicate entries (DOI, ISBN, similar title+author+year); merge only on request."""
    with input_errors():
        outcome = application.dedupe(path, merge=merge, output=output, fmt=output_format)
    finish(outcome)


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)
    app.command("rules")(rules)
    app.command("dedupe")(dedupe)
