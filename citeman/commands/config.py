"""``citeman config``: show the effective configuration."""

from __future__ import annotations

import typer

from citeman import app as application
from citeman.commands.common import finish, input_errors


def config(
    output_format: str = typer.Option("text", "--format", help="text or json."),
) -> None:
    """Show every setting: its value, its default and where it came from (citeman.toml or pyproject.toml)."""
    with input_errors():
        outcome = application.config(output_format)
    finish(outcome)


def register(app: typer.Typer) -> None:
    app.command("config")(config)
