"""Reading and writing .bib files: the only place citeman touches bibtexparser.

Reading uses bibtexparser v2's splitter with only :class:`RemoveEnclosingMiddleware`,
so ``@string`` macros and bare month macros stay macros instead of being expanded.
Blocks it cannot parse are kept verbatim and reported; duplicate keys and fields
are kept too. Writing is canonical (one field order, one layout) and stable:
``dumps_bib(parse_bib(dumps_bib(x)))`` is byte-identical to ``dumps_bib(x)``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import bibtexparser
from bibtexparser import model as bp
from bibtexparser.middlewares import RemoveEnclosingMiddleware
from bibtexparser.writer import BibtexFormat

from citeman.io.atomic import atomic_write
from citeman.io.latex import VERBATIM_FIELDS, latex_to_text, text_to_latex
from citeman.io.rawfields import source_offsets
from citeman.io.syntax import attach_keys, block_diagnostics, stray_diagnostic
from citeman.io.text import decode_bib, read_source
from citeman.model import PERSON_FIELDS, Block, Diagnostic, Entry, Library, Span, Verbatim
from citeman.names import format_names, parse_names


# Canonical field order for writing; anything else follows in its original order,
# and citeman's own bookkeeping fields close the entry.
FIELD_ORDER = (
    "title", "subtitle", "booktitle", "journal", "journaltitle", "year", "month", "date", "volume", "number",
    "issue", "pages", "edition", "series", "chapter", "type", "publisher", "institution", "school",
    "organization", "address", "location", "howpublished", "isbn", "issn", "doi", "url", "urldate",
    "language", "abstract", "keywords", "annotation", "note",
)
TRAILING_FIELDS = ("rawref", "citeman-source", "citeman-confidence", "citeman-machine")

_WRITE_FORMAT = BibtexFormat()
_WRITE_FORMAT.indent = "  "
_WRITE_FORMAT.trailing_comma = True
_WRITE_FORMAT.block_separator = "\n"

# bibtexparser logs each failed block itself; citeman reports them as diagnostics.
logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)

MONTH_MACROS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def read_bib(path: str | Path, parse: Callable[[str, str], tuple[Library, list[Diagnostic]]] | None = None
             ) -> tuple[Library, list[Diagnostic]]:
    """Read a .bib file; raises :class:`~citeman.errors.InputError` only if the file is unusable.

    Bytes that are not UTF-8 are read as Windows-1252 and reported (P012), with the
    key of the entry they sit in. ``parse`` is :func:`parse_bib` unless given (the fast
    reader, say).
    """
    text, undecodable = decode_bib(read_source(path), str(path))
    library, diagnostics = (parse or parse_bib)(text, str(path))
    if undecodable:
        attach_keys(undecodable, library.blocks)
        diagnostics = sorted(diagnostics + undecodable, key=lambda d: d.line)
    return library, diagnostics


def parse_bib(text: str, path: str = "") -> tuple[Library, list[Diagnostic]]:
    """Parse BibTeX text into a :class:`Library` plus diagnostics for the blocks it had to keep raw."""
    library = Library(path=path)
    diagnostics: list[Diagnostic] = []
    pending_comments: list[str] = []
    lines: list[str] | None = None   # the text's lines, split only when an entry needs its column
    for block, line in _split_blocks(text):
        if isinstance(block, bp.ImplicitComment):
            comment_lines = block.comment.split("\n")
            # A run of `%` lines directly above an entry belongs to that entry
            # (suppressions, notes) and travels with it.
            if comment_lines and all(ln.lstrip().startswith("%") for ln in comment_lines) and _ends_before_entry(text, block):
                pending_comments = comment_lines
                continue
            stray = stray_diagnostic(block.comment, path, line)
            if stray is not None:
                diagnostics.append(stray)
            library.blocks.append(Verbatim("comment", block.comment, Span(path, line)))
            continue
        if pending_comments and not isinstance(block, (bp.Entry, bp.DuplicateBlockKeyBlock, bp.DuplicateFieldKeyBlock)):
            library.blocks.append(Verbatim("comment", "\n".join(pending_comments), Span(path, line)))
            pending_comments = []
        raw = block.raw or ""
        column = 1
        if raw:
            if lines is None:
                lines = text.split("\n")
            column = _column(lines, line, raw)
        found: list[Diagnostic] = []
        converted = _convert_block(block, path, line, found, raw, column)
        if isinstance(converted, Entry):
            converted.column = column
            _locate_duplicates(converted, found)
        if isinstance(converted, Entry) and pending_comments:
            converted.comments = pending_comments
            pending_comments = []
        diagnostics.extend(found)
        library.blocks.append(converted)
    if pending_comments:
        library.blocks.append(Verbatim("comment", "\n".join(pending_comments), Span(path, 0)))
    seen: set[str] = set()
    for entry in library.entries:
        if entry.key in seen:
            line = entry.source.line if entry.source else 0
            diagnostics.append(Diagnostic("P002", "error", f"duplicate key '{entry.key}'", path, line, entry.key))
        seen.add(entry.key)
    diagnostics.sort(key=lambda d: d.line)
    return library, diagnostics


def _locate_duplicates(entry: Entry, found: list[Diagnostic]) -> None:
    """Point each P003 finding of ``entry`` at the repeated field itself."""
    for diag in found:
        if diag.code == "P003":
            span = entry.span(f"{diag.field}-duplicate")
            if span is not None:
                diag.line, diag.column = span.line, span.column


def _column(lines: list[str], line: int, raw: str) -> int:
    """1-based column where ``raw`` starts on 1-based line ``line`` (1 when it cannot be told)."""
    found = lines[line - 1].find(raw.split("\n", 1)[0]) if 0 < line <= len(lines) else -1
    return found + 1 if found >= 0 else 1


_BLOCK_START = re.compile(r"(?m)^[ \t]*@")


def _is_failure(block: bp.Block) -> bool:
    return isinstance(block, bp.ParsingFailedBlock) and not isinstance(
        block, (bp.DuplicateBlockKeyBlock, bp.DuplicateFieldKeyBlock)
    )


def _parse_blocks(text: str) -> list[bp.Block]:
    return bibtexparser.parse_string(text, parse_stack=[RemoveEnclosingMiddleware()]).blocks


def _split_blocks(text: str) -> list[tuple[bp.Block, int]]:
    """``(block, 1-based line)`` pairs in file order.

    Around a broken block bibtexparser's splitter can drop or repeat characters, so a
    file with one falls back to parsing each chunk that starts with ``@`` at the start
    of a line on its own; a chunk that still fails is kept verbatim, character for character.
    """
    blocks = _parse_blocks(text)
    if not any(_is_failure(b) for b in blocks):
        return [(b, (b.start_line or 0) + 1) for b in blocks]
    starts = [m.start() for m in _BLOCK_START.finditer(text)]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    out: list[tuple[bp.Block, int]] = []
    for begin, end in zip(starts, starts[1:] + [len(text)]):
        chunk = text[begin:end]
        first_line = text.count("\n", 0, begin) + 1
        sub = _parse_blocks(chunk)
        failures = [b for b in sub if _is_failure(b)]
        if not failures:
            out.extend((b, first_line + (b.start_line or 0)) for b in sub)
            continue
        kept = chunk.lstrip("\n").rstrip()
        line = first_line + len(chunk) - len(chunk.lstrip("\n"))
        out.append((bp.ParsingFailedBlock(failures[0].error, raw=kept), line))
    return out


def _ends_before_entry(text: str, block: bp.ImplicitComment) -> bool:
    """True when the comment block is followed (after one newline) by an ``@`` entry."""
    raw = block.raw or block.comment
    start = text.find(raw)
    if start < 0:
        return False
    rest = text[start + len(raw) :]
    return bool(re.match(r"[ \t]*\n[ \t]*@(?!string|preamble|comment)", rest, re.IGNORECASE))


def _convert_block(block: bp.Block, path: str, line: int, diagnostics: list[Diagnostic], raw: str = "",
                   column: int = 1) -> Block:
    span = Span(path, line)
    failed = _is_failure(block) or (isinstance(getattr(block, "ignore_error_block", block), bp.Entry)
                                    and _unwritable(getattr(block, "ignore_error_block", block)))
    if raw and not failed:
        # What bibtexparser read leniently, read again strictly: a missing comma or '=' it folded away.
        diagnostics.extend(block_diagnostics(raw, path, line, column)[0])
    if isinstance(block, bp.String):
        value = block.value
        enclosing = block.parser_metadata.get(RemoveEnclosingMiddleware.metadata_key())
        shown = value if enclosing == "no-enclosing" else "{" + value + "}"
        return Verbatim("string", block.raw or f"@string{{{block.key} = {shown}}}", span, name=block.key, value=value)
    if isinstance(block, bp.Preamble):
        return Verbatim("preamble", block.raw or f"@preamble{{{block.value}}}", span)
    if isinstance(block, bp.ExplicitComment):
        return Verbatim("comment", block.raw or f"@comment{{{block.comment}}}", span)
    inner = getattr(block, "ignore_error_block", block)
    if isinstance(inner, bp.Entry) and _unwritable(inner):
        return _unparsed(block, "no entry type" if not inner.entry_type.strip() else f"backslash in key {inner.key!r}",
                         span, diagnostics, column)
    if isinstance(block, bp.DuplicateBlockKeyBlock) and isinstance(block.ignore_error_block, bp.Entry):
        return _convert_entry(_without_enclosing(block.ignore_error_block), span)
    if isinstance(block, bp.DuplicateFieldKeyBlock) and isinstance(block.ignore_error_block, bp.Entry):
        inner = _without_enclosing(block.ignore_error_block)
        entry = _convert_entry(inner, span)
        for name in sorted(_duplicates(inner)):
            diagnostics.append(
                Diagnostic("P003", "error", f"duplicate field '{name}' (later values kept as '{name}-duplicate')", path, line, entry.key, name)
            )
        return entry
    if isinstance(block, bp.Entry):
        return _convert_entry(block, span)
    cause = getattr(block, "error", None)
    return _unparsed(block, getattr(cause, "abort_reason", "") or str(cause or ""), span, diagnostics, column)


def _unparsed(block: bp.Block, reason: str, span: Span, diagnostics: list[Diagnostic], column: int = 1) -> Verbatim:
    """``block`` kept character for character, with a P001 finding (and what the strict scan tells of it)."""
    error = " ".join(reason.split()) or "unparseable block"
    found, _ = block_diagnostics(block.raw or "", span.path, span.line, column, failed=True, reason=error)
    diagnostics.extend(found)
    return Verbatim("unparsed", block.raw or "", span, error=error)


def _unwritable(entry: bp.Entry) -> bool:
    """``@{key, ...}`` (no type) or a key with a backslash: not BibTeX, and no writer can
    give it back unchanged (a key "a\\" is read again as "a\\,"). Kept verbatim instead."""
    return not entry.entry_type.strip() or "\\" in entry.key


def _without_enclosing(entry: bp.Entry) -> bp.Entry:
    """Failed blocks skip the parse stack; apply the enclosing removal they missed."""
    if RemoveEnclosingMiddleware.metadata_key() in entry.parser_metadata:
        return entry
    return RemoveEnclosingMiddleware().transform_entry(entry, None)


def _duplicates(entry: bp.Entry) -> set[str]:
    seen: set[str] = set()
    dups: set[str] = set()
    for f in entry.fields:
        name = f.key.lower()
        if name in seen:
            dups.add(name)
        seen.add(name)
    return dups


def _convert_entry(block: bp.Entry, span: Span) -> Entry:
    entry = Entry(key=block.key, type=block.entry_type.lower(), source=span, raw=block.raw)
    enclosings = block.parser_metadata.get(RemoveEnclosingMiddleware.metadata_key(), {}) or {}
    # bibtexparser keeps only a field's line; the raw block gives its offsets (and so its column).
    occurrences = source_offsets(block.raw) if block.raw else {}
    for f in block.fields:
        name = f.key.lower()
        found = occurrences.get(name)
        value = f.value if isinstance(f.value, str) else str(f.value)
        is_macro = enclosings.get(f.key) == "no-enclosing" and not value.isdigit()
        if name in entry.fields or name in entry.persons:
            n = 2
            alias = f"{name}-duplicate"
            while alias in entry.fields:
                alias = f"{name}-duplicate{n}"
                n += 1
            name = alias
        if found:
            entry.field_offsets[name] = found.pop(0)
        if is_macro:
            entry.fields[name] = value
            entry.macros.add(name)
        elif name in PERSON_FIELDS:
            persons, truncated = parse_names(latex_to_text(value))
            entry.persons[name] = persons
            if truncated:
                entry.truncated.add(name)
        elif name in VERBATIM_FIELDS:
            entry.fields[name] = value
        else:
            entry.fields[name] = latex_to_text(value)
    return entry


def format_entry(entry: Entry) -> str:
    """The canonical BibTeX text of one entry (with its leading comment lines)."""
    return dumps_bib([entry])


def dumps_bib(blocks: Library | Iterable[Block]) -> str:
    """Canonical BibTeX text for a library or a sequence of entries/blocks."""
    items = blocks.blocks if isinstance(blocks, Library) else list(blocks)
    out: list[bp.Block] = []
    for block in items:
        if isinstance(block, Entry):
            if block.comments:
                comment = bp.ImplicitComment("\n".join(block.comments))
                # Keep the comment directly above its entry: no blank line between them.
                comment.set_parser_metadata("glue", True)
                out.append(comment)
            out.append(_to_bp_entry(block))
        else:
            out.append(bp.ImplicitComment(block.text.rstrip("\n")))
    text = _write(out)
    return text if text.endswith("\n") or not text else text + "\n"


def _write(blocks: list[bp.Block]) -> str:
    pieces: list[str] = []
    for i, block in enumerate(blocks):
        single = bibtexparser.Library()
        single.add(block, fail_on_duplicate_key=False)
        chunk = bibtexparser.write_string(single, unparse_stack=[], bibtex_format=_WRITE_FORMAT)
        if not chunk.endswith("\n"):
            chunk += "\n"
        pieces.append(chunk)
        if i < len(blocks) - 1 and not block.get_parser_metadata("glue"):
            pieces.append("\n")
    return "".join(pieces)


def _ordered_fields(entry: Entry) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for role in PERSON_FIELDS:
        if role in entry.persons:
            out.append((role, "{" + text_to_latex(format_names(entry.persons[role], role in entry.truncated)) + "}"))
    rank = {name: i for i, name in enumerate(FIELD_ORDER)}
    names = list(entry.fields)
    known = sorted((n for n in names if n in rank), key=rank.__getitem__)
    trailing = [n for n in TRAILING_FIELDS if n in entry.fields]
    other = [n for n in names if n not in rank and n not in TRAILING_FIELDS]
    for name in known + other + trailing:
        out.append((name, _format_value(entry, name)))
    return out


def _format_value(entry: Entry, name: str) -> str:
    value = entry.fields[name]
    if name in entry.macros:
        return value
    if name not in VERBATIM_FIELDS:
        value = text_to_latex(value)
    return "{" + _balance(value) + "}"


def _balance(value: str) -> str:
    """Make braces balanced so one bad value can never swallow the rest of the file."""
    depth = 0
    out = []
    for i, ch in enumerate(value):
        escaped = i > 0 and value[i - 1] == "\\"
        if ch == "{" and not escaped:
            depth += 1
        elif ch == "}" and not escaped:
            if depth == 0:
                out.append("\\}")
                continue
            depth -= 1
        out.append(ch)
    text = "".join(out)
    if text.endswith("\\") and (len(text) - len(text.rstrip("\\"))) % 2:
        text = text[:-1] + "\\textbackslash{}"  # a lone final backslash would escape the closing brace
    return text + "}" * depth


def _to_bp_entry(entry: Entry) -> bp.Entry:
    fields = [bp.Field(name, value) for name, value in _ordered_fields(entry)]
    return bp.Entry(entry.type, entry.key, fields)


def write_bib(library: Library | Iterable[Block], path: str | Path) -> None:
    """Write canonical BibTeX to ``path`` atomically."""
    atomic_write(path, dumps_bib(library))


def month_macro(month: int | str) -> str:
    """``5`` or ``"May"`` -> ``"may"``; empty string if not a month."""
    text = str(month).strip().lower()
    if text.isdecimal() and 1 <= int(text) <= 12:
        return MONTH_MACROS[int(text) - 1]
    for macro in MONTH_MACROS:
        if text[:3] == macro and (len(text) == 3 or text.rstrip(".") in _MONTH_NAMES):
            return macro
    return ""


_MONTH_NAMES = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "sept", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
}


def set_month(entry: Entry, month: int | str) -> None:
    """Store a month as a bare BibTeX macro (``month = may``)."""
    macro = month_macro(month)
    if macro:
        entry.fields["month"] = macro
        entry.macros.add("month")
