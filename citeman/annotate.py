"""Drafting the annotations of an annotated bibliography, offline.

An annotation says what a source argues or reports and why it matters here. citeman
drafts one in two ways. When the full text is at hand (``citeman-source`` names the
document) it picks the document's key sentences with TextRank (summa) and its
keyphrases with YAKE; both ship their stop-word lists and never download anything.
For a reference taken from a paper's list there is no full text, but there is
something better for a reader: the sentences of the citing paper that cite it
("Cited in Literature Review: ...").

Drafts are marked as such in ``citeman-machine`` (``annotation=draft:<hash>``). Once a
person edits a draft it is theirs: later runs never overwrite it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from citeman.ingest.merge import is_draft, read_machine, record_machine
from citeman.io.bibtex import read_bib, write_bib
from citeman.io.syntax import refuse_damage
from citeman.keywords import MAX_KEYWORDS as MAX_CHOSEN_KEYWORDS, choose_keywords
from citeman.model import Diagnostic, Entry, Library
from citeman.paper.analysis import Paper, load_paper
from citeman.paper.headings import heading_level, is_reference_heading
from citeman.paper.markup import clean_line

ANNOTATION = "annotation"
KEYWORDS = "keywords"
MAX_SENTENCES = 3
MAX_KEYWORDS = 6

_SOURCE_LINE = re.compile(r"^(.*?):(\d+)$")
_FURNITURE = re.compile(
    r"^(?:home\b|\d+\s+comments?$|you may also like|leave a comment|recent articles|image source|related\b|"
    r"more shorts|impact shorts|share\b|email:|received:|published:|key\s*words?:)",
    re.IGNORECASE,
)
_IN_TEXT_CITATION = re.compile(r"\s*\((?:[^()]*?\b(?:19|20)\d{2}[a-z]?)\)")
# Titles and offices make "Minister Rajnath Singh" a keyphrase; a keyword names a topic.
_OFFICE_WORDS = frozenset(
    "minister secretary president prime ambassador chancellor senator general marshal spokesperson".split()
)
_DATELINE_PREFIX = re.compile(r"^[A-Z][A-Z .'’-]{2,40}\s*\([^)]*\d{4}\)\s*:\s*")


@dataclass
class AnnotateReport:
    drafted: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # annotations a person wrote or edited
    skipped: list[str] = field(default_factory=list)  # no text to draft from
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{len(self.drafted)} annotation(s) drafted, {len(self.kept)} kept as edited, "
            f"{len(self.skipped)} without a source"
        )


# ---------------------------------------------------------------------------------------
# Drafting from full text


def body_paragraphs(text: str) -> list[str]:
    """The running prose of a document: no navigation, bylines, bios, headings or references."""
    from citeman.ingest.text_meta import _SITE_DISCLAIMER, bio_lines

    bios = bio_lines(text)
    out: list[str] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        if is_reference_heading(raw):
            break
        if heading_level(raw):
            continue
        line = clean_line(raw).strip()
        if not line or _FURNITURE.match(line) or len(line.split()) < 12:
            continue
        if number in bios or _SITE_DISCLAIMER.search(line):
            continue
        if line.startswith("(") and re.search(r"\bthe (writer|author)\b", line, re.IGNORECASE):
            continue
        line = _DATELINE_PREFIX.sub("", line)
        line = _IN_TEXT_CITATION.sub("", line)
        # PDF converters turn curly quotes into "—Human Security||": restore them.
        line = re.sub(r"—([^|—]{1,80}?)\|\|", r"“\1”", line)
        out.append(line)
    return out


def _sentence_ok(sentence: str) -> bool:
    words = sentence.split()
    return 8 <= len(words) <= 55 and sentence[-1:] in ".!?”\"" and not sentence.startswith(("(", "-", "“"))


def summarize_text(text: str, sentences: int = MAX_SENTENCES) -> list[str]:
    """The ``sentences`` highest-ranked sentences of the body (TextRank), in document order."""
    return _summarize_body("\n".join(body_paragraphs(text)), sentences)


def _summarize_body(body: str, sentences: int = MAX_SENTENCES) -> list[str]:
    from summa import summarizer

    if not body.strip():
        return []
    try:
        scored = summarizer.summarize(body, split=True, scores=True, ratio=1.0)
    except (ValueError, ZeroDivisionError):  # too little text for a graph
        scored = []
    ranked = [s for s, _ in sorted(scored, key=lambda pair: -pair[1]) if _sentence_ok(s.strip())]
    chosen = ranked[:sentences]
    order = {s: body.find(s) for s in chosen}
    return [_standalone(" ".join(s.split())) for s in sorted(chosen, key=order.__getitem__)]


_CONNECTIVE = re.compile(
    r"^(?:therefore|additionally|however|moreover|furthermore|hence|thus|also|consequently|interestingly|"
    r"in this regard|in this context|summing up|to sum up|in essence|in a nutshell|likewise|similarly)\s*,\s*",
    re.IGNORECASE,
)


def _standalone(sentence: str) -> str:
    """Drop a leading connective ("Therefore, ...") that points at a sentence the summary left out."""
    rest = _CONNECTIVE.sub("", sentence)
    if rest is sentence or not rest:
        return sentence
    return rest[0].upper() + rest[1:]


def keyphrases(text: str, top: int = MAX_KEYWORDS, exclude: Sequence[str] = ()) -> list[str]:
    """The ``top`` keyphrases of a text (YAKE), without near-duplicates or excluded words."""
    import yake

    if not text.strip():
        return []
    extractor = yake.KeywordExtractor(lan="en", n=3, top=top * 4, dedupLim=0.7)
    banned = {w.casefold() for w in exclude if w}
    out: list[str] = []
    for phrase, _score in extractor.extract_keywords(text):
        phrase = " ".join(phrase.split()).strip(" .,;:")
        folded = phrase.casefold()
        if not phrase or any(b in folded.split() or b == folded for b in banned):
            continue
        if _OFFICE_WORDS & set(folded.split()) or _mixed_case(phrase) or len(set(folded.split())) < len(folded.split()):
            continue
        if any(folded in o.casefold() or o.casefold() in folded for o in out):
            continue
        out.append(phrase)
        if len(out) == top:
            break
    return out


def _mixed_case(phrase: str) -> bool:
    """"Donald Trump continues": a proper name run into ordinary words is a fragment, not a topic."""
    words = [w for w in phrase.split() if w[:1].isalpha()]
    capitals = [w[0].isupper() for w in words]
    return len(words) > 1 and any(capitals) and not all(capitals)


def draft_from_text(text: str, entry: Entry | None = None) -> tuple[str, str]:
    """An extractive annotation and keywords for a document's full text."""
    body = "\n".join(body_paragraphs(text))
    sentences = _summarize_body(body)
    exclude: list[str] = []
    if entry is not None:
        for person in entry.persons.get("author", []):
            exclude += [person.family, person.given, *person.given.split()]
    keywords = choose_keywords(keyphrases(body, top=3 * MAX_CHOSEN_KEYWORDS, exclude=exclude))
    return " ".join(sentences), ", ".join(keywords)


