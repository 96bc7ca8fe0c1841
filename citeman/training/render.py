"""Rendering CSL-JSON records through citation styles with pandoc, fields marked for labelling.

Every field value is wrapped in a pair of private-use characters before rendering, so
the rendered string still says which field each character came from; names mark only
the family name (given names are initialised by the styles, which would eat a marker),
and dates are recognised afterwards by value. One pandoc call renders all records
through one style.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import tempfile
from pathlib import Path

# Field -> AnyStyle label, in marker order: field k opens with U+E000+2k and closes with U+E001+2k.
MARKED_FIELDS = (
    ("title", "title"), ("container-title", "container-title"), ("collection-title", "collection-title"),
    ("volume", "volume"), ("issue", "volume"), ("page", "pages"), ("publisher", "publisher"),
    ("publisher-place", "location"), ("DOI", "doi"), ("URL", "url"), ("ISBN", "isbn"),
    ("edition", "edition"), ("genre", "genre"),
)
NAME_FIELDS = (("author", "author"), ("editor", "editor"), ("translator", "translator"))
_BASE = 0xE000
MARKER_LABELS: dict[str, str] = {}
for _k, (_field, _label) in enumerate(MARKED_FIELDS + NAME_FIELDS):
    MARKER_LABELS[chr(_BASE + 2 * _k)] = _label
    MARKER_LABELS[chr(_BASE + 2 * _k + 1)] = "/" + _label
_OPEN = {field: chr(_BASE + 2 * k) for k, (field, _) in enumerate(MARKED_FIELDS + NAME_FIELDS)}
_CLOSE = {field: chr(_BASE + 2 * k + 1) for k, (field, _) in enumerate(MARKED_FIELDS + NAME_FIELDS)}

_ENTRY = re.compile(r'<div id="ref-([^"]+)" class="csl-entry"[^>]*>(.*?)</div>\s*(?=<div id="ref-|</div>\s*$)', re.S)
_TAG = re.compile(r"<[^>]+>")


def mark(record: dict, journal_label: bool) -> dict:
    """A copy of ``record`` whose field values carry their markers."""
    out = dict(record)
    for field, _ in MARKED_FIELDS:
        if field in out:
            out[field] = _OPEN[field] + str(out[field]) + _CLOSE[field]
    for field, _ in NAME_FIELDS:
        if field in out:
            names = []
            for name in out[field]:
                name = dict(name)
                key = "literal" if "literal" in name else "family"
                name[key] = _OPEN[field] + name[key] + _CLOSE[field]
                names.append(name)
            out[field] = names
    return out


def pandoc_path() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


def render(records: list[dict], style: Path, pandoc: str | None = None) -> dict[str, str]:
    """Record id -> its bibliography entry as plain text, rendered through ``style``."""
    with tempfile.TemporaryDirectory() as tmp:
        refs = Path(tmp) / "refs.json"
        refs.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
        doc = "---\nnocite: '@*'\n---\n"
        result = subprocess.run(
            [pandoc or pandoc_path(), "--citeproc", "--csl", str(style), "--bibliography", str(refs),
             "-f", "markdown", "-t", "html", "--wrap=none"],
            input=doc, capture_output=True, text=True, timeout=600, check=False)
    out: dict[str, str] = {}
    for ident, body in _ENTRY.findall(result.stdout):
        # Numeric styles put the label in its own block; keep a space after it.
        body = body.replace("</div>", " </div>")
        text = html.unescape(_TAG.sub("", body))
        out[ident] = " ".join(text.split())
    return out
