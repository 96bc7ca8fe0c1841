"""Annotated bibliography pages: a folder of Markdown a reader can browse.

An annotated bibliography is read, not compiled, so citeman writes it as plain
Markdown pages that work unchanged as a MkDocs site, on GitHub Pages and in a
repository browser: an index grouped by type or year, one page per entry (formatted
citations, annotation, abstract, where the source paper cites it, a BibTeX block to
copy, its validation status) and pages per author and per keyword. The layout lives
in Jinja2 templates users can replace; what goes into them is built here as plain
data, and every piece of entry text reaches the page escaped (see
:mod:`citeman.render.markdown`). File names come from keys but never contain
anything a key could use to escape the output folder.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from markupsafe import Markup

from citeman.errors import InputError, UsageError
from citeman.export.inherit import resolve, without_containers
from citeman.ingest.merge import is_draft
from citeman.model import Diagnostic, Entry, Library, Person, Verbatim
from citeman.render.layout import TYPE_HEADINGS
from citeman.render.markdown import (
    Text,
    assign_slugs,
    doi_url,
    fold_ascii,
    heading_anchor,
    safe_url,
    sanitize_inline,
)
from citeman.render.page_files import MANIFEST, write_pages
from citeman.render.page_templates import (
    environment,
    render_template,
    template_dirs,
    trusted,
)
from citeman.render.plots import PlotData, plots_for
from citeman.render.relations import cites_from_sources

__all__ = ["GROUP_BY", "MANIFEST", "by_key", "generate_pages", "render_pages", "template_dirs", "write_pages"]

GROUP_BY = ("type", "year", "none")

Formatter = Callable[[Sequence[Entry], str], Mapping[str, str]]

STYLE_LABELS = {
    "apa": "APA",
    "chicago-author-date": "Chicago author-date",
    "chicago": "Chicago author-date",
    "mla": "MLA",
    "modern-language-association": "MLA",
    "ieee": "IEEE",
    "harvard": "Harvard",
    "harvard-cite-them-right": "Harvard",
    "vancouver": "Vancouver",
}

TYPE_NAMES = {
    "article": "Journal article",
    "book": "Book",
    "collection": "Edited book",
    "incollection": "Book chapter",
    "inbook": "Book chapter",
    "inproceedings": "Conference paper",
    "conference": "Conference paper",
    "proceedings": "Proceedings",
    "report": "Report",
    "techreport": "Report",
    "thesis": "Thesis",
    "phdthesis": "PhD thesis",
    "mastersthesis": "Master's thesis",
    "online": "Web page",
    "manual": "Manual",
    "booklet": "Booklet",
    "unpublished": "Unpublished work",
    "misc": "Other",
}
NO_DATE = "No date"

_TEMPLATES = {
    "index": "index.md.j2",
    "entry": "entry.md.j2",
    "author": "author.md.j2",
    "keyword": "keyword.md.j2",
    "authors_index": "authors-index.md.j2",
    "keywords_index": "keywords-index.md.j2",
    "browse": "browse.md.j2",
    "plots": "plots.md.j2",
}
# The site's browsing pages besides the index: page, heading, grouping.
BROWSE_PAGES = (("by-year.md", "By year", "year"), ("by-type.md", "By type", "type"))
PLOTS_PAGE = "plots.md"
_LATEX_COMMAND = re.compile(r"\\(?:emph|textit|textbf|textsc|textup|textrm|textsf|texttt|textnormal|mkbibquote|enquote|mbox|url)\s*(?=\{)")


# --- the data the templates see ---------------------------------------------------


@dataclass(eq=False)
class PersonView:
    name: Text  # "Given Family"
    sort_name: Text  # "Family, Given"
    page: str  # relative to the site root
    entries: list[EntryView] = field(default_factory=list)


@dataclass(eq=False)
class KeywordView:
    name: Text
    page: str
    entries: list[EntryView] = field(default_factory=list)


@dataclass(eq=False)
class EntryView:
    entry: Entry
    key: Text
    slug: str
    page: str
    title: Text
    year: Text
    type: Text
    type_label: Text
    authors: list[PersonView] = field(default_factory=list)
    editors: list[PersonView] = field(default_factory=list)
    keywords: list[KeywordView] = field(default_factory=list)
    annotation: Text = Text("")
    annotation_draft: bool = False
    abstract: Text = Text("")
    note: Text = Text("")
    rawref: Markup = Markup("")
    source: Text = Text("")
    container: Text = Text("")
    doi: Text = Text("")
    doi_url: Markup | None = None
    url: Text = Text("")
    safe_url: Markup | None = None
    citation: Markup = Markup("")
    styles: list[dict[str, Any]] = field(default_factory=list)
    cited_in: list[dict[str, Any]] | None = None
    cites: list[EntryView] = field(default_factory=list)
    diagnostics: list[dict[str, Any]] | None = None
    unverified: frozenset[str] = frozenset()
    untitled: bool = False
    bibtex: str = ""
    csljson: str = ""

    @property
    def has_findings(self) -> bool:
        return _has_findings(self.diagnostics or [])

    @property
    def checked(self) -> bool:
        return self.diagnostics is not None


def display_text(value: str) -> str:
    """Field text as a reader sees it: protective braces and font commands removed."""
    value = _LATEX_COMMAND.sub("", value)
    value = re.sub(r"(?<!\\)[{}]", "", value)
    return " ".join(value.split())


def entry_year(entry: Entry) -> str:
    year = entry.get("year").strip()
    if re.fullmatch(r"\d{4}", year):
        return year
    match = re.match(r"(\d{4})", entry.get("date").strip())
    return match.group(1) if match else ""


def _sort_name(person: Person) -> str:
    if person.literal:
        return person.literal
    family = " ".join(p for p in (person.particle, person.family) if p)
    rest = ", ".join(p for p in (person.given, person.suffix) if p)
    return f"{family}, {rest}" if rest else family


def _person_identity(person: Person) -> tuple[str, ...]:
    return tuple(" ".join(display_text(p).split()).casefold() for p in (person.literal, person.particle, person.family, person.given, person.suffix))


def _entry_sort_key(entry: Entry) -> tuple[str, str, str, str]:
    people = entry.authors or entry.editors
    first = fold_ascii(display_text(_sort_name(people[0]))).casefold() if people else ""
    title = fold_ascii(display_text(entry.get("title"))).casefold()
    return (first or title, entry_year(entry) or "9999", title, entry.key)


def _split_keywords(value: str) -> list[str]:
    separator = ";" if ";" in value and "," not in value else ","
    seen: list[str] = []
    for part in value.split(separator):
        word = display_text(part).strip()
        if word and word.casefold() not in {s.casefold() for s in seen}:
            seen.append(word)
    return seen


def style_label(style: str) -> str:
    """``apa`` -> ``APA``; a path to a .csl file -> its file name."""
    if style in STYLE_LABELS:
        return STYLE_LABELS[style]
    return Path(style).stem if style.endswith(".csl") else style


def _container(entry: Entry) -> str:
    for name in ("journaltitle", "journal", "booktitle", "publisher", "institution", "school", "howpublished"):
        if entry.get(name):
            return display_text(entry.get(name))
    return ""


def _citation_views(citations: Iterable[Any]) -> list[dict[str, Any]]:
    views = []
    for citation in citations:
        views.append(
            {
                "line": getattr(citation, "line", 0) or 0,
                "path": Text(getattr(citation, "path", "") or ""),
                "section": Text(getattr(citation, "section", "") or ""),
                "sentence": Text(getattr(citation, "sentence", "") or ""),
                "text": Text(getattr(citation, "text", "") or ""),
            }
        )
    views.sort(key=lambda v: (str(v["path"]), v["line"]))
    return views


# A finding's severity as a MkDocs (Material) admonition type.
_ADMONITIONS = {"error": "danger", "warning": "warning", "info": "info"}
# Fields a reader sees in the page's heading and facts list, where damage must be flagged.
_SHOWN_FIELDS = {"title", "author", "editor", "year", "date", "journal", "journaltitle", "booktitle"}


def _unverified_fields(diagnostics: Iterable[dict[str, Any]]) -> frozenset[str]:
    """Shown fields an error finding points at (a suppressed one was judged sound by a person)."""
    return frozenset(
        str(d["field"]) for d in diagnostics
        if d["severity"] == "error" and d["status"] != "suppressed" and str(d["field"]) in _SHOWN_FIELDS
    )


def _untitled_heading(entry: Entry, type_label: str) -> str:
    """A heading for an entry without a title: what it is and who published it, never its key."""
    publisher = next((display_text(entry.get(f)) for f in ("organization", "publisher", "institution", "howpublished") if entry.get(f)), "")
    return f"Untitled {type_label.lower()}" + (f" ({publisher})" if publisher else "")


def _has_findings(views: Iterable[dict[str, Any]]) -> bool:
    """An error or warning a person has not suppressed."""
    return any(str(v["severity"]) in ("error", "warning") and v["status"] != "suppressed" for v in views)


def _diagnostic_views(items: Iterable[Any]) -> list[dict[str, Any]]:
    """Diagnostics, or the linter's findings (a diagnostic plus ``status`` and ``reason``)."""
    rank = {"error": 0, "warning": 1, "info": 2}
    views = []
    for item in items:
        d = getattr(item, "diagnostic", item)
        status = getattr(item, "status", "new") or "new"
        views.append(
            {
                "code": Text(d.code),
                "severity": Text(d.severity),
                "message": Text(d.message),
                "field": Text(d.field),
                "line": d.line,
                "fixable": d.fixable,
                "status": Text(status),
                "admonition": _ADMONITIONS.get(d.severity, "note"),
                "reason": Text(getattr(item, "reason", "") or ""),
            }
        )
    views.sort(key=lambda v: (v["status"] != "new", rank.get(str(v["severity"]), 3), v["line"], str(v["code"]), str(v["message"])))
    return views


