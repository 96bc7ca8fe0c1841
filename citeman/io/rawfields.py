"""Where each field of an entry sits in its source text.

Rules about the source itself (escapes, braces, name order), the linter's line
numbers and the splice writer all need to find a field in an entry's raw block; they
do it here, with scans that tolerate text the readers would reject.
"""

from __future__ import annotations

import re

from citeman.model import Entry

FIELD_NAME = re.compile(r"\s*([A-Za-z_][\w.:+/-]*)\s*=\s*")


def find_fields(raw: str) -> list[tuple[str, str, int]]:
    """``(name, raw value, line offset within raw)`` for each field of a raw entry block.

    Values keep their LaTeX (``\\&``) and enclosing braces or quotes. Used by rules
    about the source text itself (escapes, braces, name order); tolerant of odd text.
    """
    return [(name, raw[start:end].strip(), raw.count("\n", 0, start)) for name, start, end in field_spans(raw)]


def field_spans(raw: str) -> list[tuple[str, int, int]]:
    """``(name, value start, value end)`` offsets of each field in a raw entry block."""
    return [(name, start, end) for name, _, start, end in _scan_fields(raw)]


def source_offsets(raw: str) -> dict[str, list[tuple[int, int]]]:
    """Every occurrence of each field in a raw entry block, by lower-case name, in order:
    offsets of the first character of its name and just past its value (as in
    :attr:`Entry.field_offsets <citeman.model.Entry.field_offsets>`)."""
    out: dict[str, list[tuple[int, int]]] = {}
    for name, name_start, _, end in _scan_fields(raw):
        out.setdefault(name, []).append((name_start, end))
    return out


def _scan_fields(raw: str) -> list[tuple[str, int, int, int]]:
    """``(name, name start, value start, value end)`` of each field; the value end leaves out trailing blanks."""
    out: list[tuple[str, int, int, int]] = []
    head = re.match(r"\s*@\s*\w[\w-]*\s*[{(][^,]*,", raw)
    if head is None:
        return out
    pos = head.end()
    while pos < len(raw):
        match = FIELD_NAME.match(raw, pos)
        if match is None:
            break
        start = match.end()
        end = _value_end(raw, start)
        stripped_end = start + len(raw[start:end].rstrip())
        out.append((match.group(1).lower(), match.start(1), start, stripped_end))
        comma = raw.find(",", end)
        if comma < 0:
            break
        pos = comma + 1
    return out


_VALUE_DELIMITER = re.compile(r'[{}",]')


def _value_end(raw: str, start: int) -> int:
    # Jump between delimiters with the regex engine: long abstracts make a per-character loop the hot spot.
    depth = 0
    quoted = False
    search = _VALUE_DELIMITER.search
    match = search(raw, start)
    while match is not None:
        char = match.group()
        i = match.start()
        if char == "{":
            depth += 1
        elif char == "}":
            if depth == 0:
                return i
            depth -= 1
        elif char == '"':
            if depth == 0:
                quoted = not quoted
        elif depth == 0 and not quoted:
            return i
        match = search(raw, i + 1)
    return len(raw)


_FIELD_AT_LINE_START = re.compile(r"[ \t]*([A-Za-z_][\w.:+/-]*)[ \t]*=")


def field_lines(entry: Entry) -> dict[str, int]:
    """1-based line of each field that starts a line in the entry's source text."""
    base = entry.source.line if entry.source else 0
    if not entry.raw or not base:
        return {}
    lines: dict[str, int] = {}
    # One anchored match per line: a name and its '=' never span a line break.
    match_line = _FIELD_AT_LINE_START.match
    for number, text in enumerate(entry.raw.split("\n"), base):
        match = match_line(text)
        if match is not None:
            lines.setdefault(match.group(1).lower(), number)
    return lines


def field_line(entry: Entry, name: str) -> int:
    """The 1-based line of field ``name``: from the span the reader recorded, else as
    :func:`field_lines` finds it, else the entry's line (0 when that is unknown too)."""
    span = entry.span(name)
    if span is not None:
        return span.line
    return _first_line_of(entry, name)


def _first_line_of(entry: Entry, name: str) -> int:
    """``field_lines(entry).get(name, <the entry's line>)``, looking for that one field only.

    The linter needs the lines of the few fields it reports, not of every field.
    """
    base = entry.source.line if entry.source else 0
    raw = entry.raw
    if not name or not raw or not base:
        return base
    pattern = _FIELD_LINE_PATTERNS.get(name)
    if pattern is None:
        pattern = _FIELD_LINE_PATTERNS[name] = _field_line_pattern(name)
    if pattern is _LINE_BY_LINE or "\u212a" in raw:
        # The Kelvin sign is the one non-ASCII character whose lower() is ASCII ("k"): a name
        # spelled with it is read line by line, as field_lines() does.
        return field_lines(entry).get(name, base)
    # Every field line must follow a line break; a block's head line ("@...") is never one,
    # so the copy with a leading break is needed only for other text.
    text = raw if raw.startswith("@") else "\n" + raw
    match = pattern.search(text)
    return base + text.count("\n", 1, match.start() + 1) if match else base


_LINE_BY_LINE = re.compile(r"(?!)")   # marks names that _first_line_of() leaves to field_lines()
_FIELD_LINE_PATTERNS: dict[str, re.Pattern] = {}


def _field_line_pattern(name: str) -> re.Pattern:
    if not name.isascii() or name != name.lower():
        return _LINE_BY_LINE
    # Either case of each ASCII letter, as lower() on the name _FIELD_AT_LINE_START reads; the
    # name must be followed by the "=" (blanks aside), so "title" does not find "titleaddon".
    spelled = "".join(f"[{c}{c.upper()}]" if c.isalpha() else re.escape(c) for c in name)
    return re.compile(rf"\n[ \t]*{spelled}[ \t]*=")
