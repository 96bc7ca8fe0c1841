"""The BibTeX/BibLaTeX <-> CSL-JSON mapping, as data: one table per direction.

Every writer (``export --to csl-json|ris|biblatex``), the importer and ``render``
read these tables, so a field maps the same way everywhere. The conventions follow
Better BibTeX, citation-js and pandoc's biblatex reader; where they disagree the
choice is noted. A field no table names is kept on the entry as it is (BibTeX and
BibLaTeX output), so nothing is lost on a round trip.

``python -m citeman.export.mapping --markdown`` prints the tables (docs/mapping.md).
"""

from __future__ import annotations

import re

import sys

# BibLaTeX/BibTeX entry type -> CSL type. Every type of the biblatex manual (section
# 2.1) plus the BibTeX-only and common non-standard ones. ``misc``, ``online`` and
# ``article`` are refined by their fields (see REFINED_TYPES).
ENTRY_TYPE_TO_CSL: dict[str, str] = {
    "article": "article-journal",
    "book": "book",
    "mvbook": "book",
    "inbook": "chapter",
    "bookinbook": "chapter",
    "suppbook": "chapter",
    "booklet": "pamphlet",
    "collection": "book",
    "mvcollection": "book",
    "incollection": "chapter",
    "suppcollection": "chapter",
    "dataset": "dataset",
    "manual": "report",
    "misc": "document",
    "online": "webpage",
    "electronic": "webpage",
    "www": "webpage",
    "webpage": "webpage",
    "patent": "patent",
    "periodical": "periodical",
    "suppperiodical": "article-journal",
    "proceedings": "book",
    "mvproceedings": "book",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "reference": "book",
    "mvreference": "book",
    "inreference": "entry-encyclopedia",
    "report": "report",
    "techreport": "report",
    "set": "document",
    "software": "software",
    "thesis": "thesis",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "unpublished": "manuscript",
    "xdata": "document",
    "artwork": "graphic",
    "audio": "song",
    "image": "graphic",
    "jurisdiction": "legal_case",
    "legislation": "legislation",
    "legal": "treaty",
    "letter": "personal_communication",
    "movie": "motion_picture",
    "video": "motion_picture",
    "music": "song",
    "performance": "performance",
    "review": "review",
    "standard": "standard",
    "commentary": "book",
}

# (entry type, entrysubtype) -> CSL type, for the subtypes biblatex styles know.
SUBTYPE_TO_CSL: dict[tuple[str, str], str] = {
    ("article", "newspaper"): "article-newspaper",
    ("article", "magazine"): "article-magazine",
    ("online", "newspaper"): "article-newspaper",
    ("online", "news"): "article-newspaper",
    ("online", "blog"): "post-weblog",
    # the subtypes import writes (CSL_TO_SUBTYPE) and the versioned types it protects
    ("article", "article"): "article",
    ("legislation", "bill"): "bill",
    ("audio", "broadcast"): "broadcast",
    ("book", "classic"): "classic",
    ("collection", "collection"): "collection",
    ("inreference", "entry"): "entry",
    ("inreference", "entry-dictionary"): "entry-dictionary",
    ("misc", "event"): "event",
    ("image", "figure"): "figure",
    ("jurisdiction", "hearing"): "hearing",
    ("misc", "interview"): "interview",
    ("misc", "map"): "map",
    ("music", "musical_score"): "musical_score",
    ("online", "post"): "post",
    ("legislation", "regulation"): "regulation",
    ("review", "review-book"): "review-book",
    ("misc", "speech"): "speech",
    ("misc", "document"): "document",
    ("online", "webpage"): "webpage",
}

# Entry types that become ``software`` when they carry a ``version`` (Better BibTeX
# writes Zotero's computer programs as ``@misc`` or ``@software`` with a version).
VERSIONED_SOFTWARE_TYPES = frozenset({"misc", "software", "online"})