def by_key(items: Iterable[Any]) -> dict[str, list[Any]]:
    """Diagnostics or findings grouped by entry key, for ``render_pages(validation=...)``."""
    grouped: dict[str, list[Any]] = {}
    for item in items:
        key = getattr(getattr(item, "diagnostic", item), "key", "")
        if key:
            grouped.setdefault(key, []).append(item)
    return grouped


# --- formatting -------------------------------------------------------------------


def _default_formatter() -> Formatter:
    from citeman.render.csl import format_entries

    def formatter(entries: Sequence[Entry], style: str) -> Mapping[str, str]:
        return format_entries(list(entries), style, fmt="markdown")

    return formatter


# --- building the site ------------------------------------------------------------


def _entries_of(entries_or_library: Library | Iterable[Entry | Verbatim]) -> list[Entry]:
    if isinstance(entries_or_library, Library):
        return list(entries_or_library.entries)
    return [e for e in entries_or_library if isinstance(e, Entry)]


def _format_bibtex(entry: Entry) -> str:
    from citeman.io.bibtex import format_entry

    clean = replace(entry, comments=[])
    return format_entry(clean)


def _format_csljson(entry: Entry) -> str:
    from citeman.export.csljson import to_csl

    return json.dumps(to_csl(entry), indent=2, ensure_ascii=False)


