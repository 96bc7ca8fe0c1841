"""Rules about which fields an entry has: required, recommended, known, empty, fitting the type.

The data model is the union of BibTeX's and biblatex's: a requirement is met by
either spelling (``journal`` or ``journaltitle``, ``year`` or ``date``, ``school`` or
``institution``), so a file written for either tool is judged fairly.
"""

from __future__ import annotations

from collections.abc import Iterator

from citeman.model import Entry
from citeman.validate.base import Context, Severity, Violation, quote, rule
from citeman.validate.screen import BLANK

# Each requirement is a tuple of alternatives; people roles count as fields.
REQUIRED: dict[str, tuple[tuple[str, ...], ...]] = {
    "article": (("author",), ("title",), ("journal", "journaltitle"), ("year", "date")),
    "book": (("author", "editor"), ("title",), ("publisher",), ("year", "date")),
    "mvbook": (("author", "editor"), ("title",), ("year", "date")),
    "inbook": (("author", "editor"), ("title",), ("chapter", "pages", "booktitle"), ("publisher",), ("year", "date")),
    "incollection": (("author",), ("title",), ("booktitle",), ("publisher",), ("year", "date")),
    "inproceedings": (("author",), ("title",), ("booktitle",), ("year", "date")),
    "conference": (("author",), ("title",), ("booktitle",), ("year", "date")),
    "proceedings": (("title",), ("year", "date")),
    "collection": (("editor",), ("title",), ("year", "date")),
    "booklet": (("title",),),
    "manual": (("title",),),
    "mastersthesis": (("author",), ("title",), ("school", "institution"), ("year", "date")),
    "phdthesis": (("author",), ("title",), ("school", "institution"), ("year", "date")),
    "thesis": (("author",), ("title",), ("school", "institution"), ("year", "date")),
    "techreport": (("author",), ("title",), ("institution", "organization", "publisher"), ("year", "date")),
    "report": (("author", "editor", "organization", "institution"), ("title",),
               ("institution", "organization", "publisher"), ("year", "date")),
    "online": (("title",), ("url", "doi", "eprint"), ("year", "date", "urldate")),
    "unpublished": (("author",), ("title",), ("note", "howpublished", "url")),
    "patent": (("author",), ("title",), ("number",), ("year", "date")),
    "dataset": (("title",), ("year", "date")),
    "software": (("title",), ("year", "date")),
    "misc": (("title", "howpublished", "note"),),
}

RECOMMENDED: dict[str, tuple[tuple[str, ...], ...]] = {
    "article": (("volume", "number", "issue"), ("pages", "eid")),
    "incollection": (("pages",),),
    "inproceedings": (("pages",),),
}

LOCATORS = frozenset(
    """doi url isbn issn eprint journal journaltitle booktitle publisher institution school organization
    howpublished archiveprefix pmid pmcid arxiv series""".split()
)

KNOWN_FIELDS = frozenset(
    """abstract addendum address afterword annotation annotator annote archiveprefix author bookauthor
    booksubtitle booktitle booktitleaddon chapter commentator crossref date day doi edition editor editora
    editorb editorc editortype eid entryset eprint eprintclass eprinttype eventdate eventtitle file foreword
    holder howpublished ids institution introduction isan isbn ismn isrn issn issue issuesubtitle issuetitle
    iswc journal journalsubtitle journaltitle key keywords label language langid langidopts library location
    mainsubtitle maintitle maintitleaddon month nameaddon note number options organization origdate
    origlanguage origlocation origpublisher origtitle pages pagetotal pagination part pdf pmid pmcid primaryclass
    publisher pubstate related relatedtype reprinttitle school series shortauthor shorteditor shorthand
    shortjournal shortseries shorttitle sortkey sortname sorttitle sortyear subtitle timestamp title titleaddon
    translator type url urldate usera userb userc userd usere userf venue version volume volumes xref year
    rawref citeman-source citeman-confidence citeman-machine mrclass mrnumber zbl copyright publisher-place place medium
    articleno numpages acmid bibsource biburl added-at interhash intrahash lccn urldate accessed
    entrysubtype execute gender hyphenation indexsorttitle indextitle presort sortshorthand labelalpha
    eprinttype owner groups creationdate modificationdate comment comments mendeley-tags mendeley-groups
    affiliation eissn archive archive_location arxivid urlaccessdate printed readstatus ranking priority
    """.split()
)