# CSL type -> BibLaTeX entry type (import and ``from_csl``).
CSL_TO_ENTRY_TYPE: dict[str, str] = {
    "article": "article",
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "bill": "legislation",
    "book": "book",
    "broadcast": "audio",
    "chapter": "incollection",
    "classic": "book",
    "collection": "collection",
    "dataset": "dataset",
    "document": "misc",
    "entry": "inreference",
    "entry-dictionary": "inreference",
    "entry-encyclopedia": "inreference",
    "event": "misc",
    "figure": "image",
    "graphic": "artwork",
    "hearing": "jurisdiction",
    "interview": "misc",
    "legal_case": "jurisdiction",
    "legislation": "legislation",
    "manuscript": "unpublished",
    "map": "misc",
    "motion_picture": "movie",
    "musical_score": "music",
    "pamphlet": "booklet",
    "paper-conference": "inproceedings",
    "patent": "patent",
    "performance": "performance",
    "periodical": "periodical",
    "personal_communication": "letter",
    "post": "online",
    "post-weblog": "online",
    "regulation": "legislation",
    "report": "report",
    "review": "review",
    "review-book": "review",
    "software": "software",
    "song": "music",
    "speech": "misc",
    "standard": "standard",
    "thesis": "thesis",
    "treaty": "legal",
    "webpage": "online",
}

# CSL type -> entrysubtype written with it, so the CSL type survives a round trip. CSL
# types that share an entry type with another (``map``, ``speech`` and ``event`` are all
# ``@misc``) carry their own name as the subtype; SUBTYPE_TO_CSL maps each pair back.
CSL_TO_SUBTYPE: dict[str, str] = {
    "article-newspaper": "newspaper",
    "article-magazine": "magazine",
    "post-weblog": "blog",
    "article": "article",
    "bill": "bill",
    "broadcast": "broadcast",
    "classic": "classic",
    "collection": "collection",
    "entry": "entry",
    "entry-dictionary": "entry-dictionary",
    "event": "event",
    "figure": "figure",
    "hearing": "hearing",
    "interview": "interview",
    "map": "map",
    "musical_score": "musical_score",
    "post": "post",
    "regulation": "regulation",
    "review-book": "review-book",
    "speech": "speech",
}

# Fields copied as plain text (braces dropped) to one CSL variable, whatever the type.
TEXT_FIELDS: dict[str, str] = {
    "edition": "edition",
    "volume": "volume",
    "volumes": "number-of-volumes",
    "pagetotal": "number-of-pages",
    "publisher": "publisher",
    "doi": "DOI",
    "url": "URL",
    "isbn": "ISBN",
    "issn": "ISSN",
    "pmid": "PMID",
    "pmcid": "PMCID",
    "abstract": "abstract",
    "annotation": "annote",
    "annote": "annote",
    "note": "note",
    "language": "language",
    "chapter": "chapter-number",
    "version": "version",
    "shorthand": "citation-label",
    "library": "call-number",
    "venue": "event-place",
    "origlocation": "original-publisher-place",
    "origpublisher": "original-publisher",
    "keywords": "keyword",
    "address": "publisher-place",
    "location": "publisher-place",
    "part": "part",
    "eid": "number",
}

# Fields that are titles: case-protecting braces become ``<span class="nocase">``.
TITLE_FIELDS: dict[str, str] = {
    "title": "title",
    "shorttitle": "title-short",
    "series": "collection-title",
    "origtitle": "original-title",
    "eventtitle": "event-title",
    "maintitle": "volume-title",
    "journal": "container-title",
    "journaltitle": "container-title",
    "booktitle": "container-title",
    "shortjournal": "container-title-short",
    "journalabbreviation": "container-title-short",
}

# Title parts joined to the title they extend (as biblatex prints them).
SUBTITLE_FIELDS: dict[str, tuple[str, str]] = {
    "subtitle": ("title", ": "),
    "titleaddon": ("title", ". "),
    "journalsubtitle": ("container-title", ": "),
    "booksubtitle": ("container-title", ": "),
    "booktitleaddon": ("container-title", ". "),
}

