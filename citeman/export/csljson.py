"""CSL-JSON, the input of every CSL processor (pandoc, citeproc-js/Zotero).

citeman feeds renderers its own CSL-JSON instead of letting them read .bib files,
because every BibTeX-to-CSL conversion measured loses entries. Case-protecting braces
become ``<span class="nocase">`` (the CSL-JSON rich-text convention), names map
part for part, dates become ``date-parts``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from citeman.io.bibtex import MONTH_MACROS, set_month
from citeman.io.latex import strip_braces
from citeman.model import Entry, Person

from citeman.export import mapping as m

# Kept for callers that look a type up directly; the tables live in mapping.py.
TYPE_TO_CSL = m.ENTRY_TYPE_TO_CSL
CSL_TO_TYPE = m.CSL_TO_ENTRY_TYPE
_TITLE_VARIABLES = frozenset(m.TITLE_FIELDS.values())

# LaTeX markup with a CSL rich-text equivalent: command -> (opening, closing) tag.
_MARKUP = {
    "emph": ("<i>", "</i>"), "textit": ("<i>", "</i>"), "mkbibemph": ("<i>", "</i>"), "textsl": ("<i>", "</i>"),
    "mkbibitalic": ("<i>", "</i>"), "textbf": ("<b>", "</b>"), "mkbibbold": ("<b>", "</b>"),
    "textsc": ('<span style="font-variant:small-caps;">', "</span>"),
    "textsuperscript": ("<sup>", "</sup>"), "mkbibsuperscript": ("<sup>", "</sup>"),
    "textsubscript": ("<sub>", "</sub>"), "mkbibsubscript": ("<sub>", "</sub>"),
    "url": ("", ""), "path": ("", ""), "mkbibquote": ("“", "”"), "enquote": ("“", "”"),
    "textrm": ("", ""), "textup": ("", ""), "textnormal": ("", ""),
}
_COMMAND = re.compile(r"\\([A-Za-z]+)\s*(?=\{)")
_RELAX = re.compile(r"\\relax\s*")


def _markup(value: str) -> str:
    """LaTeX text commands (``\\emph{x}``, ``\\textsc{x}``) -> CSL rich-text tags; others untouched."""
    out: list[str] = []
    pos = 0
    for match in _COMMAND.finditer(value):
        tags = _MARKUP.get(match.group(1))
        if tags is None or match.start() < pos:
            continue
        close = _closing_brace(value, match.end())
        if close < 0:
            continue
        out.append(value[pos:match.start()])
        out.append(tags[0] + _markup(value[match.end() + 1:close]) + tags[1])
        pos = close + 1
    return "".join(out) + value[pos:] if out else value


def _closing_brace(value: str, start: int) -> int:
    """Index of the brace closing the one at ``start`` (-1 if it never closes)."""
    depth = 0
    for i in range(start, len(value)):
        if value[i] == "{" and value[i - 1:i] != "\\":
            depth += 1
        elif value[i] == "}" and value[i - 1:i] != "\\":
            depth -= 1
            if depth == 0:
                return i
    return -1


_BLANK_LINE = re.compile(r"\s*\n[^\S\n]*\n\s*")
_SPACES = re.compile(r"\s+")


def squash_spaces(value: str) -> str:
    """BibTeX whitespace: any run is one space (line wrapping, indentation), a blank line a paragraph break."""
    if "\n" not in value and "\t" not in value and "  " not in value:
        return value
    return "\n\n".join(_SPACES.sub(" ", part) for part in _BLANK_LINE.split(value.strip()))


def rich_text(value: str) -> str:
    """BibTeX text -> CSL rich text: markup commands become tags, protective braces nocase spans."""
    value = squash_spaces(value.replace("\\&", "&"))
    if "{" not in value:
        return value
    if "\\" in value:
        value = _markup(_RELAX.sub("", value))
    out: list[str] = []
    depth = 0
    for ch in value:
        if ch == "{":
            if depth == 0:
                out.append('<span class="nocase">')
            depth += 1
        elif ch == "}" and depth:
            depth -= 1
            if depth == 0:
                out.append("</span>")
        else:
            out.append(ch)
    if depth:
        out.append("</span>")
    text = "".join(out)
    return _NOCASE_ELISION.sub(r"\2\1", text) if "’" in text or "'" in text else text


# An apostrophe of elision opening a protected span ("{’t Hooft}") goes before the span:
# it has no case, and citeproc-js prints a nocase span that starts with one as raw markup.
_NOCASE_ELISION = re.compile(r'(<span class="nocase">)([’\'])(?=\w)')


# A full stop after a word of three letters or more (not "al.", not "-1."), also when
# closing markup stands before or after it ("Data</span>.", "Komplex.</span>").
_TERMINAL_PERIOD = re.compile(r"(?<=[^\W\d_]{3})((?:</[a-z]+>)*)\.((?:</[a-z]+>)*)$")


def _title(value: str) -> str:
    """A title as CSL wants it: rich text without the full stop styles add themselves."""
    text = rich_text(value).rstrip()
    return _TERMINAL_PERIOD.sub(r"\1\2", text) if text.endswith((".", ">")) else text


def _strip(value: str) -> str:
    """:func:`strip_braces` with a fast path: most values hold no braces at all."""
    value = squash_spaces(value)
    return strip_braces(value) if "{" in value or "}" in value else value


# BibTeX writes a range of volumes or issues with "--" (an en dash); CSL with "-".
# A trailing separator ("1st,", "3;") is left over from the source, not part of the number.
_NUMBER_RANGE = re.compile(r"(?<=\d)\s*--?\s*(?=\d)")
_RANGE_VARIABLES = ("volume", "issue", "number", "collection-number", "number-of-volumes", "edition")


_NAME_PART_KEYS = {"family": "family", "given": "given", "prefix": "non-dropping-particle", "suffix": "suffix"}


def _extended_name(parts: list[str]) -> dict[str, str] | None:
    """biblatex's extended name format (``family=Meij, prefix=van der, given=Vincent``)."""
    name: dict[str, str] = {}
    for part in parts:
        key, sep, value = part.partition("=")
        if not sep:
            return None
        variable = _NAME_PART_KEYS.get(key.strip().lower())
        if variable:
            name[variable] = _strip(value.strip())
    return name if "family" in name else None


