"""Atomic writes: a reader never sees a half-written file, a crash never truncates one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from citeman.errors import InputError


def atomic_write(path: str | os.PathLike[str], text: str | bytes, encoding: str = "utf-8") -> None:
    """Write ``text`` (or bytes, as they are) to ``path`` through a temporary file in the same folder and a rename."""
    with atomic_file(path) as handle:
        handle.write(text if isinstance(text, bytes) else text.encode(encoding))


class AtomicFile:
    """What :func:`atomic_file` yields: ``write`` bytes; a failed write names the target file."""

    def __init__(self, handle: BinaryIO, target: Path) -> None:
        self._handle = handle
        self._target = target

    def write(self, data: bytes) -> None:
        try:
            self._handle.write(data)
        except OSError as err:
            raise InputError(f"cannot write: {err.strerror or err}", path=str(self._target)) from None


@contextmanager
def atomic_file(path: str | os.PathLike[str]) -> Iterator[AtomicFile]:
    """A file to write ``path`` through: it replaces ``path`` only when the block ends without error.

    Lets a large output be written piece by piece while it is produced; on an error the
    temporary file is removed and ``path`` keeps its old content.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise InputError(f"cannot write: {err.strerror or err}", path=str(target)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            yield AtomicFile(handle, target)
            try:
                handle.flush()
                os.fsync(handle.fileno())
                os.chmod(tmp, target.stat().st_mode & 0o777 if target.exists() else 0o644)
            except OSError as err:
                raise InputError(f"cannot write: {err.strerror or err}", path=str(target)) from None
        try:
            os.replace(tmp, target)
        except OSError as err:
            raise InputError(f"cannot write: {err.strerror or err}", path=str(target)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
