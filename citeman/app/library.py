"""Commands over existing .bib files: ``export``, ``fmt``, ``render``, ``cite``, ``rekey`` and ``pages``."""

from __future__ import annotations

import re

from collections.abc import Callable, Sequence
from pathlib import Path

from citeman.app.outcome import EXIT_FINDINGS, Outcome
from citeman.app.references import deliver
from citeman.app.report import diagnostic_lines
from citeman.errors import UsageError
from citeman.model import Diagnostic, Entry

Paths = Sequence[str | Path]


def _read(paths: Paths):
    from citeman.export import read_libraries

    library, diagnostics = read_libraries(list(paths))
    # Only what could not be read is worth a line here; the linter reports the rest.
    return library, diagnostics, diagnostic_lines(diagnostics, at_least="error")


def export(paths: Paths, to: str, output: str | Path | None = None, force: bool = False) -> Outcome:
    """The named .bib files in another format: bibtex, biblatex, csl-json or ris.

    Refuses (:class:`~citeman.errors.InputError`) when a file has a syntax error that the
    export would make final, unless ``force``: then BibTeX keeps each broken entry as
    written, and the other formats carry what could be read of it.
    """
    from citeman.export import FORMATS, keep_broken_as_written, refuse_damage
    from citeman.export import export as export_library

    if to not in FORMATS:
        raise UsageError(f"unknown format {to!r} for --to (choose from {', '.join(FORMATS)})")
    library, diagnostics, messages = _read(paths)
    if not force:
        refuse_damage(diagnostics, "exported")
    elif to == "bibtex":
        library = keep_broken_as_written(library, diagnostics)
    return deliver(Outcome(export_library(library, to), diagnostics, messages), output)


def fmt(paths: Paths, check: bool = False, force: bool = False) -> Outcome:
    """Rewrite .bib files in the canonical layout; with ``check``, only list what would change.

    A file with a syntax error is refused (nothing is written) unless ``force``: then
    each broken entry is written back as it was read.
    """
    from citeman.export import reformat_files

    changed = reformat_files(list(paths) or [Path("bib")], check=check, force=force)
    lines = "".join(f"{'would reformat' if check else 'reformatted'}: {path}\n" for path in changed)
    return Outcome(lines, exit_code=EXIT_FINDINGS if check and changed else 0)


def bibliography_formatter(engine: str, style: str | None, output_format: str) -> Callable[[list[Entry]], object]:
    """The function that formats a list of entries with ``engine`` (csl or pybtex) and ``style``."""
    if engine == "csl":
        from citeman.render.csl import FORMATS, render_bibliography
        from citeman.render.styles import resolve_style

        chosen = style or "apa"
        if output_format not in FORMATS:
            raise UsageError(f"unknown format {output_format!r} (choose from {', '.join(FORMATS)})")
        resolve_style(chosen)
        return lambda entries: render_bibliography(entries, chosen, output_format)
    if engine == "pybtex":
        from citeman.render.bibtex_styles import render_bibtex_style

        chosen = style or "plain"
        return lambda entries: render_bibtex_style(entries, chosen, output_format)
    raise UsageError(f"unknown engine {engine!r} (choose from csl, pybtex)")


def render(paths: Paths, style: str | None = None, output_format: str = "text", annotated: bool = False,
           group_by: str = "none", sort: str = "style", engine: str = "csl",
           output: str | Path | None = None) -> Outcome:
    """A formatted (optionally annotated and grouped) bibliography."""
    from citeman.export import expanded_entries
    from citeman.render.layout import layout_bibliography

    formatter = bibliography_formatter(engine, style, output_format)
    library, diagnostics, messages = _read(paths)
    text = layout_bibliography(expanded_entries(library, inherit=True), formatter, output_format, annotated, group_by, sort)
    return deliver(Outcome(text, diagnostics, messages), output)