def _csl_name(person: Person) -> dict[str, str]:
    if person.literal:
        return {"literal": person.literal}
    family, given = person.family, person.given
    if "=" in family:
        extended = _extended_name([p for p in (family, person.suffix, given) if p])
        if extended:
            return extended
    name: dict[str, str] = {}
    if family:
        name["family"] = strip_braces(family) if "{" in family or "}" in family else family
    if given:
        given = _RELAX.sub("", given) if "\\" in given else given
        name["given"] = strip_braces(given) if "{" in given or "}" in given else given
    if person.particle:
        name["non-dropping-particle"] = person.particle
    if person.suffix:
        name["suffix"] = person.suffix
    return name


_DATE_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_URLDATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTH_NUMBER = {macro: i + 1 for i, macro in enumerate(MONTH_MACROS)}


def _iso_parts(value: str) -> list[int] | None:
    match = _DATE_RE.match(value.strip())
    if not match:
        return None
    parts = [int(p) for p in match.groups() if p]
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        return parts[:1]
    return parts


def _date_parts(entry: Entry) -> list[int] | None:
    f = entry.fields
    date = f.get("date")
    if date:
        parts = _iso_parts(date)
        if parts:
            return parts
    year = f.get("year")
    if not year:
        return None
    year = year.strip()
    if not (year.isascii() and year.isdigit() and len(year) <= 4):
        return None
    parts = [int(year)]
    month = f.get("month")
    if month:
        month = month.strip().lower()[:3]
        if month in _MONTH_NUMBER:
            parts.append(_MONTH_NUMBER[month])
        elif month.isdecimal() and 1 <= int(month) <= 12:
            parts.append(int(month))
        day = f.get("day", "").strip()
        if len(parts) == 2 and day.isdecimal() and 1 <= int(day) <= 31:
            parts.append(int(day))
    return parts


