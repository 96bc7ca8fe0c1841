"""Reading CSL-JSON and RIS files into entries (``citeman import``).

The conversions are the inverses of the CSL-JSON and RIS writers beside this module
(:func:`citeman.export.csljson.from_csl`, :func:`citeman.export.ris.split_records`), by
the same tables of :mod:`citeman.export.mapping`. This module adds what a whole file
needs: a one-line :class:`InputError` (file and line) for a file that is not CSL-JSON or
RIS at all, an ``@misc`` entry with the raw text and a ``P301`` warning for each item
that cannot be read, and keys by the rules of :mod:`citeman.keys`.
"""

from __future__ import annotations

import json

from citeman.errors import InputError
from citeman.keys import assign_keys, is_safe_key
from citeman.model import Diagnostic, Entry, Span

FORMATS = ("csl-json", "ris")
UNREADABLE = "P301"
# File name endings that name the format when ``--from`` is not given.
SUFFIXES = {".json": "csl-json", ".csljson": "csl-json", ".ris": "ris"}
_ITEM_MARKS = ("type", "id", "citation-key", "title")


def read_entries(text: str, fmt: str, path: str = "") -> tuple[list[Entry], list[Diagnostic]]:
    """The entries of ``text`` in ``fmt`` (``csl-json`` or ``ris``) and the problems found.

    Raises :class:`InputError` when the text as a whole is not in that format.
    """
    if fmt == "csl-json":
        entries, diagnostics = _read_csl_json(text, path)
    elif fmt == "ris":
        entries, diagnostics = _read_ris(text, path)
    else:
        raise InputError(f"unknown import format {fmt!r} (choose from {', '.join(FORMATS)})")
    settle_keys(entries)
    return entries, _keyed(entries, diagnostics)


def _keyed(entries: list[Entry], diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Fill in the key of each diagnostic from the entry that starts on its line."""
    by_line = {e.source.line: e.key for e in entries if e.source is not None}
    for diagnostic in diagnostics:
        if not diagnostic.key:
            diagnostic.key = by_line.get(diagnostic.line, "")
    return diagnostics


def settle_keys(entries: list[Entry]) -> None:
    """Keep each safe, unique key as it is; give every other entry a fresh citeman key."""
    seen: set[str] = set()
    for entry in entries:
        if entry.key and (not is_safe_key(entry.key) or entry.key in seen):
            entry.key = ""
        if entry.key:
            seen.add(entry.key)
    assign_keys(entries)


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _json_items(text: str, path: str) -> list[tuple[object, int]]:
    """The items of a CSL-JSON text with the line each starts on."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(f"not JSON: {err.msg}", path=path, line=err.lineno) from None
    start = len(text) - len(text.lstrip())
    if isinstance(data, dict):
        if not any(mark in data for mark in _ITEM_MARKS):
            raise InputError("not CSL-JSON: expected an array of items or one item (an object with"
                             " 'type' and 'id'), found an object without them", path=path, line=_line_of(text, start))
        return [(data, _line_of(text, start))]
    if not isinstance(data, list):
        raise InputError(f"not CSL-JSON: expected an array of items or one item, found {_json_kind(data)}",
                         path=path, line=_line_of(text, start))
    # json.loads accepted the text, so walking the array element by element cannot fail.
    decoder = json.JSONDecoder()
    items: list[tuple[object, int]] = []
    pos = start + 1
    line, counted = _line_of(text, pos), pos  # lines counted as we go: one pass over the text
    for _ in data:
        while text[pos] in " \t\r\n,":
            pos += 1
        item, end = decoder.raw_decode(text, pos)
        line += text.count("\n", counted, pos)
        counted = pos
        items.append((item, line))
        pos = end
    return items


def _json_kind(value: object) -> str:
    return {str: "a string", int: "a number", float: "a number", bool: "a boolean"}.get(type(value), "null")


def _unreadable(raw: str, note: str, path: str, line: int, problem: str, what: str) -> tuple[Entry, Diagnostic]:
    entry = Entry(key="", type="misc", fields={"note": note, "rawref": raw}, source=Span(path, line))
    return entry, Diagnostic(UNREADABLE, "warning", f"{what} kept as @misc with its text in rawref: {problem}",
                             path, line)


def _read_csl_json(text: str, path: str) -> tuple[list[Entry], list[Diagnostic]]:
    from citeman.export.csljson import from_csl, item_problem

    entries: list[Entry] = []
    diagnostics: list[Diagnostic] = []
    for item, line in _json_items(text, path):
        problem = item_problem(item)
        if not problem:
            try:
                entry = from_csl(item)  # type: ignore[arg-type]
            except (TypeError, ValueError, AttributeError, KeyError) as err:  # a shape item_problem missed
                problem = f"cannot be read ({type(err).__name__})"
            else:
                entry.source = Span(path, line)
                entries.append(entry)
                continue
        entry, diagnostic = _unreadable(json.dumps(item, ensure_ascii=False), "unreadable CSL-JSON item",
                                        path, line, problem, "CSL-JSON item")
        entries.append(entry)
        diagnostics.append(diagnostic)
    return entries, diagnostics


def _read_ris(text: str, path: str) -> tuple[list[Entry], list[Diagnostic]]:
    from citeman.export.ris import record_to_entry, split_records

    entries: list[Entry] = []
    diagnostics: list[Diagnostic] = []
    for record in split_records(text, path, strict=True):
        if record.broken:
            problem = f"line {record.broken} is not a tag line ('XX  - value')"
        elif not any(value.strip() for tag, value in record.tags if tag != "TY"):
            problem = "the record holds no tags"
        else:
            entry = record_to_entry(record.tags)
            entry.source = Span(path, record.line)
            entries.append(entry)
            continue
        entry, diagnostic = _unreadable("\n".join(record.raw).strip(), "unreadable RIS record", path, record.line,
                                        problem, "RIS record")
        entries.append(entry)
        diagnostics.append(diagnostic)
    return entries, diagnostics
