"""The citation checks C001-C007: a paper's in-text citations against its reference list.

Each check is a small declared rule (code, name, severity, documentation with a bad
and a good example), built on the same :class:`citeman.validate.base.Rule` metadata as
the .bib linter, so ``citeman rules`` can list them beside the others. A check reads
one :class:`CitesInput` (the citations, the references and how each citation was
resolved by :func:`citeman.cites.match.resolve_citations`) and yields
:class:`~citeman.model.Diagnostic` objects whose line is the citation's line in the
paper (or the reference's line for a reference nobody cites) and whose message names
the other side: the reference key and its line, or the citation's line.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from citeman.cites.citation import Citation
from citeman.cites.match import Resolution, entry_label, entry_year, label_key
from citeman.model import Diagnostic, Entry
from citeman.validate.base import FixAvailability, Rule, Severity

__all__ = ["CITES_RULES", "RULES", "CitesInput"]


@dataclass(slots=True)
class CitesInput:
    """Everything a citation check may look at."""

    citations: list[Citation]
    entries: list[Entry]
    resolutions: list[Resolution]
    paper: str = ""

    def resolved(self, status: str, *, with_entries: bool = True) -> Iterator[Resolution]:
        """The resolutions with ``status`` (and, unless told otherwise, at least one reference)."""
        for resolution in self.resolutions:
            if resolution.status == status and (resolution.entries or not with_entries):
                yield resolution

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


# Rule code -> severity, filled by the decorator so a finding need not repeat it.
_SEVERITY: dict[str, Severity] = {}


def _cites_rule(code: str, name: str, severity: Severity):
    def wrap(func) -> Rule:
        _SEVERITY[code] = Severity(severity)
        return Rule(code, name, Severity(severity), FixAvailability.NONE, func, func.__doc__ or "", "citations")

    return wrap


def _at_citation(rule_code: str, data: CitesInput, citation: Citation, message: str,
                 entry: Entry | None = None, field_name: str = "") -> Diagnostic:
    return Diagnostic(
        code=rule_code,
        severity=_SEVERITY[rule_code].value,
        message=message,
        path=citation.path or data.paper,
        line=citation.line,
        key=entry.key if entry else "",
        field=field_name,
    )


def _at_entry(rule_code: str, data: CitesInput, entry: Entry, message: str) -> Diagnostic:
    source = entry.source
    return Diagnostic(
        code=rule_code,
        severity=_SEVERITY[rule_code].value,
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
    for resolution in data.resolved("missing", with_entries=False):
        citation = resolution.citation
        hint = ""
        if resolution.entries:
            hint = f"; closest reference: {data.where(resolution.entries[0])} {entry_label(resolution.entries[0])!r}"
        yield _at_citation(
            "C001", data, citation,
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
                "C002", data, entry,
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
    for resolution in data.resolved("year"):
        citation, entry = resolution.citation, resolution.entries[0]
        year, suffix = entry_year(entry)
        listed = f"{year}{suffix}" or "no year"
        others = ""
        if len(resolution.entries) > 1:
            others = " (also listed: " + ", ".join(
                f"{e.key!r} {''.join(entry_year(e)) or 'no year'}" for e in resolution.entries[1:4]
            ) + ")"
        yield _at_citation(
            "C003", data, citation,
            f"{_quote(citation)} cites year {citation.year!r} but the reference by the same authors "
            f"at {data.location(entry) or entry.key} has {listed!r}{others}", entry, "year",
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
    for resolution in data.resolved("spelling"):
        citation, entry = resolution.citation, resolution.entries[0]
        where = data.location(entry) or entry.key
        similar = f"{resolution.score:.0f}% similar"
        message = f"{_quote(citation)} spells the names {citation.label()!r}; the reference at {where} has {entry_label(entry)!r} ({similar})"
        yield _at_citation("C004", data, citation, message, entry, "author")


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
    for resolution in data.resolved("ambiguous", with_entries=False):
        citation = resolution.citation
        keys = ", ".join(data.where(e) for e in resolution.entries)
        for entry in resolution.entries:
            reported.add(id(entry))
        yield _at_citation(
            "C005", data, citation,
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
            "C005", data, second,
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
    for resolution in data.resolved("out-of-range", with_entries=False):
        citation = resolution.citation
        numbers = ", ".join(str(n) for n in resolution.missing_numbers)
        yield _at_citation(
            "C006", data, citation,
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
    for resolution in data.resolved("authors"):
        citation, entry = resolution.citation, resolution.entries[0]
        yield _at_citation(
            "C007", data, citation,
            f"{_quote(citation)} names {citation.label()!r} but the reference at "
            f"{data.location(entry) or entry.key} is {entry_label(entry)!r}", entry, "author",
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