def _build_views(
    entries: list[Entry],
    style: str,
    extra_styles: Sequence[str],
    validation: Mapping[str, list[Diagnostic]] | None,
    citations: Mapping[str, list[Any]] | None,
    formatter: Formatter,
    cites: Mapping[str, Sequence[str]] | None = None,
) -> tuple[list[EntryView], list[PersonView], list[KeywordView], list[str]]:
    # Citations are formatted with what each entry inherits through crossref and xdata;
    # the page shows the entry as written. @xdata containers are no works of their own.
    inherited = {id(e): r for e, r in zip(entries, resolve(entries))}
    entries = sorted(without_containers(entries), key=_entry_sort_key)
    slugs = assign_slugs([e.key for e in entries], fallback="entry")
    # Formatting by slug keeps CSL ids unique and plain even for duplicate or odd keys.
    by_slug = [replace(inherited[id(e)], key=s) for e, s in zip(entries, slugs)]
    styles = [style] + [s for s in extra_styles if s != style]
    formatted = {s: dict(formatter(by_slug, s)) for s in styles}
    order = {slug: i for i, slug in enumerate(formatted[style])}

    people: dict[tuple[str, ...], PersonView] = {}
    keywords: dict[str, KeywordView] = {}
    views: list[EntryView] = []
    for entry, slug in zip(entries, slugs):
        year = entry_year(entry)
        type_label = TYPE_NAMES.get(entry.type, entry.type.capitalize())
        title = display_text(entry.get("title"))
        view = EntryView(
            entry=entry,
            key=Text(entry.key),
            slug=slug,
            page=f"entries/{slug}.md",
            title=Text(title or _untitled_heading(entry, type_label)),
            untitled=not title,
            year=Text(year),
            type=Text(entry.type),
            type_label=Text(type_label),
            annotation=Text(display_text_block(entry.get("annotation"))),
            annotation_draft=is_draft(entry, "annotation"),
            abstract=Text(display_text_block(entry.get("abstract"))),
            note=Text(display_text(entry.get("note"))),
            # The reference as extracted from the source, Markdown emphasis and links included.
            rawref=sanitize_inline(entry.get("rawref"), html_as_text=True),
            source=Text(entry.get("citeman-source").strip()),
            container=Text(_container(entry)),
            doi=Text(entry.get("doi").strip()),
            doi_url=trusted(doi_url(entry.get("doi"))),
            url=Text(entry.get("url").strip()),
            safe_url=trusted(safe_url(entry.get("url"))),
            bibtex=_format_bibtex(entry),
            csljson=_format_csljson(entry),
        )
        view.citation = sanitize_inline(formatted[style].get(slug, ""))
        view.styles = [
            {"name": Text(s), "label": Text(style_label(s)), "text": _without_label(sanitize_inline(formatted[s].get(slug, "")))}
            for s in styles
        ]
        if citations is not None:
            view.cited_in = _citation_views(citations.get(entry.key, []))
        if validation is not None:
            view.diagnostics = _diagnostic_views(validation.get(entry.key, []))
            view.unverified = _unverified_fields(view.diagnostics)
        for role, target in (("author", view.authors), ("editor", view.editors)):
            for person in entry.persons.get(role, []):
                identity = _person_identity(person)
                if identity not in people:
                    people[identity] = PersonView(Text(display_text(person.display())), Text(display_text(_sort_name(person))), "")
                person_view = people[identity]
                if not person_view.entries or person_view.entries[-1] is not view:
                    person_view.entries.append(view)
                if person_view not in target:
                    target.append(person_view)
        for word in _split_keywords(entry.get("keywords")):
            folded = word.casefold()
            if folded not in keywords:
                keywords[folded] = KeywordView(Text(word), "")
            keyword_view = keywords[folded]
            keyword_view.entries.append(view)  # keywords are de-duplicated per entry already
            view.keywords.append(keyword_view)
        views.append(view)

    person_list = sorted(people.values(), key=lambda p: (fold_ascii(p.sort_name).casefold(), str(p.sort_name)))
    for person_view, slug in zip(person_list, assign_slugs([str(p.sort_name) for p in person_list], fallback="author")):
        person_view.page = f"authors/{slug}.md"
    keyword_list = sorted(keywords.values(), key=lambda k: (fold_ascii(k.name).casefold(), str(k.name)))
    for keyword_view, slug in zip(keyword_list, assign_slugs([str(k.name) for k in keyword_list], fallback="keyword")):
        keyword_view.page = f"keywords/{slug}.md"
    for collection in (person_list, keyword_list):
        for item in collection:
            item.entries.sort(key=lambda v: order.get(v.slug, len(order)))
    views.sort(key=lambda v: order.get(v.slug, len(order)))
    by_entry_key = {str(v.key): v for v in views}
    for view in views:
        cited = [by_entry_key[k] for k in (cites or {}).get(str(view.key), ()) if k in by_entry_key]
        view.cites = sorted(cited, key=lambda v: order.get(v.slug, len(order)))
    return views, person_list, keyword_list, styles


