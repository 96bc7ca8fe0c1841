"""Which .bib files a list of command-line paths names: the one rule every command follows.

A file is taken as named; a folder gives the .bib files below it, recursively, sorted,
skipping hidden folders and files (``.git``, ``.citeman-*``); ``-`` is standard input
where a command reads it. A missing path, or a folder without a single .bib file, is an
input error naming it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from citeman.errors import InputError


def bib_files(paths: Iterable[str | Path], *, stdin: bool = True, empty_folder_ok: bool = False) -> list[Path]:
    """The .bib files named or found in folders, each once, in a stable order."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if str(raw) == "-" and stdin:
            files.append(Path("-"))
        elif path.is_dir():
            found = sorted(p for p in path.rglob("*.bib") if p.is_file() and not _hidden(p, path))
            if not found and not empty_folder_ok:
                raise InputError("no .bib files in folder", path=str(raw))
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise InputError("no such file or folder", path=str(raw))
    return list(dict.fromkeys(files))


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)
