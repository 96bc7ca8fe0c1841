"""BibLaTeX output: the same entries in biblatex's own data model.

biblatex reads plain BibTeX, but then falls back on compatibility aliases and loses
what BibTeX cannot say: full dates (``date = {2019-05-01}``), ``online`` entries,
``report``/``thesis`` with a ``type``. Writing its native types and fields lets
``biber`` validate the file and styles such as biblatex-apa use every detail.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from citeman.export.mapping import BIBTEX_TO_BIBLATEX_FIELDS, BIBTEX_TO_BIBLATEX_TYPES
from citeman.io.bibtex import MONTH_MACROS, dumps_bib
from citeman.model import Entry


def _date(entry: Entry) -> str:
    """The ISO 8601 date biblatex wants, from ``date`` or ``year`` + ``month`` (+ ``day``)."""
    fields = entry.fields
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?(/.*)?", fields.get("date", "").strip()):
        return fields["date"].strip()
    year = fields.get("year", "").strip()
    if not re.fullmatch(r"\d{4}", year):
        return ""
    month = fields.get("month", "").strip().lower()
    number = 0
    if month[:3] in MONTH_MACROS:
        number = MONTH_MACROS.index(month[:3]) + 1
    elif month.isdecimal() and 1 <= int(month) <= 12:
        number = int(month)
    if not number:
        return year if not month else ""
    day = fields.get("day", "").strip()
    if day.isdecimal() and 1 <= int(day) <= 31:
        return f"{year}-{number:02d}-{int(day):02d}"
    return f"{year}-{number:02d}"


def to_biblatex_entry(entry: Entry) -> Entry:
    """A copy of ``entry`` with biblatex types and field names (nothing dropped)."""
    kind, implied_type = BIBTEX_TO_BIBLATEX_TYPES.get(entry.type, (entry.type, ""))
    if entry.type == "misc" and entry.fields.get("url") and not entry.fields.get("publisher"):
        kind = "online"
    out = Entry(
        key=entry.key,
        type=kind,
        persons={role: list(people) for role, people in entry.persons.items()},
        macros=set(entry.macros),
        source=entry.source,
        comments=list(entry.comments),
        truncated=set(entry.truncated),
    )
    date = _date(entry)
    for name, value in entry.fields.items():
        if date and name in {"year", "month", "day", "date"}:
            if name == "year" or (name == "date" and "year" not in entry.fields):
                out.fields["date"] = date
            continue
        target = BIBTEX_TO_BIBLATEX_FIELDS.get(name, name)
        if target in out.fields:  # both journal and journaltitle present: keep the first
            target = name
        out.fields[target] = value
        if name in entry.macros:
            out.macros.discard(name)
            out.macros.add(target)
    if implied_type and "type" not in out.fields:
        out.fields["type"] = implied_type
    out.macros &= set(out.fields)
    return out


def to_biblatex(entries: Iterable[Entry]) -> str:
    """BibLaTeX text for ``entries``, in citeman's canonical layout."""
    return dumps_bib([to_biblatex_entry(e) for e in entries])
