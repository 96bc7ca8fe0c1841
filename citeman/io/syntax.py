"""A strict scan of BibTeX blocks: where the syntax is broken, and what a lenient parse would hide.

bibtexparser is forgiving: a missing comma between two fields folds the second field
into the first one's value (``title = {A}\\n year = 2020`` becomes one macro value),
an extra ``}`` ends an entry early and turns its last fields into a comment, and a
missing ``@`` makes a whole entry a comment. Nothing raises, so nothing is reported.
This module reads each block by BibTeX's own grammar and reports each place where it
leaves it, with an offset the readers turn into a line and column:

* ``P001`` a brace or quote that is never closed (the block cannot be read at all);
* ``P008`` a field that follows the previous one without a comma;
* ``P009`` a field name not followed by ``=``;
* ``P013`` text outside every block that looks like part of an entry;
* ``P014`` a value that runs into the next field or entry (an opening brace or quote
  closed much later than meant);
* ``P015`` any other text inside an entry that is not BibTeX (a stray ``=``, an ``@``
  in a key or field name).

It also lists the ``@string`` macros a value refers to, for the macro checks
(``P010``, ``P011``) of the linter. The scan never raises.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from citeman.model import Block, Diagnostic, Entry

# Reader codes whose block cannot be rewritten without losing or changing what was written.
DAMAGING_CODES = frozenset({"P001", "P003", "P008", "P009", "P012", "P013", "P014", "P015"})


def damage(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The findings among ``diagnostics`` that a rewrite would make final (a field folded away,
    bytes read as Windows-1252), in file order."""
    return sorted((d for d in diagnostics if d.code in DAMAGING_CODES), key=lambda d: (d.path, d.line, d.column))


def refuse_damage(diagnostics: Iterable[Diagnostic], action: str, force: str = "--force") -> None:
    """Raise :class:`~citeman.errors.InputError` naming the first syntax error of ``diagnostics``, if any.

    ``action`` says what is not done ("reformatted"); ``force`` names the option that
    does it anyway ("" when the command has none).
    """
    from citeman.errors import InputError

    found = damage(diagnostics)
    if not found:
        return
    first = found[0]
    where = f" (entry '{first.key}')" if first.key else ""
    others = f"; {len(found) - 1} more syntax error{'s' if len(found) > 2 else ''}" if len(found) > 1 else ""
    hint = f"fix it, or use {force} to keep broken entries as written" if force else "fix it first"
    raise InputError(f"{first.code} {first.message}{where}{others}; not {action} ({hint})", path=first.path,
                     line=first.line, column=first.column)


@dataclass(slots=True)
class Problem:
    """One place where a block leaves BibTeX's grammar; ``offset`` is relative to the scanned text."""

    code: str
    offset: int
    message: str
    field: str = ""


@dataclass(slots=True)
class BlockScan:
    """What the strict scan of one ``@`` block found."""

    kind: str = ""                 # the entry type, lower case ("" when there is none)
    key: str = ""                  # the entry key, or the macro name of an @string
    problems: list[Problem] = field(default_factory=list)
    references: list[tuple[str, str, int]] = field(default_factory=list)   # (field, macro, offset)


_TYPE = re.compile(r"@[ \t\n]*([A-Za-z][\w-]*)[ \t\n]*([{(])")
_WS = re.compile(r"\s*")
_NAME = re.compile(r"[^\s=,{}()\"#%'\\@]+")
_NUMBER = re.compile(r"\d+")
_FIELD_AHEAD = re.compile(r"([^\s=,{}()\"#%'\\@]+)\s*=")
_KEY = re.compile(r"[^,\s{}()\"@]*")
_BRACE = re.compile(r"[{}]")
_QUOTE_STOP = re.compile(r'[{}"]')
# A line that starts a field or an entry: where a value that runs on has swallowed something.
_FIELD_LINE = re.compile(r"\n[ \t]*(?:[A-Za-z][\w.:+/-]*[ \t]*=[ \t]*[{\"\w]|@[ \t]*[A-Za-z][\w-]*[ \t]*[{(])")