def _lacking(table: dict[str, tuple[tuple[str, ...], ...]]):
    """Layout verdict: run when a requirement has no field at all; otherwise only a blank value can fail it."""

    def verdict(kind: str, names: frozenset) -> bool | None:
        options = table.get(kind, ())
        if not options:
            return False
        return True if any(names.isdisjoint(option) for option in options) else None

    return verdict


def _may_mismatch(kind: str, names: frozenset) -> bool:
    journal = "journal" in names or "journaltitle" in names
    volume_issue = "volume" in names and ("number" in names or "issue" in names)
    if kind in _ARTICLE_LIKE or kind in _PART_TYPES:
        return journal or volume_issue
    return kind == "article" and "booktitle" in names


def _has(entry: Entry, name: str) -> bool:
    if name in entry.persons:
        return bool(entry.persons[name])
    return bool(entry.fields.get(name, "").strip())


def _has_any(entry: Entry, names: tuple[str, ...]) -> bool:
    """``any(_has(entry, name) for name in names)`` without a generator per check."""
    persons, fields = entry.persons, entry.fields
    for name in names:
        if name in persons:
            if persons[name]:
                return True
        elif fields.get(name, "").strip():
            return True
    return False


@rule("missing-required-field", Severity.ERROR, screen=BLANK, layout=_lacking(REQUIRED))
def missing_required_field(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Entry lacks a field its type requires (BibTeX or biblatex data model).

    Why: without it the style prints an incomplete reference that a reader cannot
    find (an article without a journal, a book without a publisher).

    Bad:  @article{k, author = {Khanum, S.}, title = {Legitimacy of Hegemonic Claims}, year = 2020}
    Good: @article{k, author = {Khanum, S.}, title = {Legitimacy of Hegemonic Claims}, journal = {NDU Journal}, year = 2020}
    """
    for options in REQUIRED.get(entry.type, ()):
        if not _has_any(entry, options):
            wanted = " or ".join(repr(o) for o in options)
            yield Violation(f"{entry.type} without {wanted}", field=options[0])


@rule("missing-recommended-field", Severity.WARNING, screen=BLANK, layout=_lacking(RECOMMENDED))
def missing_recommended_field(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Entry lacks a field that complete references of its type have.

    Why: a journal article without volume or pages can be found, but not checked or
    cited precisely; most style guides require them.

    Bad:  @article{k, author = {Mahmood, A.}, title = {Shifting dynamics}, journal = {Heliyon}, year = 2025}
    Good: @article{k, author = {Mahmood, A.}, title = {Shifting dynamics}, journal = {Heliyon}, year = 2025, volume = 11, pages = {e41234}}
    """
    for options in RECOMMENDED.get(entry.type, ()):
        if not _has_any(entry, options):
            yield Violation(f"{entry.type} without {' or '.join(repr(o) for o in options)}", field=options[0])


@rule("unlocatable-entry", Severity.ERROR, screen=BLANK,
      layout=lambda kind, names: True if LOCATORS.isdisjoint(names) else None)
def unlocatable_entry(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Entry says nothing about where the work can be found.

    Why: an author, a year and a title alone (no journal, publisher, institution, DOI,
    URL or ISBN) usually mean the reference was mangled when it was extracted, and no
    reader can retrieve the work.

    Bad:  @misc{k, author = {Relations, I. S.}, title = {India-U.S. Relations}, year = 2021}
    Good: @misc{k, author = {Relations, I. S.}, title = {India-U.S. Relations}, year = 2021, url = {https://crsreports.congress.gov/product/pdf/R/R46143}}
    """
    fields = entry.fields
    if any(fields[name] for name in LOCATORS.intersection(fields)):
        return
    title = entry.fields.get("title", "")
    yield Violation(f"no journal, publisher, DOI, URL or ISBN for {quote(title) if title else 'untitled entry'}")


_ARTICLE_LIKE = {"book", "mvbook", "misc", "report", "techreport", "thesis", "phdthesis", "mastersthesis", "online", "booklet"}
_PART_TYPES = {"incollection", "inbook", "inproceedings", "conference"}


@rule("type-mismatch", Severity.ERROR, layout=_may_mismatch)
def type_mismatch(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """The entry type disagrees with its fields.

    Why: a "book" with a journal, volume and issue is a journal article, and a chapter
    "in" a journal issue is too; styles format them wrongly (a book with "(5)2"), and
    required fields are checked against the wrong type.

    Bad:  @incollection{k, author = {Rehman, I.}, title = {Keeping the Dragon at Bay}, booktitle = {Asian Security}, volume = 5, number = 2, year = 2009}
    Good: @article{k, author = {Rehman, I.}, title = {Keeping the Dragon at Bay}, journal = {Asian Security}, volume = 5, number = 2, year = 2009}
    """
    fields = entry.fields
    journal = fields.get("journal") or fields.get("journaltitle")
    issue = fields.get("number") or fields.get("issue")
    if entry.type in _ARTICLE_LIKE and journal:
        yield Violation(f"{entry.type} has a journal {quote(journal)}: looks like an article", field="journal")
    elif entry.type in _ARTICLE_LIKE and fields.get("volume") and issue and "--" in fields.get("pages", "-"):
        yield Violation(
            f"{entry.type} has volume {fields['volume']!r} and issue {issue!r}: looks like a journal article",
            field="volume",
        )
    elif entry.type in _PART_TYPES and journal:
        yield Violation(f"{entry.type} has a journal {quote(journal)}: looks like an article", field="journal")
    elif entry.type in _PART_TYPES and fields.get("volume") and issue and not fields.get("publisher"):
        yield Violation(
            f"{entry.type} in {quote(fields.get('booktitle', ''))} has volume {fields['volume']!r} and issue "
            f"{issue!r}: looks like a journal article",
            field="booktitle",
        )
    elif entry.type == "article" and not journal and fields.get("booktitle"):
        yield Violation(f"article has a booktitle {quote(fields['booktitle'])} but no journal", field="booktitle")


@rule("unknown-field", Severity.INFO,
      layout=lambda kind, names: any(n not in KNOWN_FIELDS and not n.startswith(("x-", "citeman")) for n in names))
def unknown_field(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Field name is not part of the BibTeX or biblatex data model.

    Why: usually a typo (``titel``, ``adress``) whose value no style will ever print.
    Fields with an ``x-`` prefix or a ``-duplicate`` suffix are not reported.

    Bad:  @article{k, titel = {T}, year = 2020}
    Good: @article{k, title = {T}, year = 2020}
    """
    for name in entry.fields:
        if name not in KNOWN_FIELDS and not name.startswith(("x-", "citeman")) and "-duplicate" not in name:
            yield Violation(f"unknown field {name!r}", field=name)


@rule("empty-field", Severity.WARNING, screen=BLANK)
def empty_field(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Field is present but empty.

    Why: an empty value prints as nothing or as stray punctuation ("pp. ."), and hides
    the fact that the information is missing. It is not removed automatically.

    Bad:  @article{k, title = {T}, pages = {}, year = 2020}
    Good: @article{k, title = {T}, pages = {1--9}, year = 2020}
    """
    for name, value in entry.fields.items():
        if not value.strip(" {}\t\n"):
            yield Violation(f"field {name!r} is empty", field=name)
    for role, people in entry.persons.items():
        if not people and role not in entry.truncated:
            yield Violation(f"field {role!r} is empty", field=role)

