"""Running the rules: over one library, over files and folders (in parallel), and applying fixes.

``lint_library`` is the core: every selected entry rule on every entry, reader
findings, inline suppressions, duplicate keys and duplicates. ``lint_paths`` is what
``citeman validate`` calls: it reads files as bytes, cuts large ones into chunks that
worker processes decode, read with the fast reader and check (each streams its entries,
so memory stays small), and runs the cross-entry duplicate rules over compact records
as the chunks come back.
``fix_library`` applies safe (or, on request, unsafe) fixes to a library read by
the full reader, repeating until nothing changes.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

from citeman.errors import InputError
from citeman.io.files import bib_files
from citeman.io.syntax import attach_keys
from citeman.io.text import decode_bib, read_source
from citeman.model import Block, Diagnostic, Entry, Library, Verbatim
from citeman.validate.base import SEVERITY_RANK, Context, Fix, Rule, Severity, Violation
from citeman.validate.dedupe import DuplicateFinder, Record, record, record_fields
from citeman.io.chunks import CHUNK_CHARS, iter_chunks
from citeman.io.fastread import iter_blocks
from citeman.io.chunks import Chunk as _Chunk
from citeman.io.rawfields import field_line
from citeman.validate.registry import ALL_RULES, select_rules
from citeman.validate.report import Finding, report_order
from citeman.validate.rules_duplicates import CODE_BY_KIND
from citeman.validate.rules_syntax import MacroChecker
from citeman.validate.screen import BatchScreens
from citeman.validate.suppress import Suppression, entry_comments, parse_suppressions

RULES_BY_CODE = {r.code: r for r in ALL_RULES}
# Files larger than this are split into chunks for the worker processes.
PARALLEL_MIN_CHARS = 2_000_000
# Entries checked rule by rule together (see check_batch).
BATCH_ENTRIES = 256


@dataclass
class LintResult:
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    entries: int = 0

    def failed(self, fail_on: str = "error") -> bool:
        threshold = SEVERITY_RANK[fail_on]
        return any(f.counts and SEVERITY_RANK.get(f.diagnostic.severity, 3) >= threshold for f in self.findings)


def _entry_rules(rules: Sequence[Rule]) -> list[Rule]:
    return [r for r in rules if r.scope == "entry" and r.check is not None]


def _applicable(rules: Sequence[Rule], names: Iterable[str]) -> tuple[Rule, ...]:
    """The rules that read at least one of ``names`` (or declare no fields), in order."""
    present = set(names)
    return tuple(r for r in rules if not r.fields or not present.isdisjoint(r.fields))


def check_entry(entry: Entry, rules: Sequence[Rule], ctx: Context, path: str,
                suppressions: list[Suppression] = ()) -> list[Finding]:
    """Findings of ``rules`` for one entry; a crashing rule becomes a finding, never an exception.

    Every applicable rule runs, without screens: the reference the batch linter is tested against.
    """
    found: list[tuple[Rule, Violation]] = []
    for item in _applicable(rules, (*entry.fields, *entry.persons)):
        _run_rule(item, entry, ctx, found)
    return [_row_finding(row) for row in _finding_rows(entry, found, path, suppressions, False)]


@dataclass(frozen=True, slots=True)
class _Plan:
    """The rules for one entry type and field layout: run ``always``; ask the screen first for ``screened``."""

    always: tuple[Rule, ...]
    screened: frozenset[int]   # id() of the rules


def _batch_plan(entry: Entry, rules: Sequence[Rule], plans: dict) -> _Plan:
    """The plan of ``entry``, cached per type and layout."""
    layout = (entry.type, tuple(entry.fields), tuple(entry.persons))
    plan = plans.get(layout)
    if plan is None:
        names = frozenset(entry.fields).union(entry.persons)
        always, screened = [], set()
        for item in _applicable(rules, names):
            verdict = item.layout(entry.type, names) if item.layout is not None else None
            if verdict is False:
                continue
            if verdict is None and item.screen is not None:
                screened.add(id(item))
            else:
                always.append(item)
        plan = plans[layout] = _Plan(tuple(always), frozenset(screened))
    return plan


def _run_rule(item: Rule, entry: Entry, ctx: Context, found: list[tuple[Rule, Violation]]) -> None:
    try:
        for v in item.check(entry, ctx):
            found.append((item, v))
    except Exception as err:  # a rule bug must not hide the other findings
        found.append((item, Violation(f"rule {item.name} failed on this entry: {type(err).__name__}: {err}")))


def check_batch(entries: Sequence[Entry], rules: Sequence[Rule], ctx: Context, path: str,
                suppressions: Sequence[list[Suppression]], plans: dict) -> list[Finding]:
    """``check_entry`` for each of ``entries`` in turn (same findings, same order), run rule by rule."""
    return [_row_finding(row) for row in _batch_rows(entries, rules, ctx, path, suppressions, plans, False)]


def _batch_rows(entries: Sequence[Entry], rules: Sequence[Rule], ctx: Context, path: str,
                suppressions: Sequence[list[Suppression]], plans: dict, portable: bool,
                framing: bool | None = None) -> list[tuple]:
    """The findings of ``check_batch`` as rows (see :func:`_finding_rows`).

    Running one rule over a batch of entries before the next rule keeps that rule's code
    and data hot in the processor caches, and lets each rule's screen (a cheap necessary
    condition, see :mod:`citeman.validate.screen`) test the whole batch at once, so most
    rules are called only for the few entries they could report.
    """
    found: list[list[tuple[Rule, Violation]]] = [[] for _ in entries]
    # Entries of one type and field layout share a plan: group them, then walk the plans.
    groups: dict[tuple, list[int]] = {}
    screened_of: list[frozenset[int]] = []   # by entry: the rules that ask their screen
    for index, entry in enumerate(entries):
        layout = (entry.type, tuple(entry.fields), tuple(entry.persons))
        group = groups.get(layout)
        if group is None:
            groups[layout] = [index]
            screened_of.append(_batch_plan(entry, rules, plans).screened)
        else:
            group.append(index)
            screened_of.append(plans[layout].screened)
    # A rule adds its findings to each entry's own list, so the order it visits entries in is free.
    # Keyed by id(): hashing a frozen dataclass hashes all its fields, every time.
    always: dict[int, list[int]] = {}
    asking: set[int] = set()
    for layout, group in groups.items():
        plan = plans[layout]
        for item in plan.always:
            ident = id(item)
            if ident in always:
                always[ident].extend(group)
            else:
                always[ident] = list(group)
        asking |= plan.screened
    screens = BatchScreens(entries)
    # Screens frame values with \x00 and \x01: text holding those characters is not screened.
    if framing is None:  # (a chunk knows it for all its entries at once)
        framing = any("\x00" in entry.raw or "\x01" in entry.raw for entry in entries if entry.raw)
    for item in rules:
        ident = id(item)
        indices = always.get(ident, ())
        if ident in asking:
            # Most screens pass a few entries: test those for the rule's layouts, not every entry.
            passing = range(len(entries)) if framing else screens.passing(item.screen)
            asked = [index for index in passing if ident in screened_of[index]]
            indices = [*indices, *asked] if indices else asked
        check = item.check
        for index in indices:
            entry = entries[index]
            try:
                for v in check(entry, ctx):
                    found[index].append((item, v))
            except Exception as err:  # a rule bug must not hide the other findings
                found[index].append(
                    (item, Violation(f"rule {item.name} failed on this entry: {type(err).__name__}: {err}")))
    out: list[tuple] = []
    for entry, own, hits in zip(entries, suppressions, found):
        if hits:
            out.extend(_finding_rows(entry, hits, path, own, portable))
    return out


# A finding as a plain tuple, in the order reports sort by: (path, line, code, key, message,
# severity, field, fixable, status, reason, fix). Tuples are cheap to build, sort and pickle;
# workers build 100,000s of them. A portable row (one that crosses to another process)
# holds "an unsafe fix exists" instead of the Fix.
ROW_ORDER = itemgetter(0, 1, 2, 3, 4)
_SEVERITY_TEXT = {severity: severity.value for severity in Severity}


def _finding_rows(entry: Entry, found: list[tuple[Rule, Violation]], path: str,
                  suppressions: Sequence[Suppression], portable: bool) -> list[tuple]:
    if not found:
        return []
    lines: dict[str, int] = {}
    key = entry.key
    out = []
    for item, v in found:
        if v.field in entry.macros and v.field != "month" and item.code[0] != "P":
            # ``journal = jgr`` holds a macro's name, not text: its @string's value is what prints.
            continue
        line = lines.get(v.field)
        if line is None:
            line = lines[v.field] = field_line(entry, v.field)
        fix = v.fix
        status, reason = _status(item.code, suppressions)
        row = (path, line, item.code, key, v.message, _SEVERITY_TEXT[item.severity], v.field,
               fix is not None and fix.safe, status, reason, (fix is not None and not fix.safe) if portable else fix)
        if item.code[0] == "P" and v.field:
            # Rules about the source text (braces, math, escapes) point at the field's column too.
            span = entry.span(v.field)
            if span is not None:
                row += (span.column,)
        out.append(row)
    return out


def _row_finding(row: tuple) -> Finding:
    fix = row[10]
    if fix is True:
        fix = _UNSAFE_MARK
    elif fix is False:
        fix = None
    # Reader findings carry their column as a twelfth item.
    column = row[11] if len(row) > 11 else 0
    return Finding(Diagnostic(row[2], row[5], row[4], row[0], row[1], row[3], row[6], row[7], column), row[8], row[9],
                   fix)


def _diagnostic_row(diag: Diagnostic) -> tuple:
    return (diag.path, diag.line, diag.code, diag.key, diag.message, diag.severity, diag.field, diag.fixable, "new", "",
            False, diag.column)


def _status(code: str, suppressions: Iterable[Suppression]) -> tuple[str, str]:
    """("suppressed", reason) when an inline comment covers ``code``, else ("new", "")."""
    for s in suppressions:
        if s.covers(code):
            return "suppressed", s.reason
    return "new", ""


def _suppress(finding: Finding, suppressions: Iterable[Suppression]) -> None:
    status, reason = _status(finding.diagnostic.code, suppressions)
    if status != "new":
        finding.status, finding.reason = status, reason


def _reader_finding(diag: Diagnostic) -> Finding:
    rule = RULES_BY_CODE.get(diag.code)
    if rule is not None and diag.severity != rule.severity.value:
        diag.severity = rule.severity.value
    return Finding(diag)


class CrossEntryChecker:
    """Duplicate keys (per file) and duplicate entries (over all files), fed records in file order.

    Each batch's findings are final when it arrives (a record is compared only with
    the ones before it), so a large file's chunks are reported as they come back.
    """

    def __init__(self, rules: Sequence[Rule]) -> None:
        codes = {r.code for r in rules}
        self._codes = codes
        self._keys: set[tuple[str, str]] | None = set() if "P002" in codes else None
        self._duplicates = DuplicateFinder() if codes & set(CODE_BY_KIND.values()) else None

    def add(self, records: list[Record], suppressions: dict[tuple[str, str], list[Suppression]]) -> list[Finding]:
        out: list[Finding] = []
        seen = self._keys
        if seen is not None:
            for rec in records:
                ident = (rec.path, rec.key)
                if ident in seen and rec.key:
                    out.append(Finding(Diagnostic("P002", "error", f"duplicate key '{rec.key}'", rec.path, rec.line,
                                                  rec.key)))
                seen.add(ident)
        if self._duplicates is not None:
            for match in self._duplicates.add(records):
                code = CODE_BY_KIND[match.kind]
                if code not in self._codes:
                    continue
                rec = match.duplicate
                out.append(Finding(Diagnostic(code, _SEVERITY_TEXT[RULES_BY_CODE[code].severity],
                                              f"duplicate: {match.reason}", rec.path, rec.line, rec.key)))
        if suppressions:
            for finding in out:
                _suppress(finding, suppressions.get((finding.diagnostic.path, finding.diagnostic.key), ()))
        return out


def cross_entry_findings(records: list[Record], rules: Sequence[Rule],
                         suppressions: dict[tuple[str, str], list[Suppression]]) -> list[Finding]:
    """Duplicate keys (per file) and duplicate entries (over all files)."""
    return CrossEntryChecker(rules).add(records, suppressions)


def _filter_reader(diagnostics: Iterable[Diagnostic], rules: Sequence[Rule]) -> list[Finding]:
    codes = {r.code for r in rules}
    return [_reader_finding(d) for d in diagnostics if d.code in codes and d.code != "P002"]


def _reader_rows(diagnostics: Iterable[Diagnostic], rules: Sequence[Rule]) -> list[tuple]:
    return [_diagnostic_row(f.diagnostic) for f in _filter_reader(diagnostics, rules)]


def lint_library(library: Library, reader_diagnostics: Iterable[Diagnostic] = (), *,
                 rules: Sequence[Rule] | None = None, ctx: Context | None = None) -> list[Finding]:
    """All findings for one library (entry rules, reader findings, duplicate keys, duplicates)."""
    rules = ALL_RULES if rules is None else rules
    # Macros are checked top to bottom, as BibTeX reads them: only a given context's are known up front.
    macros = MacroChecker(ctx.strings if ctx is not None else ())
    reader_diagnostics = list(reader_diagnostics)
    for block in library.blocks:
        reader_diagnostics.extend(macros.block(block, library.path))
    ctx = ctx or Context(strings=library.strings)
    findings: list[Finding] = []
    records: list[Record] = []
    suppressions = _suppressions_by_key(library)
    entry_rules = _entry_rules(rules)
    comments = entry_comments(library.blocks)
    for entry in library.entries:
        own = parse_suppressions(comments.get(id(entry), []))
        findings.extend(check_entry(entry, entry_rules, ctx, library.path, own))
        records.append(record(entry, library.path))
    findings.extend(_filter_reader(reader_diagnostics, rules))
    findings.extend(cross_entry_findings(records, rules, suppressions))
    findings.sort(key=lambda f: (f.diagnostic.path, f.diagnostic.line, f.diagnostic.code))
    return findings


def _suppressions_by_key(library: Library) -> dict[tuple[str, str], list[Suppression]]:
    comments = entry_comments(library.blocks)
    return {(library.path, e.key): parse_suppressions(comments[id(e)]) for e in library.entries if id(e) in comments}


# ---------------------------------------------------------------- files and folders

def collect_bib_files(paths: Iterable[str | Path]) -> list[str]:
    """The .bib files named or found (recursively) in folders, in a stable order (``-``: stdin)."""
    return [str(p) for p in bib_files(paths, empty_folder_ok=True)]


def _lint_chunk(text: str, chunk: _Chunk, rules: Sequence[Rule], ctx: Context,
                undecodable: Sequence[Diagnostic] = ()) -> tuple[list[tuple], list[tuple], dict, int]:
    """Portable finding rows (in report order), duplicate records (as tuples), suppressions and entry count of one chunk.

    Plain tuples: they pickle several times faster than dataclass or named-tuple instances.
    """
    rows: list[tuple] = []
    records: list[tuple] = []
    reader: list[Diagnostic] = []
    suppressions: dict[tuple[str, str], list[Suppression]] = {}
    entry_rules = _entry_rules(rules)
    plans: dict = {}
    # @string macros seen so far in this chunk (month macros such as "sept" may be defined there).
    ctx = Context(ctx.today, {**ctx.strings, **chunk.strings})
    macros = MacroChecker(ctx.strings)
    # Lines of this chunk with bytes that were not UTF-8 (P012): each gets the key of the entry holding it.
    undecodable = list(undecodable)
    count = 0
    previous: Block | None = None
    batch: list[Entry] = []
    batch_suppressions: list[list[Suppression]] = []

    def flush() -> None:
        rows.extend(_batch_rows(batch, entry_rules, ctx, chunk.path, batch_suppressions, plans, True, framing))
        batch.clear()
        batch_suppressions.clear()

    own_text = text[chunk.start : chunk.end]
    # Screens frame values with \x00 and \x01: a chunk holding either is not screened.
    framing = "\x00" in own_text or "\x01" in own_text
    for block in iter_blocks(own_text, chunk.path, reader, chunk.line_offset):
        if isinstance(block, Verbatim) and block.kind == "string":
            flush()  # the entries before the definition are checked without it
            reader.extend(macros.block(block, chunk.path))
            ctx.strings[block.name] = block.value
        elif isinstance(block, Entry):
            count += 1
            if block.macros:
                reader.extend(macros.block(block, chunk.path))
            if undecodable:
                attach_keys(undecodable, (block,))
            comments = block.comments
            if not comments and isinstance(previous, Verbatim) and previous.kind == "comment":
                # Comment lines the reader kept with a note above (entry_comments takes their tail).
                comments = entry_comments([previous, block]).get(id(block), [])
            own = parse_suppressions(comments) if comments else []
            if own:
                suppressions[(chunk.path, block.key)] = own
            batch.append(block)
            batch_suppressions.append(own)
            if len(batch) >= BATCH_ENTRIES:
                flush()
            records.append(record_fields(block, chunk.path))
        previous = block
    flush()
    reader.extend(undecodable)
    rows.extend(_reader_rows(reader, rules))
    rows.sort(key=ROW_ORDER)  # in the worker: one chunk's sort runs beside the others
    return rows, records, suppressions, count


_UNSAFE_MARK = Fix(safe=False)


# What a forked worker checks chunks with (inherited, never pickled).
_WORKER_STATE: dict = {}


def _init_worker(rules: Sequence[Rule], ctx: Context) -> None:
    _WORKER_STATE.update(rules=rules, ctx=ctx)


def _run_chunk(chunk: _Chunk):
    """A chunk checked in a worker: its bytes decoded here, its findings as portable rows."""
    state = _WORKER_STATE
    text, undecodable = decode_bib(chunk.data, chunk.path, chunk.line_offset + 1)
    return _lint_chunk(text, _Chunk(chunk.path, 0, len(text), chunk.line_offset, chunk.strings), state["rules"],
                       state["ctx"], undecodable)


def _shipped_chunks(sources: dict[str, bytes], jobs: int) -> Iterator[_Chunk]:
    """Every file's chunks with their bytes, cut as the pool's feeder thread asks for them."""
    for name, data in sources.items():
        for chunk in iter_chunks(data, name, CHUNK_CHARS, jobs):
            chunk.data = data[chunk.start : chunk.end]
            yield chunk


def _unflatten(output):
    rows, records, suppressions, count = output
    return [_row_finding(row) for row in rows], [Record._make(row) for row in records], suppressions, count


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def lint_paths(paths: Iterable[str | Path], *, select: Iterable[str] | None = None, ignore: Iterable[str] = (),
               ctx: Context | None = None, jobs: int | None = None,
               on_findings: Callable[[list[Finding]], None] | None = None) -> LintResult:
    """Check every .bib file under ``paths``; unreadable input raises :class:`InputError`.

    ``on_findings`` receives the findings piece by piece as soon as each piece is final,
    while later chunks are still being checked (the report can be built meanwhile). Every
    finding is passed exactly once; ``result.findings`` lists them all, in report order,
    which is the order of the pieces.
    """
    # The linter builds millions of small acyclic objects and keeps many of them (findings,
    # records): the cycle collector would rescan them again and again for nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _lint_paths(paths, select, ignore, ctx, jobs, on_findings)
    finally:
        if collecting:
            gc.enable()


def _lint_paths(paths: Iterable[str | Path], select: Iterable[str] | None, ignore: Iterable[str],
                ctx: Context | None, jobs: int | None,
                on_findings: Callable[[list[Finding]], None] | None) -> LintResult:
    rules = select_rules(select, ignore)
    ctx = ctx or Context()
    # Files in the order of the names they are reported under: then the chunks' findings,
    # each sorted, follow one another in report order.
    files = sorted(collect_bib_files(paths), key=_reported_name)
    sources = {_reported_name(path): read_source(path) for path in files}
    jobs = jobs or default_jobs()
    total = sum(len(data) for data in sources.values())
    result = LintResult(files=list(sources))
    cross = CrossEntryChecker(rules)
    if jobs > 1 and total >= PARALLEL_MIN_CHARS and "fork" in multiprocessing.get_all_start_methods():
        # Each worker decodes the bytes of its own chunks, and the chunks are cut while the
        # first ones are checked: no one waits for the whole input to be decoded or split.
        context = multiprocessing.get_context("fork")
        with context.Pool(jobs, _init_worker, (rules, ctx)) as pool:
            # imap yields the chunks in order as they finish: each is reported while the
            # workers check the next ones.
            for output in pool.imap(_run_chunk, _shipped_chunks(sources, jobs), chunksize=1):
                _take_chunk(_unflatten(output), cross, result, on_findings)
        return result
    for name, data in sources.items():
        text, undecodable = decode_bib(data, name)
        for chunk in iter_chunks(text, name, CHUNK_CHARS):
            last = chunk.line_offset + text.count("\n", chunk.start, chunk.end) + 1
            own = [d for d in undecodable if chunk.line_offset < d.line <= last] if undecodable else ()
            _take_chunk(_unflatten(_lint_chunk(text, chunk, rules, ctx, own)), cross, result, on_findings)
    return result


def _reported_name(path: str) -> str:
    return "<stdin>" if path == "-" else path


def _take_chunk(output, cross: CrossEntryChecker, result: LintResult,
                on_findings: Callable[[list[Finding]], None] | None) -> None:
    findings, records, suppressions, count = output
    # Every finding lies inside its chunk (an entry's own lines, the reader's lines shifted
    # by the chunk's offset), and files and chunks come in report order: so do the pieces.
    findings = _merge_sorted(findings, cross.add(records, suppressions))
    if on_findings is not None and findings:
        on_findings(findings)
    result.findings.extend(findings)
    result.entries += count


def _merge_sorted(findings: list[Finding], extra: list[Finding]) -> list[Finding]:
    """``findings`` (one file, in report order) with ``extra`` merged in, after equal ones."""
    if not extra:
        return findings
    extra.sort(key=report_order)
    lines = [f.diagnostic.line for f in findings]
    out: list[Finding] = []
    start = 0
    for finding in extra:
        key = report_order(finding)
        line = finding.diagnostic.line
        at = bisect_left(lines, line, start)
        while at < len(findings) and lines[at] == line and report_order(findings[at]) <= key:
            at += 1
        out.extend(findings[start:at])
        out.append(finding)
        start = at
    out.extend(findings[start:])
    return out


def lint_text(text: str, path: str = "input.bib", *, select: Iterable[str] | None = None,
              ignore: Iterable[str] = (), ctx: Context | None = None) -> list[Finding]:
    """Findings for BibTeX ``text`` (used by tests and the rule documentation examples)."""
    from citeman.io.bibtex import parse_bib

    library, diagnostics = parse_bib(text, path)
    return lint_library(library, diagnostics, rules=select_rules(select, ignore), ctx=ctx)


__all__ = [
    "LintResult", "check_entry", "collect_bib_files", "cross_entry_findings", "lint_library", "lint_paths",
    "lint_text",
]
