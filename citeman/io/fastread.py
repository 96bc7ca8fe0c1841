"""A fast reader for well-formed .bib text, used by the linter on large files.

bibtexparser parses about 7,000 entries a second and needs around 8 KB of memory per
entry, which is too slow for a pre-commit hook on a 100,000-entry bibliography. Most
real files use a tiny subset of BibTeX: ``@type{key, name = {value} | "value" |
number | macro, ...}``. This module reads exactly that subset with a few string
scans and builds the same :class:`~citeman.model.Entry` objects as
:func:`citeman.io.bibtex.parse_bib` (same values, people, macros, comments, lines).
Anything outside the subset (concatenation with ``#``, ``@string``, parenthesised
blocks, duplicate fields, escaped braces, broken blocks) makes it hand the whole text
to the full reader, so odd files get exactly the reader's behaviour.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from citeman.io.latex import VERBATIM_FIELDS, latex_to_text
from citeman.io.rawfields import FIELD_NAME
from citeman.io.syntax import stray_diagnostic
from citeman.model import PERSON_FIELDS, Block, Diagnostic, Entry, Library, Person, Span, Verbatim
from citeman.names import parse_name, split_and

# A key with "@" is left to the full reader, whose strict scan reports it.
_HEAD = re.compile(r"@[ \t]*([A-Za-z][\w-]*)[ \t]*\{[ \t]*([^,\s{}()\"#'=%\\@]+)[ \t]*,")
_BARE = re.compile(r"[A-Za-z0-9_][\w.:+/-]*")
_AFTER_VALUE = re.compile(r"\s*([,}#])")
# ``name = {value}`` followed by ``,`` or ``}``, the value without braces or backslashes.
_SIMPLE_FIELD = re.compile(r"\s*([A-Za-z_][\w.:+/-]*)\s*=\s*\{([^{}\\]*)\}\s*([,}])")
_SPECIAL_TYPES = {"string", "preamble", "comment"}
_SIMPLE_WORD = re.compile(r"[A-Z][\w'’.-]*")
_AND_SPLIT = re.compile(r"\s+and\s+", re.IGNORECASE)
_ETAL = {"others", "{others}", "et al.", "et al"}
# A set: every field of every entry is tested against it.
_PERSON_FIELDS = frozenset(PERSON_FIELDS)


class _Fallback(Exception):
    """The text leaves the fast subset; the full reader takes over."""


def parse_fast(text: str, path: str = "", line_offset: int = 0) -> tuple[Library, list[Diagnostic]]:
    """Parse like :func:`parse_bib` (duplicate-key findings excepted), fast when the text is plain.

    ``line_offset`` is added to every line (for a chunk cut out of a larger file).
    """
    diagnostics: list[Diagnostic] = []
    library = Library(path=path)
    library.blocks.extend(iter_blocks(text, path, diagnostics, line_offset))
    return library, diagnostics


def iter_blocks(text: str, path: str, diagnostics: list[Diagnostic], line_offset: int = 0) -> Iterator[Block]:
    """Blocks of ``text`` one at a time; reader findings (except duplicate keys) go to ``diagnostics``.

    A stretch the fast path cannot read, from the text before an odd block up to the
    comment lines above the next block that starts a line, goes through the full reader.
    """
    names_cache: dict[str, Person] = {}
    pos = 0
    line = 1 + line_offset
    length = len(text)
    pending: list[Block] = []
    while pos < length:
        at = text.find("@", pos)
        if at < 0:
            _gap(text[pos:], None, path, line, pending, diagnostics)
            yield from pending
            return
        gap = text[pos:at]
        gap_lines = gap.count("\n")
        entry_line = line + gap_lines
        try:
            head = _HEAD.match(text, at)
            if head is None:
                raise _Fallback
            kind, key = head.groups()
            kind = kind.lower()
            if kind in _SPECIAL_TYPES:
                raise _Fallback
            entry = Entry(key=key, type=kind, source=Span(path, entry_line), column=at - text.rfind("\n", 0, at))
            end = _fields(text, at, head.end(), entry, names_cache)
        except _Fallback:
            # bibtexparser is imported only when a file needs it (start-up time of a hook).
            from citeman.io.bibtex import parse_bib

            stop = _region_end(text, at)
            library, found = parse_bib(text[pos:stop], path)
            _shift(library, found, line - 1, pos - text.rfind("\n", 0, pos) - 1)
            diagnostics.extend(d for d in found if d.code != "P002")
            yield from library.blocks
            line += text.count("\n", pos, stop)
            pos = stop
            continue
        if gap and not gap.isspace():  # usually the blank line between two entries
            _gap(gap, entry, path, line, pending, diagnostics)
        if pending:
            yield from pending
            pending.clear()
        entry.raw = text[at:end]
        yield entry
        line = entry_line + entry.raw.count("\n")
        pos = end


_NEXT_BLOCK = re.compile(r"\n[ \t]*@")


def _region_end(text: str, at: int) -> int:
    """Where the full reader's stretch ends: before the next line-start block and its comments."""
    match = _NEXT_BLOCK.search(text, at + 1)
    if match is None:
        return len(text)
    stop = match.start() + 1
    # Comment lines directly above the next block belong to it, not to this stretch.
    while True:
        previous = text.rfind("\n", at, stop - 1)
        if previous < 0:
            break
        line_text = text[previous + 1 : stop - 1]
        if not line_text.lstrip().startswith("%"):
            break
        stop = previous + 1
    return stop


