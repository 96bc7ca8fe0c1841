"""Atomic writes: a reader never sees a half-written file, a crash never truncates one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from citeman.errors import InputError


def atomic_write(path: str | os.PathLike[str], text: str | bytes, encoding: str = "utf-8") -> None:
    """Write ``text`` (or bytes, as they are) to ``path`` through a temporary file in the same folder and a rename."""
    target = Path(path)
    data = text if isinstance(text, bytes) else text.encode(encoding)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise InputError(f"cannot write: {err.strerror or err}", path=str(target)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"cannot write: {err.strerror or err}", path=str(target)) from None
