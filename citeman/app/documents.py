"""``citeman ingest`` and ``citeman annotate``: documents into entries, entries into an annotated bibliography."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from citeman.app.outcome import EXIT_OK, EXIT_USAGE, Outcome
from citeman.app.references import deliver, entries_text
from citeman.app.report import diagnostic_lines
from citeman.errors import UsageError


def ingest(
    files: Sequence[str | Path],
    to: str = "bibtex",
    output: str | Path | None = None,
    into: str | Path | None = None,
    set_values: Sequence[str] = (),
    provenance: bool = False,
) -> Outcome:
    """One entry per document, in argument order; printed, written, or merged into a .bib."""
    from citeman.ingest.run import ingest_documents, keyed
    from citeman.ingest.sidecar import parse_set_options

    if output is not None and into is not None:
        raise UsageError("use either -o/--output or --into, not both")
    if into is not None and to != "bibtex":
        raise UsageError("--into merges into a .bib file; it cannot be combined with --to csl-json")
    result = ingest_documents(list(files), parse_set_options(list(set_values)))
    outcome = Outcome(diagnostics=list(result.diagnostics), exit_code=EXIT_USAGE if result.errors else EXIT_OK)
    outcome.messages = [f"error: {error}" for error in result.errors] + diagnostic_lines(result.diagnostics)
    if provenance:
        from citeman.ingest.documents import provenance_lines

        outcome.messages += [f"{e.fields.get('citeman-source', '')}: {line}" for e in result.entries for line in provenance_lines(e)]
    if into is not None:
        from citeman.ingest.merge import merge_into_bib

        report, bib_diagnostics = merge_into_bib(into, result.entries)
        outcome.diagnostics += bib_diagnostics
        outcome.messages += diagnostic_lines(bib_diagnostics, at_least="warning") + report.lines()
        outcome.messages.append(f"{into}: {report.summary()}")
        outcome.written = Path(into)
    elif result.entries:
        outcome.output = entries_text(keyed(result.entries), to)
        deliver(outcome, output)
    return outcome


def annotate(bib: str | Path, sources: Sequence[str | Path] = (), only_missing: bool = False) -> Outcome:
    """Draft annotations and keywords in ``bib`` (in place); anything a person edited is kept."""
    from citeman.annotate import annotate_bib

    for folder in sources:
        if not Path(folder).is_dir():
            raise UsageError("no such folder (--source)", path=str(folder))
    report = annotate_bib(bib, source_dirs=list(sources), only_missing=only_missing)
    messages = diagnostic_lines(report.diagnostics) + [f"{bib}: {report.summary()}"]
    return Outcome(diagnostics=report.diagnostics, messages=messages, written=Path(bib))