def csl_type(entry: Entry) -> str:
    """The CSL type of an entry, refined by its ``entrysubtype`` and ``version``."""
    kind = entry.type
    subtype = entry.fields.get("entrysubtype")
    if subtype:
        refined = m.SUBTYPE_TO_CSL.get((kind, subtype.strip().lower()))
        if refined:
            return refined
    if kind in m.VERSIONED_SOFTWARE_TYPES and entry.fields.get("version"):
        return "software"
    return m.ENTRY_TYPE_TO_CSL.get(kind, "document")


_URL_IN_TEXT = re.compile(r"^\s*(?:\\url\s*)?\{?\s*(https?://[^\s{}]+)\s*\}?\s*$")


def _eprint(entry: Entry, item: dict) -> None:
    """``eprint``/``eprinttype`` (or ``archiveprefix``) as the archive, its location and a URL."""
    get = entry.fields.get
    eprint = _strip(get("eprint", "")).strip()
    if not eprint:
        return
    kind = (get("eprinttype") or get("archiveprefix") or "").strip()
    archive, prefix = m.EPRINT_TYPES.get(kind.lower(), (_strip(kind), ""))
    if kind.lower() == "doi":
        item.setdefault("DOI", eprint)
        return
    if archive:
        item.setdefault("archive", archive)
    eprint_class = _strip(get("eprintclass") or get("primaryclass") or "").strip()
    item.setdefault("archive_location", f"{eprint} [{eprint_class}]" if eprint_class else eprint)
    if prefix:
        item.setdefault("URL", prefix + eprint)
    if kind.lower() == "arxiv":
        item.setdefault("number", f"arXiv:{eprint}")


def to_csl(entry: Entry) -> dict:
    """One CSL-JSON item for an entry, by the tables of :mod:`citeman.export.mapping`."""
    # Written for speed (exports of 100,000 entries): one pass over the fields.
    kind = entry.type
    item: dict = {"id": entry.key, "type": csl_type(entry)}
    for role, people in entry.persons.items():
        variable = m.NAME_FIELDS.get(role)
        if people and variable and variable not in item:
            item[variable] = [_csl_name(p) for p in people]
    f = entry.fields
    text_fields, title_fields = m.TEXT_FIELDS, m.TITLE_FIELDS
    for name, value in f.items():
        if not value:
            continue
        variable = title_fields.get(name)
        if variable is not None:
            item.setdefault(variable, _title(value) if name == "title" else rich_text(value))
            continue
        variable = text_fields.get(name)
        if variable is not None:
            item.setdefault(variable, _strip(value))
    get = f.get
    for name, (variable, separator) in m.SUBTITLE_FIELDS.items():
        if get(name) and variable in item:
            item[variable] = item[variable] + separator + _title(f[name])
    for name, variable in m.FALLBACK_FIELDS.items():
        if get(name):
            item.setdefault(variable, _strip(f[name]))
    if "language" in item:
        tag = m.language_tag(item["language"])
        source = "language" if get("language") else "langid"
        if tag != _strip(f[source]):
            # CSL holds BCP 47 only; the biblatex spelling rides in ``custom`` so import restores it.
            item.setdefault("custom", {})[ORIGINAL_FIELDS] = {source: _strip(f[source])}
        if tag:
            item["language"] = tag
        else:
            del item["language"]  # not a language CSL knows
    if get("addendum"):
        note = item.get("note")
        item["note"] = f"{note}. {_strip(f['addendum'])}" if note else _strip(f["addendum"])
    number = get("number")
    if number:
        item[m.NUMBER_BY_TYPE.get(kind, m.NUMBER_DEFAULT)] = _strip(number)
    for variable in _RANGE_VARIABLES:
        value = item.get(variable)
        if value and ("--" in value or value[-1] in " ,;"):
            if "--" in value:
                value = _NUMBER_RANGE.sub("-", value)
            item[variable] = value.rstrip(" ,;") or value
    pages = get("pages")
    if pages:
        item["page"] = pages.replace("--", "-").replace("\u2013", "-")
    howpublished = get("howpublished")
    if howpublished:
        url = _URL_IN_TEXT.match(howpublished)
        if url:
            item.setdefault("URL", url.group(1))
            howpublished = None
    if kind in m.WEB_TYPES and "container-title" not in item:
        for name in m.WEB_CONTAINER_FIELDS:
            value = howpublished if name == "howpublished" else get(name)
            if value:
                item["container-title"] = rich_text(value)
                break
    if "publisher" not in item:
        for name in m.PUBLISHER_BY_TYPE.get(kind, m.PUBLISHER_DEFAULT):
            value = howpublished if name == "howpublished" else get(name)
            if value and rich_text(value) != item.get("container-title"):
                item["publisher"] = _strip(value)
                break
    if kind in m.GENRE_TYPES and get("type"):
        item["genre"] = _strip(f["type"])
    elif kind in m.IMPLIED_GENRE:
        item["genre"] = m.IMPLIED_GENRE[kind]
    if get("eprint"):
        _eprint(entry, item)
    parts = _date_parts(entry)
    if parts:
        item["issued"] = {"date-parts": [parts]}
    for name, variable in m.DATE_FIELDS.items():
        if name != "date" and get(name):
            other = _iso_parts(f[name])
            if other:
                item[variable] = {"date-parts": [other]}
    return item