# biblatex ``langid``/``language`` values (babel and polyglossia names) -> BCP 47 tags, as
# pandoc's biblatex reader maps them. CSL processors read only BCP 47: a bare "english"
# switches off English title case and punctuation rules.
LANGUAGE_TAGS: dict[str, str] = {
    "english": "en-US", "american": "en-US", "usenglish": "en-US", "british": "en-GB",
    "ukenglish": "en-GB", "canadian": "en-CA", "australian": "en-AU", "newzealand": "en-NZ",
    "german": "de-DE", "ngerman": "de-DE", "austrian": "de-AT", "naustrian": "de-AT",
    "swissgerman": "de-CH", "nswissgerman": "de-CH", "french": "fr-FR", "francais": "fr-FR",
    "canadien": "fr-CA", "spanish": "es-ES", "italian": "it-IT", "portuguese": "pt-PT",
    "brazilian": "pt-BR", "dutch": "nl-NL", "swedish": "sv-SE", "norwegian": "nb-NO",
    "norsk": "nb-NO", "nynorsk": "nn-NO", "danish": "da-DK", "finnish": "fi-FI",
    "polish": "pl-PL", "czech": "cs-CZ", "slovak": "sk-SK", "slovene": "sl-SI",
    "croatian": "hr-HR", "serbian": "sr-RS", "hungarian": "hu-HU", "romanian": "ro-RO",
    "bulgarian": "bg-BG", "russian": "ru-RU", "ukrainian": "uk-UA", "greek": "el-GR",
    "turkish": "tr-TR", "hebrew": "he-IL", "arabic": "ar", "persian": "fa-IR",
    "latin": "la", "catalan": "ca-AD", "basque": "eu", "galician": "gl-ES",
    "icelandic": "is-IS", "estonian": "et-EE", "latvian": "lv-LV", "lithuanian": "lt-LT",
    "chinese": "zh-CN", "japanese": "ja-JP", "korean": "ko-KR", "vietnamese": "vi-VN",
    "thai": "th-TH", "indonesian": "id-ID", "afrikaans": "af-ZA",
}
_BCP47 = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


def language_tag(value: str) -> str:
    """The BCP 47 tag for a biblatex language value, ``""`` when it names none."""
    text = value.strip().strip("{}").strip()
    if _BCP47.match(text):
        return text
    return LANGUAGE_TAGS.get(text.lower(), "")


# Fields used only when the CSL variable is still empty (a fallback, in order).
FALLBACK_FIELDS: dict[str, str] = {
    "langid": "language",
    "issue": "issue",
}

NAME_FIELDS: dict[str, str] = {
    "author": "author",
    "editor": "editor",
    "translator": "translator",
    "bookauthor": "container-author",
    "editora": "collection-editor",
    "commentator": "contributor",
    "annotator": "contributor",
    "introduction": "contributor",
    "foreword": "contributor",
    "afterword": "contributor",
    "holder": "authority",
}

DATE_FIELDS: dict[str, str] = {
    "date": "issued",
    "origdate": "original-date",
    "urldate": "accessed",
    "eventdate": "event-date",
}

# What ``number`` means depends on the entry type (biblatex manual, 2.2.2): the issue
# of a journal, the number of a report or patent, the number in a series for books.
NUMBER_BY_TYPE: dict[str, str] = {
    "article": "issue",
    "periodical": "issue",
    "suppperiodical": "issue",
    "book": "collection-number",
    "mvbook": "collection-number",
    "inbook": "collection-number",
    "bookinbook": "collection-number",
    "suppbook": "collection-number",
    "collection": "collection-number",
    "mvcollection": "collection-number",
    "incollection": "collection-number",
    "suppcollection": "collection-number",
    "proceedings": "collection-number",
    "mvproceedings": "collection-number",
    "inproceedings": "collection-number",
    "conference": "collection-number",
    "reference": "collection-number",
    "mvreference": "collection-number",
    "inreference": "collection-number",
}
NUMBER_DEFAULT = "number"

# Who published the work, by entry type, in order of preference. On web pages the
# organisation is the site: it becomes the container (as Zotero's "Website Title").
PUBLISHER_BY_TYPE: dict[str, tuple[str, ...]] = {
    "thesis": ("school", "institution", "publisher"),
    "phdthesis": ("school", "institution", "publisher"),
    "mastersthesis": ("school", "institution", "publisher"),
    "report": ("institution", "organization", "publisher"),
    "techreport": ("institution", "organization", "publisher"),
    "manual": ("organization", "institution", "publisher"),
}
PUBLISHER_DEFAULT: tuple[str, ...] = ("publisher", "institution", "school", "organization", "howpublished")
WEB_TYPES = frozenset({"online", "www", "webpage", "electronic"})
WEB_CONTAINER_FIELDS: tuple[str, ...] = ("howpublished", "organization", "institution")

