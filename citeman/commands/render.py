"""``citeman export``, ``fmt``, ``render`` and ``cite``: .bib files out to other formats and styles."""

from __future__ import annotations

from pathlib import Path

import typer

from citeman.commands.common import EXIT_FINDINGS, input_errors, warn
from citeman.errors import UsageError


def _write_or_print(text: str, output: Path | None) -> None:
    if output is None or str(output) == "-":
        typer.echo(text, nl=False)
        return
    from citeman.io.atomic import atomic_write

    atomic_write(output, text)


def _warn_unparsed(diagnostics: list) -> None:
    for diagnostic in diagnostics:
        if diagnostic.severity == "error":
            warn(f"{diagnostic.location()}: {diagnostic.message}")


def export(
    paths: list[Path] = typer.Argument(..., help=".bib files or folders holding them.", show_default=False),
    to: str = typer.Option(..., "--to", help="bibtex, biblatex, csl-json or ris.", show_default=False),
    output: Path = typer.Option(None, "--output", "-o", help="File to write (default: standard output).", show_default=False),
) -> None:
    """Convert .bib files to BibTeX, BibLaTeX, CSL-JSON or RIS."""
    from citeman.export import FORMATS
    from citeman.export import export as export_library
    from citeman.export import read_libraries

    with input_errors():
        if to not in FORMATS:
            raise UsageError(f"unknown format {to!r} for --to (choose from {', '.join(FORMATS)})")
        library, diagnostics = read_libraries(paths)
        _warn_unparsed(diagnostics)
        _write_or_print(export_library(library, to), output)


def fmt(
    paths: list[Path] = typer.Argument(None, help=".bib files or folders (default: bib/).", show_default=False),
    check: bool = typer.Option(False, "--check", help="Change nothing; exit 1 listing files that would change."),
) -> None:
    """Rewrite .bib files in citeman's one canonical BibTeX layout (idempotent)."""
    from citeman.export import reformat_files

    with input_errors():
        changed = reformat_files(paths or [Path("bib")], check=check)
    for path in changed:
        typer.echo(f"{'would reformat' if check else 'reformatted'}: {path}")
    if check and changed:
        raise typer.Exit(EXIT_FINDINGS)


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
    from citeman.export import expanded_entries, read_libraries
    from citeman.render.layout import layout_bibliography

    with input_errors():
        formatter = _formatter(engine, style, output_format)
        library, diagnostics = read_libraries(paths)
        _warn_unparsed(diagnostics)
        text = layout_bibliography(expanded_entries(library), formatter, output_format, annotated, group_by, sort)
        _write_or_print(text, output)


def _formatter(engine: str, style: str | None, output_format: str):
    if engine == "csl":
        style = style or "apa"
        from citeman.render.csl import FORMATS, render_bibliography
        from citeman.render.styles import resolve_style

        if output_format not in FORMATS:
            raise UsageError(f"unknown format {output_format!r} (choose from {', '.join(FORMATS)})")
        resolve_style(style)
        return lambda entries: render_bibliography(entries, style, output_format)
    if engine == "pybtex":
        from citeman.render.bibtex_styles import render_bibtex_style

        style = style or "plain"
        return lambda entries: render_bibtex_style(entries, style, output_format)
    raise UsageError(f"unknown engine {engine!r} (choose from csl, pybtex)")


def cite(
    keys: list[str] = typer.Argument(..., help="Keys to cite together.", show_default=False),
    bib: list[Path] = typer.Option(..., "--bib", help=".bib file or folder holding the entries (repeatable).", show_default=False),
    style: str = typer.Option("apa", "--style", help="Style name, CSL style id or .csl file."),
    output_format: str = typer.Option("text", "--format", help="text, markdown, html or latex."),
) -> None:
    """The in-text citation for KEY... in a style, e.g. (Smith, 2020; Lee, 2021)."""
    from citeman.export import expanded_entries, read_libraries
    from citeman.render.csl import render_citations

    with input_errors():
        library, diagnostics = read_libraries(bib)
        _warn_unparsed(diagnostics)
        typer.echo(render_citations(expanded_entries(library), keys, style, output_format))


def register(app: typer.Typer) -> None:
    app.command("export")(export)
    app.command("fmt")(fmt)
    app.command("render")(render)
    app.command("cite")(cite)
