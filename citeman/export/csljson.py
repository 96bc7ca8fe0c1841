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
from citeman.names import format_names, parse_names

from citeman.export import mapping as m

# Kept for callers that look a type up directly; the tables live in mapping.py.
TYPE_TO_CSL = m.ENTRY_TYPE_TO_CSL
CSL_TO_TYPE = m.CSL_TO_ENTRY_TYPE
_TITLE_VARIABLES = frozenset(m.TITLE_FIELDS.values())
# Fields named after a CSL variable that has no BibLaTeX field (and no table above).
_TEXT_KEPT = frozenset(m.CSL_TEXT_KEPT) - set(m.TEXT_FIELDS) - set(m.TITLE_FIELDS)

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
    escaped = False
    for ch in value:
        if escaped:
            escaped = False
            if ch in "{}":
                out[-1] = ch  # a literal brace: drop its backslash
                continue
        elif ch == "\\":
            escaped = True
        if escaped:
            out.append(ch)
        elif ch == "{":
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


# Fields whose line breaks are the writer's own (an abstract's lines, Zotero's "extra" notes):
# kept as they are, so import -> export -> import gives them back.
_LINE_FIELDS = frozenset({"abstract", "note", "annotation", "annote", "addendum"})


def _tidy_lines(value: str) -> str:
    """Spaces and tabs squashed and indentation dropped, line breaks kept (a soft break when rendered)."""
    if "\t" not in value and "  " not in value and "\n " not in value:
        return value
    return "\n".join(_SPACES.sub(" ", line).strip() for line in value.strip().split("\n"))


def _strip(value: str, lines: bool = False) -> str:
    """:func:`strip_braces` with a fast path: most values hold no braces at all.

    Runs of whitespace (BibTeX's line wraps) become one space unless ``lines``. Escaped
    braces (``\\{``, as import writes a literal brace) become the brace itself.
    """
    tidy = _tidy_lines if lines else squash_spaces
    if "{" not in value and "}" not in value:
        return tidy(value)
    # Squashed after the braces go: "dtv # { and X}" leaves two spaces where a brace was.
    return tidy(strip_braces(value).replace("\\{", "{").replace("\\}", "}"))


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
        if "family=" in person.literal:  # an extended name read whole (it had no "and" to split on)
            extended = _extended_name(person.literal.split(","))
            if extended:
                return extended
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
_EDTF_DATE = re.compile(r"(-?)(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(~?)")
# EDTF seasons (21 spring .. 24 winter) are months 13..16 in CSL-JSON date-parts.
_SEASON_OFFSET = 8


def edtf_date_parts(value: str) -> dict | None:
    """An EDTF date or range (``2011-05-25/2012-06-26``, ``-0333``, ``2017-21``, ``1901~``,
    ``1988/``) as a CSL date object, ``None`` when it is not one.

    CSL counts years astronomically minus one (``-1`` is 1 BC, EDTF's ``0000``); EDTF
    seasons become months 13..16; ``~`` becomes ``circa``; an open end becomes ``[0]``.
    """
    pieces = value.strip().split("/")
    if len(pieces) > 2 or not pieces[0]:
        return None
    parts: list[list[int]] = []
    circa = False
    for index, piece in enumerate(pieces):
        if index and piece in ("", ".."):
            parts.append([0])
            continue
        match = _EDTF_DATE.fullmatch(piece)
        if not match:
            return None
        sign, year, month, day, approximate = match.groups()
        number = int(year) * (-1 if sign else 1)
        numbers = [number - 1 if number <= 0 else number]
        if month:
            month_number = int(month)
            if 21 <= month_number <= 24 and not day:
                month_number -= _SEASON_OFFSET
            elif not 1 <= month_number <= 12:
                return None
            numbers.append(month_number)
            if day:
                if not 1 <= int(day) <= 31:
                    return None
                numbers.append(int(day))
        circa = circa or bool(approximate)
        parts.append(numbers)
    date: dict = {"date-parts": parts}
    if circa:
        date["circa"] = True
    return date


def _iso_parts(value: str) -> list[int] | None:
    match = _DATE_RE.match(value.strip())
    if not match:
        return None
    parts = [int(p) for p in match.groups() if p]
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        return parts[:1]
    return parts


# biblatex dates may carry a time (``2016-06-06T15:26:37+10:00``); CSL dates have none.
_DATETIME = re.compile(r"(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")


def _date_parts(text: str) -> dict | None:
    """EDTF, or an ISO 8601 date and time, as CSL date-parts; None for anything else."""
    parsed = edtf_date_parts(text)
    if parsed is None:
        timed = _DATETIME.fullmatch(text.strip())
        parsed = edtf_date_parts(timed.group(1)) if timed else None
    return parsed


