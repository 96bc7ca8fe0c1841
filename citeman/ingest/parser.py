"""Reference strings to typed :class:`Entry` objects: the CRF labels, rules fix identifiers.

The CRF (:mod:`citeman.ingest.labeller`) decides which words are the authors, the title,
the container and so on; the rules here handle what regular expressions do best (DOIs,
URLs, ISBNs, years, page ranges, ``14(1)`` and ``Vol. 5, Issue 2``) and turn labelled
spans into BibTeX-style fields and structured names. A few structure rules fix what the
CRF gets wrong in predictable ways, mostly in author-date (APA) references, where
``(2019).`` marks the end of the names and the start of the title; ``*emphasis*`` left
in the input is used as the APA container (or title) hint. Nothing is invented: a field the
text does not hold stays absent, and the exact input is always kept in ``rawref``. A
string that yields neither a title nor an author still becomes an ``@misc`` entry, with a
``P101`` warning, so no reference is ever dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from citeman.ingest.authors import split_persons
from citeman.ingest.labeller import label_tokens, load_tagger
from citeman.ingest.tokens import Token, tokenize
from citeman.model import Diagnostic, Entry, Person, Provenance, Span
from citeman.names import is_particle
from citeman.normalize.dates import MONTH_MACROS, parse_date
from citeman.normalize.dates import YEAR_IN as _YEAR_IN
from citeman.normalize.identifiers import DOI_IN as _DOI_IN
from citeman.normalize.identifiers import ISBN_IN as _ISBN_IN
from citeman.normalize.identifiers import URL_IN as _URL_IN
# The parser reads identifiers and pages out of reference spans, where "none" is "".
from citeman.normalize.identifiers import find_doi as normalize_doi
from citeman.normalize.identifiers import find_url as normalize_url
from citeman.normalize.markdown import clean_reference_marked
from citeman.normalize.pages import find_pages as normalize_pages
from citeman.normalize.pages import parse_volume
from citeman.normalize.text import QUOTES as _QUOTES
from citeman.normalize.text import clean_span
from citeman.normalize.titles import clean_title, protect_title_case

PARSE_FAILED = "P101"

_EDITION = re.compile(r"\b(\d+(?:st|nd|rd|th|e|er|\.)?|first|second|third|fourth|fifth|sixth|revised|rev\.?|expanded|new)\b", re.I)
_CONFERENCE = re.compile(r"\b(?:proceedings|proc\.|conference|conf\.|symposium|workshop|congress|meeting|colloquium)\b", re.I)
_THESIS = re.compile(r"\b(?:thesis|dissertation|diss\.|doctoral|ph\.?\s?d|master'?s|doctorat|habilitation)", re.I)
_REPORT = re.compile(r"\b(?:report|working paper|technical|memo|white paper|discussion paper|policy brief)", re.I)
# "Retrieved May 5, 2020, from": access notes carry no bibliographic data.
_PRESENTATION = re.compile(r"\b(?:presentation|presented|poster|conference|symposium|talk|keynote)", re.I)
_DESCRIPTOR = re.compile(r"^\[[A-Z][^\[\]]*\][.,]?$")
_RETRIEVAL = re.compile(
    r"^(?:retrieved|accessed|available|viewed|consulted|online|from|at|on|url|doi|in|last|\d+|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|\W)+$", re.I)
_LEADING_IN = re.compile(r"^(?:in|en|dans|im)\s*:?\s+", re.I)
_VOL_WORD = re.compile(r"\(?(?:vol|volume)\.?", re.I)
_ISSUE_WORD_ONLY = re.compile(r"(?:issue|no|nr|number)\.?", re.I)
_CLOSED = re.compile(r"[.,:;?!]$")
_LOWER_FULL_STOP = re.compile(r"[a-z)]\.$")
_ABBREVIATED = re.compile(r"\b[A-Z][a-z]{0,5}\.\s")


def _spans(tokens: list[Token], labels: list[str], text: str) -> list[tuple[str, str]]:
    """Consecutive tokens with one label merged into (label, exact substring) spans."""
    spans: list[tuple[str, str]] = []
    start = 0
    for i in range(1, len(tokens) + 1):
        if i == len(tokens) or labels[i] != labels[start]:
            spans.append((labels[start], text[tokens[start].start:tokens[i - 1].end]))
            start = i
    return spans


def _apply_identifier_rules(tokens: list[Token], labels: list[str]) -> list[str]:
    """Identifiers found by pattern override the CRF: they are unambiguous."""
    labels = list(labels)
    for i, tok in enumerate(tokens):
        word = tok.text
        if word[-1:] == ";" and i > 0 and labels[i] != "date" and labels[i - 1] == "date" \
                and word[:-1].isdigit() and len(word) <= 3:
            labels[i] = "date"  # the day in Vancouver's "2015 May 28;521(7553)"
            continue
        low = word.lower()
        if not ("10." in word or "http" in low or "www" in low or "vol" in low or "isbn" in low):
            continue
        if _DOI_IN.search(word) and ("doi" in word.lower() or _DOI_IN.match(word.lstrip("(<[")) or labels[i] != "url"):
            labels[i] = "doi"
            if i > 0 and tokens[i - 1].text.lower().rstrip(":") in ("doi", "doi.org", "https://doi.org/"):
                labels[i - 1] = "doi"
        elif _URL_IN.search(word):
            labels[i] = "url"
        elif labels[i] in ("note", "title", "container-title") and _VOL_WORD.fullmatch(word) \
                and i + 1 < len(tokens) and tokens[i + 1].text[:1].isdigit() \
                and (i == 0 or word[:1] == "(" or not tokens[i - 1].text[-1:].isalnum()):
            # "(Vol. 5, Issue 2)" after an APA container.
            j = i + 1
            labels[i] = labels[j] = "volume"
            while j + 2 < len(tokens) and _ISSUE_WORD_ONLY.fullmatch(tokens[j + 1].text):
                labels[j + 1] = labels[j + 2] = "volume"
                j += 2
        elif word.lower().rstrip(":") in ("isbn", "isbn-10", "isbn-13") and i + 1 < len(tokens):
            labels[i] = "isbn"
            if _ISBN_IN.search(tokens[i + 1].text):
                labels[i + 1] = "isbn"
    return labels


_APA_DATE = re.compile(r"^\((?:\d{4}[a-z]?|n\.\s?d\.)(?:,[^)]*)?\)[.,:]?$")
_APA_DATE_START = re.compile(r"^\((?:1[5-9]|20)\d\d[a-z]?,$")
_APA_DATE_END = re.compile(r"\)[.,:]?$")
_SENTENCE_END = re.compile(r"[.?!]$")
_IDENTIFIER_LABELS = {"doi", "url", "isbn"}


def _looks_like_title(words: list[str]) -> bool:
    """``Human Rights in Pakistan``: no commas or initials, and a lower-case word that is no particle."""
    if len(words) < 3 or any("," in w or "&" == w for w in words):
        return False
    if any(re.fullmatch(r"(?:[A-Z]\.)+", w.strip(":;")) for w in words):
        return False
    return any(w.islower() and w.isalpha() and not is_particle(w) for w in words[1:])


_EDITOR_MARKERS = {"ed.", "eds.", "edited", "ed", "eds", "hrsg.", "hg.", "éd.", "éds.", "(ed.)", "(eds.)"}


def _editors_start_at_role_word(words: list[str], labels: list[str]) -> None:
    """"In Culture, Society, and Menstruation, edited by V. Olesen": names follow the role word."""
    n = len(words)
    i = 0
    while i < n:
        if labels[i] != "editor":
            i += 1
            continue
        j = i
        while j < n and labels[j] == "editor":
            j += 1
        marker = next((k for k in range(i + 1, j) if words[k].lower() in _EDITOR_MARKERS), -1)
        # Only when names follow the marker: "Smith, J. (Ed.)" puts the role word last.
        if marker > i and marker + 1 < j and words[marker].lower() not in ("(ed.)", "(eds.)"):
            before = "container-title" if words[i] in ("In", "In:", "in") else (labels[i - 1] if i else "title")
            for k in range(i, marker):
                labels[k] = before
        i = j


def _place_starts_after_sentence_end(words: list[str], labels: list[str]) -> None:
    """"Scott, Bart. Edinburgh: Cadell", "(Munich: Ricordi": a place starts after a full stop or "("."""
    n = len(words)
    i = 1
    while i < n:
        if labels[i] != "location" or labels[i - 1] == "location":
            i += 1
            continue
        j = i
        while j < n and labels[j] == "location":
            j += 1
        cut = i
        for k in range(i, j - 1):
            core = words[k].strip(".,;:()")
            if words[k].endswith(".") and len(core) > 2 and not core.isupper():
                cut = k + 1
            elif words[k + 1].startswith("(") and words[k + 1][1:2].isupper():
                cut = k + 1
        for k in range(i, cut):
            labels[k] = labels[i - 1]
        i = j


def _end_names_at_et_al(words: list[str], labels: list[str]) -> None:
    """"Brim, Orville G. and others. Personality and ...": the names end at "and others."."""
    for i, word in enumerate(words[:-1]):
        if labels[i] in ("author", "editor") and word.lower() in ("others.", "al.", "al.,") \
                and labels[i + 1] == labels[i]:
            j = i + 1
            while j < len(words) and labels[j] == labels[i]:
                j += 1
            follow = labels[j] if j < len(words) else "title"
            for k in range(i + 1, j):
                labels[k] = follow
            return


def _complete_title_sentence(words: list[str], labels: list[str]) -> None:
    """A title cut mid-sentence runs on to the next full stop when a container follows that.

    "Finding “meaning” | in psychology: ... development. American Psychologist": the CRF
    started the container too early; the container is what follows the sentence end.
    """
    n = len(words)
    for i in range(1, n):
        if labels[i] in ("journal", "container-title") and labels[i - 1] == "title" \
                and not _CLOSED.search(words[i - 1].rstrip(_QUOTES)) and words[i] not in ("In", "In:"):
            j = i
            while j < n and labels[j] == labels[i] and not _SENTENCE_END.search(words[j].rstrip(_QUOTES)):
                j += 1
            if j + 1 < n and labels[j] == labels[i] and labels[j + 1] == labels[i] and words[j + 1][:1].isupper():
                for k in range(i, j + 1):
                    labels[k] = "title"
            return


def _book_title_before_imprint(labels: list[str]) -> None:
    """"Kahn ... Wiener. The Year 2000. New York: Macmillan": with no title, a "journal"
    directly followed by the place or publisher is the book's title."""
    if "title" in labels or "volume" in labels or "pages" in labels:
        return
    for i, label in enumerate(labels):
        if label == "journal":
            j = i
            while j < len(labels) and labels[j] == "journal":
                j += 1
            if j < len(labels) and labels[j] == "date" and "date" in labels[j + 1:]:
                j += 1  # "The Year 2000. New York: Macmillan, 1967.": the later date is the real one
            nxt = next((lab for lab in labels[j:] if lab != "date"), "")
            if nxt in ("location", "publisher"):
                for k in range(i, j):
                    labels[k] = "title"
            return


