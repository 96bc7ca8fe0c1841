"""``citeman build``: the whole pipeline on a folder of documents, each file read once.

Every .bib is read once (if it exists), merged, annotated and linted in memory, and
written once; the documents are read once each however many steps need their text
(:func:`citeman.io.text.read_once`). Diagnostics of every step are returned, none dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from citeman.errors import CitemanError
from citeman.model import Diagnostic, Entry, Library

DOCUMENT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
SOURCES_BIB = "sources.bib"

Progress = Callable[[str], None]


@dataclass
class BuildResult:
    """What a build wrote and what it found."""

    bib_files: list[Path] = field(default_factory=list)
    pages: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    entries: int = 0


def find_documents(seeds_dir: Path) -> list[Path]:
    """The source documents of a folder, in name order (sidecars and hidden files skipped)."""
    if not seeds_dir.is_dir():
        raise CitemanError("no such folder", path=str(seeds_dir))
    return sorted(p for p in seeds_dir.iterdir() if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES and not p.name.startswith("."))


def references_bib_name(paper_key: str) -> str:
    """The .bib that holds one paper's reference list: ``<paper key>-references.bib``."""
    return f"{paper_key}-references.bib"


@dataclass
class _Target:
    """One .bib the build writes: its merged, annotated library and the text written."""

    path: Path
    library: Library
    text: str = ""


def build(
    seeds_dir: str | Path = "seeds",
    bib_dir: str | Path = "bib",
    site_dir: str | Path | None = "site",
    style: str = "apa",
    progress: Progress | None = None,
) -> BuildResult:
    """Ingest every document, parse every reference list, annotate, validate, write pages."""
    from citeman.io.text import read_once

    with read_once():
        return _build(Path(seeds_dir), Path(bib_dir), site_dir, style, progress or (lambda _message: None))


def _build(seeds: Path, bib: Path, site_dir: str | Path | None, style: str, step: Progress) -> BuildResult:
    from citeman.ingest.documents import ingest_document
    from citeman.ingest.reflist import references_from_paper

    result = BuildResult()
    documents = find_documents(seeds)
    from citeman.render.styles import resolve_style

    resolve_style(style)  # an unknown style stops the build before anything is written
    try:
        bib.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise CitemanError(f"cannot create the folder: {err.strerror or err}", path=str(bib)) from None

    entries: list[Entry] = []
    papers: list[tuple[Path, list[Entry]]] = []
    for path in documents:
        step(f"ingest {path.name}")
        try:
            entry, diagnostics = ingest_document(path)
        except CitemanError as err:
            result.errors.append(str(err))
            continue
        entries.append(entry)
        result.diagnostics.extend(diagnostics)
        try:
            references, ref_diagnostics = references_from_paper(path)
        except CitemanError:
            continue  # a document without a reference list is not a paper
        result.diagnostics.extend(ref_diagnostics)
        papers.append((path, references))

    step(f"merge {bib / SOURCES_BIB}")
    sources = _merged(bib / SOURCES_BIB, entries, result)
    targets = [sources]
    keys = {e.fields.get("citeman-source", ""): e.key for e in sources.library.entries}
    for path, references in papers:
        paper_key = keys.get(path.as_posix()) or keys.get(str(path)) or path.stem
        target = bib / references_bib_name(paper_key)
        step(f"merge {target} ({len(references)} references)")
        targets.append(_merged(target, references, result))

    for target in targets:
        step(f"annotate and write {target.path.name}")
        _annotate_and_write(target, [seeds, Path(".")], result)

    result.entries = sum(len(target.library.entries) for target in targets)
    if site_dir is not None:
        step(f"pages into {site_dir}")
        result.pages = _write_pages(targets, Path(site_dir), style, papers)
    return result


def _merged(path: Path, incoming: list[Entry], result: BuildResult) -> _Target:
    from citeman.ingest.merge import merge_entries
    from citeman.io.bibtex import read_bib
    from citeman.io.syntax import refuse_damage

    if path.exists():
        library, diagnostics = read_bib(path)
        refuse_damage(diagnostics, "rebuilt", force="")   # a rewrite would make a syntax error final
        result.diagnostics.extend(diagnostics)
    else:
        library = Library(path=str(path))
    merged, report = merge_entries(library, incoming)
    result.diagnostics.extend(report.diagnostics(str(path)))
    result.bib_files.append(path)
    return _Target(path, merged)


def _annotate_and_write(target: _Target, source_dirs: list[Path], result: BuildResult) -> None:
    from citeman.annotate import annotate_library
    from citeman.io.atomic import atomic_write
    from citeman.io.bibtex import dumps_bib

    _, report = annotate_library(target.library, target.path, source_dirs, only_missing=True)
    result.diagnostics.extend(report.diagnostics)
    target.text = dumps_bib(target.library)
    atomic_write(target.path, target.text)


def _write_pages(targets: list[_Target], site: Path, style: str, papers: list[tuple[Path, list[Entry]]]) -> list[Path]:
    from citeman.cites import extract_citations, match_citations
    from citeman.io.bibtex import parse_bib
    from citeman.io.text import read_text
    from citeman.render.pages import by_key
    from citeman.render.site import write_site
    from citeman.validate.baseline import apply_baseline, load_baseline
    from citeman.validate.config import load_config
    from citeman.validate.lint import lint_library

    entries: list[Entry] = []
    findings = []
    for target in targets:
        # The entries as written (their raw text and lines are those of the file on disk),
        # parsed from the text in memory rather than read back.
        written, reader_diagnostics = parse_bib(target.text, str(target.path))
        entries.extend(written.entries)
        findings.extend(lint_library(written, reader_diagnostics))
    baseline = load_config().baseline
    if baseline and Path(baseline).is_file():
        apply_baseline(findings, load_baseline(baseline), baseline)
    # Findings (not bare diagnostics) keep their baselined/suppressed status on the pages.
    validation = by_key(findings)
    citations: dict[str, list] = {}
    for path, _references in papers:
        cited = match_citations(extract_citations(read_text(path), path.as_posix()), entries)
        for key, found in cited.items():
            citations.setdefault(key, []).extend(found)
    return write_site(entries, site, style=style, validation=validation, citations=citations)