def _csl_date(value: str) -> dict | None:
    """A date field as a CSL date: EDTF (or a date and time) as date-parts, anything else as a literal."""
    text = _strip(value).strip()
    if not text:
        return None
    return _date_parts(text) or {"literal": text}


def _issued(entry: Entry) -> dict | None:
    """``issued`` from ``date`` (EDTF, ranges included), else from ``year``/``month``/``day``."""
    f = entry.fields
    date = f.get("date")
    if date:
        parsed = _date_parts(date)
        if parsed:
            return parsed
    parts = _year_parts(entry)
    if parts:
        return {"date-parts": [parts]}
    if date and _strip(date).strip():
        return {"literal": _strip(date).strip()}
    return None


def _year_parts(entry: Entry) -> list[int] | None:
    f = entry.fields
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


# eprinttype by biblatex name (``googlebooks``) or by archive name (``Google Books``, as import keeps it).
_EPRINT_BY_NAME = {**{label.lower(): (label, url) for label, url in m.EPRINT_TYPES.values()}, **m.EPRINT_TYPES}


def _eprint(entry: Entry, item: dict) -> None:
    """``eprint``/``eprinttype`` (or ``archiveprefix``) as the archive, its location and a URL."""
    get = entry.fields.get
    eprint = _strip(get("eprint", "")).strip()
    if not eprint:
        return
    kind = (get("eprinttype") or get("archiveprefix") or "").strip()
    archive, prefix = _EPRINT_BY_NAME.get(kind.lower(), (_strip(kind), ""))
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
            item.setdefault(variable, _strip(value, lines=name in _LINE_FIELDS))
        elif name in _TEXT_KEPT:
            item.setdefault(name, _strip(value, lines=name in _LINE_FIELDS))
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
        item["page"] = _strip(pages).replace("--", "-").replace("\u2013", "-")
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
    elif get("eprinttype") and "archive" not in item:
        item["archive"] = _strip(f["eprinttype"])
    issued = _issued(entry)
    if issued:
        item["issued"] = issued
    for name, variable in m.DATE_FIELDS.items():
        if name != "date" and get(name):
            other = _csl_date(f[name])
            if other:
                item[variable] = other
    for name in m.CSL_DATES_KEPT:
        if get(name) and name not in item:
            other = _csl_date(f[name])
            if other:
                item[name] = other
    for name in m.CSL_NAMES_KEPT:
        if get(name) and name not in item:
            item[name] = [_csl_name(p) for p in parse_names(f[name])[0]]
    if get("custom"):
        _custom_back(item, f["custom"])
    return item


def _custom_back(item: dict, value: str) -> None:
    """The ``custom`` field (a JSON object an import kept) back into the item's ``custom``."""
    try:
        data = json.loads(value.replace("\\{", "{").replace("\\}", "}"))
    except ValueError:
        return
    if isinstance(data, dict):
        custom = item.setdefault("custom", {})
        for name, content in data.items():
            custom.setdefault(name, content)


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




_RICH_TAG = re.compile(r"<(/?)(i|b|sup|sub|span)(\s[^>]*)?>")
_OPEN_COMMAND = {"i": "\\textit{", "b": "\\textbf{", "sup": "\\textsuperscript{", "sub": "\\textsubscript{"}


def _span_opening(attributes: str) -> str:
    if "nocase" in attributes:
        return "{"
    if "small-caps" in attributes:
        return "\\textsc{"
    return ""


def _plain(value: str) -> str:
    """CSL rich text -> BibTeX text: nocase spans become braces, ``<i>``, ``<b>``, ``<sup>``,
    ``<sub>`` and small caps the LaTeX commands :func:`rich_text` turns back into them;
    literal braces are escaped."""
    if "{" in value or "}" in value:
        value = value.replace("{", "\\{").replace("}", "\\}")
    if "<" not in value:
        return value
    out: list[str] = []
    closers: list[str] = []
    pos = 0
    for match in _RICH_TAG.finditer(value):
        out.append(value[pos:match.start()])
        pos = match.end()
        closing, tag, attributes = match.groups()
        if closing:
            if closers:
                out.append(closers.pop())
            continue
        opening = _span_opening(attributes or "") if tag == "span" else _OPEN_COMMAND[tag]
        out.append(opening)
        closers.append("}" if opening else "")
    out.append(value[pos:])
    out.extend(reversed(closers))
    return "".join(out)


