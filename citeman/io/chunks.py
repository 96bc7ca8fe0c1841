"""Cutting a .bib text into chunks at entry boundaries, for checking them in parallel.

A chunk starts at a line-start ``@`` (or the comment lines above it) and carries what
a worker needs to check it alone: its first line number and the ``@string`` macros
defined before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from citeman.io.fastread import iter_blocks
from citeman.model import Verbatim

CHUNK_CHARS = 4_000_000


@dataclass(slots=True)
class Chunk:
    path: str
    start: int
    end: int
    line_offset: int
    # @string macros defined earlier in the same file, before this chunk starts.
    strings: dict[str, str] = field(default_factory=dict)
    # The chunk's own UTF-8 bytes, when it is sent to a worker (which decodes them) rather than sliced from a text.
    data: bytes = b""


# A literal "@" first lets the regex engine skip ahead with a fast search; a case-blind
# pattern anchored at line starts would be tried at every position of a 70 MB file.
_STRING_BLOCK = re.compile(r"@(?i:string)\s*[{(]")
_STRING_BLOCK_BYTES = re.compile(rb"@(?i:string)\s*[{(]")


def strings_defined(text: str | bytes, path: str, start: int, end: int) -> dict[str, str]:
    """The ``@string`` macros defined by blocks that start a line in ``text[start:end]``."""
    if isinstance(text, str):
        pattern, newline, blanks, block = _STRING_BLOCK, "\n", " \t", "\n@"
    else:
        pattern, newline, blanks, block = _STRING_BLOCK_BYTES, b"\n", b" \t", b"\n@"
    strings: dict[str, str] = {}
    for match in pattern.finditer(text, start, end):
        line_start = text.rfind(newline, 0, match.start()) + 1
        if text[line_start : match.start()].strip(blanks):
            continue
        stop = text.find(block, line_start + 1, end)
        snippet = text[line_start : stop if stop >= 0 else end]
        if isinstance(snippet, bytes):
            snippet = snippet.decode("utf-8", "replace")  # the worker reports a bad byte with its line
        for found in iter_blocks(snippet, path, [], 0):
            if isinstance(found, Verbatim) and found.kind == "string":
                strings[found.name] = found.value
    return strings


def split_chunks(text: str | bytes, path: str, size: int = CHUNK_CHARS, workers: int = 1) -> list[Chunk]:
    """The chunks of :func:`iter_chunks`, as a list."""
    return list(iter_chunks(text, path, size, workers))


def iter_chunks(text: str | bytes, path: str, size: int = CHUNK_CHARS, workers: int = 1) -> Iterator[Chunk]:
    """Cut ``text`` (or its UTF-8 bytes) before line-start ``@`` blocks and the comment lines above them.

    Each chunk knows its first line and the ``@string`` macros defined before it, found
    as the chunks are cut: a consumer can start on the first chunk at once. For several
    ``workers`` the chunks shrink towards the end of the text (a share of what remains,
    at least ``size // 8``), so the workers finish at nearly the same time instead of
    one of them checking a last full-size chunk alone.
    """
    block, newline, comment = ("\n@", "\n", "%") if isinstance(text, str) else (b"\n@", b"\n", b"%")
    start = 0
    line = 0
    strings: dict[str, str] = {}
    while start < len(text):
        cut = len(text)
        step = size if workers <= 1 else min(size, max(size // 8, (len(text) - start) // (2 * workers)))
        if len(text) - start > step * 1.5:
            at = text.find(block, start + step)
            if at >= 0:
                cut = at + 1
                while True:
                    previous = text.rfind(newline, start, cut - 1)
                    if previous < 0 or not text[previous + 1 : cut - 1].lstrip().startswith(comment):
                        break
                    cut = previous + 1
                if cut <= start:
                    cut = at + 1
        yield Chunk(path, start, cut, line, dict(strings))
        if cut < len(text):
            strings.update(strings_defined(text, path, start, cut))
        line += text.count(newline, start, cut)
        start = cut


__all__ = ["CHUNK_CHARS", "Chunk", "iter_chunks", "split_chunks", "strings_defined"]