def scan_block(text: str) -> BlockScan:
    """The strict scan of one block, ``text`` starting at its ``@``."""
    scan = BlockScan()
    try:
        _Scanner(text, scan).block()
    except _Stop:
        pass
    except Exception as err:  # the scan only ever adds findings; it must never stop a read
        scan.problems.append(Problem("P001", 0, f"cannot scan block: {type(err).__name__}"))
    return scan


class _Stop(Exception):
    """The scan cannot go on (the rest of the block is not BibTeX)."""


class _Scanner:
    def __init__(self, text: str, scan: BlockScan) -> None:
        self.text = text
        self.scan = scan
        self.pos = 0
        self.closer = "}"
        self.opener = 0

    def problem(self, code: str, offset: int, message: str, name: str = "") -> None:
        self.scan.problems.append(Problem(code, offset, message, name))

    def skip(self) -> None:
        self.pos = _WS.match(self.text, self.pos).end()

    def peek(self) -> str:
        return self.text[self.pos : self.pos + 1]

    def block(self) -> None:
        head = _TYPE.match(self.text)
        if head is None:
            raise _Stop  # no entry type: the readers report it themselves
        kind = head.group(1).lower()
        self.scan.kind = kind
        self.closer = "}" if head.group(2) == "{" else ")"
        self.opener = head.start(2)
        self.pos = head.end()
        if kind == "comment":
            return
        if kind == "preamble":
            self.skip()
            self.expression("preamble")
            self.close()
            return
        if kind == "string":
            self.skip()
            name = _NAME.match(self.text, self.pos)
            if name is None:
                self.unexpected("where the @string name should be")
            self.scan.key = name.group(0)
            self.pos = name.end()
            self.skip()
            if self.peek() != "=":
                if self.peek() not in ('{', '"'):
                    self.unexpected(f"after @string name {name.group(0)!r}")
                self.problem("P009", self.pos, f"'=' missing after @string name {name.group(0)!r}")
                raise _Stop
            self.pos += 1
            self.skip()
            self.expression(name.group(0).lower())
            self.close()
            return
        self.skip()
        key = _KEY.match(self.text, self.pos)
        self.scan.key = key.group(0)
        self.pos = key.end()
        self.skip()
        if self.peek() == self.closer:
            return
        if self.peek() != ",":
            self.unexpected(f"in the key of entry {self.scan.key!r}" if self.peek() == "@" else "after the key")
        self.pos += 1
        self.fields()

    def unexpected(self, where: str, name: str = "") -> None:
        """Text that is not BibTeX at the scan position: reported (P015), and the scan of the block ends."""
        if not any(p.offset >= self.pos for p in self.scan.problems):   # said once per place
            found = self.text[self.pos : self.pos + 20].split("\n", 1)[0].strip() or "end of line"
            self.problem("P015", self.pos, f"unexpected {found!r} {where}", name)
        raise _Stop

    def never_closed(self) -> None:
        self.problem("P001", self.opener, f"the {self.text[self.opener]!r} of entry {self.scan.key!r} is never closed")
        raise _Stop

    def close(self) -> None:
        self.skip()
        if self.peek() != self.closer:
            self.unexpected(f"before the closing {self.closer!r}")

    def fields(self) -> None:
        text = self.text
        while True:
            self.skip()
            char = self.peek()
            if not char:
                self.never_closed()
            if char == self.closer:
                return
            if char == ",":
                self.pos += 1
                continue
            name = _NAME.match(text, self.pos)
            if name is None:
                self.unexpected("where a field name should be")
            field_name = name.group(0).lower()
            self.pos = name.end()
            self.skip()
            if self.peek() != "=":
                if self.peek() not in ('{', '"'):
                    self.unexpected(f"after field name {name.group(0)!r}", field_name)
                self.problem("P009", name.start(), f"'=' missing after field name {name.group(0)!r}", field_name)
            else:
                self.pos += 1
                self.skip()
            self.expression(field_name)
            self.skip()
            char = self.peek()
            if char == "," or char == self.closer:
                continue
            if not char:
                self.never_closed()
            ahead = _FIELD_AHEAD.match(text, self.pos)
            if ahead is not None:
                self.problem("P008", self.pos, f"comma missing between fields {field_name!r} and "
                                               f"{ahead.group(1).lower()!r}", ahead.group(1).lower())
                continue
            self.unexpected(f"after the value of {field_name!r}", field_name)

    def expression(self, name: str) -> None:
        """``value # value ...``; records macro references."""
        while True:
            self.value(name)
            self.skip()
            if self.peek() != "#":
                return
            self.pos += 1
            self.skip()

    def value(self, name: str) -> None:
        text = self.text
        start = self.pos
        char = self.peek()
        if char == "{":
            self.pos = self.braced(start, name)
        elif char == '"':
            self.pos = self.quoted(start, name)
        else:
            number = _NUMBER.match(text, start)
            word = _NAME.match(text, start)
            if word is None:
                self.unexpected(f"where the value of {name!r} should be", name)
            if number is None or number.end() != word.end():
                self.scan.references.append((name, word.group(0), start))
            self.pos = word.end()
            return
        self.runaway(start, self.pos, name)

    def braced(self, start: int, name: str) -> int:
        depth = 0
        for match in _BRACE.finditer(self.text, start):
            if match.group() == "{":
                depth += 1
            else:
                depth -= 1
                if depth == 0:
                    return match.end()
        self.unclosed(start, "brace", name)

    def quoted(self, start: int, name: str) -> int:
        depth = 0
        for match in _QUOTE_STOP.finditer(self.text, start + 1):
            char = match.group()
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
                if depth < 0:
                    break
            elif depth == 0:
                return match.end()
        self.unclosed(start, "quote", name)

    def unclosed(self, start: int, what: str, name: str) -> None:
        self.problem("P001", start, f"{what} opened in {name!r} is never closed", name)
        raise _Stop

    def runaway(self, start: int, end: int, name: str) -> None:
        inner = _FIELD_LINE.search(self.text, start, end)
        if inner is not None:
            line = self.text.count("\n", start, inner.start()) + 1
            self.problem("P014", start, f"value of {name!r} runs on over a field or entry {line} line"
                                        f"{'s' if line != 1 else ''} below; a closing brace or quote is missing",
                         name)


