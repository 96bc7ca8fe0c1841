"""``citeman build``: the README's main job, with a progress display for long runs."""

from __future__ import annotations

from pathlib import Path

import typer

from citeman.commands.common import EXIT_USAGE, input_errors


def build(
    seeds: Path = typer.Option(Path("seeds"), "--seeds", help="Folder of source documents."),
    bib: Path = typer.Option(Path("bib"), "--bib", help="Folder of the .bib files to update."),
    site: Path = typer.Option(Path("site"), "--site", help="Folder for the Markdown pages."),
    no_pages: bool = typer.Option(False, "--no-pages", help="Skip writing the pages."),
    style: str = typer.Option("apa", "--style", help="Citation style of the pages."),
) -> None:
    """Run the whole pipeline on SEEDS: documents and reference lists into BIB, pages into SITE."""
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from citeman import api

    console = Console(stderr=True)
    with input_errors(), Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=console, transient=True
    ) as progress:
        task = progress.add_task("build", total=None)
        result = api.build(seeds, bib, None if no_pages else site, style=style,
                           progress=lambda message: progress.update(task, description=message))
    for error in result.errors:
        typer.echo(f"error: {error}", err=True)
    written = ", ".join(str(p) for p in result.bib_files)
    pages = f"; {len(result.pages)} pages in {site}" if result.pages else ""
    typer.echo(f"{result.entries} entries in {written}{pages}")
    if result.errors:
        raise typer.Exit(EXIT_USAGE)


def register(app: typer.Typer) -> None:
    app.command()(build)