def to_csl_items(entries: Iterable[Entry]) -> list[dict]:
    return [to_csl(e) for e in entries]


def _item_encoder():
    """A function item -> compact UTF-8 JSON text, made once (``json.dumps`` rebuilds its
    encoder on every call when ``ensure_ascii=False``)."""
    from json.encoder import c_make_encoder, encode_basestring

    if c_make_encoder is None:  # pragma: no cover - interpreters without the C accelerator
        return lambda item: json.dumps(item, ensure_ascii=False)
    encoder = c_make_encoder(None, None, encode_basestring, None, ": ", ", ", False, False, True)
    return lambda item: "".join(encoder(item, 0))


def _encoded_items(entries: Iterable[Entry]) -> str:
    encode = _item_encoder()
    return ",\n  ".join(encode(to_csl(e)) for e in entries)


def to_csl_json(entries: Iterable[Entry]) -> str:
    """A CSL-JSON array, one item per line (UTF-8, trailing newline).

    One compact item per line keeps diffs readable and lets the C JSON encoder do the
    work (an indented dump runs in pure Python, about 4x slower on large libraries).
    """
    body = _encoded_items(entries)
    return "[\n  " + body + "\n]\n" if body else "[]\n"




def _plain(value: str) -> str:
    """CSL rich text -> BibTeX text (nocase spans back to braces, other markup dropped)."""
    value = re.sub(r'<span class="nocase">(.*?)</span>', r"{\1}", value)
    return re.sub(r"</?(?:i|b|sup|sub|span)[^>]*>", "", value)


def _person(name: dict) -> Person:
    if "literal" in name:
        return Person(literal=name["literal"])
    return Person(
        family=name.get("family", ""),
        given=name.get("given", ""),
        particle=name.get("non-dropping-particle", "") or name.get("dropping-particle", ""),
        suffix=name.get("suffix", ""),
    )


def _iso_date(value: object) -> str:
    """A CSL date object as an ISO 8601 date (or range), or its literal/raw text."""
    if not isinstance(value, dict):
        return str(value) if value else ""
    parts = value.get("date-parts") or []
    dates = []
    for part in parts[:2]:
        numbers = [int(p) for p in (part or []) if str(p).lstrip("-").isdecimal()]
        if numbers:
            dates.append("-".join([f"{numbers[0]:04d}"] + [f"{n:02d}" for n in numbers[1:3]]))
    if dates:
        return "/".join(dates)
    return str(value.get("literal") or value.get("raw") or "")


