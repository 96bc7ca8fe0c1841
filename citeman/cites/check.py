"""Running the citation checks on a paper: ``citeman cites`` without the command line."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from citeman.cites.citation import Citation
from citeman.cites.extract import citations_in
from citeman.cites.match import resolve_citations
from citeman.cites.rules import CITES_RULES, CitesInput
from citeman.errors import InputError
from citeman.model import Diagnostic, Entry
from citeman.paper.analysis import Paper, load_paper
from citeman.validate.base import SEVERITY_RANK

__all__ = ["CitesConfig", "CitesResult", "check_citations", "check_paper", "load_cites_config", "load_references"]


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
    from citeman.validate.config import declared_values, find_config

    found = find_config(start)
    if found is None:
        return CitesConfig()
    _path, table = found  # find_config has checked every key and value against the declaration
    values = {name: value for name, (value, _spelled) in declared_values(table).items()}
    config = CitesConfig()
    for key in ("select", "ignore"):
        value = values.get(f"cites.{key}", [])
        if isinstance(value, str):
            value = value.replace(",", " ").split()
        setattr(config, key, [v.upper() for v in value])
    config.fail_on = str(values.get("cites.fail-on", "error"))
    return config


def load_references(paper: Paper, bib: str | None = None) -> tuple[list[Entry], list[Diagnostic], str]:
    """The reference list: from ``bib`` when given, else read from the paper itself."""
    if bib:
        from citeman.io.bibtex import read_bib

        library, diagnostics = read_bib(bib)
        return library.entries, diagnostics, str(bib)
    from citeman.ingest.reflist import references_in

    entries, diagnostics = references_in(paper)
    if not entries:
        raise InputError("no reference list found in the paper; pass --bib FILE", path=paper.path)
    return list(entries), list(diagnostics), paper.path


def check_paper(
    paper: str | Path,
    bib: str | Path | None = None,
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> CitesResult:
    """Extract the citations of ``paper`` (``-`` for standard input) and check them against its references."""
    analysed = load_paper(paper)
    citations = citations_in(analysed)
    entries, reader_diagnostics, references_path = load_references(analysed, str(bib) if bib else None)
    diagnostics = check_citations(citations, entries, paper=analysed.path, select=select, ignore=ignore)
    return CitesResult(diagnostics, citations, entries, references_path, reader_diagnostics)