# ---------------------------------------------------------------------------------------
# Drafting from the citing paper


def citing_sentences(paper: Paper, entries: Sequence[Entry]) -> dict[str, list[tuple[str, str]]]:
    """Entry key -> ``[(section, sentence), ...]`` where the paper cites it (the one lookup to switch)."""
    from citeman.cites import citations_in, match_citations

    citations = citations_in(paper)
    matched = match_citations(citations, list(entries))
    out: dict[str, list[tuple[str, str]]] = {}
    for key, found in matched.items():
        seen: set[str] = set()
        pairs: list[tuple[str, str]] = []
        for citation in found:
            sentence = " ".join(citation.sentence.split())
            if sentence and sentence not in seen:
                seen.add(sentence)
                pairs.append((_section_name(citation.section), sentence))
        out[key] = pairs
    return out


def _section_name(section: str) -> str:
    name = re.sub(r"[*_#`]", "", section or "").strip()
    return name or "the text"


def _cited_in(section: str, sentence: str) -> str:
    # "(Acute et al., 2024)." on its own says nothing: name the section only.
    words = _IN_TEXT_CITATION.sub("", re.sub(r"^\([^()]*\)", "", sentence)).split()
    if len(words) < 4:
        return f"Cited in {section}."
    return f"Cited in {section}: “{sentence.strip()}”"


def draft_from_citations(pairs: list[tuple[str, str]], paper_title: str = "") -> str:
    """``Cited in Literature Review: "..."`` for up to three citing sentences."""
    where = f" of {paper_title}" if paper_title else ""
    if not pairs:
        return f"Listed in the references{where} but not cited in its text."
    parts = [_cited_in(section, sentence) for section, sentence in pairs[:MAX_SENTENCES]]
    if len(pairs) > MAX_SENTENCES:
        parts.append(f"Cited {len(pairs)} times in all.")
    return " ".join(parts)


# ---------------------------------------------------------------------------------------
# Applying drafts to a library


def _source_of(entry: Entry) -> tuple[str, bool]:
    """The document an entry came from and whether it is a reference within it."""
    source = entry.fields.get("citeman-source", "").strip()
    match = _SOURCE_LINE.match(source)
    if match:
        return match.group(1), True
    return source, bool(entry.fields.get("rawref"))


def resolve_source(source: str, bib_path: str | Path | None, source_dirs: Sequence[str | Path]) -> Path | None:
    """Find the document named in ``citeman-source`` (as given, near the .bib, or under ``--source``)."""
    if not source:
        return None
    given = Path(source)
    candidates = [given]
    if bib_path:
        folder = Path(bib_path).resolve().parent
        candidates += [folder / given, folder.parent / given]
    for directory in source_dirs:
        candidates += [Path(directory) / given, Path(directory) / given.name]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    return None


def _may_write(entry: Entry, name: str, only_missing: bool) -> bool:
    """Absent and never deleted by a person, or (unless only_missing) still an unedited draft."""
    if name not in entry.fields:
        return name not in read_machine(entry)
    return not only_missing and is_draft(entry, name)