def _shift(library: Library, diagnostics: list[Diagnostic], offset: int, first_line_columns: int) -> None:
    """Move what the full reader found in a stretch to where the stretch sits: ``offset`` lines
    down, and ``first_line_columns`` characters right on its first line (it may start mid-line)."""
    if first_line_columns:
        for entry in library.entries:
            if entry.source is not None and entry.source.line == 1:
                entry.column += first_line_columns
        for diag in diagnostics:
            if diag.line == 1 and diag.column:
                diag.column += first_line_columns
    if not offset:
        return
    for block in library.blocks:
        if block.source is not None and block.source.line:
            block.source = Span(block.source.path, block.source.line + offset)
    for diag in diagnostics:
        if diag.line:
            diag.line += offset


def _gap(gap: str, entry: Entry | None, path: str, line: int, blocks: list, diagnostics: list[Diagnostic]) -> None:
    """Text between blocks: comment lines directly above an entry go to ``entry.comments``; text that
    looks like part of an entry is reported (P013)."""
    stripped = gap.strip()
    if not stripped:
        return
    first = line + gap[: len(gap) - len(gap.lstrip())].count("\n")
    lines = stripped.split("\n")
    tail = gap[len(gap.rstrip()):]
    if entry is not None and all(ln.lstrip().startswith("%") for ln in lines) and re.fullmatch(r"[ \t]*\n[ \t]*", tail):
        entry.comments = lines
        return
    stray = stray_diagnostic(stripped, path, first)
    if stray is not None:
        diagnostics.append(stray)
    blocks.append(Verbatim("comment", stripped, Span(path, first)))