def cite(keys: Sequence[str], bib: Paths, style: str = "apa", output_format: str = "text") -> Outcome:
    """The in-text citation of ``keys`` together, e.g. ``(Smith, 2020; Lee, 2021)``."""
    from citeman.export import expanded_entries
    from citeman.render.csl import render_citations

    library, diagnostics, messages = _read(bib)
    return Outcome(render_citations(expanded_entries(library, inherit=True), list(keys), style, output_format), diagnostics, messages)


def rekey(bib: str | Path, only: Sequence[str] = (), dry_run: bool = False) -> dict[str, str]:
    """Recompute keys of ``bib`` (all, or ``only`` these) and write unless ``dry_run``; old -> new."""
    from citeman.io.bibtex import read_bib, write_bib
    from citeman.io.syntax import refuse_damage
    from citeman.keys import rekey as recompute_keys

    library, diagnostics = read_bib(bib)
    if not dry_run:
        refuse_damage(diagnostics, "rekeyed", force="")   # a rewrite would make a syntax error final
    chosen = [e for e in library.entries if not only or e.key in only]
    others = {e.key for e in library.entries if e not in chosen}
    changes = recompute_keys(chosen, taken=others)
    if changes and not dry_run:
        write_bib(library, bib)
    return changes


def read_entries(paths: Paths) -> tuple[list[Entry], list[Diagnostic]]:
    """Every entry of every .bib file named or found in folders, in file order, ``@string`` macros expanded."""
    from citeman.export import expanded_entries
    from citeman.io.bibtex import read_bib
    from citeman.io.files import bib_files

    entries: list[Entry] = []
    diagnostics: list[Diagnostic] = []
    for path in bib_files(paths, stdin=False):
        library, found = read_bib(path)
        entries.extend(expanded_entries(library))
        diagnostics.extend(found)
    return entries, diagnostics


def pages(paths: Paths, output: str | Path, style: str = "apa", templates: str | Path | None = None,
          group_by: str = "type", title: str = "Annotated bibliography", validate: bool = True,
          build: bool = False, serve: bool = False, address: str = "127.0.0.1:8000", site_url: str = "") -> Outcome:
    """The bibliography as a MkDocs project in ``output``; with ``build``, its HTML; with ``serve``, a preview."""
    # Imported here: Jinja2 and the Markdown tooling would slow every other command's start-up.
    from citeman.io.files import bib_files
    from citeman.render.pages import GROUP_BY, by_key
    from citeman.render.site import build_site, serve_site, write_site
    from citeman.validate.lint import lint_paths

    if group_by not in GROUP_BY:
        raise UsageError(f"unknown --group-by '{group_by}' (expected one of: {', '.join(GROUP_BY)})")
    if templates is not None and not Path(templates).is_dir():
        raise UsageError("templates folder not found", path=str(templates))
    if site_url and not re.match(r"https?://[^\s/]+", site_url):
        raise UsageError(f"--site-url must be an http or https address, not {site_url!r}")
    if not re.fullmatch(r"[\w.\-\[\]:]+:\d{1,5}", address):
        raise UsageError(f"--address must be host:port (as 127.0.0.1:8000), not {address!r}")
    entries, diagnostics = read_entries(paths)
    validation = by_key(lint_paths([str(p) for p in bib_files(paths, stdin=False)]).findings) if validate else None
    written = write_site(entries, output, style=style, site_url=site_url, templates_dir=templates, group_by=group_by,
                         title=title, validation=validation)
    counts = [sum(1 for path in written if path.suffix == suffix) for suffix in (".md", ".svg")]
    report = f"wrote {counts[0]} pages and {counts[1]} plots for {len(entries)} entries to {output} (a MkDocs project)\n"
    if build:
        report += f"built the HTML site in {build_site(output)}\n"
    if serve:
        report += "" if serve_site(output, address) == 0 else "mkdocs serve stopped with an error\n"
    return Outcome(report, diagnostics, diagnostic_lines(diagnostics))
