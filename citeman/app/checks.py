"""``citeman validate``, ``rules``, ``dedupe`` and ``cites``: the checks, as plain functions."""

from __future__ import annotations

from pathlib import Path
from collections.abc import Sequence

from citeman.app.outcome import EXIT_USAGE, Outcome
from citeman.errors import UsageError

__all__ = ["cites", "dedupe", "rules", "validate"]


def validate(*, color: str | bool = "never", to_terminal: bool = False, **options):
    """Lint .bib files; ``options`` are those of :class:`citeman.validate.run.ValidateOptions`.

    ``color`` is ``auto`` (a terminal, ``to_terminal``, without NO_COLOR), ``always`` or
    ``never``. With ``output`` the report is written there (atomically) and
    ``outcome.written`` is set. Returns the :class:`~citeman.validate.run.ValidateOutcome`:
    the report, notes for standard error, the exit code and whether to colour the report.
    """
    import os

    from citeman.io.atomic import atomic_write
    from citeman.validate.report import use_color
    from citeman.validate.run import ValidateOptions, run_validate

    fail_on = options.get("fail_on")
    if fail_on is not None and fail_on not in ("error", "warning", "info"):
        raise UsageError(f"--fail-on must be error, warning or info, not {fail_on!r}")
    from citeman.validate.baseline import check_baseline_option

    if not options.get("no_baseline"):
        check_baseline_option(options.get("baseline"), options.get("write_baseline"))
    if not isinstance(color, bool):
        color = options.get("output") is None and use_color(color, options.get("fmt", "text"),
                                                            to_terminal=to_terminal, environ=os.environ)
    outcome = run_validate(ValidateOptions(color=color, **options))
    output = options.get("output")
    if output is not None and not outcome.written:
        atomic_write(output, outcome.report_bytes())
        outcome.output, outcome.written = b"", True
    outcome.color = color
    return outcome


def dedupe(path: str, merge: bool = False, output: str | None = None, fmt: str = "text") -> Outcome:
    """Duplicate entries of one .bib (DOI, ISBN, similar title+author+year); merged on request."""
    from citeman.validate.run import run_dedupe

    if fmt not in ("text", "json"):
        raise UsageError(f"unknown format {fmt!r} for --format (choose from text, json)")
    found = run_dedupe(path, merge=merge, output=output, fmt=fmt)
    return Outcome(found.report, exit_code=found.exit_code)


def rules(code: str | None = None, fmt: str = "text") -> Outcome:
    """Every rule as a table (text, json or markdown), or one rule's documentation."""
    from citeman.validate.docs import rule_doc, rules_json, rules_markdown, rules_table
    from citeman.validate.registry import rule_by_code

    if code:
        found = rule_by_code(code)
        if found is None:
            return Outcome(messages=[f"error: unknown rule {code!r} (see 'citeman rules')"], exit_code=EXIT_USAGE)
        return Outcome(rule_doc(found))
    writers = {"json": rules_json, "markdown": rules_markdown, "text": rules_table}
    if fmt not in writers:
        return Outcome(messages=[f"error: unknown format {fmt!r} (text, json or markdown)"], exit_code=EXIT_USAGE)
    return Outcome(writers[fmt]())


def cites(paper: str | Path, bib: str | Path | None = None, fmt: str = "text", fail_on: str | None = None,
          select: Sequence[str] = (), ignore: Sequence[str] = (), color: bool = False,
          output: str | Path | None = None) -> Outcome:
    """Check a paper's in-text citations against its reference list (or ``bib``).

    With ``output`` the report is written there (atomically) instead of returned.
    """
    from citeman.cites import check_paper, format_cites_report, load_cites_config

    config = load_cites_config()
    result = check_paper(paper, bib, select=list(select) or config.select, ignore=list(ignore) or config.ignore)
    messages = []
    unreadable = [d for d in result.reader_diagnostics if d.severity == "error"]
    if bib and unreadable:
        messages.append(f"warning: {bib}: {len(unreadable)} block(s) could not be read; run 'citeman validate {bib}'")
    summary = f"Checked {len(result.citations)} citations against {len(result.entries)} references"
    report = format_cites_report(result.diagnostics, fmt, summary=summary, color=color)
    outcome = Outcome(report, result.diagnostics, messages, result.exit_code(fail_on or config.fail_on))
    if output is not None:
        from citeman.io.atomic import atomic_write

        atomic_write(Path(output), report)
        outcome.written = Path(output)
    return outcome
