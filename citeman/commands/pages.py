"""``citeman pages``: annotated bibliography pages (Markdown) from .bib files."""

from __future__ import annotations

from pathlib import Path

import typer

from citeman.commands.common import input_errors, warn
from citeman.errors import InputError, UsageError
from citeman.model import Diagnostic, Entry


def collect_bib_files(paths: list[Path]) -> list[Path]:
    """The .bib files named, and those inside named folders (recursively, sorted)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.bib") if p.is_file())
            if not found:
                raise InputError("no .bib files in folder", path=str(path))
            files.extend(found)
        else:
            files.append(path)
    return files


def read_entries(paths: list[Path]) -> tuple[list[Entry], list[Diagnostic]]:
    """Every entry of every file, in file order, and what reading found (unparseable blocks are skipped)."""
    from citeman.io.bibtex import read_bib

    entries: list[Entry] = []
    diagnostics: list[Diagnostic] = []
    for path in collect_bib_files(paths):
        library, found = read_bib(path)
        entries.extend(library.entries)
        diagnostics.extend(found)
    return entries, diagnostics


def lint_by_key(paths: list[Path]) -> dict[str, list]:
    """The linter's findings for the files under ``paths``, by entry key."""
    from citeman.render.pages import by_key
    from citeman.validate.lint import lint_paths

    return by_key(lint_paths([str(p) for p in collect_bib_files(paths)]).findings)


def pages(
    paths: list[Path] = typer.Argument(..., help=".bib files or folders holding them.", show_default=False),
    output: Path = typer.Option(..., "--output", "-o", help="Folder to write the pages into.", show_default=False),
    style: str = typer.Option("apa", "--style", help="Citation style for the index (name, style id or .csl path)."),
    templates: Path = typer.Option(None, "--templates", help="Folder with your own Jinja2 templates.", show_default=False),
    group_by: str = typer.Option("type", "--group-by", help="Group the index by type, year or none."),
    title: str = typer.Option("Annotated bibliography", "--title", help="Heading of the index page."),
    validate: bool = typer.Option(True, "--validate/--no-validate", help="Show each entry's validation findings."),
) -> None:
    """Write annotated bibliography pages (index, entries, authors, keywords) as Markdown."""
    # Imported here: Jinja2 and the Markdown tooling would slow every other command's start-up.
    from citeman.render.pages import GROUP_BY, render_pages

    with input_errors():
        if group_by not in GROUP_BY:
            raise UsageError(f"unknown --group-by '{group_by}' (expected one of: {', '.join(GROUP_BY)})")
        if templates is not None and not templates.is_dir():
            raise UsageError("templates folder not found", path=str(templates))
        entries, diagnostics = read_entries(paths)
        for diagnostic in diagnostics:
            warn(f"{diagnostic.location()}: {diagnostic.code} {diagnostic.message}")
        validation = lint_by_key(paths) if validate else None
        written = render_pages(
            entries, output, style=style, templates_dir=templates, group_by=group_by, title=title, validation=validation
        )
    typer.echo(f"wrote {len(written)} pages for {len(entries)} entries to {output}")


def register(app: typer.Typer) -> None:
    app.command("pages")(pages)
