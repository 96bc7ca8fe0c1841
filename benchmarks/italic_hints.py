"""Do the italic-span hints of Markdown reference lists help or hurt? A before/after count.

Run: python benchmarks/italic_hints.py

Takes every journal reference of AnyStyle's gold set (../shared/data/anystyle/gold.xml)
that has an author, a year, a title and a journal, writes it the way an APA list in
Markdown prints it (``Author (Year). Title. *Journal*, volume, pages.``), runs the
splitter and the parser, and counts exact titles and journals before and after
citeman.ingest.refhints repairs them. The gold labels are used only to score.
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from citeman.ingest.parser import parse_references  # noqa: E402
from citeman.ingest.refhints import apply_italic_hints  # noqa: E402
from citeman.ingest.reflist import extract_reference_strings  # noqa: E402
from citeman.model import Span  # noqa: E402

GOLD = ROOT.parent / "shared" / "data" / "anystyle" / "gold.xml"


def apa_markdown() -> tuple[list[str], list[tuple[str, str]]]:
    lines, truth = [], []
    for sequence in ET.parse(GOLD).getroot().iter("sequence"):
        parts = {child.tag: " ".join((child.text or "").split()) for child in sequence}
        container = parts.get("journal") or parts.get("container-title")
        year = re.search(r"\d{4}", parts.get("date", ""))
        if not (parts.get("author") and parts.get("title") and container and year):
            continue
        title, container = parts["title"].rstrip(".,"), container.rstrip(".,")
        if container.lower().startswith("in "):
            continue
        tail = "".join(f", {parts[k].strip('.,')}" for k in ("volume", "pages") if parts.get(k))
        lines.append(f"{parts['author'].rstrip(',')} ({year.group()}). {title}. *{container}*{tail}.")
        truth.append((title, container))
    return lines, truth


def _bare(title: str) -> str:
    """Titles compared without the quotation marks and final stop that styles add, or BibTeX braces."""
    return title.replace("{", "").replace("}", "").strip(" \"'“”‘’«».")


def _score(entries, truth) -> tuple[int, int]:
    titles = sum(1 for e, (t, _) in zip(entries, truth) if _bare(e.fields.get("title", "")) == _bare(t))
    containers = sum(1 for e, (_, c) in zip(entries, truth)
                     if (e.fields.get("journal") or e.fields.get("booktitle") or "") == c)
    return titles, containers


def main() -> int:
    if not GOLD.is_file():
        print(f"gold set not found at {GOLD}")
        return 2
    lines, truth = apa_markdown()
    refs, _ = extract_reference_strings("## References\n\n" + "\n\n".join(lines) + "\n", "apa.md")
    if len(refs) != len(lines):
        print(f"splitter found {len(refs)} of {len(lines)} references; scores would not align")
        return 1
    entries, _ = parse_references([r.text for r in refs])
    before = _score(entries, truth)
    changed = 0
    for entry, ref in zip(entries, refs):
        fields = dict(entry.fields)
        apply_italic_hints(entry, ref.text, ref.italics, Span("apa.md", ref.line), ref.raw)
        changed += fields != entry.fields
    after = _score(entries, truth)
    n = len(truth)
    print(f"## Italic hints on {n} APA-style Markdown references from the AnyStyle gold set\n")
    print("| | exact titles | exact journals |")
    print("| --- | --- | --- |")
    print(f"| parser alone | {before[0]} ({before[0] / n:.1%}) | {before[1]} ({before[1] / n:.1%}) |")
    print(f"| with italic hints | {after[0]} ({after[0] / n:.1%}) | {after[1]} ({after[1] / n:.1%}) |")
    print(f"\nentries changed by the hints: {changed}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