def _without_label(citation: Markup) -> Markup:
    """Drop a numeric style's ``[3]``: on a page of its own the number refers to nothing."""
    return Markup(re.sub(r"^\\\[\d+\\\]\s*", "", str(citation)))


def display_text_block(value: str) -> str:
    """Like :func:`display_text` but keeping paragraph breaks."""
    paragraphs = [display_text(p) for p in re.split(r"\n\s*\n", value)]
    return "\n\n".join(p for p in paragraphs if p)


def _group(views: list[EntryView], group_by: str, title: str = "") -> list[dict[str, Any]]:
    groups: dict[str, list[EntryView]] = {}
    if group_by == "none":
        groups["All entries"] = list(views)
        order = ["All entries"]
    elif group_by == "year":
        for view in views:
            groups.setdefault(str(view.year) or NO_DATE, []).append(view)
        order = sorted((g for g in groups if g != NO_DATE), reverse=True) + ([NO_DATE] if NO_DATE in groups else [])
    else:
        rank = {label: i for i, label in enumerate(dict.fromkeys(TYPE_HEADINGS.values()))}
        for view in views:
            label = TYPE_HEADINGS.get(view.entry.type) or _plain_label(view.entry.type)
            groups.setdefault(label, []).append(view)
        order = sorted(groups, key=lambda g: (rank.get(g, len(rank)), g))
    # The index's own headings; a group heading must not take their ids.
    used = {"contents", heading_anchor(title)}
    result = []
    for label in order:
        heading, n = label, 2
        # Headings are plain ASCII words, so GitHub and MkDocs derive the same id;
        # a clash is resolved in the heading text itself, where both renderers see it.
        while (heading_anchor(heading) or "group") in used:
            heading, n = f"{label} {n}", n + 1
        anchor = heading_anchor(heading) or "group"
        used.add(anchor)
        result.append({"label": Text(heading), "anchor": anchor, "count": len(groups[label]), "entries": groups[label]})
    return result