def _label_descriptors(words: list[str], labels: list[str]) -> None:
    """APA's bracketed descriptors after a title ("[Paper presentation]", "[Video]") are genres."""
    i = 0
    while i < len(words):
        if words[i].startswith("[") and i > 0 and labels[i - 1] == "title" and labels[i] not in _IDENTIFIER_LABELS:
            j = i
            while j < len(words) and "]" not in words[j] and j - i < 8:
                j += 1
            if j < len(words) and _DESCRIPTOR.match(" ".join(words[i:j + 1])) and "," not in " ".join(words[i:j + 1]):
                for k in range(i, j + 1):
                    labels[k] = "genre"
                i = j
        i += 1


def _apa_date_end(words: list[str], labels: list[str]) -> int:
    """Index of the last token of an author-date ``(2019).`` / ``(2012, January 16).``, or -1."""
    for i in range(1, len(words)):
        if labels[i] == "date" and labels[i - 1] in ("author", "editor"):
            if _APA_DATE.match(words[i]):
                return i
            if _APA_DATE_START.match(words[i]):
                j = i
                while j + 1 < len(words) and labels[j + 1] == "date" and ")" not in words[j]:
                    j += 1
                return j if _APA_DATE_END.search(words[j]) else -1
            return -1
    return -1


def _apply_structure_rules(tokens: list[Token], labels: list[str], italic: list[bool] | None = None) -> list[str]:
    """Fix labels with what the shape of an author-date reference makes certain."""
    labels = list(labels)
    n = len(tokens)
    words = [t.text for t in tokens]
    # "Human Rights in Pakistan : (1999)." - a title read as a name.
    if "title" not in labels and labels and labels[0] == "author":
        end = next((i for i, lab in enumerate(labels) if lab != "author"), n)
        if _looks_like_title(words[:end]):
            labels[:end] = ["title"] * end
    # "D, P. H. P. (2022). ... Hegemony in Theoretical ...": a lower-case "in" inside a title
    # does not start a container.
    for i in range(1, n):
        if labels[i] == "container-title" and words[i] == "in" and labels[i - 1] == "title" \
                and not _CLOSED.search(words[i - 1].rstrip(_QUOTES)) and words[i - 1][-1:] not in _QUOTES:
            j = i
            while j < n and labels[j] == "container-title":
                labels[j] = "title"
                j += 1
    # APA: "Authors (2019). Title. ..." - whatever follows "(year)." up to the next full
    # stop is the title when the CRF found none.
    _label_descriptors(words, labels)
    _end_names_at_et_al(words, labels)
    _editors_start_at_role_word(words, labels)
    _place_starts_after_sentence_end(words, labels)
    _complete_title_sentence(words, labels)
    _book_title_before_imprint(labels)
    apa_date = _apa_date_end(words, labels)
    if italic and apa_date >= 0 and any(italic):
        labels = _apply_italics(words, labels, italic, apa_date)
    if "title" not in labels and 0 <= apa_date < n - 1:
        rescued = list(labels)
        j = apa_date + 1
        while j < n and labels[j] not in _IDENTIFIER_LABELS:
            rescued[j] = "title"
            # A question inside a title ("Reluctant Link? India, the Quad, ...") does not end
            # it when the same unlabelled run goes on to a full stop.
            if words[j].endswith(".") or (_SENTENCE_END.search(words[j]) and not any(
                    w.endswith(".") for w, lab in zip(words[j + 1:], labels[j + 1:]) if lab == labels[j])):
                break
            j += 1
        labels = rescued
        if j + 1 < n and labels[j + 1] == "note":
            labels = _note_as_container(words, labels, j + 1)
    elif apa_date >= 0 and not (italic and any(italic)) and "journal" not in labels \
            and "container-title" not in labels:
        labels = _split_trailing_container(words, labels)
    if apa_date >= 0:
        labels = _apa_tail(words, labels, apa_date)
    return labels


