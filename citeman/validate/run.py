"""What ``citeman validate`` and ``citeman dedupe`` do, as plain functions the CLI wraps.

Combines configuration, fixes (through the full reader and the canonical writer),
the parallel linter, baselines and report formatting; returns text and an exit code
and never prints, so tests call it directly.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from citeman.errors import UsageError
from citeman.io.atomic import AtomicFile, atomic_file, atomic_write
from citeman.io.splice import splice_entries
from citeman.io.syntax import damage, refuse_damage
from citeman.io.text import read_text
from citeman.validate.baseline import BaselineMatcher, load_baseline, write_baseline
from citeman.validate.base import Context
from citeman.validate.config import SEVERITIES, check_codes, load_config
from citeman.validate.dedupe import find_duplicates, merge_duplicates, record
from citeman.validate.fixing import fix_library
from citeman.validate.lint import LintResult, collect_bib_files, lint_paths
from citeman.validate.registry import select_rules
from citeman.validate.report import FORMATS, ReportBuilder, fixable_by_file, fixes_section, statistics

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


@dataclass
class ValidateOptions:
    paths: list[str]
    fmt: str = "text"
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    fail_on: str | None = None
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    baseline: str | None = None
    write_baseline: str | None = None
    no_baseline: bool = False
    show_all: bool = False
    color: bool = False
    jobs: int | None = None
    config_dir: Path | None = None
    # The report goes to this file (written as it is built, replaced atomically) instead of ``output``.
    output: str | Path | None = None
    statistics: bool = False    # counts per code instead of the findings
    exit_zero: bool = False     # exit 0 even with findings (usage errors still exit 2)
    quiet: bool = False         # the findings only: no summary line, no notes
    silent: bool = False        # nothing at all: the exit code only
    show_fixes: bool = False    # text: list the fixes applied (with --fix) or available after the report


@dataclass
class ValidateOutcome:
    output: str | bytes   # the report (UTF-8 bytes when it was built as such: large reports)
    exit_code: int
    result: LintResult | None = None
    messages: list[str] = field(default_factory=list)   # notes for standard error
    written: bool = False   # the report went to ``options.output`` (``output`` is then empty)
    color: bool = False     # the text report is meant to be shown in colour

    @property
    def report(self) -> str:
        return self.output.decode() if isinstance(self.output, bytes) else self.output

    def report_bytes(self) -> bytes:
        return self.output if isinstance(self.output, bytes) else self.output.encode()


def split_codes(values: list[str] | None) -> list[str]:
    return [code.strip().upper() for value in values or [] for code in value.split(",") if code.strip()]


def run_validate(options: ValidateOptions, ctx: Context | None = None) -> ValidateOutcome:
    """Run the whole validate command; raises :class:`CitemanError` for usage or unreadable input."""
    if options.fmt not in FORMATS:
        raise UsageError(f"unknown format {options.fmt!r} (choose from {', '.join(FORMATS)})")
    check_codes(split_codes(options.select), "--select")
    check_codes(split_codes(options.ignore), "--ignore")
    config = load_config(options.config_dir)
    select = split_codes(options.select) or config.select
    ignore = config.ignore + split_codes(options.ignore)
    fail_on = options.fail_on or config.fail_on
    if fail_on not in SEVERITIES:
        raise UsageError(f"--fail-on must be one of {', '.join(SEVERITIES)}, not {fail_on!r}")
    rules = select_rules(select, ignore)
    messages: list[str] = []
    fixed_by_file: dict[str, dict[str, int]] = {}
    files = collect_bib_files(options.paths or ["bib"])
    if options.fix or options.diff:
        from citeman.io.bibtex import dumps_bib, read_bib  # bibtexparser is loaded only when fixing

        diffs = []
        for path in files:
            if path == "-":
                raise UsageError("--fix and --diff need files, not standard input")
            library, found = read_bib(path)
            broken = damage(found)
            if broken:
                # A rewrite would make a syntax error final (a folded field, re-read bytes): fix nothing here.
                first = broken[0]
                messages.append(f"not fixed: {first.path}:{first.line}: {first.code} {first.message} "
                                f"(fix the syntax first)")
                continue
            before = read_text(path)
            fixed = fix_library(library, rules=rules, unsafe=options.unsafe_fixes, ctx=ctx)
            if not fixed.changed:
                continue
            after = splice_entries(before, fixed.entries, fixed.fields) or dumps_bib(library)
            if after == before:
                continue
            if options.diff:
                diffs.append("".join(difflib.unified_diff(before.splitlines(True), after.splitlines(True),
                                                          f"a/{path}", f"b/{path}")))
            else:
                atomic_write(path, after)
                fixed_by_file[path] = dict(fixed.applied)
                total = sum(fixed.applied.values())
                detail = ", ".join(f"{code} x{n}" for code, n in sorted(fixed.applied.items()))
                messages.append(f"fixed {total} problem{'s' if total != 1 else ''} in {path} ({detail})")
        if options.diff:
            return _quieted(ValidateOutcome("".join(diffs), EXIT_FINDINGS if diffs else EXIT_OK, None, messages),
                            options)
    if options.write_baseline:
        result = lint_paths(files, select=select, ignore=ignore, ctx=ctx, jobs=options.jobs)
        count = write_baseline(result.findings, options.write_baseline)
        messages.append(f"wrote {count} findings to {options.write_baseline}")
        return _quieted(ValidateOutcome("", EXIT_OK, result, messages), options)
    baseline_path = options.baseline or (str(config.baseline) if config.baseline else None)
    known = load_baseline(baseline_path) if baseline_path and not options.no_baseline else None
    matcher = BaselineMatcher(known, baseline_path) if known else None

    show_fixes = options.show_fixes and options.fmt in ("text", "concise")

    def check(sink: AtomicFile | None) -> ValidateOutcome:
        # Only the plain findings report streams to the sink; the others need every finding first.
        streamed = None if options.statistics or show_fixes else sink
        builder = ReportBuilder(options.fmt, color=options.color, show_all=options.show_all, sink=streamed,
                                quiet=options.quiet)

        def take(findings: list) -> None:
            # Runs while the workers check the next chunks: the report grows as they finish.
            if matcher is not None:
                matcher.apply(findings)
            if not options.statistics:
                builder.add(findings)

        result = lint_paths(files, select=select, ignore=ignore, ctx=ctx, jobs=options.jobs, on_findings=take)
        report = statistics(result.findings, options.fmt).encode() if options.statistics else builder.finish_bytes()
        if show_fixes:
            report += (fixes_section("Fixed", fixed_by_file) if options.fix else
                       fixes_section("Fixable with --fix", fixable_by_file(result.findings))).encode()
        if sink is not None and streamed is None:
            sink.write(report)
            report = b""
        return _quieted(ValidateOutcome(report, EXIT_FINDINGS if result.failed(fail_on) else EXIT_OK, result,
                                        messages, written=sink is not None), options)

    if options.output is None:
        return check(None)
    with atomic_file(options.output) as sink:
        return check(sink)


def _quieted(outcome: ValidateOutcome, options: ValidateOptions) -> ValidateOutcome:
    """``outcome`` with ``--quiet``, ``--silent`` and ``--exit-zero`` applied."""
    if options.quiet or options.silent:
        outcome.messages = []
    if options.silent and not outcome.written:
        outcome.output = b""
    if options.exit_zero and outcome.exit_code == EXIT_FINDINGS:
        outcome.exit_code = EXIT_OK
    return outcome


@dataclass
class DedupeOutcome:
    report: str
    exit_code: int
    key_map: dict[str, str] = field(default_factory=dict)


def run_dedupe(path: str, *, merge: bool = False, output: str | None = None, fmt: str = "text") -> DedupeOutcome:
    """Report duplicate groups with reasons; with ``merge``, merge them and return the key map."""
    from citeman.io.bibtex import read_bib, write_bib

    library, diagnostics = read_bib(path)
    if merge:
        refuse_damage(diagnostics, "merged", force="")   # a rewrite would make a syntax error final
    records = [record(e, path) for e in library.entries]
    matches = find_duplicates(records)
    lines = []
    for match in matches:
        lines.append(f"{path}:{match.duplicate.line}: {match.duplicate.key} duplicates {match.reason}")
    if fmt == "json":
        import json

        data = [{"key": m.duplicate.key, "line": m.duplicate.line, "duplicate_of": m.original.key, "kind": m.kind,
                 "reason": m.reason} for m in matches]
    if not merge:
        if fmt == "json":
            return DedupeOutcome(json.dumps(data, indent=2) + "\n", EXIT_FINDINGS if matches else EXIT_OK)
        lines.append(f"{len(matches)} duplicate{'s' if len(matches) != 1 else ''} found." if matches
                     else "No duplicates found.")
        return DedupeOutcome("\n".join(lines) + "\n", EXIT_FINDINGS if matches else EXIT_OK)
    merged = merge_duplicates(library, matches)
    if merged.key_map or output:
        write_bib(merged.library, output or path)
    if fmt == "json":
        import json

        return DedupeOutcome(json.dumps({"duplicates": data, "key_map": merged.key_map}, indent=2) + "\n", EXIT_OK,
                             merged.key_map)
    lines.append(f"merged {len(merged.key_map)} entr{'ies' if len(merged.key_map) != 1 else 'y'} "
                 f"into {len(merged.groups)} group{'s' if len(merged.groups) != 1 else ''}; key map (old -> new):")
    lines.extend(f"{old} -> {new}" for old, new in merged.key_map.items())
    return DedupeOutcome("\n".join(lines) + "\n", EXIT_OK, merged.key_map)
