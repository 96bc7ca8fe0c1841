"""Seeded random damage to real .bib files: reading and validating never crash, and broken syntax is reported.

Each case takes a few consecutive blocks of a real file (the fidelity library and the
project's own ``bib/``), applies one mutation (delete or insert a comma, brace, ``=``,
quote, ``@`` or line break; truncate; duplicate a line; insert bytes that are not
UTF-8) and reads the result with both readers and the linter.

A mutation *breaks* the syntax when the strict reading of the damaged text (the full
reader, :func:`parse_bib`) differs from that of the original in what BibTeX would
lose or change without a word:

* the bytes are no longer valid UTF-8; or
* the entries (type, key, field names, in order) or the ``@string`` names differ; or
* a field keeps its name but not its value although the mutation lies outside it
  (it was folded into, or swallowed by, a neighbour).

A change inside one value that leaves a readable file (a comma deleted from a title)
is an edit, not broken syntax. Every breaking mutation must give at least one
P-finding from ``validate``.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from citeman.io.bibtex import parse_bib
from citeman.io.fastread import parse_fast
from citeman.io.text import decode_bib
from citeman.model import Entry, Library, Verbatim
from citeman.validate.base import Context
from citeman.validate.lint import lint_paths

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted([*(ROOT / "benchmarks" / "fidelity" / "library").rglob("*.bib"), *(ROOT / "bib").glob("*.bib")])
CTX = Context(today=dt.date(2026, 1, 1))
SEED = 20261206
CASES = 2000
BATCHES = 8
SYNTAX = ",{}=\"@\n"
BAD_BYTES = (b"\xff", b"\xe9", b"\xc3", b"\x80", b"\xe2\x80")
MAX_SNIPPET = 2500


@dataclass(frozen=True)
class Case:
    source: str
    original: str
    damaged: bytes
    site: tuple[int, int]   # the characters of ``original`` the mutation touches (start, end), inclusive
    what: str


def _snippets(text: str) -> list[str]:
    """Runs of one to three consecutive blocks that start a line, no longer than MAX_SNIPPET."""
    starts = [m.start() for m in re.finditer(r"(?m)^@", text)] + [len(text)]
    out = []
    for i in range(len(starts) - 1):
        for width in (1, 2, 3):
            if i + width < len(starts):
                chunk = text[starts[i] : starts[i + width]]
                if len(chunk) <= MAX_SNIPPET:
                    out.append(chunk)
    return out


def _mutate(rng: random.Random, text: str) -> tuple[bytes, tuple[int, int], str]:
    kind = rng.choice(("delete", "delete", "insert", "insert", "truncate", "duplicate", "bytes"))
    if kind == "delete":
        places = [i for i, ch in enumerate(text) if ch in SYNTAX]
        if places:
            at = rng.choice(places)
            return (text[:at] + text[at + 1 :]).encode(), (at, at + 1), f"delete {text[at]!r} at {at}"
        kind = "insert"
    if kind == "insert":
        at = rng.randrange(len(text) + 1)
        char = rng.choice(SYNTAX)
        return (text[:at] + char + text[at:]).encode(), (at, at), f"insert {char!r} at {at}"
    if kind == "truncate":
        at = rng.randrange(len(text))
        return text[:at].encode(), (at, len(text)), f"truncate at {at}"
    if kind == "duplicate":
        lines = text.split("\n")
        index = rng.randrange(len(lines))
        at = sum(len(line) + 1 for line in lines[:index])
        copy = "\n".join([*lines[: index + 1], lines[index], *lines[index + 1 :]])
        return copy.encode(), (at, at + len(lines[index])), f"duplicate line {index + 1}"
    at = rng.randrange(len(text) + 1)
    bad = rng.choice(BAD_BYTES)
    return text[:at].encode() + bad + text[at:].encode(), (at, at), f"insert bytes {bad!r} at {at}"


def _cases() -> list[Case]:
    rng = random.Random(SEED)
    pool = [(str(path.relative_to(ROOT)), snippet) for path in SOURCES
            for snippet in _snippets(path.read_text(encoding="utf-8"))]
    cases = []
    for _ in range(CASES):
        source, snippet = rng.choice(pool)
        damaged, site, what = _mutate(rng, snippet)
        cases.append(Case(source, snippet, damaged, site, what))
    return cases


ALL_CASES = _cases()


def _shape(library: Library, text: str, cut: int | None = None) -> tuple:
    """Entries (type, key, field names) and @string names, in order; with ``cut``, only the blocks starting before it."""
    blocks = [b for b in library.blocks if cut is None or _offset(text, b) < cut]
    entries = [(e.type, e.key, tuple(sorted([*e.fields, *e.persons]))) for e in blocks if isinstance(e, Entry)]
    strings = [b.name.lower() for b in blocks if isinstance(b, Verbatim) and b.kind == "string"]
    return entries, strings


def _offset(text: str, block) -> int:
    """Where ``block`` starts in ``text``."""
    line_start = 0
    for _ in range(block.source.line - 1):
        line_start = text.index("\n", line_start) + 1
    return line_start + (block.column - 1 if isinstance(block, Entry) else 0)


def _values(entry: Entry) -> dict:
    return {**entry.fields, **entry.persons}


def breaks(case: Case) -> str:
    """Why the mutation breaks the syntax (see the module docstring), or "" when it does not."""
    try:
        text = case.damaged.decode("utf-8")
    except UnicodeDecodeError:
        return "not UTF-8"
    before, _ = parse_bib(case.original, "x.bib")
    after, _ = parse_bib(text, "x.bib")
    start, end = case.site
    # Cutting a file between blocks loses the blocks after the cut, but no syntax: only the
    # blocks that start before a cut have to survive it.
    cut = start if case.what.startswith("truncate") else None
    if _shape(before, case.original, cut) != _shape(after, text):
        return "entries, fields or @strings differ"
    for old, new in zip(before.entries, after.entries):
        base = _offset(case.original, old)
        old_values, new_values = _values(old), _values(new)
        for name, value in old_values.items():
            if new_values[name] == value:
                continue
            first, last = old.field_offsets.get(name, (0, len(old.raw or "")))
            if not (start <= base + last and end >= base + first):
                return f"{old.key}.{name} changed from outside it"
    return ""


def _check(case: Case, tmp_path: Path) -> bool:
    """Read and validate ``case``; True when it breaks the syntax (then a P-finding was asserted)."""
    path = tmp_path / "damaged.bib"
    path.write_bytes(case.damaged)
    text, _ = decode_bib(case.damaged, str(path))
    parse_bib(text, str(path))
    parse_fast(text, str(path))
    findings = lint_paths([str(path)], ctx=CTX, jobs=1).findings
    why = breaks(case)
    if why:
        codes = sorted({f.diagnostic.code for f in findings if f.diagnostic.code.startswith("P")})
        assert codes, f"{case.source}: {case.what} breaks the syntax ({why}) but gives no P-finding:\n{text}"
    return bool(why)


@pytest.mark.parametrize("batch", range(BATCHES))
def test_mutations_never_crash_and_broken_syntax_is_reported(batch: int, tmp_path: Path):
    broken = sum(_check(case, tmp_path) for case in ALL_CASES[batch::BATCHES])
    # The mutations are meant to break things: a batch where none did would test nothing.
    assert broken >= len(ALL_CASES[batch::BATCHES]) // 5


def test_the_cases_cover_every_kind_of_mutation():
    kinds = {case.what.split(" ")[0] for case in ALL_CASES}
    assert kinds == {"delete", "insert", "truncate", "duplicate"}
    assert any("bytes" in case.what for case in ALL_CASES)
    assert len(ALL_CASES) == CASES and len({case.source for case in ALL_CASES}) > 50


def test_breaks_tells_an_edit_from_broken_syntax():
    original = "@article{k,\n  title = {A, B},\n  year = 2020\n}\n"
    comma = original.index(", B")
    edit = Case("x", original, original.replace("A, B", "A B").encode(), (comma, comma + 1), "delete")
    assert breaks(edit) == ""
    fold_at = original.index("},\n  year") + 1
    fold = Case("x", original, (original[:fold_at] + original[fold_at + 1 :]).encode(), (fold_at, fold_at + 1), "delete")
    assert breaks(fold) == "entries, fields or @strings differ"
    assert breaks(Case("x", original, original.encode()[:5] + b"\xff" + original.encode()[5:], (5, 5), "bytes"))
    two = original + "\n@book{j, title = {B}}\n"
    assert breaks(Case("x", two, two[: len(original)].encode(), (len(original), len(two)), "truncate")) == ""
    assert breaks(Case("x", two, two[:20].encode(), (20, len(two)), "truncate"))