# Text outside every block that looks like part of an entry: a head without its "@",
# a "name = value" line (the tail of an entry closed too early), or an "@" that
# starts a line but no block (a head broken or cut off).
_STRAY = re.compile(r"(?m)^[ \t,}]*(?:[A-Za-z][\w-]*[ \t]*[{(][ \t]*[^\s,{}()\"=#%]+[ \t]*[,=]"
                    r"|[A-Za-z][\w.:+/-]*[ \t]*=[ \t]*[{\"\w]|@)")


def stray_offset(text: str) -> int:
    """Offset of the first line of ``text`` (outside any block) that looks like part of an entry; -1 for none."""
    if "=" not in text and "{" not in text and "(" not in text and "@" not in text:
        return -1
    for match in _STRAY.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        if not text[line_start:].lstrip().startswith("%"):
            return match.start() + len(match.group(0)) - len(match.group(0).lstrip(" \t,}"))
    return -1


def stray_diagnostic(comment: str, path: str, line: int) -> Diagnostic | None:
    """A P013 finding when ``comment`` (text outside every block, from ``line``) looks like part of an entry."""
    offset = stray_offset(comment)
    if offset < 0:
        return None
    at_line, at_column = position(comment, offset, line)
    shown = comment[offset:].split("\n", 1)[0].strip()
    return Diagnostic("P013", "error", f"text outside any entry looks like part of one: {shown[:60]!r} "
                      "(an '@' missing, or an entry closed too early)", path, at_line, column=at_column)