_CONNECTORS = {"and", "&", "of", "for", "in", "on", "the", "und", "de"}
_OPEN_END = re.compile(r"[.,:;?!)\]]$")


def _apa_tail(words: list[str], labels: list[str], date: int) -> list[str]:
    """Tidy the part after an APA title: "Journal and More, April, 38." and its kin."""
    labels = list(labels)
    n = len(words)
    for i in range(date + 2, n):
        # A journal that runs on without punctuation after a title is still the title
        # ("Dynamics ( JHD ) Multidimensional Challenges ... Pakistan. 02(1), 1-8.").
        if labels[i] == "journal" and labels[i - 1] == "title" \
                and not _CLOSED.search(words[i - 1].rstrip(_QUOTES)) and words[i - 1][-1:] not in _QUOTES:
            j = i
            while j < n and labels[j] == "journal":
                labels[j] = "title"
                j += 1
        # "Information Technology and Innovation Foundation,": a note that continues a name.
        if labels[i] == "note" and labels[i - 1] in ("journal", "container-title") \
                and not _OPEN_END.search(words[i - 1]) and words[i].lower() in _CONNECTORS:
            j = i
            while j < n and labels[j] == "note":
                labels[j] = labels[i - 1]
                if _OPEN_END.search(words[j]):
                    break
                j += 1
    last_title = max((i for i, lab in enumerate(labels) if lab == "title"), default=-1)
    if last_title < 0:
        return labels
    notes = [i for i in range(last_title + 1, n) if labels[i] == "note"]
    for i in notes:
        core = words[i].strip(".,;:()").lower()
        if core in MONTH_MACROS and core not in ("may", "mar") or core in ("may", "mar") and words[i][:1].isupper():
            labels[i] = "date"
        elif i == notes[-1] and re.fullmatch(r"\d+(?:[-–]\d+)?[.,]?", words[i]) and labels[i - 1] in ("note", "date"):
            labels[i] = "pages"
    return labels


