"""The ``citeman`` command line: a thin typer layer over :mod:`citeman.api`.

Each command family lives in its own module under :mod:`citeman.commands` and
registers itself on :data:`app`; no command body loops over entries.
"""

from __future__ import annotations

import sys

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


if __name__ == "__main__":
    main()