def _text(value: object) -> str:
    """A plain CSL text or number variable as a field value (literal braces escaped)."""
    text = value if isinstance(value, str) else str(value)
    if "{" in text or "}" in text:
        text = text.replace("{", "\\{").replace("}", "\\}")
    return text


def _person(name: dict) -> Person:
    if "literal" in name:
        return Person(literal=str(name["literal"]))
    particle = " ".join(str(name[k]) for k in ("dropping-particle", "non-dropping-particle") if name.get(k))
    return Person(
        family=str(name.get("family", "")),
        given=str(name.get("given", "")),
        particle=particle,
        suffix=str(name.get("suffix", "")),
    )


def _csl_year(value: object) -> int | None:
    text = str(value).strip()
    return int(text) if text.lstrip("-").isdecimal() else None


def edtf_date(value: object) -> str:
    """A CSL date object as EDTF (``2011-05-25/2012-06-26``, ``-0333``, ``2017-21``), or its literal/raw text.

    The inverse of :func:`edtf_date_parts`: CSL year ``-1`` is EDTF ``0000``, months 13..16
    are the seasons 21..24, ``circa`` is ``~`` on the first date, an end ``[0]`` an open range.
    """
    if not isinstance(value, dict):
        return str(value) if value else ""
    texts: list[str] = []
    for index, part in enumerate((value.get("date-parts") or [])[:2]):
        numbers = [_csl_year(p) for p in (part or [])[:3]] if isinstance(part, list) else []
        if not numbers or numbers[0] is None:
            texts = []
            break
        year = numbers[0]
        if year == 0:
            if index == 0:
                texts = []
                break
            texts.append("")  # an open end
            continue
        year = year + 1 if year < 0 else year
        text = f"-{-year:04d}" if year < 0 else f"{year:04d}"
        month = numbers[1] if len(numbers) > 1 else None
        if not month and index == 0 and value.get("season") and _csl_year(value["season"]):
            month = _csl_year(value["season"]) + 12  # "season": 1..4
        if month and 1 <= month <= 12:
            text += f"-{month:02d}"
            day = numbers[2] if len(numbers) > 2 else None
            if day and 1 <= day <= 31:
                text += f"-{day:02d}"
        elif month and 13 <= month <= 16:
            text += f"-{month + _SEASON_OFFSET:02d}"
        texts.append(text)
    if texts:
        if value.get("circa") not in (None, False, 0, "", "false"):
            texts[0] += "~"
        return "/".join(texts)
    return str(value.get("literal") or value.get("raw") or "")


_SIMPLE_DATE = re.compile(r"(\d{4})(?:-(0[1-9]|1[0-2]))?(?:-(\d{2}))?")


def _set_issued(entry: Entry, issued: object) -> None:
    """``issued`` as ``year`` (+ ``month`` macro, + ``date`` when it holds a day); any other
    date (a range, a season, BC, circa, a literal) as ``date`` alone."""
    date = edtf_date(issued)
    match = _SIMPLE_DATE.fullmatch(date)
    if not match:
        if date:
            entry.fields["date"] = _text(date)
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
    "genre", *m.NAME_VARIABLES_FROM_CSL, *m.DATE_VARIABLES_FROM_CSL, *m.CSL_NAMES_KEPT, *m.CSL_DATES_KEPT,
})
_NAME_VARIABLES = frozenset({*m.NAME_VARIABLES_FROM_CSL, *m.CSL_NAMES_KEPT})
_DATE_VARIABLES = frozenset({"issued", *m.DATE_VARIABLES_FROM_CSL, *m.CSL_DATES_KEPT})
_TEXT_VARIABLES = m.CSL_SCHEMA_VARIABLES - _NAME_VARIABLES - _DATE_VARIABLES - {"custom", "categories"}


def _restore_originals(entry: Entry, custom: object, extra: dict) -> None:
    """Put back the fields :func:`to_csl` saved in ``custom``; other custom data (and
    ``extra``, the variables CSL does not define) stays as JSON in the ``custom`` field."""
    rest = {k: v for k, v in custom.items() if k != ORIGINAL_FIELDS} if isinstance(custom, dict) else {}
    rest.update((k, v) for k, v in extra.items() if k not in rest)
    if rest:
        entry.fields.setdefault("custom", _text(json.dumps(rest, ensure_ascii=False, sort_keys=True)))
    originals = custom.get(ORIGINAL_FIELDS) if isinstance(custom, dict) else None
    if not isinstance(originals, dict):
        return
    for name, value in originals.items():
        if name in ("language", "langid") and isinstance(value, str):
            if name == "langid":
                entry.fields.pop("language", None)  # it was only the tag derived from langid
            entry.fields[name] = value