def _note_as_container(words: list[str], labels: list[str], start: int) -> list[str]:
    """After a rescued APA title, a short capitalised sentence without digits is the journal."""
    end = start
    while end < len(words) and labels[end] == "note" and not words[end].endswith("."):
        end += 1
    if end >= len(words) or labels[end] != "note":
        return labels
    run = words[start:end + 1]
    if len(run) > 8 or not run[0][:1].isupper() or any(ch.isdigit() for w in run for ch in w) \
            or any(":" in w for w in run):
        return labels
    labels = list(labels)
    for k in range(start, end + 1):
        labels[k] = "journal"
    return labels


def _split_trailing_container(words: list[str], labels: list[str]) -> list[str]:
    """APA without italics: "Title words. Journal Name." read as one title is split in two.

    Only a short last sentence without a colon after a sentence that ends in a
    lower-case word counts, so "U.S." or subtitles with colons are left alone.
    """
    idx = [i for i, lab in enumerate(labels) if lab == "title"]
    if not idx or idx[-1] - idx[0] + 1 != len(idx) or {"publisher", "location", "translator"} & set(labels):
        return labels
    first, last = idx[0], idx[-1]
    cut = -1
    for i in range(first + 2, last):
        if _LOWER_FULL_STOP.search(words[i]) and words[i + 1][:1].isupper() \
                and words[i].lower() not in ("vs.", "etc.", "ed.", "eds.", "no.", "vol.", "pp.", "cf.", "al.", "trad.", "transl."):
            cut = i
    if cut < 0:
        return labels
    tail = words[cut + 1:last + 1]
    if len(tail) > 8 or any(":" in w for w in tail) or words[last].endswith("?"):
        return labels
    labels = list(labels)
    for k in range(cut + 1, last + 1):
        labels[k] = "journal"
    return labels


