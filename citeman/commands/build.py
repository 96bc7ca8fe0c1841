"""``citeman build``: the README's main job, with a progress display for long runs."""

from __future__ import annotations

from pathlib import Path

import typer

from citeman import app as application
from citeman.commands.common import EXIT_USAGE, input_errors


def build(
    seeds: Path = typer.Option(Path("seeds"), "--seeds", help="Folder of source documents."),
    bib: Path = typer.Option(Path("bib"), "--bib", help="Folder of the .bib files to update."),
    site: Path = typer.Option(Path("site"), "--site", help="Folder for the Markdown pages."),
    no_pages: bool = typer.Option(False, "--no-pages", help="Skip writing the pages."),
    style: str = typer.Option("apa", "--style", help="Citation style of the pages."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Also list every warning and note of every step."),
) -> None:
    """Run the whole pipeline on SEEDS: documents and reference lists into BIB, pages into SITE."""
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    if not console.is_terminal:  # a log or a pipe gets no spinner and no blank line left behind
        with input_errors():
            result = application.build(seeds, bib, None if no_pages else site, style=style)
    else:
        with input_errors(), Progress(
            SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=console, transient=True
        ) as progress:
            task = progress.add_task("build", total=None)
            result = application.build(seeds, bib, None if no_pages else site, style=style,
                                       progress=lambda message: progress.update(task, description=message))
    for error in result.errors:
        typer.echo(f"error: {error}", err=True)
    for line in application.diagnostic_lines(result.diagnostics, at_least="info" if verbose else "error"):
        typer.echo(line, err=True)
    written = ", ".join(str(p) for p in result.bib_files)
    pages = f"; {len(result.pages)} pages in {site}" if result.pages else ""
    counts = _severity_counts(result.diagnostics)
    typer.echo(f"{result.entries} entries in {written}{pages}{counts}")
    if result.errors:
        raise typer.Exit(EXIT_USAGE)


def _severity_counts(diagnostics) -> str:
    counts: dict[str, int] = {}
    for diagnostic in diagnostics:
        counts[diagnostic.severity] = counts.get(diagnostic.severity, 0) + 1
    shown = [f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in ("error", "warning") if counts.get(s)]
    return f" ({', '.join(shown)} while building; -v lists them)" if shown else ""


def register(app: typer.Typer) -> None:
    app.command()(build)
