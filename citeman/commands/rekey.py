"""``citeman rekey``: the one explicit way to change citation keys, with an old -> new map."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from citeman import app as application
from citeman.commands.common import input_errors


def rekey(
    bib: Path = typer.Argument(..., help="The .bib file whose keys to recompute."),
    only: list[str] = typer.Option(None, "--key", help="Recompute only these keys (repeatable)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print the map without writing."),
    as_json: bool = typer.Option(False, "--json", help="Print the map as a JSON object."),
) -> None:
    """Recompute keys as <family><year><word> and print the old -> new map (keys never change otherwise)."""
    with input_errors():
        changes = application.rekey(bib, only or [], dry_run)
    if as_json:
        typer.echo(json.dumps(changes, indent=2, ensure_ascii=False))
    else:
        for old, new in changes.items():
            typer.echo(f"{old} -> {new}")
        typer.echo(f"{len(changes)} key{'s' if len(changes) != 1 else ''} {'would change' if dry_run else 'changed'} in {bib}", err=True)


def register(app: typer.Typer) -> None:
    app.command()(rekey)
