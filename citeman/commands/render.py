"""``citeman export``, ``fmt``, ``render`` and ``cite``: .bib files out to other formats and styles."""

from __future__ import annotations

from pathlib import Path

import typer

from citeman import app as application
from citeman.commands.common import finish, input_errors


def export(
    paths: list[Path] = typer.Argument(..., help=".bib files or folders holding them.", show_default=False),
    to: str = typer.Option(..., "--to", help="bibtex, biblatex, csl-json or ris.", show_default=False),
    output: Path = typer.Option(None, "--output", "-o", help="File to write (default: standard output).", show_default=False),
    force: bool = typer.Option(False, "--force", help="Export even with syntax errors; BibTeX keeps broken entries as written."),
) -> None:
    """Convert .bib files to BibTeX, BibLaTeX, CSL-JSON or RIS."""
    with input_errors():
        outcome = application.export(paths, to, output, force)
    finish(outcome)


def fmt(
    paths: list[Path] = typer.Argument(None, help=".bib files or folders (default: bib/).", show_default=False),
    check: bool = typer.Option(False, "--check", help="Change nothing; exit 1 listing files that would change."),
    force: bool = typer.Option(False, "--force", help="Rewrite even files with syntax errors, keeping broken entries as written."),
) -> None:
    """Rewrite .bib files in citeman's one canonical BibTeX layout (idempotent)."""
    with input_errors():
        outcome = application.fmt(paths or [], check, force)
    finish(outcome)


def render(
    paths: list[Path] = typer.Argument(..., help=".bib files or folders holding them.", show_default=False),
    style: str = typer.Option(None, "--style", help="apa (default), chicago-author-date, mla, ieee, harvard, vancouver, any CSL style id, or a .csl file; with --engine pybtex: plain (default), unsrt, alpha.", show_default=False),
    output_format: str = typer.Option("text", "--format", help="text, markdown, html or latex."),
    annotated: bool = typer.Option(False, "--annotated", help="Print each entry's annotation under its reference."),
    group_by: str = typer.Option("none", "--group-by", help="type, year or none."),
    sort: str = typer.Option("style", "--sort", help="style (the style's own order), author, year or key."),
    engine: str = typer.Option("csl", "--engine", help="csl (pandoc) or pybtex (BibTeX styles plain, unsrt, alpha)."),
    output: Path = typer.Option(None, "--output", "-o", help="File to write (default: standard output).", show_default=False),
) -> None:
    """A formatted (optionally annotated and grouped) bibliography."""
    with input_errors():
        outcome = application.render(paths, style, output_format, annotated, group_by, sort, engine, output)
    finish(outcome)


def cite(
    keys: list[str] = typer.Argument(..., help="Keys to cite together.", show_default=False),
    bib: list[Path] = typer.Option(..., "--bib", help=".bib file or folder holding the entries (repeatable).", show_default=False),
    style: str = typer.Option("apa", "--style", help="Style name, CSL style id or .csl file."),
    output_format: str = typer.Option("text", "--format", help="text, markdown, html or latex."),
) -> None:
    """The in-text citation for KEY... in a style, e.g. (Smith, 2020; Lee, 2021)."""
    with input_errors():
        outcome = application.cite(keys, bib, style, output_format)
    finish(outcome)


def register(app: typer.Typer) -> None:
    app.command("export")(export)
    app.command("fmt")(fmt)
    app.command("render")(render)
    app.command("cite")(cite)
