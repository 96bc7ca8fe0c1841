"""Helpers every command module shares: one-line errors and exit codes."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import typer

from citeman.errors import CitemanError

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


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