def item_problem(item: object) -> str:
    """Why ``item`` cannot be read as a CSL-JSON item (``""`` when it can)."""
    if not isinstance(item, dict):
        return f"an item must be a JSON object, not {type(item).__name__}"
    for variable, value in item.items():
        if value in (None, "", [], {}):
            continue
        if variable in _NAME_VARIABLES:
            if not isinstance(value, list) or not all(isinstance(n, dict) for n in value):
                return f"'{variable}' must be a list of name objects"
        elif variable in _DATE_VARIABLES:
            if not isinstance(value, (dict, str)):
                return f"'{variable}' must be a date object"
            parts = value.get("date-parts") if isinstance(value, dict) else None
            if parts is not None and not (isinstance(parts, list) and all(isinstance(p, list) for p in parts)):
                return f"'{variable}' has malformed date-parts"
        elif variable in _TEXT_VARIABLES and not isinstance(value, (str, int, float)):
            return f"'{variable}' must be text or a number"
    return ""


def from_csl(item: dict) -> Entry:
    """An entry from one CSL-JSON item (Zotero, Better BibTeX, citation-js or citeman's own export).

    Every variable is kept: the tables map most to BibLaTeX fields, variables with no
    BibLaTeX field go to a field of their own name (``CSL_TEXT_KEPT`` and friends), and
    variables the CSL schema does not define to the ``custom`` field as JSON; the CSL
    export writes each back where it came from.
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
    extra: dict = {}
    for variable, value in item.items():
        if variable in _HANDLED or variable == "title" or value in ("", None, [], {}):
            continue
        if variable not in m.CSL_SCHEMA_VARIABLES or variable == "categories":
            extra[variable] = value
            continue
        name = m.CSL_TO_FIELD.get(variable, variable)
        if name in fields:
            continue
        if variable in _TITLE_VARIABLES:
            fields[name] = _plain(str(value))
        elif isinstance(value, (str, int, float)):
            fields[name] = _text(value)
        else:
            fields[name] = _text(json.dumps(value, ensure_ascii=False))
    if item.get("genre"):
        fields.setdefault("type" if kind in m.GENRE_TYPES else "genre", _text(item["genre"]))
    primary = m.NUMBER_BY_TYPE.get(kind, m.NUMBER_DEFAULT)
    if item.get(primary) not in (None, ""):
        fields.setdefault("number", _text(item[primary]))
    for variable in m.NUMBER_FIELDS_FROM_CSL:
        if variable != primary and item.get(variable) not in (None, ""):
            fields.setdefault(m.OTHER_NUMBER_FIELDS[variable], _text(item[variable]))
    if item.get("page"):
        fields["pages"] = re.sub(r"\s*[-\u2013]\s*", "--", _text(item["page"]))
    publisher_field = m.PUBLISHER_FIELD_BY_CSL_TYPE.get(csl)
    if publisher_field and "publisher" in fields:
        fields[publisher_field] = fields.pop("publisher")
    located = re.fullmatch(r"(\S+) \[([^\]]+)\]", fields.get("eprint", ""))
    if located and "eprintclass" not in fields:
        fields["eprint"], fields["eprintclass"] = located.groups()  # "ID [class]", as to_csl writes it
    if fields.get("eprint") and fields.get("eprinttype"):
        archive = fields["eprinttype"].lower()
        for kind_name, (label, prefix) in m.EPRINT_TYPES.items():
            if label.lower() == archive or kind_name == archive:
                if prefix and fields.get("url") == prefix + fields["eprint"]:
                    del fields["url"]  # to_csl derives it from the eprint again
                if kind_name == "arxiv" and fields.get("number", "").startswith("arXiv:"):
                    del fields["number"]
    for variable, name in m.DATE_VARIABLES_FROM_CSL.items():
        if item.get(variable):
            fields[name] = _text(edtf_date(item[variable]))
    for variable in m.CSL_DATES_KEPT:
        if item.get(variable):
            fields[variable] = _text(edtf_date(item[variable]))
    for variable in m.CSL_NAMES_KEPT:
        if item.get(variable):
            fields[variable] = format_names([_person(n) for n in item[variable] if isinstance(n, dict)])
    _restore_originals(entry, item.get("custom"), extra)
    if csl_type(entry) != csl and (kind, csl) in m.SUBTYPE_TO_CSL:
        fields["entrysubtype"] = csl  # e.g. a web page with a version, which would export as software
    return entry


def from_csl_json(text: str) -> list[Entry]:
    data = json.loads(text)
    if isinstance(data, dict):
        data = [data]
    return [from_csl(item) for item in data if isinstance(item, dict)]