def _plain_label(entry_type: str) -> str:
    words = re.sub(r"[^a-z0-9]+", " ", fold_ascii(entry_type).lower()).strip()
    return (words or "other").capitalize()


def _letter_groups(items: list[Any], attribute: str) -> list[dict[str, Any]]:
    groups: dict[str, list[Any]] = {}
    for item in items:
        initial = fold_ascii(str(getattr(item, attribute)))[:1].upper()
        groups.setdefault(initial if initial.isalpha() else "Other", []).append(item)
    ordered = sorted(groups, key=lambda g: (g == "Other", g))
    return [{"label": Text(g), "anchor": heading_anchor(g), "members": groups[g]} for g in ordered]


def generate_pages(
    entries_or_library: Library | Iterable[Entry | Verbatim],
    style: str = "apa",
    templates_dir: str | Path | None = None,
    extra_styles: Sequence[str] = ("chicago-author-date", "mla", "ieee"),
    validation: Mapping[str, list[Diagnostic]] | None = None,
    citations: Mapping[str, list[Any]] | None = None,
    *,
    cites: Mapping[str, Sequence[str]] | None = None,
    group_by: str = "type",
    title: str = "Annotated bibliography",
    formatter: Formatter | None = None,
) -> dict[str, str]:
    """Every page as ``{relative path: Markdown}``, without touching the disk."""
    if group_by not in GROUP_BY:
        raise UsageError(f"unknown --group-by '{group_by}' (expected one of: {', '.join(GROUP_BY)})")
    env = environment(template_dirs(templates_dir))
    entries = _entries_of(entries_or_library)
    views, people, keywords, styles = _build_views(
        entries, style, extra_styles, validation, citations, formatter or _default_formatter(),
        cites_from_sources(entries) if cites is None else cites,
    )
    common = {
        "title": Text(title),
        "style": Text(style),
        "style_label": Text(style_label(style)),
        "styles": [Text(style_label(s)) for s in styles],
        "entries": views,
        "authors": people,
        "keywords": keywords,
        "count": len(views),
        "annotated": sum(1 for v in views if v.annotation),
        "drafts": sum(1 for v in views if v.annotation and v.annotation_draft),
        "group_by": group_by,
        "checked": validation is not None,
        "has_citations": citations is not None,
    }
    pages: dict[str, str] = {}
    pages["index.md"] = render_template(env, _TEMPLATES["index"], "index.md", {**common, "groups": _group(views, group_by, title)})
    for view in views:
        pages[view.page] = render_template(env, _TEMPLATES["entry"], view.page, {**common, "e": view})
    pages["authors/index.md"] = render_template(
        env, _TEMPLATES["authors_index"], "authors/index.md", {**common, "letters": _letter_groups(people, "sort_name")}
    )
    for person in people:
        pages[person.page] = render_template(env, _TEMPLATES["author"], person.page, {**common, "person": person})
    pages["keywords/index.md"] = render_template(
        env, _TEMPLATES["keywords_index"], "keywords/index.md", {**common, "letters": _letter_groups(keywords, "name")}
    )
    for keyword in keywords:
        pages[keyword.page] = render_template(env, _TEMPLATES["keyword"], keyword.page, {**common, "keyword": keyword})
    for page, heading, grouping in BROWSE_PAGES:
        pages[page] = render_template(
            env, _TEMPLATES["browse"], page,
            {**common, "heading": Text(heading), "grouping": grouping, "groups": _group(views, grouping, heading)},
        )
    pages[PLOTS_PAGE] = render_template(
        env, _TEMPLATES["plots"], PLOTS_PAGE,
        {**common, "with_findings": sum(1 for v in views if v.has_findings),
         "plots": [{"title": Text(t), "path": p} for p, (t, _) in plots_for(validation is not None).items()]},
    )
    return pages


def plot_data(entries_or_library: Library | Iterable[Entry | Verbatim],
              validation: Mapping[str, list[Any]] | None = None) -> PlotData:
    """What the site's plots count, from the same entries and findings as the pages."""
    entries = _entries_of(entries_or_library)
    flagged = [_has_findings(_diagnostic_views((validation or {}).get(e.key, []))) for e in entries]
    return PlotData(
        years=tuple(entry_year(e) for e in entries),
        types=tuple(TYPE_NAMES.get(e.type, e.type.capitalize()) for e in entries),
        with_findings=tuple(flagged),
        checked=validation is not None,
    )


def render_pages(entries_or_library: Library | Iterable[Entry | Verbatim], out_dir: str | Path, style: str = "apa",
                 **options: Any) -> list[Path]:
    """Write the annotated bibliography pages into ``out_dir`` (``options``: those of :func:`generate_pages`)."""
    if Path(out_dir).exists() and not Path(out_dir).is_dir():
        raise InputError("output is not a folder", path=str(out_dir))
    return write_pages(generate_pages(entries_or_library, style, **options), out_dir)
