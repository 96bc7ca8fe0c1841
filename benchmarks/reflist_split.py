"""Splitter benchmark: reference lists laid out the ways papers print them, cut back apart.

Run: python benchmarks/reflist_split.py [--refs-per-paper N] [--show N]

Seed 004 is one layout (Markdown, one paragraph per reference). This script takes the
1,669 references of AnyStyle's gold set (../shared/data/anystyle/gold.xml; only its text
is used, never its labels, and nothing is trained), drops their own list numbers, and lays
them out in synthetic papers the ways PDF-to-text and Markdown converters print lists:
one paragraph each, wrapped at 72 columns with or without blank lines, hanging and
first-line indents,
[n] and "n." numbering, and pages with a running header and page number every 45 lines.
For each layout it prints how many references come back exactly (same words in the same
order), how many were split or merged, and how many R004 "may hold two references"
warnings the splitter gave.
"""

from __future__ import annotations

import re
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from citeman.ingest.reflist import extract_reference_strings  # noqa: E402

GOLD = ROOT.parent / "shared" / "data" / "anystyle" / "gold.xml"
HEADER = "Journal of Synthetic Studies 12 (2024)"


def load_references() -> list[str]:
    refs = []
    for sequence in ET.parse(GOLD).getroot().iter("sequence"):
        parts = [" ".join((child.text or "").split()) for child in sequence if child.tag != "citation-number"]
        text = " ".join(p for p in parts if p)
        if text:
            refs.append(text)
    return refs


def _wrap(text: str, indent: str = "", first: str = "") -> list[str]:
    return textwrap.wrap(text, 72, initial_indent=first, subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False) or [text]


def layout(refs: list[str], kind: str) -> tuple[list[str], list[int]]:
    """Lines of the list and the 0-based line index where each reference starts."""
    lines: list[str] = []
    starts: list[int] = []
    for n, ref in enumerate(refs, 1):
        starts.append(len(lines))
        if kind == "markdown paragraphs":
            lines += [ref, ""]
        elif kind == "wrapped, blank lines":
            lines += _wrap(ref) + [""]
        elif kind == "wrapped, no blank lines":
            lines += _wrap(ref)
        elif kind == "hanging indent":
            lines += _wrap(ref, indent="    ")
        elif kind == "first-line indent":
            lines += _wrap(ref, first="    ")
        elif kind == "[n] numbered, wrapped":
            lines += _wrap(ref, first=f"[{n}] ")
        elif kind == "n. numbered, wrapped":
            lines += _wrap(ref, first=f"{n}. ")
        elif kind == "wrapped, page headers":
            lines += _wrap(ref)
    if kind == "wrapped, page headers":
        paged: list[str] = []
        moved: dict[int, int] = {}
        for index, line in enumerate(lines):
            if index and index % 45 == 0:
                paged += ["", HEADER, str(index // 45 + 10), ""]
            moved[index] = len(paged)
            paged.append(line)
        return paged, [moved[s] for s in starts]
    return lines, starts


KINDS = ("markdown paragraphs", "wrapped, blank lines", "wrapped, no blank lines", "hanging indent",
         "first-line indent",
         "[n] numbered, wrapped", "n. numbered, wrapped", "wrapped, page headers")


def measure(refs: list[str], kind: str, per_paper: int, show: int) -> tuple[int, int, int, int, int]:
    exact = split = merged = flagged = 0
    shown = 0
    for begin in range(0, len(refs), per_paper):
        chunk = refs[begin:begin + per_paper]
        body, starts = layout(chunk, kind)
        front = ["# A Synthetic Paper", "", HEADER, "", "Body text of the paper.", "", HEADER, "", "More text.", ""]
        lines = front + ["## References", ""] + body
        offset = len(front) + 2
        found, diagnostics = extract_reference_strings("\n".join(lines), "synthetic.md")
        flagged += sum(1 for d in diagnostics if d.code == "R004")
        found_starts = {r.line - 1 - offset for r in found}
        truth_starts = set(starts)
        split += len(found_starts - truth_starts)
        merged += len(truth_starts - found_starts)
        by_start = {r.line - 1 - offset: r for r in found}
        for start, ref in zip(starts, chunk):
            got = by_start.get(start)
            want = " ".join(ref.split())
            text = got.text if got else ""
            if got and got.number:
                text = text  # numbering is stripped from text and kept in .number
            if " ".join(text.split()).replace("- ", "-") == want.replace("- ", "-"):
                exact += 1
            elif shown < show:
                shown += 1
                print(f"  [{kind}] want: {want}\n  [{kind}]  got: {text}\n")
    return len(refs), exact, split, merged, flagged


def main(argv: list[str]) -> int:
    per_paper = int(argv[argv.index("--refs-per-paper") + 1]) if "--refs-per-paper" in argv else 40
    show = int(argv[argv.index("--show") + 1]) if "--show" in argv else 0
    if not GOLD.is_file():
        print(f"gold set not found at {GOLD}")
        return 2
    refs = load_references()
    print(f"## Reference-list splitter on {len(refs)} AnyStyle gold references, {per_paper} per paper\n")
    print("| layout | references | exact | share | split | merged | R004 warnings |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for kind in KINDS:
        total, exact, split, merged, flagged = measure(refs, kind, per_paper, show)
        print(f"| {kind} | {total} | {exact} | {exact / total:.1%} | {split} | {merged} | {flagged} |")
    # The gold set mixes every style in one list; a real paper uses one. Single-style
    # subsets in the hardest layout (PDF text wrapped at the margin, no blank lines):
    styles = {
        "APA only (Family, I. (Year))": [r for r in refs if re.match(
            r"^[A-Z][\w'’\-]+, (?:[A-Z]\.\s?)+.*\((?:19|20)\d\d[a-z]?\)", r)],
        "initials first (I. Family,)": [r for r in refs if re.match(r"^(?:[A-Z]\.\s?)+[A-Z][a-z]+,", r)],
    }
    for name, subset in styles.items():
        for kind in ("wrapped, no blank lines", "wrapped, page headers"):
            total, exact, split, merged, flagged = measure(subset, kind, per_paper, 0)
            print(f"| {name}: {kind} | {total} | {exact} | {exact / total:.1%} | {split} | {merged} | {flagged} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
