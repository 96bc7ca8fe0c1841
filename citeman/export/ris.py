"""RIS, the tagged format Zotero, EndNote and Mendeley all import and export.

Writing and reading follow the same tables, ``RIS_*`` in :mod:`citeman.export.mapping`:
the common tag set in the meaning those programs agree on, so a file written here
imports the same everywhere. Reading accepts the usual variants too (``A1``/``A2``,
``JO``/``JF``/``JA``, ``Y1``, ``T1``/``CT``/``BT``, ``N2``), and keeps what no table names:
a tag it does not know, or a second value of a one-value tag, goes to a ``ris-<tag>``
field that the writer turns back into that tag. So RIS read here, written and read again
gives the same entries (see the round-trip tests).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from citeman.errors import InputError
from citeman.export import mapping
from citeman.io.bibtex import MONTH_MACROS, set_month
from citeman.io.latex import strip_braces
from citeman.keys import assign_keys, is_safe_key
from citeman.model import Entry, Person

# Kept for callers that look a type up directly; the tables live in mapping.py.
TY_FOR_TYPE = mapping.RIS_TY_FOR_TYPE
TYPE_FOR_TY = {ty: kind for ty, (kind, _) in mapping.RIS_TYPE_FOR_TY.items()}
_CONTAINER_TYPES = {"incollection", "inbook", "inproceedings", "conference"}
_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9])\s{1,2}-(?: (.*)|\s*)$")
# A line that tries to be a tag line and is not one ("TI -Title", " AU  - x").
_BROKEN_TAG_LINE = re.compile(r"^\s*[A-Z][A-Z0-9]\s{0,3}-")
_TEXT_TAG = {name: tags[0] for name, tags in mapping.RIS_TEXT_TAGS.items()}
_PAGE_RANGE = re.compile(r"\s*([^-–\s]+)\s*(?:--|–|-)\s*([^-–\s]+)\s*")
_KEPT = mapping.RIS_KEPT_PREFIX


def _one_line(value: str) -> str:
    """A field value as RIS text: one line, protective braces dropped, escaped braces literal."""
    text = strip_braces(value) if "{" in value or "}" in value else value
    return " ".join(text.replace("\\{", "{").replace("\\}", "}").split())


def _field_text(value: str) -> str:
    """A RIS value as a field value: one line, literal braces escaped (the inverse of :func:`_one_line`)."""
    text = " ".join(value.split())
    return text.replace("{", "\\{").replace("}", "\\}") if "{" in text or "}" in text else text


def format_person(person: Person) -> str:
    """``Family, Given[, Suffix]`` with the particle in front of the family name; organisations whole."""
    if person.literal and "family=" not in person.literal:
        return _one_line(person.literal)
    if "=" in person.family or "family=" in person.literal:  # biblatex's extended name format
        from citeman.export.csljson import _csl_name, _extended_name

        parts = (_extended_name(person.literal.split(",")) if person.literal else None) or _csl_name(person)
        if "literal" in parts:
            return _one_line(parts["literal"])
        person = Person(family=parts.get("family", ""), given=parts.get("given", ""),
                        particle=parts.get("non-dropping-particle", ""), suffix=parts.get("suffix", ""))
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
    match = re.fullmatch(r"(\d{4})-(0[1-9]|1[0-2])(?:-(\d{2}))?", f.get("date", "").strip())
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


def _ris_type(entry: Entry) -> str:
    kept = entry.fields.get(_KEPT + "ty", "").strip()
    if kept:
        return kept
    subtype = entry.fields.get("entrysubtype", "").strip().lower()
    if subtype in mapping.RIS_TY_FOR_SUBTYPE and entry.type in ("article", "online"):
        return mapping.RIS_TY_FOR_SUBTYPE[subtype]
    return mapping.RIS_TY_FOR_TYPE.get(entry.type, mapping.RIS_DEFAULT_TY)


def to_ris_record(entry: Entry) -> list[tuple[str, str]]:
    """The ``(tag, value)`` lines of one RIS record, ``TY`` first and ``ER`` last."""
    f = entry.fields
    lines: list[tuple[str, str]] = [("TY", _ris_type(entry))]
    if entry.key:
        lines.append(("ID", entry.key))
    names: list[tuple[str, str]] = []  # already RIS text
    for role, tags in mapping.RIS_NAME_TAGS.items():
        names += [(tags[0], format_person(p)) for p in entry.persons.get(role, [])]

    def text(name: str, value: str | None = None) -> None:
        value = f.get(name) if value is None else value
        if value:
            lines.append((_TEXT_TAG[name], value))

    title = f.get("title", "")
    if f.get("subtitle"):
        title = f"{title}: {f['subtitle']}" if title else f["subtitle"]
    text("title", title)
    # On web pages the site (organization, ...) is the container, as in the CSL mapping.
    site_fields = mapping.WEB_CONTAINER_FIELDS if entry.type in mapping.WEB_TYPES else ()
    sites = [f[name] for name in site_fields if f.get(name) and not f[name].startswith(("http://", "https://"))]
    container = f.get("journal") or f.get("journaltitle") or f.get("booktitle") or (sites[0] if sites else "")
    if container:
        series_type = entry.type in mapping.RIS_T2_IS_SERIES
        lines.append((mapping.RIS_SERIES_TYPE_CONTAINER_TAG if series_type else mapping.RIS_CONTAINER_TAGS[0], container))
    text("shortjournal")
    text("series")
    year = _year(entry)
    if year:
        lines.append(("PY", year))
    date = _ris_date(entry)
    if date:
        lines.append(("DA", date))
    urldate = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", f.get("urldate", "").strip())
    if urldate:
        lines.append(("Y2", "/".join(urldate.groups()) + "/"))
    text("volume")
    number = f.get("number") or f.get("issue")
    if number:
        lines.append(("IS", number))
    pages = f.get("pages", "")
    if pages:
        match = _PAGE_RANGE.fullmatch(pages)
        if match:
            lines += [("SP", match.group(1)), ("EP", match.group(2))]
        else:
            lines.append(("SP", pages))
    text("edition")
    order = mapping.PUBLISHER_BY_TYPE.get(entry.type, ("publisher", "institution", "school", "organization"))
    publisher = next((f[name] for name in order if name not in site_fields and f.get(name)), "")
    if publisher:
        lines.append(("PB", publisher))
    text("address", f.get("address") or f.get("location") or "")
    for name in ("isbn", "issn"):
        if f.get(name):
            lines.append(("SN", f[name]))
    for name in ("doi", "url", "language", "abstract"):
        text(name)
    lines += [(_TEXT_TAG["keywords"], k) for k in _split_keywords(f.get("keywords", ""))]
    text("note")
    text("annotation", f.get("annotation") or f.get("annote") or "")
    text("type", f.get("type") or mapping.IMPLIED_GENRE.get(entry.type, ""))
    for name in ("shorttitle", "library", "eprint", "eprinttype", "volumes"):
        text(name)
    for name, value in f.items():
        if name.startswith(_KEPT) and name != _KEPT + "ty" and value and len(name) == len(_KEPT) + 2:
            lines.append((name[len(_KEPT):].upper(), value))
    lines.append(("ER", ""))
    text_lines = [(tag, _one_line(value)) for tag, value in lines]
    return text_lines[:1 + bool(entry.key)] + names + text_lines[1 + bool(entry.key):]


def to_ris(entries: Iterable[Entry]) -> str:
    """RIS text for ``entries``: records separated by a blank line, CRLF-free, UTF-8."""
    records = []
    for entry in entries:
        records.append("\n".join(f"{tag}  - {value}".rstrip() if value else f"{tag}  -" for tag, value in to_ris_record(entry)))
    return "\n\n".join(records) + ("\n" if records else "")


@dataclass
class Record:
    """One RIS record as read: its tag lines, where it starts, and its raw text."""

    line: int
    tags: list[tuple[str, str]] = field(default_factory=list)
    raw: list[str] = field(default_factory=list)
    closed: bool = False
    # Line number of the first line that tries to be a tag line and is not one (0: none).
    broken: int = 0


def split_records(text: str, path: str = "", strict: bool = False) -> list[Record]:
    """The records of RIS ``text``; lines without a tag continue the previous value.

    With ``strict``, a file without records, a tag line outside a record and a record
    without ``ER`` raise :class:`InputError` naming the line; otherwise they are skipped
    (and a record still open at the end of the text is closed there).
    """
    records: list[Record] = []
    current: Record | None = None
    first_text = 0
    for number, raw_line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        line = raw_line.lstrip("\ufeff")
        if line.strip() and not first_text:
            first_text = number
        match = _TAG_LINE.match(line)
        if match:
            tag, value = match.group(1), (match.group(2) or "").strip()
            if tag == "TY":
                if current is not None and strict:
                    raise InputError(f"RIS record has no ER line before the next TY (line {number})",
                                     path=path, line=current.line)
                current = Record(number, [(tag, value)], [line])
                records.append(current)
            elif current is None:
                if strict:
                    raise InputError(f"RIS '{tag}' line outside a record (no TY line before it)", path=path, line=number)
            elif tag == "ER":
                current.raw.append(line)
                current.closed = True
                current = None
            else:
                current.tags.append((tag, value))
                current.raw.append(line)
        elif current is not None:
            current.raw.append(line)
            if line.strip():
                if _BROKEN_TAG_LINE.match(line) and not current.broken:
                    current.broken = number
                if len(current.tags) > 1 or current.tags[-1][1]:
                    tag, value = current.tags[-1]
                    current.tags[-1] = (tag, f"{value} {line.strip()}".strip())
    if strict:
        if not records:
            raise InputError("no RIS record (no line starts with 'TY  - ')", path=path, line=first_text or 1)
        if current is not None:
            raise InputError("RIS record has no ER line", path=path, line=current.line)
    return records


class _Tags:
    """The values of one record, each used once: what no rule takes is kept at the end."""

    def __init__(self, tags: list[tuple[str, str]]) -> None:
        self.values = [[tag, _field_text(value), False] for tag, value in tags if value.strip() and tag not in ("TY", "ER")]

    def take(self, *tags: str, other_than: str = "") -> str:
        for tag in tags:
            for item in self.values:
                if item[0] == tag and not item[2] and item[1] != other_than:
                    item[2] = True
                    return item[1]
        return ""

    def take_all(self, *tags: str) -> list[str]:
        out = []
        for item in self.values:
            if item[0] in tags and not item[2]:
                item[2] = True
                out.append(item[1])
        return out

    def left(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for tag, value, used in self.values:
            if not used:
                out.setdefault(tag, []).append(value)
        return out


_RIS_DATE = re.compile(r"(\d{4})(?:[/-](\d{0,2}|[A-Za-z]+)(?:[/-](\d{0,2})(?:/(.*))?)?)?")


def _parse_date(value: str) -> tuple[str, int, int, bool] | None:
    """``(year, month, day, complete)`` of a RIS date (``2019/05/17/``, ``2019/03//``,
    ``2015/october``, ``2001``); ``complete`` is False when text was left over."""
    match = _RIS_DATE.fullmatch(value.strip())
    if not match:
        return None
    year, month_text, day_text, rest = match.groups()
    month = 0
    if month_text and month_text.isdecimal():
        month = int(month_text)
    elif month_text and month_text[:3].lower() in MONTH_MACROS:
        month = MONTH_MACROS.index(month_text[:3].lower()) + 1
    elif month_text:
        return None
    if not 0 <= month <= 12:
        return None
    day = int(day_text) if day_text else 0
    if not 0 <= day <= 31:
        return None
    return year, month, day if month else 0, not (rest or "").strip()


def record_to_entry(record: list[tuple[str, str]]) -> Entry:
    """The entry of one record's ``(tag, value)`` lines."""
    ty = next((v for t, v in record if t == "TY"), "").strip().upper() or mapping.RIS_DEFAULT_TY
    kind, subtype = mapping.RIS_TYPE_FOR_TY.get(ty, ("misc", ""))
    entry = Entry(key="", type=kind)
    f = entry.fields
    if ty not in mapping.RIS_TYPE_FOR_TY:
        f[_KEPT + "ty"] = ty
    if subtype:
        f["entrysubtype"] = subtype
    tags = _Tags(record)
    key = tags.take("ID")
    if key and is_safe_key(key):
        entry.key = key
    elif key:
        tags.values.append(["ID", key, False])
    for role, names in mapping.RIS_NAME_TAGS.items():
        people = [parse_person(v) for v in tags.take_all(*names)]
        if people:
            entry.persons[role] = people

    def text(name: str, value: str) -> None:
        if value and name not in f:
            f[name] = value

    text("title", tags.take(*mapping.RIS_TEXT_TAGS["title"]))
    container_tags = mapping.RIS_CONTAINER_TAGS
    if entry.type in mapping.RIS_T2_IS_SERIES:
        text("series", tags.take(*mapping.RIS_TEXT_TAGS["series"], container_tags[0]))
    container = tags.take(*container_tags)
    if container:
        f["booktitle" if entry.type in _CONTAINER_TYPES else mapping.CONTAINER_FIELD_BY_TYPE.get(entry.type, "journal")] = container
    short = tags.take(*mapping.RIS_TEXT_TAGS["shortjournal"], other_than=container)
    if short:
        f["shortjournal"] = short
    _dates(entry, tags)
    number = tags.take("IS")
    if number:
        f["number"] = number
    start, end = tags.take("SP"), tags.take("EP")
    if start:
        match = _PAGE_RANGE.fullmatch(start)
        if end and (match or re.search("[-–]", start + end)):
            tags.values.append(["EP", end, False])  # the end page of a range, or not a page: kept
            end = ""
        if match:
            start, end = match.groups()
        f["pages"] = f"{start}--{end}" if end and end != start else start
    elif end:
        tags.values.append(["EP", end, False])
    publisher = tags.take("PB")
    if publisher:
        f[mapping.PUBLISHER_BY_TYPE.get(entry.type, ("publisher",))[0]] = publisher
    for value in tags.take_all("SN"):
        digits = re.sub(r"[^0-9Xx]", "", value)
        name = "issn" if len(digits) == 8 else "isbn"
        if name in f:
            tags.values.append(["SN", value, False])
        else:
            f[name] = value
    keywords = [k.strip() for v in tags.take_all(*mapping.RIS_TEXT_TAGS["keywords"]) for k in v.split(";") if k.strip()]
    if keywords:
        f["keywords"] = ", ".join(keywords)
    notes = tags.take_all(*mapping.RIS_TEXT_TAGS["note"])
    if notes:
        f["note"] = " ".join(notes)
    research = tags.take_all(*mapping.RIS_TEXT_TAGS["annotation"])
    if research:
        f["annotation"] = " ".join(research)
    for name, names in mapping.RIS_TEXT_TAGS.items():
        if name not in ("title", "shortjournal", "keywords", "note", "annotation"):
            text(name, tags.take(*names))
    _keep_the_rest(entry, tags)
    return entry