def _write_draft(entry: Entry, name: str, value: str) -> None:
    if not value:
        return
    entry.fields[name] = value
    record_machine(entry, name, drafted=True)


def annotate_library(
    library: Library,
    bib_path: str | Path | None = None,
    source_dirs: Sequence[str | Path] = (),
    only_missing: bool = False,
) -> tuple[Library, AnnotateReport]:
    """Draft annotations and keywords in place; returns the library and a report."""
    from citeman.errors import CitemanError
    from citeman.ingest.documents import document_text

    report = AnnotateReport()
    shown = str(bib_path or library.path or "")
    papers: dict[Path, list[Entry]] = {}
    for entry in library.entries:
        wants_annotation = _may_write(entry, ANNOTATION, only_missing)
        if not wants_annotation and ANNOTATION in entry.fields and not is_draft(entry, ANNOTATION):
            report.kept.append(entry.key)
        if not wants_annotation and not _may_write(entry, KEYWORDS, only_missing):
            continue
        source, is_reference = _source_of(entry)
        path = resolve_source(source, bib_path, source_dirs)
        if path is None:
            report.skipped.append(entry.key)
            report.diagnostics.append(Diagnostic(
                "A001", "warning", f"{shown}: no text for {entry.key}: source '{source}' not found (use --source DIR)"
                if source else f"{shown}: no text for {entry.key}: it has no citeman-source", shown,
                entry.source.line if entry.source else 0, entry.key, ANNOTATION))
            continue
        if is_reference:
            papers.setdefault(path, []).append(entry)
            continue
        try:
            text = document_text(path)
        except CitemanError as err:
            report.skipped.append(entry.key)
            report.diagnostics.append(Diagnostic("A002", "warning", f"{shown}: no text for {entry.key}: {err}", shown, 0, entry.key))
            continue
        annotation, keywords = draft_from_text(text, entry)
        _apply(entry, annotation, keywords, only_missing, report)
    for paper, entries in papers.items():
        _annotate_references(paper, entries, library, only_missing, report, shown)
    return library, report


def _apply(entry: Entry, annotation: str, keywords: str, only_missing: bool, report: AnnotateReport) -> None:
    wrote = False
    if annotation and _may_write(entry, ANNOTATION, only_missing):
        _write_draft(entry, ANNOTATION, annotation)
        wrote = True
    if keywords and _may_write(entry, KEYWORDS, only_missing):
        _write_draft(entry, KEYWORDS, keywords)
    if wrote:
        report.drafted.append(entry.key)


def _annotate_references(
    paper: Path, entries: list[Entry], library: Library, only_missing: bool, report: AnnotateReport, shown: str
) -> None:
    from citeman.errors import CitemanError

    try:
        analysed = load_paper(paper)
    except CitemanError as err:
        for entry in entries:
            report.skipped.append(entry.key)
        report.diagnostics.append(Diagnostic("A002", "warning", f"{shown}: cannot read citing paper: {err}", shown))
        return
    # Match against every reference of the same paper, so author-year ambiguity is judged fairly.
    siblings = [e for e in library.entries if _source_of(e)[0] and Path(_source_of(e)[0]).name == paper.name and _source_of(e)[1]]
    cited = citing_sentences(analysed, siblings or entries)
    title = _paper_title(library, paper, analysed.text)
    for entry in entries:
        pairs = cited.get(entry.key, [])
        annotation = draft_from_citations(pairs, title)
        # The title says what the work is about; the citing sentences say what the paper uses it for.
        exclude = [p.family for p in entry.persons.get("author", [])]
        found = choose_keywords(keyphrases(entry.fields.get("title", ""), top=12, exclude=exclude))
        if not found:
            found = choose_keywords(keyphrases(" ".join(s for _, s in pairs), top=12, exclude=exclude), limit=4)
        if not found:  # last resort: the topic of the sections that cite it
            found = choose_keywords(keyphrases(". ".join(dict.fromkeys(section for section, _ in pairs)), top=6, exclude=exclude), limit=2)
        keywords = ", ".join(found)
        _apply(entry, annotation, keywords, only_missing, report)


def _paper_title(library: Library, paper: Path, text: str) -> str:
    """The citing paper's title: from its own entry if the library has one, else from its text."""
    from citeman.ingest.text_meta import extract_text_metadata

    for entry in library.entries:
        source, is_reference = _source_of(entry)
        if source and not is_reference and Path(source).name == paper.name and entry.fields.get("title"):
            return f"“{entry.fields['title']}”"
    found = extract_text_metadata(text).fields.get("title")
    return f"“{found.value}”" if found else ""


def annotate_bib(
    bib_path: str | Path, source_dirs: Sequence[str | Path] = (), only_missing: bool = False
) -> AnnotateReport:
    """Annotate the .bib at ``bib_path`` in place (atomic write); returns the report."""
    library, diagnostics = read_bib(bib_path)
    refuse_damage(diagnostics, "annotated", force="")   # a rewrite would make a syntax error final
    library, report = annotate_library(library, bib_path, source_dirs, only_missing)
    write_bib(library, bib_path)
    report.diagnostics = diagnostics + report.diagnostics
    return report
