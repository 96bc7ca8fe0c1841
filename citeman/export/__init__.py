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
from citeman.io.syntax import damage, refuse_damage
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


def expanded_entries(data: Library | Iterable[Block], inherit: bool = False) -> list[Entry]:
    """The entries of ``data`` with ``@string`` macros expanded (what renderers need).

    With ``inherit``, each entry also gets what it inherits through ``crossref`` and
    ``xdata`` and the ``@xdata`` containers are left out: for formats without such links.
    """
    from citeman.export.inherit import resolve, without_containers

    blocks = _blocks(data)
    strings = {b.name: b.value for b in blocks if isinstance(b, Verbatim) and b.kind == "string"}
    entries = [expand_macros(b, strings) for b in blocks if isinstance(b, Entry)]
    return without_containers(resolve(entries)) if inherit else entries


def _read_bib(path: Path) -> tuple[Library, list[Diagnostic]]:
    """Read one .bib file through the fast reader.

    The fast reader builds the same blocks as :func:`citeman.io.bibtex.parse_bib` and
    hands anything unusual to it; it matters for large libraries (about 3x faster).
    """
    from citeman.io.bibtex import read_bib
    from citeman.io.fastread import parse_fast

    return read_bib(path, parse_fast)


def read_libraries(paths: Sequence[str | Path]) -> tuple[Library, list[Diagnostic]]:
    """All blocks of all named .bib files (and folders) in one library, in file order."""
    merged = Library(path=str(paths[0]) if len(paths) == 1 else "")
    diagnostics: list[Diagnostic] = []
    for path in bib_files(paths):
        library, found = _read_bib(path)
        merged.blocks.extend(library.blocks)
        diagnostics.extend(found)
    return merged, diagnostics


def keep_broken_as_written(library: Library, diagnostics: Iterable[Diagnostic]) -> Library:
    """``library`` with each entry that holds a syntax error replaced by its source text, unchanged."""
    broken = damage(diagnostics)
    if not broken:
        return library
    blocks: list[Block] = []
    for block in library.blocks:
        if isinstance(block, Entry) and block.raw and block.source is not None and block.source.line:
            first, last = block.source.line, block.source.line + block.raw.count("\n")
            if any(d.path == block.source.path and first <= d.line <= last for d in broken):
                text = "\n".join([*block.comments, block.raw])
                blocks.append(Verbatim("unparsed", text, block.source, error="kept as written"))
                continue
        blocks.append(block)
    return Library(blocks=blocks, path=library.path)


def reformat_files(paths: Sequence[str | Path], check: bool = False, force: bool = False) -> list[Path]:
    """Rewrite .bib files in canonical BibTeX; returns the files that changed (or would, with ``check``).

    A file with a syntax error (see :func:`damage`) is not touched, and nothing is
    written, unless ``force``: then each broken entry is written back as it was read.
    """
    from citeman.io.atomic import atomic_write
    from citeman.io.bibtex import dumps_bib, parse_bib
    from citeman.io.text import decode_bib, read_source

    planned: list[tuple[Path, str, str, bool]] = []
    for path in bib_files(paths):
        text, undecodable = decode_bib(read_source(path), str(path))
        library, diagnostics = parse_bib(text, str(path))
        diagnostics += undecodable
        if not force:
            refuse_damage(diagnostics, "reformatted")
        # With bytes that were not UTF-8, even the same text is a change: it is written as UTF-8.
        planned.append((path, text, dumps_bib(keep_broken_as_written(library, diagnostics)), bool(undecodable)))
    changed: list[Path] = []
    for path, text, formatted, recoded in planned:
        if formatted == text and not recoded:
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
    if fmt == "biblatex":
        from citeman.export.biblatex import to_biblatex

        return to_biblatex(expanded_entries(blocks))
    entries = expanded_entries(blocks, inherit=True)
    if fmt == "csl-json":
        from citeman.export.csljson import to_csl_json

        return to_csl_json(entries)
    if fmt == "ris":
        from citeman.export.ris import to_ris

        return to_ris(entries)
    raise UsageError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")


__all__ = ["FORMATS", "bib_files", "damage", "expand_macros", "expanded_entries", "export", "keep_broken_as_written",
           "read_libraries", "reformat_files", "refuse_damage"]
