"""Seed 004's 42 APA references, read field by field as a careful human reads the page.

``data/seed004_refs.txt`` holds the references as plain strings (Markdown and page
furniture removed, wrapped lines joined); ``data/seed004_expected.json`` holds the
fields read off the page by hand. The issue asks for >= 97% of fields exactly right.
"""

from __future__ import annotations

import json
from pathlib import Path

from citeman.ingest.parser import parse_references
from citeman.io.latex import strip_braces

DATA = Path(__file__).parent / "data"
FIELDS = ("title", "journal", "booktitle", "year", "month", "volume", "number", "pages", "publisher", "address",
          "doi", "url")


def field_scores() -> tuple[int, int, list[str]]:
    expected = json.loads((DATA / "seed004_expected.json").read_text(encoding="utf-8"))
    refs = (DATA / "seed004_refs.txt").read_text(encoding="utf-8").splitlines()
    entries, _ = parse_references(refs)
    right = total = 0
    misses: list[str] = []
    for exp, entry in zip(expected, entries):
        assert entry.fields["rawref"] == exp["ref"]
        got_people = [[p.literal] if p.literal else [p.family, p.given] for p in entry.authors]
        pairs = [("author", exp["author"], got_people)]
        # Case-protecting braces are markup, not text: compare what a reader sees.
        shown = {k: strip_braces(v) for k, v in entry.fields.items()}
        pairs += [(f, exp.get(f), shown.get(f)) for f in FIELDS if f in exp or f in shown]
        for name, want, got in pairs:
            total += 1
            if want == got:
                right += 1
            else:
                misses.append(f"{exp['ref'][:30]}... {name}: {got!r} != {want!r}")
    return right, total, misses


def test_all_42_references_come_out_in_order():
    refs = (DATA / "seed004_refs.txt").read_text(encoding="utf-8").splitlines()
    entries, _ = parse_references(refs)
    assert len(entries) == 42
    assert entries[0].key == "abercrombie2019realizing" and entries[-1].key.startswith("yadav2023")


def test_at_least_97_percent_of_fields_exactly_right():
    right, total, misses = field_scores()
    assert right / total >= 0.97, "\n".join(misses)
