"""Helpers every command module shares: one-line errors, exit codes, and printing an outcome."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import typer

from citeman.app.outcome import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, Outcome
from citeman.errors import CitemanError

__all__ = ["EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "finish", "input_errors", "warn"]


@contextmanager
def input_errors() -> Iterator[None]:
    """Turn a :class:`CitemanError` into ``error: path:line: message`` and exit 2."""
    try:
        yield
    except CitemanError as err:
        if os.environ.get("CITEMAN_DEBUG"):
            raise
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(EXIT_USAGE) from None


def warn(message: str) -> None:
    """One line on standard error, prefixed so it is easy to grep."""
    typer.echo(f"warning: {message}", err=True)


def finish(outcome: Outcome) -> None:
    """Print an outcome (notes to standard error, output to standard output unless written) and exit."""
    for message in outcome.messages:
        typer.echo(message, err=True)
    if outcome.written is None and outcome.output:
        typer.echo(outcome.output, nl=not outcome.output.endswith("\n"))
    raise typer.Exit(outcome.exit_code)
