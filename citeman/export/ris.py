"""RIS, the tagged format Zotero, EndNote and Mendeley all import and export.

Only the common tag set is written (``TY AU ED A4 TI T2 T3 PY DA Y2 VL IS SP EP ET
PB CY SN DO UR LA AB KW N1 RN M3 ID ER``), each in the meaning those three programs
agree on, so a file written here imports the same everywhere. Reading accepts the
same tags plus the usual variants (``A1``/``A2``, ``JO``/``JF``/``JA``, ``Y1``,
``T1``/``CT``/``BT``) so that exports of those programs come back in, and RIS written
here reads back into the same entry (see the round-trip tests).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from citeman.export import mapping
from citeman.io.bibtex import MONTH_MACROS, set_month
from citeman.io.latex import strip_braces
from citeman.keys import assign_keys, is_safe_key
from citeman.model import Entry, Person

TY_FOR_TYPE: dict[str, str] = {
    "article": "JOUR",
    "book": "BOOK",
    "mvbook": "BOOK",
    "collection": "EDBOOK",
    "inbook": "CHAP",
    "incollection": "CHAP",
    "inproceedings": "CPAPER",
    "conference": "CPAPER",
    "proceedings": "CONF",
    "report": "RPRT",
    "techreport": "RPRT",
    "thesis": "THES",
    "phdthesis": "THES",
    "mastersthesis": "THES",
    "online": "ELEC",
    "www": "ELEC",
    "unpublished": "UNPB",
    "booklet": "PAMP",
    "dataset": "DATA",
    "software": "COMP",
    "patent": "PAT",
    "misc": "GEN",
}
TYPE_FOR_TY: dict[str, str] = {
    "JOUR": "article",
    "JFULL": "article",
    "MGZN": "article",
    "EJOUR": "article",
    "ABST": "article",
    "BOOK": "book",
    "EBOOK": "book",
    "EDBOOK": "collection",
    "CHAP": "incollection",
    "ECHAP": "incollection",
    "CPAPER": "inproceedings",
    "CONF": "proceedings",
    "RPRT": "report",
    "THES": "thesis",
    "ELEC": "online",
    "WEB": "online",
    "BLOG": "online",
    "NEWS": "online",
    "UNPB": "unpublished",
    "PAMP": "booklet",
    "DATA": "dataset",
    "COMP": "software",
    "PAT": "patent",
    "GEN": "misc",
}
_THESIS_TYPES = {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis"}
_CONTAINER_TYPES = {"incollection", "inbook", "inproceedings", "conference"}
_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9])\s{1,2}-(?: (.*)|)$")


def _one_line(value: str) -> str:
    return " ".join(strip_braces(value).split())


def format_person(person: Person) -> str:
    """``Family, Given[, Suffix]`` with the particle in front of the family name; organisations whole."""
    if person.literal:
        return _one_line(person.literal)
    family = " ".join(p for p in (person.particle, person.family) if p)
    parts = [_one_line(family), _one_line(person.given)]
    if person.suffix:
        parts.append(_one_line(person.suffix))
    return ", ".join(parts).rstrip() if person.given or person.suffix else _one_line(family) + ","


def parse_person(value: str) -> Person:
    """The inverse of :func:`format_person`: no comma means an organisation."""
    value = " ".join(value.split())
    if "," not in value:
        return Person(literal=value)
    parts = [p.strip() for p in value.split(",")]
    last, given = parts[0], parts[1] if len(parts) > 1 else ""
    suffix = ", ".join(p for p in parts[2:] if p)
    words = last.split(" ")
    particle_words: list[str] = []
    # Lower-case leading words of the family part are the particle ("van der Berg").
    while len(words) > 1 and words[0][:1].islower():
        particle_words.append(words.pop(0))
    return Person(family=" ".join(words), given=given, particle=" ".join(particle_words), suffix=suffix)


def _ris_date(entry: Entry) -> str:
    """``YYYY/MM/DD/`` (parts left empty when unknown), or "" without a month."""
    f = entry.fields
    match = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", f.get("date", "").strip())
    if match:
        return f"{match.group(1)}/{match.group(2)}/{match.group(3) or ''}/"
    month = f.get("month", "").strip().lower()
    year = f.get("year", "").strip()
    if not re.fullmatch(r"\d{4}", year):
        return ""
    number = MONTH_MACROS.index(month[:3]) + 1 if month[:3] in MONTH_MACROS else int(month) if month.isdecimal() else 0
    if not 1 <= number <= 12:
        return ""
    day = f.get("day", "").strip()
    return f"{year}/{number:02d}/{int(day):02d}/" if day.isdecimal() else f"{year}/{number:02d}//"


def _year(entry: Entry) -> str:
    year = entry.fields.get("year", "").strip()
    if not year:
        match = re.match(r"(\d{4})", entry.fields.get("date", ""))
        year = match.group(1) if match else ""
    return year


def _split_keywords(value: str) -> list[str]:
    return [k.strip() for k in re.split(r"[;,]", strip_braces(value)) if k.strip()]


def to_ris_record(entry: Entry) -> list[tuple[str, str]]:
    """The ``(tag, value)`` lines of one RIS record, ``TY`` first and ``ER`` last."""
    f = entry.fields
    ty = TY_FOR_TYPE.get(entry.type, "GEN")
    if f.get("entrysubtype", "").lower() in {"newspaper", "news"}:
        ty = "NEWS"
    elif f.get("entrysubtype", "").lower() == "magazine":
        ty = "MGZN"
    lines: list[tuple[str, str]] = [("TY", ty)]
    if entry.key:
        lines.append(("ID", entry.key))
    for role, tag in (("author", "AU"), ("editor", "ED"), ("translator", "A4")):
        lines += [(tag, format_person(p)) for p in entry.persons.get(role, [])]
    title = f.get("title", "")
    if f.get("subtitle"):
        title = f"{title}: {f['subtitle']}" if title else f["subtitle"]
    if title:
        lines.append(("TI", title))
    # On web pages the site (organization, ...) is the container, as in the CSL mapping.
    site_fields = mapping.WEB_CONTAINER_FIELDS if entry.type in mapping.WEB_TYPES else ()
    sites = [f[name] for name in site_fields if f.get(name) and not f[name].startswith(("http://", "https://"))]
    container = f.get("journal") or f.get("journaltitle") or f.get("booktitle") or (sites[0] if sites else "")
    if container:
        lines.append(("T2", container))
    if f.get("shortjournal"):
        lines.append(("J2", f["shortjournal"]))
    if f.get("series"):
        lines.append(("T3", f["series"]))
    year = _year(entry)
    if year:
        lines.append(("PY", year))
    date = _ris_date(entry)
    if date:
        lines.append(("DA", date))
    urldate = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", f.get("urldate", "").strip())
    if urldate:
        lines.append(("Y2", "/".join(urldate.groups()) + "/"))
    for name, tag in (("volume", "VL"), ("number", "IS"), ("issue", "IS")):
        if f.get(name) and not (tag == "IS" and any(t == "IS" for t, _ in lines)):
            lines.append((tag, f[name]))
    pages = f.get("pages", "")
    if pages:
        match = re.fullmatch(r"\s*(\S+?)\s*(?:--|–|-)\s*(\S+)\s*", pages)
        if match:
            lines += [("SP", match.group(1)), ("EP", match.group(2))]
        else:
            lines.append(("SP", pages))
    if f.get("edition"):
        lines.append(("ET", f["edition"]))
    publishers = [f.get(name) for name in ("publisher", "institution", "school", "organization") if name not in site_fields]
    publisher = next((value for value in publishers if value), "")
    if publisher:
        lines.append(("PB", publisher))
    place = f.get("address") or f.get("location")
    if place:
        lines.append(("CY", place))
    for name in ("isbn", "issn"):
        if f.get(name):
            lines.append(("SN", f[name]))
    if f.get("doi"):
        lines.append(("DO", f["doi"]))
    if f.get("url"):
        lines.append(("UR", f["url"]))
    if f.get("language"):
        lines.append(("LA", f["language"]))
    if f.get("abstract"):
        lines.append(("AB", f["abstract"]))
    lines += [("KW", k) for k in _split_keywords(f.get("keywords", ""))]
    if f.get("note"):
        lines.append(("N1", f["note"]))
    if f.get("annotation") or f.get("annote"):
        lines.append(("RN", f.get("annotation") or f["annote"]))
    genre = f.get("type") or _THESIS_TYPES.get(entry.type, "")
    if genre:
        lines.append(("M3", genre))
    lines.append(("ER", ""))
    return [(tag, _one_line(value)) for tag, value in lines]


def to_ris(entries: Iterable[Entry]) -> str:
    """RIS text for ``entries``: records separated by a blank line, CRLF-free, UTF-8."""
    records = []
    for entry in entries:
        records.append("\n".join(f"{tag}  - {value}".rstrip() if value else f"{tag}  -" for tag, value in to_ris_record(entry)))
    return "\n\n".join(records) + ("\n" if records else "")


def _date_to_fields(entry: Entry, value: str) -> None:
    parts = value.strip().split("/")
    year = parts[0] if parts and re.fullmatch(r"\d{4}", parts[0]) else ""
    if not year:
        match = re.match(r"(\d{4})", value)
        if match:
            entry.fields.setdefault("year", match.group(1))
        return
    entry.fields.setdefault("year", year)
    month = parts[1] if len(parts) > 1 else ""
    day = parts[2] if len(parts) > 2 else ""
    if month.isdecimal() and 1 <= int(month) <= 12:
        set_month(entry, int(month))
        if day.isdecimal() and 1 <= int(day) <= 31:
            entry.fields["date"] = f"{year}-{int(month):02d}-{int(day):02d}"


def _record_to_entry(record: list[tuple[str, str]]) -> Entry:
    tags: dict[str, list[str]] = {}
    for tag, value in record:
        tags.setdefault(tag, []).append(value)

    def first(*names: str) -> str:
        for name in names:
            for value in tags.get(name, []):
                if value:
                    return value
        return ""

    ty = first("TY").upper() or "GEN"
    entry = Entry(key="", type=TYPE_FOR_TY.get(ty, "misc"))
    key = first("ID")
    if key and is_safe_key(key):
        entry.key = key
    if ty == "NEWS":
        entry.fields["entrysubtype"] = "newspaper"
    elif ty == "MGZN":
        entry.fields["entrysubtype"] = "magazine"
    for role, names in (("author", ("AU", "A1")), ("editor", ("ED", "A2")), ("translator", ("A4",))):
        people = [parse_person(v) for name in names for v in tags.get(name, []) if v.strip()]
        if people:
            entry.persons[role] = people
    f = entry.fields
    title = first("TI", "T1", "CT")
    if title:
        f["title"] = title
    container = first("T2", "JO", "JF", "BT", "JA") or first("J2")
    if container:
        if entry.type in _CONTAINER_TYPES:
            f["booktitle"] = container
        else:
            f[mapping.CONTAINER_FIELD_BY_TYPE.get(entry.type, "journal")] = container
    if first("J2") and first("J2") != container:
        f["shortjournal"] = first("J2")
    if first("T3"):
        f["series"] = first("T3")
    year = first("PY", "Y1")
    if year:
        match = re.match(r"(\d{4})", year)
        f["year"] = match.group(1) if match else year
        if "/" in year:
            _date_to_fields(entry, year)
    if first("DA"):
        _date_to_fields(entry, first("DA"))
    accessed = re.fullmatch(r"(\d{4})/(\d{2})/(\d{2})/?.*", first("Y2"))
    if accessed:
        f["urldate"] = "-".join(accessed.groups())
    for tag, name in (("VL", "volume"), ("IS", "number"), ("ET", "edition")):
        if first(tag):
            f[name] = first(tag)
    start, end = first("SP"), first("EP")
    if start:
        f["pages"] = f"{start}--{end}" if end and end != start else start
    publisher = first("PB")
    if publisher:
        f[{"thesis": "school", "report": "institution"}.get(entry.type, "publisher")] = publisher
    if first("CY"):
        f["address"] = first("CY")
    for value in tags.get("SN", []):
        digits = re.sub(r"[^0-9Xx]", "", value)
        f["issn" if len(digits) == 8 else "isbn"] = value
    for tag, name in (("DO", "doi"), ("UR", "url"), ("LA", "language"), ("AB", "abstract"), ("M3", "type")):
        if first(tag):
            f[name] = first(tag)
    if not f.get("abstract") and first("N2"):
        f["abstract"] = first("N2")
    keywords = [v for v in tags.get("KW", []) if v]
    if keywords:
        f["keywords"] = ", ".join(keywords)
    notes = [v for v in tags.get("N1", []) if v]
    if notes:
        f["note"] = " ".join(notes)
    research = [v for v in tags.get("RN", []) if v]
    if research:
        f["annotation"] = " ".join(research)
    return entry


def parse_ris(text: str) -> list[Entry]:
    """Entries from RIS text; lines without a tag continue the previous value.

    Entries without a usable ``ID`` get a fresh citeman key.
    """
    records: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] | None = None
    for raw_line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw_line.lstrip("\ufeff")
        match = _TAG_LINE.match(line)
        if match:
            tag, value = match.group(1), (match.group(2) or "").strip()
            if tag == "TY":
                current = [(tag, value)]
                records.append(current)
            elif tag == "ER":
                current = None
            elif current is not None:
                current.append((tag, value))
        elif line.strip() and current:
            tag, value = current[-1]
            current[-1] = (tag, f"{value} {line.strip()}".strip())
    entries = [_record_to_entry(r) for r in records]
    assign_keys(entries)
    return entries
