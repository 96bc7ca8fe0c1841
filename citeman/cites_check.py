"""Checking a paper's in-text citations against its reference list.

Each check is a small declared rule (code, name, severity, documentation with a bad
and a good example), built on the same :class:`citeman.validate.base.Rule` metadata as
the .bib linter, so ``citeman rules`` can list them beside the others. A check reads
one :class:`CitesInput` (the citations, the references and how each citation was
resolved by :func:`citeman.citations.resolve_citations`) and yields
:class:`~citeman.model.Diagnostic` objects whose line is the citation's line in the
paper (or the reference's line for a reference nobody cites) and whose message names
the other side: the reference key and its line, or the citation's line.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from citeman.citations import (
    Citation,
    Resolution,
    entry_label,
    entry_year,
    extract_citations,
    label_key,
    resolve_citations,
)
from citeman.errors import InputError, UsageError
from citeman.io.text import read_text
from citeman.model import Diagnostic, Entry
from citeman.validate.base import FixAvailability, Rule, Severity, SEVERITY_RANK

__all__ = [
    "CITES_RULES",
    "RULES",
    "CitesInput",
    "CitesResult",
    "check_citations",
    "CitesConfig",
    "check_paper",
    "format_cites_report",
    "load_cites_config",
    "load_references",
]


@dataclass(slots=True)
class CitesInput:
    """Everything a citation check may look at."""

    citations: list[Citation]
    entries: list[Entry]
    resolutions: list[Resolution]
    paper: str = ""

    def where(self, entry: Entry) -> str:
        """``key (line N)`` when the reference is in the paper, ``key (refs.bib:N)`` otherwise."""
        location = self.location(entry)
        return f"{entry.key!r} ({location})" if location else repr(entry.key)

    def location(self, entry: Entry) -> str:
        """``line N`` for a reference in the paper, ``refs.bib:N`` for one in a .bib."""
        source = entry.source
        if source is None or not source.line:
            return ""
        if source.path == self.paper or not source.path:
            return f"line {source.line}"
        return f"{source.path}:{source.line}"


def _cites_rule(code: str, name: str, severity: Severity):
    def wrap(func) -> Rule:
        return Rule(code, name, Severity(severity), FixAvailability.NONE, func, func.__doc__ or "", "citations")

    return wrap


def _at_citation(rule_code: str, severity: Severity, data: CitesInput, citation: Citation, message: str,
                 entry: Entry | None = None, field_name: str = "") -> Diagnostic:
    return Diagnostic(
        code=rule_code,
        severity=severity.value,
        message=message,
        path=citation.path or data.paper,
        line=citation.line,
        key=entry.key if entry else "",
        field=field_name,
    )


def _at_entry(rule_code: str, severity: Severity, data: CitesInput, entry: Entry, message: str) -> Diagnostic:
    source = entry.source
    return Diagnostic(
        code=rule_code,
        severity=severity.value,
        message=message,
        path=(source.path if source and source.path else data.paper),
        line=source.line if source else 0,
        key=entry.key,
    )


def _quote(citation: Citation) -> str:
    return repr(" ".join(citation.text.split()))


@_cites_rule("C001", "cited-not-listed", Severity.ERROR)
def cited_not_listed(data: CitesInput) -> Iterator[Diagnostic]:
    """A citation in the text has no reference in the list.

    Why: a reader who follows the citation finds nothing; the source was dropped
    from the list or the citation names the wrong author.
    Fix: add the reference, or correct the author names in the citation.

    Bad:
        paper: Trade grew quickly (Dhanuraj, 2023).
        bib: @misc{weitz2020, author = {Weitz, R.}, title = {Trade}, year = {2020}}
    Good:
        paper: Trade grew quickly (Weitz, 2020).
        bib: @misc{weitz2020, author = {Weitz, R.}, title = {Trade}, year = {2020}}
    """
    for resolution in data.resolutions:
        if resolution.status != "missing":
            continue
        citation = resolution.citation
        hint = ""
        if resolution.entries:
            hint = f"; closest reference: {data.where(resolution.entries[0])} {entry_label(resolution.entries[0])!r}"
        yield _at_citation(
            "C001",
            Severity.ERROR,
            data,
            citation,
            f"{_quote(citation)} cites {citation.label()!r}, which is not in the reference list{hint}",
        )


@_cites_rule("C002", "listed-not-cited", Severity.WARNING)
def listed_not_cited(data: CitesInput) -> Iterator[Diagnostic]:
    """A reference in the list is never cited in the text.

    Why: style guides (APA 7 §8.4, Chicago author-date) require every reference to be
    cited; an uncited reference is often a leftover or a citation with a typo.
    Fix: cite it where it is used, or remove it from the list.

    Bad:
        paper: Trade grew quickly (Weitz, 2020).
        bib: @misc{weitz2020, author = {Weitz, R.}, title = {Trade}, year = {2020}}
             @misc{paul2019, author = {Paul, J.}, title = {Balancing}, year = {2019}}
    Good:
        paper: Trade grew quickly (Weitz, 2020; Paul, 2019).
        bib: @misc{weitz2020, author = {Weitz, R.}, title = {Trade}, year = {2020}}
             @misc{paul2019, author = {Paul, J.}, title = {Balancing}, year = {2019}}
    """
    reached: set[int] = set()
    for resolution in data.resolutions:
        if resolution.status in ("exact", "ambiguous", "numeric", "out-of-range"):
            reached.update(id(e) for e in resolution.entries)
        elif resolution.status in ("year", "spelling", "authors") and resolution.entries:
            # Reported as a year or spelling mismatch instead; not "never cited".
            reached.add(id(resolution.entries[0]))
    for entry in data.entries:
        if id(entry) not in reached:
            yield _at_entry(
                "C002",
                Severity.WARNING,
                data,
                entry,
                f"{entry_label(entry)!r} is never cited in the text",
            )


@_cites_rule("C003", "cited-year-mismatch", Severity.ERROR)
def cited_year_mismatch(data: CitesInput) -> Iterator[Diagnostic]:
    """The cited authors are in the list, but with a different year.

    Why: either the citation or the reference has the wrong year (a typo, a preprint
    year against the published one, PDF damage such as 2023 -> 4392).
    Fix: make the citation's year and the reference's year agree.

    Bad:
        paper: The region shifted (Mahmood & Askari, 2023).
        bib: @article{mahmood2025, author = {Mahmood, A. and Askari, M. U.}, title = {Shifting dynamics}, year = {2025}}
    Good:
        paper: The region shifted (Mahmood & Askari, 2025).
        bib: @article{mahmood2025, author = {Mahmood, A. and Askari, M. U.}, title = {Shifting dynamics}, year = {2025}}
    """
    for resolution in data.resolutions:
        if resolution.status != "year" or not resolution.entries:
            continue
        citation = resolution.citation
        entry = resolution.entries[0]
        year, suffix = entry_year(entry)
        listed = f"{year}{suffix}" or "no year"
        others = ""
        if len(resolution.entries) > 1:
            others = " (also listed: " + ", ".join(
                f"{e.key!r} {''.join(entry_year(e)) or 'no year'}" for e in resolution.entries[1:4]
            ) + ")"
        yield _at_citation(
            "C003",
            Severity.ERROR,
            data,
            citation,
            f"{_quote(citation)} cites year {citation.year!r} but the reference by the same authors "
            f"at {data.location(entry) or entry.key} has {listed!r}{others}",
            entry,
            "year",
        )


@_cites_rule("C004", "cited-name-spelling", Severity.WARNING)
def cited_name_spelling(data: CitesInput) -> Iterator[Diagnostic]:
    """The cited names are spelled differently from the reference with that year.

    Why: a misspelt name breaks search and citation linking, and readers cannot be
    sure which work is meant. Letter case is ignored (``SHINN`` matches ``Shinn``).
    Fix: spell the names the same way in the text and in the list.

    Bad:
        paper: A recent study (Weits, 2020) found this.
        bib: @misc{weitz2020, author = {Weitz, R.}, title = {Trade}, year = {2020}}
    Good:
        paper: A recent study (Weitz, 2020) found this.
        bib: @misc{weitz2020, author = {Weitz, R.}, title = {Trade}, year = {2020}}
    """
    for resolution in data.resolutions:
        if resolution.status != "spelling" or not resolution.entries:
            continue
        citation = resolution.citation
        entry = resolution.entries[0]
        yield _at_citation(
            "C004",
            Severity.WARNING,
            data,
            citation,
            f"{_quote(citation)} spells the names {citation.label()!r}; the reference at "
            f"{data.location(entry) or entry.key} has {entry_label(entry)!r} ({resolution.score:.0f}% similar)",
            entry,
            "author",
        )


@_cites_rule("C005", "ambiguous-author-year", Severity.WARNING)
def ambiguous_author_year(data: CitesInput) -> Iterator[Diagnostic]:
    """Several references share the same authors and year without a/b suffixes.

    Why: "(Khan, 2023)" can then mean either work; APA and Chicago require 2023a,
    2023b (ordered by title) in both the citations and the reference list.
    Fix: add a/b suffixes to the years in the list and in every citation.

    Bad:
        paper: Both works agree (Khan, 2023).
        bib: @misc{khan2023a, author = {Khan, M.}, title = {Alpha}, year = {2023}}
             @misc{khan2023b, author = {Khan, M.}, title = {Beta}, year = {2023}}
    Good:
        paper: Both works agree (Khan, 2023a, 2023b).
        bib: @misc{khan2023a, author = {Khan, M.}, title = {Alpha}, year = {2023a}}
             @misc{khan2023b, author = {Khan, M.}, title = {Beta}, year = {2023b}}
    """
    groups: dict[tuple, list[Entry]] = {}
    for entry in data.entries:
        names, year = label_key(entry)
        if year and any(names):
            groups.setdefault((names, year), []).append(entry)
    ambiguous = [group for group in groups.values() if len(group) > 1 and not _distinct_suffixes(group)]
    reported: set[int] = set()
    for resolution in data.resolutions:
        if resolution.status != "ambiguous":
            continue
        citation = resolution.citation
        keys = ", ".join(data.where(e) for e in resolution.entries)
        for entry in resolution.entries:
            reported.add(id(entry))
        yield _at_citation(
            "C005",
            Severity.WARNING,
            data,
            citation,
            f"{_quote(citation)} matches {len(resolution.entries)} references: {keys}; "
            "add a/b suffixes to their years",
            resolution.entries[0],
            "year",
        )
    for group in ambiguous:
        if all(id(e) in reported for e in group):
            continue
        first, second = group[0], group[1]
        others = ", ".join(data.where(e) for e in group if e is not second)
        yield _at_entry(
            "C005",
            Severity.WARNING,
            data,
            second,
            f"{entry_label(first)!r} is also the label of {others}; add a/b suffixes to their years",
        )


def _distinct_suffixes(group: Sequence[Entry]) -> bool:
    suffixes = [entry_year(e)[1] for e in group]
    return all(suffixes) and len(set(suffixes)) == len(suffixes)


@_cites_rule("C006", "numeric-out-of-range", Severity.ERROR)
def numeric_out_of_range(data: CitesInput) -> Iterator[Diagnostic]:
    """A numeric citation points past the end of the reference list.

    Why: "[7]" in a paper with six references is a renumbering slip or a lost entry.
    Fix: renumber the citation or restore the missing reference.

    Bad:
        paper: As shown before [2].
        bib: @misc{weitz2020, author = {Weitz, R.}, title = {Trade}, year = {2020}}
    Good:
        paper: As shown before [1].
        bib: @misc{weitz2020, author = {Weitz, R.}, title = {Trade}, year = {2020}}
    """
    for resolution in data.resolutions:
        if resolution.status != "out-of-range":
            continue
        citation = resolution.citation
        numbers = ", ".join(str(n) for n in resolution.missing_numbers)
        yield _at_citation(
            "C006",
            Severity.ERROR,
            data,
            citation,
            f"{_quote(citation)} cites number {numbers} but the reference list has {len(data.entries)} entries",
        )


@_cites_rule("C007", "cited-author-list-differs", Severity.WARNING)
def cited_author_list_differs(data: CitesInput) -> Iterator[Diagnostic]:
    """The citation names the right first author and year but not the same co-authors.

    Why: a work by two authors is cited with both names every time, and ``et al.``
    stands for three or more (APA 7 §8.17); a dropped or extra name usually means
    the citation and the reference drifted apart.
    Fix: cite the authors exactly as the reference lists them.

    Bad:
        paper: Trade grew (Khan, 2023).
        bib: @article{khan2023, author = {Khan, W. M. and Askari, M. U.}, title = {Basic Exchange}, year = {2023}}
    Good:
        paper: Trade grew (Khan & Askari, 2023).
        bib: @article{khan2023, author = {Khan, W. M. and Askari, M. U.}, title = {Basic Exchange}, year = {2023}}
    """
    for resolution in data.resolutions:
        if resolution.status != "authors" or not resolution.entries:
            continue
        citation = resolution.citation
        entry = resolution.entries[0]
        yield _at_citation(
            "C007",
            Severity.WARNING,
            data,
            citation,
            f"{_quote(citation)} names {citation.label()!r} but the reference at "
            f"{data.location(entry) or entry.key} is {entry_label(entry)!r}",
            entry,
            "author",
        )


CITES_RULES: tuple[Rule, ...] = (
    cited_not_listed,
    listed_not_cited,
    cited_year_mismatch,
    cited_name_spelling,
    ambiguous_author_year,
    numeric_out_of_range,
    cited_author_list_differs,
)
# The name citeman.validate.registry looks for in extension modules (``citeman rules``).
RULES = CITES_RULES


def _selected(code: str, select: Iterable[str], ignore: Iterable[str]) -> bool:
    select = [s for s in select if s]
    if select and not any(code.startswith(s) for s in select):
        return False
    return not any(code.startswith(s) for s in ignore if s)


def check_citations(
    citations: Sequence[Citation],
    entries: Sequence[Entry],
    *,
    paper: str = "",
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> list[Diagnostic]:
    """Run every citation check; diagnostics sorted by file, line and code.

    A paper is read as author-date or numeric by whichever kind of citation it has
    more of; in an author-date paper, stray bracketed numbers (``[1]`` used as a note
    mark or list label) are not taken for references into the list.
    """
    citations = list(citations)
    numeric = [c for c in citations if c.numbers]
    if len(numeric) * 2 <= len(citations):
        citations = [c for c in citations if not c.numbers]
    data = CitesInput(citations, list(entries), resolve_citations(citations, entries), paper)
    select, ignore = list(select), list(ignore)
    diagnostics: list[Diagnostic] = []
    for rule in CITES_RULES:
        if _selected(rule.code, select, ignore):
            diagnostics.extend(rule.check(data))
    diagnostics.sort(key=lambda d: (d.path != paper, d.path, d.line, d.code, d.message))
    return diagnostics


@dataclass(slots=True)
class CitesResult:
    """The outcome of ``citeman cites``: findings plus what they were computed from."""

    diagnostics: list[Diagnostic]
    citations: list[Citation]
    entries: list[Entry]
    references_path: str
    reader_diagnostics: list[Diagnostic] = field(default_factory=list)

    def exit_code(self, fail_on: str = "error") -> int:
        """1 when a finding is at or above ``fail_on`` (``never`` never fails), else 0."""
        if fail_on == "never":
            return 0
        threshold = SEVERITY_RANK[fail_on]
        return int(any(SEVERITY_RANK.get(d.severity, 0) >= threshold for d in self.diagnostics))


@dataclass(slots=True)
class CitesConfig:
    """``[tool.citeman.cites]`` (or ``[cites]`` in ``citeman.toml``): select, ignore, fail-on."""

    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: str = "error"


def load_cites_config(start: Path | None = None) -> CitesConfig:
    """Settings for ``citeman cites`` from the nearest config file (defaults without one).

    Only the ``cites`` sub-table is read: the top-level ``select``/``ignore`` keys
    choose the .bib linter's rules and would otherwise hide every C rule.
    """
    from citeman.validate.config import find_config

    found = find_config(start)
    if found is None:
        return CitesConfig()
    path, table = found
    section = table.get("cites", {})
    if not isinstance(section, dict):
        raise UsageError("'cites' must be a table", path=str(path))
    config = CitesConfig()
    for key in ("select", "ignore"):
        value = section.get(key, [])
        if isinstance(value, str):
            value = value.replace(",", " ").split()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise UsageError(f"'cites.{key}' must be a list of rule codes", path=str(path))
        setattr(config, key, [v.upper() for v in value])
    fail_on = section.get("fail-on", section.get("fail_on", "error"))
    if fail_on not in (*SEVERITY_RANK, "never"):
        raise UsageError(f"'cites.fail-on' must be error, warning, info or never, not {fail_on!r}", path=str(path))
    config.fail_on = fail_on
    return config


def load_references(paper: str, bib: str | None = None, text: str | None = None) -> tuple[list[Entry], list[Diagnostic], str]:
    """The reference list: from ``bib`` when given, else read from the paper itself.

    ``text`` is the paper's text when already read (so standard input is read once).
    """
    if bib:
        from citeman.io.bibtex import read_bib

        library, diagnostics = read_bib(bib)
        return library.entries, diagnostics, str(bib)
    try:
        from citeman.ingest.reflist import references_from_text
    except ImportError:
        raise UsageError("reading the reference list from a paper is not available; pass --bib FILE") from None
    if text is None:
        text = read_text(paper)
    entries, diagnostics = references_from_text(text, paper)
    if not entries:
        raise InputError("no reference list found in the paper; pass --bib FILE", path=paper)
    return list(entries), list(diagnostics), paper


def check_paper(
    paper: str | Path,
    bib: str | Path | None = None,
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> CitesResult:
    """Extract the citations of ``paper`` (``-`` for standard input) and check them against its references."""
    paper = str(paper)
    text = read_text(paper)
    name = "<stdin>" if paper == "-" else paper
    citations = extract_citations(text, name)
    entries, reader_diagnostics, references_path = load_references(name, str(bib) if bib else None, text)
    diagnostics = check_citations(citations, entries, paper=name, select=select, ignore=ignore)
    return CitesResult(diagnostics, citations, entries, references_path, reader_diagnostics)


# ---------------------------------------------------------------------------
# Output: the same reporter as ``citeman validate``, with the citation rules' metadata.

def format_cites_report(
    diagnostics: Sequence[Diagnostic], fmt: str = "text", *, summary: str = "", color: bool = False
) -> str:
    """Render diagnostics as text, json, github annotations or SARIF 2.1.0.

    ``summary`` (for example ``"Checked 46 citations against 42 references"``) is
    added as a last line of the text format only, so machine formats stay pure.
    ``color`` gives rich markup for a terminal, as ``citeman validate`` does.
    """
    from citeman.validate.report import format_report

    report = format_report(list(diagnostics), fmt, rules=CITES_RULES, color=color)
    if fmt == "text" and summary:
        report += f"{summary}.\n"
    return report
