"""``citeman pages``: the annotated bibliography as a MkDocs site, from .bib files."""

from __future__ import annotations

from pathlib import Path

import typer

from citeman import app as application
from citeman.commands.common import finish, input_errors


def pages(
    paths: list[Path] = typer.Argument(..., help=".bib files or folders holding them.", show_default=False),
    output: Path = typer.Option(..., "--output", "-o", help="Folder to write the pages into.", show_default=False),
    style: str = typer.Option("apa", "--style", help="Citation style for the index (name, style id or .csl path)."),
    templates: Path = typer.Option(None, "--templates", help="Folder with your own Jinja2 templates.", show_default=False),
    group_by: str = typer.Option("type", "--group-by", help="Group the index by type, year or none."),
    title: str = typer.Option("Annotated bibliography", "--title", help="Heading of the index page."),
    validate: bool = typer.Option(True, "--validate/--no-validate", help="Show each entry's validation findings."),
    build: bool = typer.Option(False, "--build", help="Also build the static HTML site (mkdocs build --strict) into OUTPUT/html."),
    serve: bool = typer.Option(False, "--serve", help="Preview the site in a browser (mkdocs serve) until interrupted."),
    address: str = typer.Option("127.0.0.1:8000", "--address", help="Address and port for --serve."),
    site_url: str = typer.Option("", "--site-url", help="Where the site will be published (for its 404 page and sitemap).", show_default=False),
) -> None:
    """Write the bibliography as a MkDocs site: mkdocs.yml, Markdown pages in docs/, plots; optionally build or serve it."""
    with input_errors():
        outcome = application.pages(paths, output, style, templates, group_by, title, validate, build, serve, address, site_url)
    finish(outcome)


def register(app: typer.Typer) -> None:
    app.command("pages")(pages)
