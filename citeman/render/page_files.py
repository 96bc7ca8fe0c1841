"""Writing the generated pages: only inside the output folder, only what changed, stale pages removed.

A manifest of the files the last run wrote lets a later run delete its own stale pages
and nothing else; a page name that could escape the folder is refused.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from citeman.errors import InputError
from citeman.io.atomic import atomic_write

# The list of files the last run wrote, so a later run removes only its own stale pages.
MANIFEST = ".citeman-pages.json"
_WRITE_THREADS = 8
# Pages and the plots they show; nothing a browser would run.
PAGE_SUFFIXES = (".md", ".svg")


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
    except (ValueError, OSError):
        return False
    return True


def _safe_relative(name: str) -> bool:
    parts = name.split("/")
    return (
        bool(name)
        and name.endswith(PAGE_SUFFIXES)
        and not name.startswith("/")
        and "\\" not in name
        and all(p not in ("", ".", "..") for p in parts)
    )


def _write_if_changed(target: Path, text: str) -> None:
    try:
        unchanged = target.is_file() and target.read_text(encoding="utf-8") == text
    except (OSError, UnicodeDecodeError):
        unchanged = False
    if not unchanged:
        atomic_write(target, text)


def _previous_files(out_dir: Path) -> list[str]:
    manifest = out_dir / MANIFEST
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    files = data.get("files", []) if isinstance(data, dict) else []
    return [f for f in files if isinstance(f, str)]


def write_pages(pages: Mapping[str, str], out_dir: str | Path) -> list[Path]:
    """Write ``pages`` under ``out_dir`` atomically and remove pages an earlier run wrote that are gone now.

    Only files named in the previous run's manifest, ending in ``.md`` or ``.svg`` and resolving
    inside ``out_dir`` are ever removed; nothing outside ``out_dir`` is written or removed.
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError("output is not a folder", path=str(out_dir))
    out.mkdir(parents=True, exist_ok=True)
    root = out.resolve()
    written: list[Path] = []
    for name in pages:
        if not _safe_relative(name):
            raise InputError(f"refusing to write page outside the output folder: {name!r}", path=str(out_dir))
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if not _inside(target.parent, root):
            raise InputError(f"refusing to write through a link that leaves the output folder: {name}", path=str(out_dir))
        written.append(target)
    # Each atomic write waits on fsync; overlapping them keeps large sites quick.
    with ThreadPoolExecutor(max_workers=_WRITE_THREADS) as pool:
        for _ in pool.map(_write_if_changed, written, pages.values()):
            pass
    current = set(pages)
    for name in _previous_files(out):
        if name in current or not _safe_relative(name):
            continue
        stale = out / name
        if (stale.is_file() or stale.is_symlink()) and _inside(stale.parent, root):
            stale.unlink()
    for folder in ("entries", "authors", "keywords", "plots"):
        path = out / folder
        if path.is_dir() and not path.is_symlink() and not any(path.iterdir()):
            path.rmdir()
    manifest = {"generator": "citeman pages", "files": sorted(current)}
    atomic_write(out / MANIFEST, json.dumps(manifest, indent=1) + "\n")
    return written