def _set_issued(entry: Entry, issued: object) -> None:
    """``issued`` as ``year`` (+ ``month`` macro, + ``date`` when it holds a day or a range)."""
    date = _iso_date(issued)
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", date)
    if not match:
        if date:
            entry.fields["date"] = date
        return
    entry.fields["year"] = match.group(1)
    if match.group(2):
        set_month(entry, int(match.group(2)))
    if match.group(3):
        entry.fields["date"] = date


# Key in an item's ``custom`` holding biblatex values CSL cannot hold as written.
ORIGINAL_FIELDS = "biblatex-fields"

_HANDLED = frozenset({
    "custom", "id", "type", "issued", "container-title", "page", "issue", "number", "collection-number", "citation-key",
    *m.NAME_VARIABLES_FROM_CSL, *m.DATE_VARIABLES_FROM_CSL,
})


def _restore_originals(entry: Entry, custom: object) -> None:
    """Put back the fields :func:`to_csl` saved in ``custom``; other custom data stays as JSON."""
    if not isinstance(custom, dict) or not custom:
        return
    rest = {k: v for k, v in custom.items() if k != ORIGINAL_FIELDS}
    if rest:
        entry.fields.setdefault("custom", json.dumps(rest, ensure_ascii=False))
    originals = custom.get(ORIGINAL_FIELDS)
    if not isinstance(originals, dict):
        return
    for name, value in originals.items():
        if name in ("language", "langid") and isinstance(value, str):
            if name == "langid":
                entry.fields.pop("language", None)  # it was only the tag derived from langid
            entry.fields[name] = value


def from_csl(item: dict) -> Entry:
    """An entry from one CSL-JSON item (Zotero, Better BibTeX, citation-js or citeman's own export).

    Variables the tables do not name are kept in fields of their own name, so an
    import followed by an export loses nothing.
    """
    csl = str(item.get("type", "document"))
    kind = m.CSL_TO_ENTRY_TYPE.get(csl, "misc")
    key = str(item.get("citation-key") or item.get("id", ""))
    entry = Entry(key=key, type=kind)
    fields = entry.fields
    if csl in m.CSL_TO_SUBTYPE:
        fields["entrysubtype"] = m.CSL_TO_SUBTYPE[csl]
    for variable, role in m.NAME_VARIABLES_FROM_CSL.items():
        if item.get(variable):
            entry.persons[role] = [_person(n) for n in item[variable] if isinstance(n, dict)]
    if item.get("title"):
        fields["title"] = _plain(str(item["title"]))
    if item.get("container-title"):
        container = m.CONTAINER_FIELD_BY_TYPE.get(kind, m.CONTAINER_FIELD_DEFAULT)
        fields[container] = _plain(str(item["container-title"]))
    if item.get("issued"):
        _set_issued(entry, item["issued"])
    for variable, value in item.items():
        if variable in _HANDLED or variable == "title" or value in ("", None, [], {}):
            continue
        name = m.CSL_TO_FIELD.get(variable, variable.lower())
        if name not in fields:
            fields[name] = _plain(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)) \
                if not isinstance(value, (int, float)) else str(value)
    for variable in m.NUMBER_FIELDS_FROM_CSL:
        if item.get(variable) and "number" not in fields:
            fields["number"] = str(item[variable])
    if item.get("page"):
        fields["pages"] = re.sub(r"\s*[-\u2013]\s*", "--", str(item["page"]))
    publisher_field = m.PUBLISHER_FIELD_BY_CSL_TYPE.get(csl)
    if publisher_field and "publisher" in fields:
        fields[publisher_field] = fields.pop("publisher")
    if fields.get("eprinttype") == "arXiv" and fields.get("number", "").startswith("arXiv:"):
        del fields["number"]  # to_csl derives it from the eprint again
    for variable, name in m.DATE_VARIABLES_FROM_CSL.items():
        if item.get(variable):
            fields[name] = _iso_date(item[variable])
    _restore_originals(entry, item.get("custom"))
    return entry


def from_csl_json(text: str) -> list[Entry]:
    data = json.loads(text)
    if isinstance(data, dict):
        data = [data]
    return [from_csl(item) for item in data if isinstance(item, dict)]
