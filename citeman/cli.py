"""The ``citeman`` command line: a thin typer layer over :mod:`citeman.app`.

Each command family lives in its own module under :mod:`citeman.commands` and
registers itself on :data:`app`; no command body loops over entries.
"""

from __future__ import annotations

import os
import sys
from typing import NoReturn

import typer

app = typer.Typer(
    name="citeman",
    no_args_is_help=True,
    add_completion=False,
    help="Annotated bibliographies: ingest, normalise, validate, render and export.",
    pretty_exceptions_enable=False,
)


def _show_version(value: bool) -> None:
    if value:
        from citeman import __version__

        typer.echo(f"citeman {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_show_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """Annotated bibliographies: ingest, normalise, validate, render and export."""


def _register_commands() -> None:
    import importlib
    import pkgutil

    import citeman.commands as package

    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if info.name.startswith("_") or info.name == "common":
            continue
        module = importlib.import_module(f"citeman.commands.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(app)


_register_commands()


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    except SystemExit as done:
        if done.code is not None and not isinstance(done.code, int):
            raise
        _exit_now(done.code or 0)


def _exit_now(code: int) -> NoReturn:
    """Exit without tearing the interpreter down: the command's output is written and flushed.

    Freeing a large run's millions of objects one by one takes most of a second and
    changes nothing (the same shortcut as mypy's). Only the console entry point does
    this; library callers and tests keep a normal interpreter.
    """
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: exit with the code all the same
        pass
    os._exit(code)


if __name__ == "__main__":
    main()