def _dates(entry: Entry, tags: _Tags) -> None:
    """``PY``/``Y1`` (year), ``DA`` (year, month, day) and ``Y2`` (the access date).

    The first value of each that reads as a date is used; every other value, and one
    with text after the date (a time of day), is kept in ``ris-<tag>`` as it is.
    """
    f = entry.fields
    found: dict[str, tuple[str, int, int, bool]] = {}
    for name, tag_names in (("year", ("PY", "Y1")), ("date", ("DA",)), ("urldate", ("Y2",))):
        values = [(tag, value) for tag in tag_names for value in tags.take_all(tag)]
        for tag, value in values:
            parsed = _parse_date(value)
            usable = parsed is not None and (name != "urldate" or parsed[2])
            if usable and name not in found:
                found[name] = parsed
                if parsed[3]:
                    continue
            # not used, or used with text left over (a time of day): kept as it is too
            tags.values.append([tag, value, False])
    dated = found.get("date") or found.get("year")
    if dated:
        year, month, day, _ = dated
        f["year"] = found["year"][0] if "year" in found else year
        if month:
            set_month(entry, month)
            if day:
                f["date"] = f"{year}-{month:02d}-{day:02d}"
    accessed = found.get("urldate")
    if accessed:
        f["urldate"] = f"{accessed[0]}-{accessed[1]:02d}-{accessed[2]:02d}"


def _keep_the_rest(entry: Entry, tags: _Tags) -> None:
    """Values no rule took go to ``ris-<tag>`` fields, unless a field already holds them."""
    held = set(entry.fields.values())
    for tag, values in tags.left().items():
        values = [v for v in dict.fromkeys(values) if v and v not in held]
        if values:
            name = _KEPT + tag.lower()
            entry.fields[name] = "; ".join(([entry.fields[name]] if entry.fields.get(name) else []) + values)


def parse_ris(text: str) -> list[Entry]:
    """Entries from RIS text, leniently: whatever is not a record is skipped.

    Entries without a usable ``ID`` get a fresh citeman key.
    """
    entries = [record_to_entry(r.tags) for r in split_records(text)]
    assign_keys(entries)
    return entries
