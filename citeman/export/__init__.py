"""Writing entries in the formats other tools read: BibTeX, BibLaTeX, CSL-JSON, RIS.

One dispatcher, :func:`export`, so the command line and other programs pick a
format by name; each format lives in its own module. Reading the named .bib files
and folders (:func:`read_libraries`) and canonical reformatting (:func:`reformat_files`,
``citeman fmt``) sit here too because every exporter starts from them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from citeman.errors import UsageError
from citeman.io.files import bib_files
from citeman.model import Block, Diagnostic, Entry, Library, Verbatim

FORMATS = ("bibtex", "biblatex", "csl-json", "ris")


def expand_macros(entry: Entry, strings: dict[str, str]) -> Entry:
    """A copy of ``entry`` whose ``@string`` macro fields hold the macro's text.

    Month macros stay macros: every writer knows ``jan``..``dec``.
    """
    if not entry.macros:
        return entry
    from citeman.io.bibtex import MONTH_MACROS

    fields = dict(entry.fields)
    macros = set()
    lowered = {k.lower(): v for k, v in strings.items()}
    for name in entry.macros:
        value = fields.get(name, "")
        if name == "month" and value.lower()[:3] in MONTH_MACROS:
            macros.add(name)
        elif value.lower() in lowered:
            fields[name] = lowered[value.lower()]
        else:
            macros.add(name)
    return replace(entry, fields=fields, macros=macros)


def expanded_entries(data: Library | Iterable[Block]) -> list[Entry]:
    """The entries of ``data`` with ``@string`` macros expanded (what renderers need)."""
    blocks = _blocks(data)
    strings = {b.name: b.value for b in blocks if isinstance(b, Verbatim) and b.kind == "string"}
    return [expand_macros(b, strings) for b in blocks if isinstance(b, Entry)]


def _read_bib(path: Path) -> tuple[Library, list[Diagnostic]]:
    """Read one .bib file through the fast reader.

    The fast reader builds the same blocks as :func:`citeman.io.bibtex.parse_bib` and
    hands anything unusual to it; it matters for large libraries (about 3x faster).
    """
    from citeman.io.fastread import parse_fast
    from citeman.io.text import read_text

    return parse_fast(read_text(path), str(path))


def read_libraries(paths: Sequence[str | Path]) -> tuple[Library, list[Diagnostic]]:
    """All blocks of all named .bib files (and folders) in one library, in file order."""
    merged = Library(path=str(paths[0]) if len(paths) == 1 else "")
    diagnostics: list[Diagnostic] = []
    for path in bib_files(paths):
        library, found = _read_bib(path)
        merged.blocks.extend(library.blocks)
        diagnostics.extend(found)
    return merged, diagnostics


def reformat_files(paths: Sequence[str | Path], check: bool = False) -> list[Path]:
    """Rewrite .bib files in canonical BibTeX; returns the files that changed (or would, with ``check``)."""
    from citeman.io.atomic import atomic_write
    from citeman.io.bibtex import dumps_bib, parse_bib
    from citeman.io.text import read_text

    changed: list[Path] = []
    for path in bib_files(paths):
        text = read_text(path)
        library, _ = parse_bib(text, str(path))
        formatted = dumps_bib(library)
        if formatted == text:
            continue
        changed.append(path)
        if not check:
            atomic_write(path, formatted)
    return changed


def _blocks(data: Library | Iterable[Block]) -> list[Block]:
    return list(data.blocks) if isinstance(data, Library) else list(data)


def export(data: Library | Iterable[Block], fmt: str) -> str:
    """The text of ``data`` (a library, or entries and blocks) in format ``fmt``.

    BibTeX keeps every block (``@string``, comments) as read; the other formats
    carry entries only, with ``@string`` macros expanded.
    """
    blocks = _blocks(data)
    if fmt == "bibtex":
        from citeman.io.bibtex import dumps_bib

        return dumps_bib(blocks)
    entries = expanded_entries(blocks)
    if fmt == "biblatex":
        from citeman.export.biblatex import to_biblatex

        return to_biblatex(entries)
    if fmt == "csl-json":
        from citeman.export.csljson import to_csl_json

        return to_csl_json(entries)
    if fmt == "ris":
        from citeman.export.ris import to_ris

        return to_ris(entries)
    raise UsageError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")


__all__ = ["FORMATS", "bib_files", "expand_macros", "expanded_entries", "export", "read_libraries", "reformat_files"]