def _apply_italics(words: list[str], labels: list[str], italic: list[bool], date: int) -> list[str]:
    """APA sets the container (or, with no container, the title) in italics."""
    n = len(words)
    start = next((i for i in range(date + 1, n) if italic[i]), -1)
    if start < 0:
        return labels
    end = start
    while end + 1 < n and italic[end + 1]:
        end += 1
    if any(labels[k] in _IDENTIFIER_LABELS for k in range(start, end + 1)):
        return labels
    before = list(range(date + 1, start))
    lead_in = bool(before) and words[before[-1]].lower().rstrip(":") in ("in", "en")
    if lead_in:
        before = before[:-1]
    if before:
        for k in before:
            if labels[k] not in _IDENTIFIER_LABELS:
                labels[k] = "title"
        container = "container-title" if lead_in else "journal"
        for k in range(start, end + 1):
            labels[k] = container
        if lead_in:
            labels[start - 1] = container
    else:
        for k in range(start, end + 1):
            labels[k] = "title"
    return labels


def _first(spans: list[tuple[str, str]], name: str) -> str:
    return next((value for label, value in spans if label == name), "")


def _all(spans: list[tuple[str, str]], name: str) -> list[str]:
    return [value for label, value in spans if label == name]


def _infer_type(fields: dict[str, str], container_label: str, container_raw: str, genre: str,
                persons: dict[str, list[Person]]) -> str:
    if genre and _THESIS.search(genre):
        return "thesis"
    if genre and _REPORT.search(genre) and not _PRESENTATION.search(genre):
        return "report"
    if genre and _PRESENTATION.search(genre):
        return "inproceedings"
    if container_label == "journal":
        if fields.get("url") and not fields.get("doi") and not fields.get("volume") and not fields.get("pages"):
            return "online"  # "Title. Site Name. https://..." names a web site, not a journal
        return "article"
    if container_label:
        if _CONFERENCE.search(container_raw):
            return "inproceedings"
        if "editor" in persons or _LEADING_IN.match(container_raw) or "publisher" in fields:
            return "incollection"
        return "article"
    if fields.get("publisher") or fields.get("isbn") or fields.get("edition"):
        return "book"
    if _THESIS.search(fields.get("note", "")):
        return "thesis"
    if fields.get("url") and not fields.get("doi"):
        return "online"
    return "misc"