def _fields(text: str, at: int, pos: int, entry: Entry, names_cache: dict[str, Person]) -> int:
    """Read ``name = value`` pairs from ``pos`` of the entry at ``at``; return the index after the closing brace."""
    fields, persons, offsets = entry.fields, entry.persons, entry.field_offsets
    simple_field = _SIMPLE_FIELD.match
    while True:
        simple = simple_field(text, pos)
        if simple is not None:
            # The common case in one match; the same result as the general path below.
            name, value, close = simple.groups()
            name = name.lower()
            if name in fields or name in persons:
                raise _Fallback
            if name in _PERSON_FIELDS:
                _persons(entry, name, value, names_cache)
            else:
                fields[name] = value
            offsets[name] = (simple.start(1) - at, simple.end(2) + 1 - at)
            pos = simple.end()
            if close == "}":
                return pos
            continue
        close = _AFTER_VALUE.match(text, pos)
        if close is not None and close.group(1) == "}":
            return close.end()
        match = FIELD_NAME.match(text, pos)
        if match is None:
            raise _Fallback
        name = match.group(1).lower()
        pos = match.end()
        char = text[pos : pos + 1]
        if char == "{":
            close = text.find("}", pos + 1)
            # Most values hold no nested braces: one find instead of a brace-by-brace scan.
            end = close + 1 if close >= 0 and text.find("{", pos + 1, close) < 0 else _braced_end(text, pos)
            value = text[pos + 1 : end - 1]
            bare = False
        elif char == '"':
            end = _quoted_end(text, pos)
            value = text[pos + 1 : end - 1]
            bare = False
        else:
            bare_match = _BARE.match(text, pos)
            if bare_match is None:
                raise _Fallback
            end = bare_match.end()
            value = bare_match.group(0)
            bare = True
        after = _AFTER_VALUE.match(text, end)
        if after is None or after.group(1) == "#":
            raise _Fallback
        if name in fields or name in entry.persons:
            raise _Fallback
        if "\\{" in value or "\\}" in value:
            raise _Fallback
        if bare and not value.isdigit():
            fields[name] = value
            entry.macros.add(name)
        elif name in _PERSON_FIELDS:
            _persons(entry, name, latex_to_text(value) if "\\" in value else value, names_cache)
        elif name in VERBATIM_FIELDS or "\\" not in value:
            fields[name] = value
        else:
            fields[name] = latex_to_text(value)
        offsets[name] = (match.start(1) - at, end - at)
        if after.group(1) == "}":
            return after.end()
        pos = after.end()


_BRACE = re.compile(r"[{}]")
_QUOTE_STOP = re.compile(r'[{}"]')


def _braced_end(text: str, start: int) -> int:
    depth = 0
    for match in _BRACE.finditer(text, start):
        if text[match.start() - 1] == "\\":
            raise _Fallback  # an escaped brace: bibtexparser does not count it, so let it read the entry
        if match.group(0) == "{":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return match.end()
    raise _Fallback


def _quoted_end(text: str, start: int) -> int:
    depth = 0
    for match in _QUOTE_STOP.finditer(text, start + 1):
        char = match.group(0)
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                raise _Fallback
        elif depth == 0:
            return match.end()
    raise _Fallback


def _persons(entry: Entry, role: str, value: str, cache: dict[str, Person]) -> None:
    if "{" in value:
        names = split_and(value)
    else:
        # Without braces every " and " is at the top level: a regex split gives split_and's result.
        names = [part.strip() for part in _AND_SPLIT.split(value) if part.strip()]
    if names and names[-1].lower() in _ETAL:
        names = names[:-1]
        entry.truncated.add(role)
    people = []
    for name in names:
        person = cache.get(name)
        if person is None:
            person = cache[name] = _name(name)
        people.append(Person(person.family, person.given, person.particle, person.suffix, person.literal))
    entry.persons[role] = people


def _name(text: str) -> Person:
    """The two everyday forms without pybtex; everything else through the shared parser."""
    text = " ".join(text.split())
    if "{" in text or "\\" in text:
        return parse_name(text)
    if text.count(",") == 1:
        family, given = (part.strip() for part in text.split(","))
        if family and _all_capitalised(family) and (not given or _all_capitalised(given)):
            return Person(family=family, given=given)
    elif "," not in text:
        words = text.split(" ")
        if len(words) >= 2 and all(_SIMPLE_WORD.fullmatch(w) for w in words):
            return Person(family=words[-1], given=" ".join(words[:-1]))
    return parse_name(text)


def _all_capitalised(part: str) -> bool:
    return all(_SIMPLE_WORD.fullmatch(w) for w in part.split(" "))
