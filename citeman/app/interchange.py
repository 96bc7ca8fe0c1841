"""``citeman import``: CSL-JSON (Zotero, Better BibTeX) and RIS files into a .bib file."""

from __future__ import annotations

from pathlib import Path

from citeman.app.outcome import Outcome
from citeman.app.references import deliver
from citeman.app.report import diagnostic_lines
from citeman.errors import UsageError


def import_file(source: str | Path, from_format: str | None = None, output: str | Path | None = None,
                force: bool = False) -> Outcome:
    """The entries of a CSL-JSON or RIS file as BibTeX, on standard output or written to ``output``.

    ``from_format`` is ``csl-json`` or ``ris``; without it the file name's ending decides
    (``.json``, ``.ris``). An existing ``output`` is replaced only with ``force``; the file
    is written atomically. Items that cannot be read are kept as ``@misc`` entries and
    reported (``P301``).
    """
    from citeman.export.importer import FORMATS, SUFFIXES, read_entries
    from citeman.io.bibtex import dumps_bib
    from citeman.io.text import read_text

    name = "<stdin>" if str(source) == "-" else str(source)
    fmt = from_format or SUFFIXES.get(Path(name).suffix.lower())
    if fmt is None:
        raise UsageError(f"cannot tell the format from the file name; give --from ({', '.join(FORMATS)})", path=name)
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r} for --from (choose from {', '.join(FORMATS)})")
    if output is not None and str(output) != "-" and Path(output).exists() and not force:
        raise UsageError("output file exists; give --force to replace it", path=str(output))
    entries, diagnostics = read_entries(read_text(source), fmt, name)
    messages = diagnostic_lines(diagnostics)
    kept = sum(1 for d in diagnostics if d.code == "P301")
    summary = f"imported {len(entries)} {'entry' if len(entries) == 1 else 'entries'} from {name}"
    if kept:
        summary += f" ({kept} kept as @misc, see above)"
    messages.append(summary)
    return deliver(Outcome(dumps_bib(entries) if entries else "", diagnostics, messages), output)