def _quote(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


class _Builder:
    """Collects fields in a fixed order, each with its provenance."""

    def __init__(self, source: Span | None) -> None:
        self.fields: dict[str, str] = {}
        self.provenance: dict[str, Provenance] = {}
        self.source = source

    def set(self, name: str, value: str, method: str, raw: str | None = None) -> None:
        if value and name not in self.fields:
            self.fields[name] = value
            self.provenance[name] = Provenance(self.source, method, raw if raw != value else None)


def build_entry(text: str, tokens: list[Token], labels: list[str], source: Span | None = None,
                italic: list[bool] | None = None) -> Entry:
    """Turn labelled tokens of ``text`` into an :class:`Entry` (key left empty)."""
    labels = _apply_identifier_rules(tokens, labels)
    labels = _apply_structure_rules(tokens, labels, italic)
    spans = _spans(tokens, labels, text)
    out = _Builder(source)
    persons: dict[str, list[Person]] = {}
    truncated: set[str] = set()

    for role in ("author", "editor", "translator"):
        raw = _first(spans, role)
        if raw:
            people, cut = split_persons(raw)
            if people:
                persons[role] = people
            if cut:
                truncated.add(role)

    title_raw = _first(spans, "title")
    title = clean_title(title_raw)
    container_label = "journal" if _first(spans, "journal") else ("container-title" if _first(spans, "container-title") else "")
    container_raw = _first(spans, container_label) if container_label else ""
    container = clean_title(_LEADING_IN.sub("", clean_span(container_raw))) if container_raw else ""
    if container and _ABBREVIATED.search(container) and re.match(re.escape(container) + r"\.", container_raw.strip()
                                                                  .removeprefix("In ").removeprefix("in ")):
        # "Phys. Rev.": in an abbreviated title the last full stop belongs to the last word.
        last = container.split()[-1]
        if last.isalpha() and len(last) <= 6 and last[:1].isupper():
            container += "."
    genre = clean_span(" ".join(_all(spans, "genre")))

    date_raw = _first(spans, "date")
    date = parse_date(date_raw) if date_raw else {}
    if date.get("year") and "month" not in date:
        # "Academia Letters, December." - a month written apart from the year.
        for raw in _all(spans, "date")[1:]:
            extra = parse_date(f"{date['year']} {raw}") if not _YEAR_IN.search(raw) else {}
            if extra.get("month"):
                date["month"] = extra["month"]
                break
    volume_raw = " ".join(_all(spans, "volume"))
    volume, issue = parse_volume(volume_raw) if volume_raw else ("", "")
    pages_raw = _first(spans, "pages")
    pages = normalize_pages(pages_raw) if pages_raw else ""
    publisher = _first(spans, "publisher")
    if "]" in publisher and "[" not in publisher:
        # APA 7 "[Master's thesis, University of Toronto]. TSpace.": the repository after the
        # bracket is not the publisher.
        publisher = publisher.split("]")[0]
    publisher = clean_span(publisher)
    place = clean_span(_first(spans, "location"))
    edition_raw = _first(spans, "edition")
    edition_match = _EDITION.search(edition_raw) if edition_raw else None
    edition = edition_match.group(1).rstrip(".") if edition_match else clean_span(edition_raw)
    series = clean_title(_first(spans, "collection-title"))

    doi = ""
    for raw in _all(spans, "doi"):
        doi = normalize_doi(raw)
        if doi:
            break
    url = ""
    for raw in _all(spans, "url"):
        url = normalize_url(raw)
        if url:
            break
    if not url:
        for raw in _all(spans, "doi"):
            if _URL_IN.search(raw) and not normalize_doi(raw):
                url = normalize_url(raw)
    isbn_match = _ISBN_IN.search(" ".join(_all(spans, "isbn")))
    isbn = isbn_match.group(1) if isbn_match else ""
    notes = [clean_span(n) for n in _all(spans, "note")]
    note = "; ".join(n for n in notes if n and not _RETRIEVAL.match(n))

    fields_for_type = {"publisher": publisher, "isbn": isbn, "edition": edition, "url": url, "doi": doi, "note": note,
                       "volume": volume or issue, "pages": pages}
    entry_type = _infer_type({k: v for k, v in fields_for_type.items() if v}, container_label, container_raw, genre, persons)

    out.set("title", title, "crf", title_raw)
    if container:
        container_field = "journal" if entry_type == "article" else ("booktitle" if entry_type in ("incollection", "inproceedings") else "howpublished")
        out.set(container_field, container, "crf", container_raw)
    out.set("series", series, "crf")
    out.set("edition", edition, "crf", edition_raw)
    out.set("year", date.get("year", ""), "rule:year", date_raw)
    out.set("yearsuffix", date.get("yearsuffix", ""), "rule:year", date_raw)
    out.set("month", date.get("month", ""), "rule:date", date_raw)
    out.set("date", date.get("date", ""), "rule:date", date_raw)
    out.set("volume", volume, "rule:volume", volume_raw)
    out.set("number", issue, "rule:volume", volume_raw)
    out.set("pages", pages, "rule:pages", pages_raw)
    publisher_field = {"thesis": "school", "report": "institution"}.get(entry_type, "publisher")
    out.set(publisher_field, publisher, "crf")
    out.set("address", place, "crf")
    if entry_type in ("thesis", "report") and genre:
        out.set("type", genre, "crf")
    out.set("doi", doi, "rule:doi")
    out.set("url", url, "rule:url")
    out.set("isbn", isbn, "rule:isbn")
    out.set("note", note, "crf")

    entry = Entry(key="", type=entry_type, fields=out.fields, persons=persons, provenance=out.provenance,
                  source=source, raw=text, truncated=truncated)
    if "month" in entry.fields:
        entry.macros.add("month")
    for role in persons:
        entry.provenance[role] = Provenance(source, "crf", _first(spans, role))
    return entry


def _unparsed(text: str, source: Span | None) -> tuple[Entry, list[Diagnostic]]:
    fields: dict[str, str] = {}
    if text.strip():
        fields["note"] = " ".join(text.split())
    fields["rawref"] = text
    entry = Entry(key="", type="misc", fields=fields, source=source, raw=text)
    message = f"could not parse reference {_quote(text)}" if text.strip() else "empty reference"
    diag = Diagnostic(PARSE_FAILED, "warning", message, path=source.path if source else "",
                      line=source.line if source else 0)
    return entry, [diag]


def parse_reference(text: str, source: Span | None = None) -> tuple[Entry, list[Diagnostic]]:
    """One reference string -> one Entry (with an empty key) and any diagnostics."""
    if not isinstance(text, str):
        text = str(text)
    cleaned, italic = clean_reference_marked(text)
    tokens = tokenize(cleaned)
    if not tokens or not any(ch.isalpha() for ch in cleaned):
        return _unparsed(text, source)
    try:
        labels = label_tokens(tokens, load_tagger())
    except (ValueError, RuntimeError):  # crfsuite rejects nothing we build, but never crash on input
        return _unparsed(text, source)
    entry = build_entry(cleaned, tokens, labels, source, italic if len(italic) == len(tokens) else None)
    has_author = any(entry.persons.values())
    if not entry.fields.get("title") and not has_author:
        return _unparsed(text, source)
    _protect_titles(entry)
    entry.fields["rawref"] = text
    entry.raw = text
    return entry, []


def _protect_titles(entry: Entry) -> None:
    """Brace acronyms and proper nouns so case-changing styles keep them (the value before is kept)."""
    for name in ("title", "booktitle"):
        value = entry.fields.get(name, "")
        protected = protect_title_case(value)
        if protected != value:
            entry.fields[name] = protected
            prov = entry.provenance.get(name)
            if prov is not None and prov.raw is None:
                prov.raw = value


def parse_references(lines: Sequence[str], path: str = "",
                     line_numbers: Sequence[int] | None = None) -> tuple[list[Entry], list[Diagnostic]]:
    """Exactly one Entry per input string, in order, with keys unique within the batch.

    ``line_numbers`` gives the 1-based source line of each string (default: its position).
    """
    from citeman.keys import assign_keys

    entries: list[Entry] = []
    per_entry: list[list[Diagnostic]] = []
    for i, text in enumerate(lines):
        line = line_numbers[i] if line_numbers is not None and i < len(line_numbers) else i + 1
        entry, diags = parse_reference(text, Span(path, line))
        entries.append(entry)
        per_entry.append(diags)
    assign_keys(entries)
    diagnostics: list[Diagnostic] = []
    for entry, diags in zip(entries, per_entry):
        for diag in diags:
            diag.key = entry.key
        diagnostics.extend(diags)
    return entries, diagnostics


def parse_text(text: str, path: str = "") -> tuple[list[Entry], list[Diagnostic]]:
    """Parse every non-empty line of ``text`` as one reference (``citeman parse``).

    Raises :class:`InputError` when the text holds no reference at all.
    """
    from citeman.errors import InputError

    numbered = [(n, line) for n, line in enumerate(text.split("\n"), 1) if line.strip()]
    if not numbered:
        raise InputError("no references: the input is empty", path=path or "<stdin>")
    return parse_references([line.strip() for _, line in numbered], path=path,
                            line_numbers=[n for n, _ in numbered])