# Entry types whose ``type`` field is the genre ("PhD thesis", "Technical report"),
# and the genre implied by a BibTeX type without one.
GENRE_TYPES = frozenset({
    "thesis", "phdthesis", "mastersthesis", "report", "techreport", "manual", "misc", "online",
    "software", "dataset", "patent", "unpublished", "booklet", "standard",
})
IMPLIED_GENRE: dict[str, str] = {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis"}

# ``eprinttype`` (or BibTeX's ``archiveprefix``) -> (archive name, URL prefix).
EPRINT_TYPES: dict[str, tuple[str, str]] = {
    "arxiv": ("arXiv", "https://arxiv.org/abs/"),
    "jstor": ("JSTOR", "https://www.jstor.org/stable/"),
    "pubmed": ("PubMed", "https://www.ncbi.nlm.nih.gov/pubmed/"),
    "hdl": ("Handle", "https://hdl.handle.net/"),
    "googlebooks": ("Google Books", "https://books.google.com/books?id="),
    "doi": ("DOI", "https://doi.org/"),
}

# BibTeX field -> BibLaTeX field (same meaning, biblatex's name), for ``export --to biblatex``.
BIBTEX_TO_BIBLATEX_FIELDS: dict[str, str] = {
    "journal": "journaltitle",
    "address": "location",
    "school": "institution",
    "annote": "annotation",
    "key": "sortkey",
    "archiveprefix": "eprinttype",
    "primaryclass": "eprintclass",
}

# BibTeX type -> (BibLaTeX type, the ``type`` field the BibTeX type implies).
BIBTEX_TO_BIBLATEX_TYPES: dict[str, tuple[str, str]] = {
    "techreport": ("report", "techreport"),
    "phdthesis": ("thesis", "phdthesis"),
    "mastersthesis": ("thesis", "mathesis"),
    "www": ("online", ""),
    "webpage": ("online", ""),
    "electronic": ("online", ""),
    "conference": ("inproceedings", ""),
}

# CSL variable -> BibLaTeX field, for import (``from_csl``). Variables not listed go
# to a field of their own name, so an import keeps them.
CSL_TO_FIELD: dict[str, str] = {
    "title": "title",
    "title-short": "shorttitle",
    "collection-title": "series",
    "original-title": "origtitle",
    "event-title": "eventtitle",
    "volume-title": "maintitle",
    "container-title-short": "shortjournal",
    "edition": "edition",
    "volume": "volume",
    "number-of-volumes": "volumes",
    "number-of-pages": "pagetotal",
    "publisher": "publisher",
    "publisher-place": "address",
    "DOI": "doi",
    "URL": "url",
    "ISBN": "isbn",
    "ISSN": "issn",
    "PMID": "pmid",
    "PMCID": "pmcid",
    "abstract": "abstract",
    "annote": "annotation",
    "note": "note",
    "language": "language",
    "chapter-number": "chapter",
    "version": "version",
    "citation-label": "shorthand",
    "call-number": "library",
    "event-place": "venue",
    "original-publisher": "origpublisher",
    "original-publisher-place": "origlocation",
    "keyword": "keywords",
    "genre": "type",
    "archive": "eprinttype",
    "archive_location": "eprint",
    "part": "part",
    "journalAbbreviation": "shortjournal",
    "shortTitle": "shorttitle",
}
# ``genre`` becomes ``type`` only on the entry types whose ``type`` is the genre
# (GENRE_TYPES); elsewhere it is kept as a ``genre`` field (CSL_TEXT_KEPT).

# CSL variables with no BibLaTeX field: import keeps each in a field of the variable's
# own name and every CSL export writes that field back, so CSL -> .bib -> CSL keeps them.
# Names are kept as a BibTeX name list (``Family, Given and ...``), dates as EDTF.
CSL_TEXT_KEPT: tuple[str, ...] = (
    "archive_collection", "archive-place", "authority", "dimensions", "division", "event",
    "genre", "jurisdiction", "medium", "part-title", "references", "reviewed-genre",
    "reviewed-title", "scale", "section", "source", "status", "volume-title-short",
    "year-suffix", "citation-number", "first-reference-note-number", "locator", "page-first",
    "printing", "supplement", "collection-number",
)
CSL_NAMES_KEPT: tuple[str, ...] = (
    "chair", "compiler", "composer", "contributor", "curator", "director", "editorial-director",
    "executive-producer", "guest", "host", "interviewer", "illustrator", "narrator", "organizer",
    "original-author", "performer", "producer", "recipient", "reviewed-author", "script-writer",
    "series-creator",
)
CSL_DATES_KEPT: tuple[str, ...] = ("available-date", "submitted")
# Every variable of the CSL 1.0.2 schema that a field can hold; anything else an item
# carries is kept in the entry's ``custom`` field (a JSON object), which export writes
# back into the item's ``custom``, since the schema allows no other variables.
CSL_SCHEMA_VARIABLES: frozenset[str] = frozenset({
    "type", "id", "citation-key", "categories", "language", "journalAbbreviation", "shortTitle",
    "author", "chair", "collection-editor", "compiler", "composer", "container-author",
    "contributor", "curator", "director", "editor", "editorial-director", "executive-producer",
    "guest", "host", "interviewer", "illustrator", "narrator", "organizer", "original-author",
    "performer", "producer", "recipient", "reviewed-author", "script-writer", "series-creator",
    "translator", "accessed", "available-date", "event-date", "issued", "original-date",
    "submitted", "abstract", "annote", "archive", "archive_collection", "archive_location",
    "archive-place", "authority", "call-number", "chapter-number", "citation-number",
    "citation-label", "collection-number", "collection-title", "container-title",
    "container-title-short", "dimensions", "division", "DOI", "edition", "event", "event-title",
    "event-place", "first-reference-note-number", "genre", "ISBN", "ISSN", "issue",
    "jurisdiction", "keyword", "locator", "medium", "note", "number", "number-of-pages",
    "number-of-volumes", "original-publisher", "original-publisher-place", "original-title",
    "page", "page-first", "part", "part-title", "PMCID", "PMID", "printing", "publisher",
    "publisher-place", "references", "reviewed-genre", "reviewed-title", "scale", "section",
    "source", "status", "supplement", "title", "title-short", "URL", "version", "volume",
    "volume-title", "volume-title-short", "year-suffix", "custom",
})
# When an item has more than one of ``issue``/``number``/``collection-number``, the one the
# entry type's ``number`` means (NUMBER_BY_TYPE) fills ``number``; the others go here.
OTHER_NUMBER_FIELDS: dict[str, str] = {"issue": "issue", "number": "eid", "collection-number": "collection-number"}
# CSL variable holding the container, by BibLaTeX entry type it is imported as.
CONTAINER_FIELD_BY_TYPE: dict[str, str] = {
    "article": "journal",
    "periodical": "journal",
    "online": "organization",
}
CONTAINER_FIELD_DEFAULT = "booktitle"
# CSL variables filled by a field of the entry's BibLaTeX type rather than its own name.
PUBLISHER_FIELD_BY_CSL_TYPE: dict[str, str] = {"thesis": "school", "report": "institution"}
NUMBER_FIELDS_FROM_CSL = ("issue", "number", "collection-number")
NAME_VARIABLES_FROM_CSL: dict[str, str] = {
    "author": "author",
    "editor": "editor",
    "translator": "translator",
    "container-author": "bookauthor",
    "collection-editor": "editora",
}
DATE_VARIABLES_FROM_CSL: dict[str, str] = {
    "original-date": "origdate",
    "accessed": "urldate",
    "event-date": "eventdate",
}


# RIS (``export --to ris`` and ``import --from ris`` read the same tables). The tags follow
# the RIS specification and Zotero's RIS translator.
# Entry type -> TY written; the ``entrysubtype`` newspaper/news and magazine win (NEWS, MGZN).
RIS_TY_FOR_TYPE: dict[str, str] = {
    "article": "JOUR", "book": "BOOK", "mvbook": "BOOK", "collection": "EDBOOK",
    "inbook": "CHAP", "incollection": "CHAP", "inproceedings": "CPAPER", "conference": "CPAPER",
    "proceedings": "CONF", "report": "RPRT", "techreport": "RPRT", "thesis": "THES",
    "phdthesis": "THES", "mastersthesis": "THES", "online": "ELEC", "www": "ELEC",
    "unpublished": "UNPB", "booklet": "PAMP", "dataset": "DATA", "software": "COMP",
    "patent": "PAT", "misc": "GEN", "manual": "RPRT", "inreference": "ENCYC", "reference": "BOOK",
    "periodical": "JFULL", "artwork": "ART", "image": "FIGURE", "audio": "SOUND", "music": "MUSIC",
    "movie": "MPCT", "video": "VIDEO", "jurisdiction": "CASE", "legislation": "STAT",
    "letter": "PCOMM", "standard": "STAND",
}
RIS_TY_FOR_SUBTYPE: dict[str, str] = {"newspaper": "NEWS", "news": "NEWS", "magazine": "MGZN", "blog": "BLOG"}
# TY read -> entry type (and entrysubtype); every TY the writer uses reads back to its type.
RIS_TYPE_FOR_TY: dict[str, tuple[str, str]] = {
    "JOUR": ("article", ""), "JFULL": ("periodical", ""), "MGZN": ("article", "magazine"),
    "NEWS": ("article", "newspaper"), "EJOUR": ("article", ""), "ABST": ("article", ""),
    "INPR": ("article", ""), "BOOK": ("book", ""), "EBOOK": ("book", ""), "CLSWK": ("book", ""),
    "EDBOOK": ("collection", ""), "CHAP": ("incollection", ""), "ECHAP": ("incollection", ""),
    "CPAPER": ("inproceedings", ""), "CONF": ("proceedings", ""), "RPRT": ("report", ""),
    "GOVDOC": ("report", ""), "THES": ("thesis", ""), "ELEC": ("online", ""), "WEB": ("online", ""),
    "BLOG": ("online", "blog"), "UNPB": ("unpublished", ""), "MANSCPT": ("unpublished", ""),
    "PAMP": ("booklet", ""), "DATA": ("dataset", ""), "AGGR": ("dataset", ""), "DBASE": ("dataset", ""),
    "COMP": ("software", ""), "PAT": ("patent", ""), "GEN": ("misc", ""), "ENCYC": ("inreference", ""),
    "DICT": ("inreference", ""), "ART": ("artwork", ""), "FIGURE": ("image", ""), "CHART": ("image", ""),
    "SOUND": ("audio", ""), "MUSIC": ("music", ""), "MPCT": ("movie", ""), "VIDEO": ("video", ""),
    "ADVS": ("video", ""), "CASE": ("jurisdiction", ""), "STAT": ("legislation", ""),
    "BILL": ("legislation", ""), "PCOMM": ("letter", ""), "STAND": ("standard", ""),
}
RIS_DEFAULT_TY = "GEN"
# People: role -> the tag written, then the tags read as that role.
RIS_NAME_TAGS: dict[str, tuple[str, ...]] = {
    "author": ("AU", "A1"),
    "editor": ("ED", "A2"),
    "translator": ("A4",),
}
# Fields copied as one line of text: field -> the tag written, then the tags also read.
# The first value of a tag fills the field; keywords are one KW line each.
RIS_TEXT_TAGS: dict[str, tuple[str, ...]] = {
    "title": ("TI", "T1", "CT"),
    "series": ("T3",),
    "shortjournal": ("J2", "JA", "JO"),
    "shorttitle": ("ST",),
    "volume": ("VL",),
    "edition": ("ET",),
    "address": ("CY",),
    "doi": ("DO",),
    "url": ("UR",),
    "language": ("LA",),
    "abstract": ("AB", "N2"),
    "note": ("N1",),
    "annotation": ("RN",),
    "type": ("M3",),
    "library": ("CN",),
    "eprint": ("AN",),
    "eprinttype": ("DB",),
    "volumes": ("NV",),
    "keywords": ("KW",),
}
# The container: T2 is written; the others are read, in this order (``JO`` is the
# abbreviation when a container came first, as Zotero reads it).
RIS_CONTAINER_TAGS: tuple[str, ...] = ("T2", "JF", "BT", "JO")
# Entry types without a container whose T2 is their series when there is no T3 (as Zotero
# writes books and reports); a further T2 is the container.
RIS_T2_IS_SERIES = frozenset({"book", "collection", "report", "software"})
# ... so the writer gives the container of those types (rare: a journal of a report) this tag.
RIS_SERIES_TYPE_CONTAINER_TAG = "JF"
# A tag no table names, or a further value of a one-value tag, is kept in a field
# ``ris-<tag>`` (``ris-u1``) and written back as that tag.
RIS_KEPT_PREFIX = "ris-"


def markdown() -> str:
    """The tables as Markdown (docs/mapping.md)."""
    out = [
        "# BibTeX/BibLaTeX <-> CSL-JSON mapping",
        "",
        "Generated by `python -m citeman.export.mapping --markdown` from",
        "`citeman/export/mapping.py`; do not edit by hand. `export --to csl-json|ris|biblatex`,",
        "`import` and `render` all read these tables. A field no table names stays on the",
        "entry unchanged in BibTeX and BibLaTeX output.",
        "",
    ]

    def table(title: str, head: tuple[str, ...], rows) -> None:
        out.extend([f"## {title}", "", "| " + " | ".join(head) + " |", "|" + " --- |" * len(head)])
        out.extend("| " + " | ".join(f"`{c}`" if c else "" for c in row) + " |" for row in rows)
        out.append("")

    table("Entry types to CSL", ("BibLaTeX/BibTeX type", "CSL type"), sorted(ENTRY_TYPE_TO_CSL.items()))
    table("Entry subtypes", ("type", "entrysubtype", "CSL type"), [(t, s, c) for (t, s), c in SUBTYPE_TO_CSL.items()])
    out.append("`" + "`, `".join(sorted(VERSIONED_SOFTWARE_TYPES)) + "` with a `version` field become `software`.\n")
    table("CSL types to entry types", ("CSL type", "BibLaTeX type", "entrysubtype"),
          [(c, t, CSL_TO_SUBTYPE.get(c, "")) for c, t in sorted(CSL_TO_ENTRY_TYPE.items())])
    table("Fields to CSL variables", ("field", "CSL variable", "kind"),
          sorted([(f, v, "text") for f, v in TEXT_FIELDS.items()]
                 + [(f, v, "title (rich text)") for f, v in TITLE_FIELDS.items()]
                 + [(f, v, "names") for f, v in NAME_FIELDS.items()]
                 + [(f, v, "date") for f, v in DATE_FIELDS.items()]
                 + [(f, v, "if still empty") for f, v in FALLBACK_FIELDS.items()]
                 + [(f, v, f"appended with '{sep}'") for f, (v, sep) in SUBTITLE_FIELDS.items()]
                 + [("year, month, day", "issued", "date, when there is no `date`")]))
    table("`number` by entry type", ("entry type", "CSL variable"),
          sorted(NUMBER_BY_TYPE.items()) + [("any other", NUMBER_DEFAULT)])
    table("Publisher by entry type (first field present)", ("entry type", "fields"),
          [(t, ", ".join(f)) for t, f in PUBLISHER_BY_TYPE.items()] + [("any other", ", ".join(PUBLISHER_DEFAULT))])
    out.append("On web pages (`" + "`, `".join(sorted(WEB_TYPES)) + "`) the first of `"
               + "`, `".join(WEB_CONTAINER_FIELDS) + "` is the container (the site). A `howpublished`"
               " holding a URL becomes `URL`. `type` is the `genre` of `" + "`, `".join(sorted(GENRE_TYPES))
               + "`; `addendum` is appended to `note`.\n")
    table("Eprints (`eprinttype` or `archiveprefix`, `eprint`)", ("eprinttype", "archive", "URL prefix (when no url)"),
          [(k, a, u) for k, (a, u) in EPRINT_TYPES.items()])
    out.append("The eprint goes to `archive_location` (with `eprintclass` as `arxiv:ID [class]`); an arXiv"
               " eprint also becomes `number` (`arXiv:ID`) when the entry has none.\n")
    table("BibTeX to BibLaTeX fields (`export --to biblatex`)", ("BibTeX", "BibLaTeX"), BIBTEX_TO_BIBLATEX_FIELDS.items())
    table("BibTeX to BibLaTeX types", ("BibTeX", "BibLaTeX", "type field"),
          [(k, t, f) for k, (t, f) in BIBTEX_TO_BIBLATEX_TYPES.items()])
    table("CSL variables to fields (import)", ("CSL variable", "field"),
          sorted(list(CSL_TO_FIELD.items()) + [(v, f) for v, f in NAME_VARIABLES_FROM_CSL.items()]
                 + [(v, f) for v, f in DATE_VARIABLES_FROM_CSL.items()] + [("issued", "date")]))
    out.append("`container-title` becomes `journal` for articles, `organization` for web pages and"
               " `booktitle` otherwise; `publisher` becomes `school` for theses and `institution` for"
               " reports; of `issue`, `number` and `collection-number` the one the entry type's `number`"
               " means (see above) becomes `number`, the others `" + "`, `".join(
                   f"{v}` -> `{f}" for v, f in OTHER_NUMBER_FIELDS.items()) + "`. `genre` becomes `type` on `"
               + "`, `".join(sorted(GENRE_TYPES)) + "` and a `genre` field elsewhere.\n")
    out.append("Kept in a field of the variable's own name, and written back by every CSL export: text `"
               + "`, `".join(CSL_TEXT_KEPT) + "`; names (a BibTeX name list) `" + "`, `".join(CSL_NAMES_KEPT)
               + "`; dates (EDTF) `" + "`, `".join(CSL_DATES_KEPT) + "`. A variable the CSL schema does not"
               " define is kept in the `custom` field as a JSON object and written back into the item's"
               " `custom`.\n")
    table("RIS types", ("entry type", "TY written"), sorted(RIS_TY_FOR_TYPE.items()))
    out.append("An `entrysubtype` of `" + "`, `".join(RIS_TY_FOR_SUBTYPE) + "` writes `"
               + "`, `".join(RIS_TY_FOR_SUBTYPE.values()) + "`.\n")
    table("RIS types read", ("TY", "entry type", "entrysubtype"),
          [(ty, kind, sub) for ty, (kind, sub) in sorted(RIS_TYPE_FOR_TY.items())])
    out.append(f"Any other TY reads as `misc`, keeping the TY in `{RIS_KEPT_PREFIX}ty`.\n")
    table("RIS tags", ("field", "tag written", "also read"),
          [(role, tags[0], ", ".join(tags[1:])) for role, tags in RIS_NAME_TAGS.items()]
          + [(name, tags[0], ", ".join(tags[1:])) for name, tags in RIS_TEXT_TAGS.items()]
          + [("journal / booktitle (the container)", RIS_CONTAINER_TAGS[0], ", ".join(RIS_CONTAINER_TAGS[1:])),
             ("year", "PY", "Y1"), ("year, month, day", "DA", ""), ("urldate", "Y2", ""),
             ("number", "IS", ""), ("pages", "SP, EP", ""), ("publisher (school, institution by type)", "PB", ""),
             ("isbn, issn", "SN", "")])
    out.append("On `" + "`, `".join(sorted(RIS_T2_IS_SERIES)) + "` a `T2` read is the `series` when no `T3` is; a further `T2` is the container, which the"
               f" writer gives these types as `{RIS_SERIES_TYPE_CONTAINER_TAG}`.\n")
    out.append(f"A tag no row names, and a further value of a one-value tag, is kept in a field"
               f" `{RIS_KEPT_PREFIX}<tag>` (`{RIS_KEPT_PREFIX}u1`) and written back as that tag.\n")
    from citeman.export.inherit import NOT_INHERITED, RULES

    table("`crossref` inheritance (CSL-JSON, RIS, render)", ("parent types", "child types", "parent field -> child field"),
          [(", ".join(sorted(parents)), ", ".join(sorted(children)),
            "; ".join(f"{f} -> {t}" if t else f"{f}: not inherited" for f, t in rule.items()))
           for parents, children, rule in RULES])
    out.append("Every other field keeps its name; a book's `author` is also a chapter's `bookauthor`; a field"
               " the child has is never overwritten; `" + "`, `".join(sorted(NOT_INHERITED)) + "` are never"
               " inherited (biblatex manual, appendix B). `xdata = {a, b}` copies every field of those"
               " `@xdata` entries, which are no works of their own. BibTeX and BibLaTeX output keep the links.")
    return "\n".join(out) + "\n"


if __name__ == "__main__":  # pragma: no cover - exercised by the docs test through markdown()
    if sys.argv[1:] != ["--markdown"]:
        sys.exit("usage: python -m citeman.export.mapping --markdown")
    sys.stdout.write(markdown())
