"""Reading a plain-text or Markdown document's description of itself.

Web pages saved as text and papers converted to Markdown state their own metadata in a
handful of conventional places: a headline (sometimes repeated after site navigation
such as ``Home <category> <title>``), a byline (``Author Name: ...``, ``By ...``, a name
line under a paper's title), an author-bio paragraph (``X is an MPhil Scholar at ...``),
a dateline (``ISLAMABAD (Saturday, November 1, 2025):``), labelled dates (``Published:``,
``Received:``) and disclaimers naming the site (``do not necessarily reflect Firstpost's
views``). Each rule here looks in one of those places only; body text is never mined for
metadata, because a date or name mentioned in the story is not the story's own.
"""

from __future__ import annotations

import re

from citeman.ingest.extraction import Extraction, FoundPersons
from citeman.model import Person
from citeman.names import is_organisation, normalize_caps, parse_name
from citeman.normalize.dates import DATE_PATTERN, DATE_RE, parse_stated_date
from citeman.paper.headings import is_reference_heading
from citeman.paper.markup import clean_line

_NAME_WORD = r"(?:[A-Z][a-zà-ÿ'’\-]+|[A-Z]\.|[A-Z]{2,}|(?:al|bin|van|von|de|ul|ud)-?)"
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,4}}"
_BIO_VERB = r"(?:is|was|has been|works as|serves as)\s+(?:a|an|the|currently|presently|also|working|serving|senior|former)\b"
_BIO = re.compile(rf"^(?:(?:Authors?|About the authors?|Writers?)\s*:\s*)?({_NAME})\s+{_BIO_VERB}")
_BIO_WORDS = re.compile(
    r"\b(scholar|researcher|research (?:fellow|associate|analyst|officer)|fellow|professor|lecturer|analyst|"
    r"journalist|columnist|student|correspondent|graduate of|diplomat|(?:research )?interests|areas of interest|"
    r"can be reached)\b",
    re.IGNORECASE,
)
# "Prime Minister Modi is a ..." in the story is not an author bio.
_OFFICE_IN_NAME = re.compile(r"\b(Minister|President|Secretary|General|Marshal|Ambassador|Senator|Army|Navy|Force)\b")
_NOT_NAMES = frozenset({"The", "This", "That", "He", "She", "It", "They", "We", "Our", "His", "Her", "Its", "There"})
_UNNAMED_WRITER = re.compile(r"\(?\s*The\s+(writer|author|columnist|contributor)s?\s+(?:is|was|has)\b", re.IGNORECASE)
_BYLINE = re.compile(
    r"^(?:(?:Author(?:\s+Name)?s?|Written by|Byline|Writer)\s*[:\-–]?\s+|(?-i:By|BY)\s*[:\-–]?\s+(?=[A-Z]))(.+)$",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    rf"^((?-i:[A-Z][A-Z.'’ -]{{2,40}}?))\s*(?:\(\s*({DATE_PATTERN})\s*\)|,\s*({DATE_PATTERN}))\s*(?:\([A-Za-z ]{{2,30}}\)\s*)?[:\-–—]",
    re.IGNORECASE,
)
_LABELLED_DATE = re.compile(
    r"^(Published(?:\s+on)?|Publication date|Date published|Posted(?:\s+on)?|Date|Received|Accepted|Revised)"
    r"\s*:?\s*(.*)$",
    re.IGNORECASE,
)
_DATE_LABEL_FIELD = {"received": "received", "accepted": "accepted", "revised": "revised"}
_SITE_DISCLAIMER = re.compile(
    r"(?:do(?:es)? not|don[’']t)\s+necessarily\s+reflect\s+(?:the\s+(?:views|opinions|position)\s+of\s+)?"
    r"(?:the\s+)?([A-Z][\w&.\- ]{1,60}?)(?:[’']s)?(?:\s+(?:views|opinions|position|policy|editorial policy))?\s*[.)]",
)
_FIRST_PUBLISHED = re.compile(
    r"(?:was|were|is)?\s*(?:first|originally)\s+published\s+(?:in|by|on)\s+(?:the\s+)?([A-Z][^.;()]{2,80}?)\s*(?:[.;(]|$)"
)
_RESEARCHER_AT = re.compile(
    r"\bis\s+an?\s+(?:(?:senior|junior|visiting|non-resident|associate|assistant|lead|principal)\s+)?"
    r"(?:researcher|research\s+(?:fellow|associate|analyst|officer|assistant)|analyst|fellow)\s+at\s+(?:the\s+)?"
    r"([A-Z][^.,;()]{3,100})"
)
_ABSTRACT_HEADING = re.compile(r"^abstract\s*[:.]?\s*(.*)$", re.IGNORECASE)
_KEYWORDS = re.compile(r"^(?:key\s*words?|index\s+terms)\s*[:.\-–—]\s*(.+)$", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_INSTITUTION_WORDS = re.compile(
    r"\b(department|university|institute|school|college|centre|center|faculty|laboratory|academy|"
    r"ministry|council|foundation|hospital)\b",
    re.IGNORECASE,
)
_SECTION_START = re.compile(r"^(?:introduction|1\.?\s+introduction|background)$", re.IGNORECASE)
_REPORT_WORDS = re.compile(r"\b(?:research|policy|working|technical|annual|special)\s+(?:report|brief|paper)\b", re.IGNORECASE)
_OPINION_SIGNS = re.compile(
    r"views expressed|necessarily reflect|opinions expressed|\bop-?ed\b|the writer is|the author is",
    re.IGNORECASE,
)


class _Doc:
    """A document's lines, raw and with markup removed, addressed by 1-based line numbers."""

    def __init__(self, text: str) -> None:
        self.raw = text.split("\n")
        self.clean = [clean_line(line).strip() for line in self.raw]
        self.bios: dict[int, str] | None = None  # computed once by _bio_lines

    def nonblank(self, start: int = 1, limit: int | None = None) -> list[int]:
        """Line numbers of non-empty lines from ``start`` on (at most ``limit``)."""
        out = [i + 1 for i in range(start - 1, len(self.clean)) if self.clean[i]]
        return out[:limit] if limit else out

    def text(self, line: int) -> str:
        return self.clean[line - 1] if 1 <= line <= len(self.clean) else ""

    def is_heading(self, line: int) -> bool:
        return bool(re.match(r"^\s{0,3}#{1,6}\s", self.raw[line - 1]))

    def block(self, line: int) -> tuple[str, int]:
        """The paragraph starting at ``line`` (joined over Markdown hard breaks) and its last line."""
        parts = [self.text(line)]
        end = line
        while self.raw[end - 1].endswith("  ") and end < len(self.raw) and self.clean[end]:
            end += 1
            parts.append(self.text(end))
        return " ".join(p for p in parts if p), end


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_MATTER_FIELDS = {
    "title": "title", "date": "date", "published": "date", "url": "url", "link": "url", "site": "organization",
    "site_name": "organization", "publisher": "publisher", "journal": "journal", "doi": "doi",
    "abstract": "abstract", "description": "abstract", "keywords": "keywords", "tags": "keywords",
}


def _front_matter(text: str, ex: Extraction) -> str:
    """Read a Markdown document's YAML front matter; returns the text with it blanked out.

    The block is replaced by empty lines so line numbers in the rest stay true.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return text
    import yaml

    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        ex.notes.append(("P205", "warning", f"front matter is not valid YAML: {getattr(err, 'problem', err)}", line, ""))
        return text
    if not isinstance(data, dict):
        return text
    block = match.group(0)
    lines = block.split("\n")

    def line_of(key: str) -> int:
        for number, content in enumerate(lines, start=1):
            if re.match(rf"{re.escape(key)}\s*:", content):
                return number
        return 1

    for key, value in data.items():
        key = str(key).lower()
        if key in ("author", "authors", "creator"):
            names = value if isinstance(value, list) else re.split(r"\s*(?:;|\band\b|&)\s*", str(value))
            names = [str(n.get("name", "")) if isinstance(n, dict) else str(n) for n in names]
            persons = [parse_name(normalize_caps(n.strip())) for n in names if n.strip()]
            if persons:
                ex.persons["author"] = FoundPersons(persons, line_of(key), "front-matter")
            continue
        field = _FRONT_MATTER_FIELDS.get(key)
        if field is None or value is None or value == "":
            continue
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        if field == "date":
            parsed = parse_stated_date(str(value))
            if parsed:
                ex.set("date", parsed.iso(), line_of(key), "front-matter", raw=str(value))
            continue
        ex.set(field, " ".join(str(value).split()), line_of(key), "front-matter")
    return "\n" * block.count("\n") + text[len(block):]


def extract_text_metadata(text: str) -> Extraction:
    """Read title, authors, dates, site and paper metadata from a text or Markdown document."""
    ex = Extraction()
    text = _front_matter(text, ex)
    doc = _Doc(text)
    head = doc.nonblank(limit=12)
    _title(doc, head, ex)
    _byline(doc, head, ex)
    _paper_header(doc, ex)
    _dateline(doc, head, ex)
    _labelled_dates(doc, ex)
    _bios(doc, ex)
    _site(doc, ex)
    _paper_body(doc, ex)
    _kind(doc, ex)
    return ex


def _clean_title(value: str) -> str:
    value = " ".join(value.split())
    # A headline's closing full stop is typography, not part of the title.
    return value[:-1] if value.endswith(".") and not value.endswith("..") else value


def _is_section_name(heading: str) -> bool:
    return bool(_SECTION_START.match(heading) or is_reference_heading(heading) or _ABSTRACT_HEADING.match(heading))


def _title(doc: _Doc, head: list[int], ex: Extraction) -> None:
    # A paper's title: the first Markdown heading that is not a section name.
    for line in head:
        if doc.is_heading(line) and not _is_section_name(doc.text(line)):
            ex.set("title", _clean_title(doc.text(line)), line, raw=doc.raw[line - 1])
            return
    # A heading repeated after site navigation ("Home <category><title>", then "<title>").
    for i, first in enumerate(head[:6]):
        for second in head[i + 1 : 6]:
            a, b = doc.text(first), doc.text(second)
            if len(b) >= 8 and a != b and a.endswith(b) and len(a) - len(b) < 120:
                ex.set("title", _clean_title(b), second, raw=doc.raw[second - 1])
                return
            if a == b and len(a.split()) >= 2:
                ex.set("title", _clean_title(a), first, raw=doc.raw[first - 1])
                return
    if not head:
        return
    # A headline: a short first line standing on its own or followed by a byline/dateline.
    first = head[0]
    line = doc.text(first)
    if not _is_headline(line):
        return
    following = head[1] if len(head) > 1 else 0
    stands_alone = first < len(doc.clean) and not doc.clean[first]
    announces = bool(following) and bool(_DATELINE.match(doc.text(following)) or _BYLINE.match(doc.text(following)))
    # A full stop makes a lone line a sentence unless a byline or dateline confirms it.
    if announces or (stands_alone and not line.endswith(".")):
        ex.set("title", _clean_title(line), first, raw=doc.raw[first - 1])
        return
    # Under a masthead ("<Institute>", "Policy Brief"): the line that a byline or dateline follows.
    for previous, current in zip(head[:6], head[1:6]):
        if _BYLINE.match(doc.text(current)) or _DATELINE.match(doc.text(current)):
            candidate = doc.text(previous)
            if _is_headline(candidate) and not is_organisation(candidate) and not _REPORT_WORDS.fullmatch(candidate):
                ex.set("title", _clean_title(candidate), previous, raw=doc.raw[previous - 1])
            return


def _is_headline(line: str) -> bool:
    if not line or len(line) > 200 or len(line.split()) > 30 or _DATELINE.match(line) or _BYLINE.match(line):
        return False
    # More than one sentence is a paragraph, not a headline.
    return not re.search(r"[.!?]\s+[A-Z]", line)


_HONORIFIC = re.compile(r"^(?:(?:dr|prof|professor|mr|mrs|ms|miss|engr|sir|lt|col|gen|brig|maj|capt|amb)\.?\s+)+", re.IGNORECASE)


def _split_names(text: str) -> list[str]:
    text = re.sub(r"[\d*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰]+(?=\s*(?:,|$|\s+and\s|&))", "", text)
    parts = re.split(r"\s*(?:,|;|&|\band\b)\s*", text)
    # Honorifics are not part of a name as citations write it ("Dr. Ahmed Raza" -> "Ahmed Raza").
    return [_HONORIFIC.sub("", p.strip()) for p in parts if _HONORIFIC.sub("", p.strip())]


_GENERIC_BYLINE = re.compile(r"\b(staff|reporter|correspondent|desk|editor|editorial|news|agency|web|team|report)\b", re.IGNORECASE)


def _is_person_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 5 or len(text) > 60 or re.search(r"\d|@", text) or _GENERIC_BYLINE.search(text):
        return False
    if is_organisation(text) or words[0] in _NOT_NAMES:
        return False
    return all(re.fullmatch(_NAME_WORD, w) for w in words)


def _persons(names: list[str]) -> list[Person]:
    return [parse_name(normalize_caps(n)) for n in names]


def _byline(doc: _Doc, head: list[int], ex: Extraction) -> None:
    for line in head:
        match = _BYLINE.match(doc.text(line))
        if not match:
            continue
        # "Author Name: Maham S. Gillani      01 May 2021     Regional security/Region"
        segments = [s.strip() for s in re.split(r"\s{2,}|\s+\|\s+|\t", match.group(1)) if s.strip()]
        names: list[str] = []
        for segment in segments:
            labelled = _LABELLED_DATE.match(segment)
            if labelled and labelled.group(2):
                segment = labelled.group(2)
            stated = DATE_RE.match(segment.strip(" .,"))
            if stated:
                _set_date(ex, "date", stated.group(0), line, doc.raw[line - 1])
            elif not names:
                names = [n for n in _split_names(segment) if _is_person_name(n)]
        if names:
            if "author" not in ex.persons:
                ex.persons["author"] = FoundPersons(_persons(names), line, raw=doc.raw[line - 1].strip())
            return
        # "By the end of 2025, ..." opens a sentence, not a byline: keep looking.


def _paper_header(doc: _Doc, ex: Extraction) -> None:
    """Under a paper's title heading: author names, affiliation lines, e-mail addresses."""
    title = ex.fields.get("title")
    if not title or not doc.is_heading(title.line):
        return
    affiliation: list[str] = []
    affiliation_line = 0
    line = title.line + 1
    while line <= len(doc.clean):
        text = doc.text(line)
        if not text:
            line += 1
            continue
        if doc.is_heading(line) or _LABELLED_DATE.match(text) or _ABSTRACT_HEADING.match(text):
            break
        block, end = doc.block(line)
        emails = _EMAIL.findall(block)
        if emails:
            ex.set("email", ", ".join(dict.fromkeys(emails)), line, raw=doc.raw[line - 1].strip())
        elif "author" not in ex.persons and all(_is_person_name(n) for n in _split_names(block)) and _split_names(block):
            ex.persons["author"] = FoundPersons(_persons(_split_names(block)), line, raw=block)
        elif _INSTITUTION_WORDS.search(block):
            affiliation.append(_strip_role(block))
            affiliation_line = affiliation_line or line
        line = end + 1
    if affiliation:
        ex.set("affiliation", "; ".join(affiliation), affiliation_line)


def _strip_role(text: str) -> str:
    """``M.Phil Scholar, Department of ...`` -> ``Department of ...`` (the institution, not the post)."""
    text = " ".join(text.split()).rstrip(".")
    text = re.sub(r"^[\d*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰a-z]?[*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰]*\s+(?=[A-Z])", "", text) if re.match(r"^[\d*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰]", text) else text
    first, _, rest = text.partition(",")
    if rest and not _INSTITUTION_WORDS.search(first):
        return rest.strip()
    return text


def _set_date(ex: Extraction, name: str, text: str, line: int, raw: str) -> None:
    if name in ex.fields:
        return
    parsed = parse_stated_date(text)
    if parsed is None:
        return
    ex.set(name, parsed.iso(), line, raw=raw.strip())
    if parsed.weekday_mismatch:
        ex.notes.append(("P203", "warning", f"the weekday in '{text.strip()}' does not match the date", line, name))


def _dateline(doc: _Doc, head: list[int], ex: Extraction) -> None:
    for line in head:
        match = _DATELINE.match(doc.text(line))
        if match:
            _set_date(ex, "date", match.group(2) or match.group(3), line, match.group(0))
            ex.subtype = ex.subtype or "news"
            return


def _labelled_dates(doc: _Doc, ex: Extraction) -> None:
    for line in doc.nonblank(limit=40):
        # "Received: 3 March 2023; Accepted: 10 June 2023; Published: 1 July 2023"
        segments = [s for s in re.split(r"\s*[;|]\s*|\s{2,}", doc.text(line)) if s]
        if len(segments) > 1 and all(_LABELLED_DATE.match(s) for s in segments):
            for segment in segments:
                match = _LABELLED_DATE.match(segment)
                stated = DATE_RE.match(match.group(2).strip())
                if stated:
                    name = _DATE_LABEL_FIELD.get(match.group(1).lower().split()[0], "date")
                    _set_date(ex, name, stated.group(0), line, segment)
            continue
        match = _LABELLED_DATE.match(doc.text(line))
        if not match:
            continue
        label = match.group(1).lower().split()[0]
        value = match.group(2).strip()
        value_line = line
        if not value:  # "Received:  \nSept 05, 2025": the date is on the next line
            following = doc.nonblank(line + 1, 1)
            if following:
                value_line = following[0]
                value = doc.text(value_line)
        stated = DATE_RE.match(value.strip())
        if not stated:
            continue
        value = stated.group(0)  # "Dec 31, 2025 10:30 AM PKT": the time is not needed
        name = _DATE_LABEL_FIELD.get(label, "date")
        _set_date(ex, name, value, value_line, f"{doc.text(line)} {value if value_line != line else ''}")


def _bio_lines(doc: _Doc) -> dict[int, str]:
    """Line -> named person for author-bio paragraphs.

    A bio starts with a person's name and "is a/an ...", uses a word of the trade
    (scholar, researcher, analyst, ...) and sits where bios sit: after an ``Authors:``
    label, in the last third of the document, or right after another bio.
    """
    if doc.bios is not None:
        return doc.bios
    lines = doc.nonblank()
    tail_start = lines[len(lines) * 2 // 3] if lines else 0
    found: dict[int, str] = {}
    previous_bio = False
    for line in lines:
        text = doc.text(line)
        match = _BIO.match(text)
        labelled = bool(re.match(r"(?:Authors?|About the authors?|Writers?)\s*:", text, re.IGNORECASE))
        is_bio = (
            match is not None
            and _BIO_WORDS.search(text) is not None
            and _is_person_name(match.group(1))
            and not _OFFICE_IN_NAME.search(match.group(1))
            and (labelled or line >= tail_start or previous_bio)
        )
        if is_bio:
            found[line] = match.group(1)
        previous_bio = is_bio
    doc.bios = found
    return found


def bio_lines(text: str) -> set[int]:
    """1-based numbers of the author-bio lines of a document (for leaving them out of summaries)."""
    return set(_bio_lines(_Doc(text)))


def _bios(doc: _Doc, ex: Extraction) -> None:
    """Author-bio paragraphs ("Authors: X is an MPhil Scholar ..."), usually near the end."""
    lines = doc.nonblank()
    names: list[str] = []
    first_line = 0
    raws: list[str] = []
    for line, name in _bio_lines(doc).items():
        names.append(name)
        first_line = first_line or line
        raws.append(name)
    if names and "author" not in ex.persons:
        ex.persons["author"] = FoundPersons(_persons(list(dict.fromkeys(names))), first_line, raw=" | ".join(raws))
    if "author" not in ex.persons:
        for line in lines:
            if _UNNAMED_WRITER.search(doc.text(line)):
                ex.notes.append(
                    ("P202", "info", "the text describes the writer but does not name them", line, "author")
                )
                break


def _site(doc: _Doc, ex: Extraction) -> None:
    bios = _bio_lines(doc)
    for line in doc.nonblank():
        text = doc.text(line)
        match = _SITE_DISCLAIMER.search(text)
        if match and "organization" not in ex.fields:
            ex.set("organization", match.group(1).strip(), line, raw=match.group(0))
        match = _FIRST_PUBLISHED.search(text)
        if match:
            ex.set("note", f"First published in {match.group(1).strip()}", line, raw=match.group(0).strip())
        match = _RESEARCHER_AT.search(text) if line in bios else None
        if match and "organization" not in ex.fields:
            ex.set("organization", match.group(1).strip(), line, raw=match.group(0))


def _paper_body(doc: _Doc, ex: Extraction) -> None:
    """Abstract and keywords of a paper."""
    lines = doc.nonblank(limit=60)
    for index, line in enumerate(lines):
        text = doc.text(line)
        match = _ABSTRACT_HEADING.match(text)
        if match and "abstract" not in ex.fields:
            inline = match.group(1).strip()
            parts: list[str] = [inline] if inline else []
            for nxt in lines[index + 1 :]:
                if doc.is_heading(nxt) or _KEYWORDS.match(doc.text(nxt)):
                    break
                parts.append(doc.text(nxt))
                if inline:
                    break
            if parts:
                ex.set("abstract", " ".join(parts), line + (0 if inline else 1))
        match = _KEYWORDS.match(text)
        if match and "keywords" not in ex.fields:
            words = [w.strip().rstrip(".") for w in re.split(r"[,;]", match.group(1))]
            ex.set("keywords", ", ".join(w for w in words if w), line, raw=doc.raw[line - 1].strip())


def _kind(doc: _Doc, ex: Extraction) -> None:
    paper_signs = sum(name in ex.fields for name in ("abstract", "received", "accepted", "keywords"))
    head_text = " ".join(doc.text(line) for line in doc.nonblank(limit=8))
    if paper_signs >= 2:
        ex.type, ex.subtype = "article", ""
        return
    if _REPORT_WORDS.search(head_text):
        ex.type, ex.subtype = "report", ""
        # The masthead names the issuing institution ("Islamabad Policy Research Institute").
        for line in doc.nonblank(limit=3):
            text = doc.text(line)
            if is_organisation(text) and len(text.split()) <= 10 and not _REPORT_WORDS.search(text):
                ex.set("institution", text, line)
                break
        return
    ex.type = "online"
    if ex.subtype:
        return
    if _bio_lines(doc) or any(_OPINION_SIGNS.search(doc.text(line)) for line in doc.nonblank()):
        ex.subtype = "opinion"