def position(text: str, offset: int, line: int, column: int = 1) -> tuple[int, int]:
    """(line, column) of ``offset`` in ``text``, which starts at ``line``:``column`` of its file."""
    breaks = text.count("\n", 0, offset)
    if not breaks:
        return line, column + offset
    return line + breaks, offset - text.rfind("\n", 0, offset)


def block_diagnostics(text: str, path: str, line: int, column: int = 1, *, failed: bool = False,
                      reason: str = "") -> tuple[list[Diagnostic], BlockScan]:
    """The findings of the strict scan of block ``text`` (at ``line``:``column``), and the scan.

    With ``failed`` (the reader kept the block verbatim) a P001 finding is always among
    them, at the place the scan could tell (an unclosed brace) or at the block's start.
    """
    scan = scan_block(text)
    out: list[Diagnostic] = []
    unclosed = None
    for problem in scan.problems:
        if problem.code == "P001":
            unclosed = unclosed or problem
            continue
        at_line, at_column = position(text, problem.offset, line, column)
        out.append(Diagnostic(problem.code, "error", problem.message, path, at_line, scan.key, problem.field,
                              column=at_column))
    if failed:
        cause = " ".join(reason.split()) or "unparseable block"
        if unclosed is not None:
            at_line, at_column = position(text, unclosed.offset, line, column)
            message = f"unparseable block: {unclosed.message} (kept as written; reader: {cause})"
            out.append(Diagnostic("P001", "error", message, path, at_line, scan.key, unclosed.field,
                                  column=at_column))
        else:
            out.append(Diagnostic("P001", "error", f"unparseable block: {cause}", path, line, scan.key,
                                  column=column))
    return out, scan


def attach_keys(diagnostics: list[Diagnostic], blocks: Iterable[Block]) -> None:
    """Give each diagnostic without a key the key of the entry whose lines hold it."""
    spans = [(b.source.line, b.source.line + b.raw.count("\n"), b.key) for b in blocks
             if isinstance(b, Entry) and b.source is not None and b.source.line and b.raw]
    for diag in diagnostics:
        if not diag.key:
            for first, last, key in spans:
                if first <= diag.line <= last:
                    diag.key = key
                    break


MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# Macros every standard BibTeX style (plain.bst and its family) defines.
STYLE_MACROS = frozenset(MONTHS) | frozenset(
    "acmcs acta cacm ibmjrd ibmsj ieeese ieeetc ieeetcad ipl jacm jcss scp sicomp tocs tods tog toms toois "
    "toplas tcs".split()
)

_PART = re.compile(r'\s*(?:\{|"|(\d+)\s*(?:#|$)|([^\s=,{}()"#%\'\\]+)\s*(?:#|$))')


def value_references(value: str) -> list[str]:
    """The macro names a raw value expression (``a # {text} # "more"``) refers to."""
    refs: list[str] = []
    pos = 0
    while pos < len(value):
        match = _PART.match(value, pos)
        if match is None:
            break
        if match.group(2):
            refs.append(match.group(2))
            pos = match.end()
            continue
        if match.group(1):
            pos = match.end()
            continue
        opener = value[match.end() - 1]
        end = _value_end(value, match.end() - 1, opener)
        if end < 0:
            break
        hash_at = re.compile(r"\s*#").match(value, end)
        if hash_at is None:
            break
        pos = hash_at.end()
    return refs


def _value_end(value: str, start: int, opener: str) -> int:
    depth = 0
    pattern = _BRACE if opener == "{" else _QUOTE_STOP
    for match in pattern.finditer(value, start if opener == "{" else start + 1):
        char = match.group()
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if opener == "{" and depth == 0:
                return match.end()
            if depth < 0:
                return -1
        elif depth == 0:
            return match.end()
    return -1


__all__ = ["DAMAGING_CODES", "attach_keys", "damage", "refuse_damage", "MONTHS", "STYLE_MACROS", "BlockScan", "Problem", "block_diagnostics", "position",
           "scan_block", "stray_diagnostic", "stray_offset", "value_references"]
