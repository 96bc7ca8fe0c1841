"""Reading text inputs with one clear error for binary, undecodable or missing files."""

from __future__ import annotations

import codecs
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from citeman.errors import InputError

# While a pipeline runs (``citeman build``), every step that needs a file's text asks for it
# again; this keeps each file's bytes so it is read from disk once. Keyed by the file's size
# and modification time, so a file rewritten meanwhile is read afresh.
_read_cache: dict[tuple[str, int, int], bytes] | None = None


@contextmanager
def read_once() -> Iterator[None]:
    """Within this block, each unchanged file is read from disk only once."""
    global _read_cache
    outer = _read_cache
    _read_cache = {} if outer is None else outer
    try:
        yield
    finally:
        _read_cache = outer


def read_text(path: str | Path) -> str:
    """Return the text of ``path`` (``-`` for standard input) decoded as UTF-8.

    A UTF-8 byte-order mark is dropped and line ends become ``\\n``. Binary files (NUL
    bytes) and undecodable bytes raise :class:`InputError` naming the file and the
    line of the bad byte.
    """
    name = "<stdin>" if str(path) == "-" else str(path)
    return decode_source(read_source(path), name)


def read_source(path: str | Path) -> bytes:
    """The bytes of ``path`` (``-``: standard input), checked and normalised but not decoded.

    Drops a UTF-8 byte-order mark and turns CR LF and CR into LF; raises
    :class:`InputError` for a missing, unreadable or binary file. Decode the bytes,
    or any part of them cut at a line break, with :func:`decode_source`.
    """
    name = str(path)
    if name == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        p = Path(path)
        if p.is_dir():
            raise InputError("is a directory, expected a file", path=name)
        try:
            data = _read_bytes(p)
        except FileNotFoundError:
            raise InputError("no such file", path=name) from None
        except OSError as err:
            raise InputError(f"cannot read: {err.strerror or err}", path=name) from None
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError("binary file (NUL byte), expected text", path=name, line=line)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\r" in data:
        # On the bytes: a CR byte is never part of a multi-byte UTF-8 character, and the
        # bytes are usually half the size of the decoded text or less.
        data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return data


def _read_bytes(path: Path) -> bytes:
    if _read_cache is None:
        return path.read_bytes()
    status = path.stat()
    key = (str(path.resolve()), status.st_mtime_ns, status.st_size)
    data = _read_cache.get(key)
    if data is None:
        data = _read_cache[key] = path.read_bytes()
    return data


def decode_source(data: bytes, name: str, first_line: int = 1) -> str:
    """``data`` from :func:`read_source` as text; an undecodable byte raises :class:`InputError`.

    ``first_line``: the line ``data`` starts on in its file (for a part of one).
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + first_line
        raise InputError(f"not valid UTF-8 (byte 0x{data[err.start]:02x})", path=name, line=line) from None


def _fallback_byte(byte: int) -> str:
    """The character a byte that is not UTF-8 is read as: Windows-1252, else Latin-1 (never lost)."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


def decode_bib(data: bytes, name: str, first_line: int = 1) -> tuple[str, list]:
    """``data`` from :func:`read_source` as text, and a P012 finding per line holding bytes that are not UTF-8.

    Each such byte is read as Windows-1252 (Latin-1 where that has no character), so
    nothing is lost and a person can see what was meant. ``first_line``: the line
    ``data`` starts on in its file.
    """
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    from citeman.model import Diagnostic

    bad: list[int] = []

    def fallback(err: UnicodeDecodeError) -> tuple[str, int]:
        bad.append(err.start)
        return _fallback_byte(err.object[err.start]), err.start + 1

    codecs.register_error("citeman-bib-fallback", fallback)
    text = data.decode("utf-8", "citeman-bib-fallback")
    findings: list[Diagnostic] = []
    by_line: dict[int, list[int]] = {}
    breaks, counted = 0, 0
    for offset in bad:   # in file order: count the line breaks once
        breaks += data.count(b"\n", counted, offset)
        counted = offset
        by_line.setdefault(breaks, []).append(offset)
    for breaks, offsets in by_line.items():
        first = offsets[0]
        line_start = data.rfind(b"\n", 0, first) + 1
        column = len(data[line_start:first].decode("utf-8", "replace")) + 1
        more = f" and {len(offsets) - 1} more on this line" if len(offsets) > 1 else ""
        findings.append(Diagnostic("P012", "error", f"not valid UTF-8: byte 0x{data[first]:02x}{more}, read as "
                                   f"Windows-1252 {_fallback_byte(data[first])!r}", name, breaks + first_line,
                                   column=column))
    return text, findings


def read_bib_text(path: str | Path) -> tuple[str, list]:
    """The text of a .bib file, and a P012 finding for each line with bytes that are not UTF-8 (see :func:`decode_bib`)."""
    name = "<stdin>" if str(path) == "-" else str(path)
    return decode_bib(read_source(path), name)
