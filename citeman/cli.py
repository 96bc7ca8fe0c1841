"""The ``citeman`` command line: a thin typer layer over :mod:`citeman.app`.

Each command family lives in its own module under :mod:`citeman.commands` and
registers itself on :data:`app`; no command body loops over entries.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import typer
from typer.core import TyperGroup
from typer.exceptions import Abort, TyperException

EXIT_USAGE = 2


class OneLineErrorGroup(TyperGroup):
    """The root command: a usage error is one ``error: ...`` line on standard error and exit 2.

    Typer draws usage errors as a multi-line rich box; CI logs and editors want one
    greppable line like every other citeman error. Overriding ``main`` covers the
    console script and ``CliRunner`` alike, since both call it.
    """

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        args = sys.argv[1:] if args is None else list(args)
        if not standalone_mode or not args:  # plain ``citeman`` shows the help, as before
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except TyperException as err:  # click's usage errors: unknown option, bad value, missing argument
            sys.stderr.write(f"error: {one_line(err.format_message())}\n")
            sys.exit(EXIT_USAGE)
        except Abort:
            sys.stderr.write("aborted\n")
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


def one_line(message: str) -> str:
    """``message`` with its line breaks and runs of spaces folded into single spaces."""
    return " ".join(message.split())


app = typer.Typer(
    cls=OneLineErrorGroup,
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
