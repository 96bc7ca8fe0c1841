"""The library API behind ``citeman build``: the whole pipeline as one call.

Each step is a plain function of the step's own module; this module only chains them
and collects their diagnostics. Nothing here prints or exits, so tests and other
programs can call :func:`build` directly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from citeman.errors import CitemanError
from citeman.model import Diagnostic

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


def build(
    seeds_dir: str | Path = "seeds",
    bib_dir: str | Path = "bib",
    site_dir: str | Path | None = "site",
    style: str = "apa",
    progress: Progress | None = None,
) -> BuildResult:
    """Ingest every document, parse every reference list, annotate, validate, write pages."""
    from citeman.annotate import annotate_bib
    from citeman.ingest.documents import ingest_document
    from citeman.ingest.merge import merge_into_bib
    from citeman.ingest.reflist import references_from_paper
    from citeman.io.bibtex import read_bib

    step = progress or (lambda _message: None)
    seeds, bib = Path(seeds_dir), Path(bib_dir)
    result = BuildResult()
    documents = find_documents(seeds)
    bib.mkdir(parents=True, exist_ok=True)

    entries = []
    papers: list[tuple[Path, list]] = []
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

    sources = bib / SOURCES_BIB
    step(f"write {sources}")
    _, diagnostics = merge_into_bib(sources, entries)
    result.diagnostics.extend(diagnostics)
    result.bib_files.append(sources)
    library, _ = read_bib(sources)
    keys = {e.fields.get("citeman-source", ""): e.key for e in library.entries}

    for path, references in papers:
        paper_key = keys.get(path.as_posix()) or keys.get(str(path)) or path.stem
        target = bib / references_bib_name(paper_key)
        step(f"write {target} ({len(references)} references)")
        _, diagnostics = merge_into_bib(target, references)
        result.diagnostics.extend(diagnostics)
        result.bib_files.append(target)

    for target in result.bib_files:
        step(f"annotate {target.name}")
        annotate_bib(target, source_dirs=[seeds, Path(".")], only_missing=True)

    all_entries = []
    for target in result.bib_files:
        library, _ = read_bib(target)
        all_entries.extend(library.entries)
    result.entries = len(all_entries)

    if site_dir is not None:
        step(f"pages into {site_dir}")
        result.pages = _write_pages(all_entries, result.bib_files, Path(site_dir), style, papers)
    return result


def _write_pages(entries, bib_files: list[Path], site: Path, style: str, papers) -> list[Path]:
    from citeman.cites import extract_citations, match_citations
    from citeman.io.text import read_text
    from citeman.render.pages import by_key, render_pages
    from citeman.validate.baseline import apply_baseline, load_baseline
    from citeman.validate.config import load_config
    from citeman.validate.lint import lint_paths

    findings = lint_paths([str(p) for p in bib_files]).findings
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
    return render_pages(entries, site, style=style, validation=validation, citations=citations)
