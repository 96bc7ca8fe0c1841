"""Seed 004 benchmark: the paper's 42 references against what a careful reader reads off the page.

Run: python benchmarks/seed004.py

The truth (benchmarks/seed004_truth.json) was written by hand from the text. The script
runs the whole `citeman refs` pipeline (find the list, remove furniture, split, parse) and
prints a Markdown table: references found/expected, split and merged references, running
header residue in any field, and the share of fields exactly as the truth reads them, then
every mismatching field. A field counts once per reference when either side has it, so a
spurious field costs as much as a missing one.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from citeman.ingest.reflist import extract_reference_strings, references_from_text  # noqa: E402
from citeman.model import Entry  # noqa: E402

TRUTH = Path(__file__).with_name("seed004_truth.json")
COMPARED = ("type", "author", "editor", "year", "month", "title", "container", "volume", "number",
            "pages", "doi", "url", "publisher", "address", "edition")


def _text(value: str) -> str:
    value = value.replace("{", "").replace("}", "")
    return " ".join(value.split())


def _pages(value: str) -> str:
    return re.sub(r"\s*(?:-+|–|—)\s*", "--", _text(value))


def observed(entry: Entry) -> dict[str, object]:
    """The compared fields of a parsed entry, in the truth file's vocabulary."""
    f = entry.fields
    out: dict[str, object] = {"type": entry.type}
    for role in ("author", "editor"):
        people = entry.persons.get(role, [])
        if people:
            out[role] = [[_text(p.literal or " ".join(x for x in (p.particle, p.family) if x)),
                          _text(p.given)] for p in people]
    for name in ("year", "title", "volume", "number", "url", "address", "edition"):
        if f.get(name):
            out[name] = _text(f[name])
    if f.get("month"):
        out["month"] = _text(f["month"]).lower()[:3]
    if f.get("pages"):
        out["pages"] = _pages(f["pages"])
    if f.get("doi"):
        out["doi"] = _text(f["doi"]).lower()
    container = f.get("journal") or f.get("journaltitle") or f.get("booktitle")
    if container:
        out["container"] = _text(container)
    publisher = f.get("publisher") or f.get("institution") or f.get("organization") or f.get("school")
    if publisher:
        out["publisher"] = _text(publisher)
    doi = out.get("doi")
    if doi and str(out.get("url", "")).lower().rstrip("/").endswith(f"doi.org/{doi}"):
        del out["url"]  # the DOI written as a link is the DOI, not a separate URL
    return out


def expected(ref: dict) -> dict[str, object]:
    out = {k: v for k, v in ref.items() if k in COMPARED}
    if "doi" in out:
        out["doi"] = str(out["doi"]).lower()
    return out


def _matches(name: str, want: object, got: object) -> bool:
    if name == "type" and isinstance(want, list):
        return got in want
    return want == got


def _residue(entry: Entry, headers: list[str]) -> int:
    values = list(entry.fields.values())
    values += [p.display() for people in entry.persons.values() for p in people]
    return sum(1 for v in values for h in headers if h.lower() in v.lower())


def run() -> dict[str, object]:
    truth = json.loads(TRUTH.read_text(encoding="utf-8"))
    paper = truth["paper"]
    text = (ROOT / paper).read_text(encoding="utf-8")
    refs, _ = extract_reference_strings(text, paper)
    entries, _ = references_from_text(text, paper)
    truth_refs = truth["references"]
    truth_lines = [r["line"] for r in truth_refs]
    found_lines = [r.line for r in refs]
    split = sum(1 for line in found_lines if line not in truth_lines)
    merged = sum(1 for line in truth_lines if line not in found_lines)
    first_word_ok = sum(
        1 for r in refs for t in truth_refs if r.line == t["line"] and r.text.split()[0].strip(",.") == t["first"])
    residue = sum(_residue(e, truth["headers"]) for e in entries)
    by_line = {e.source.line: e for e in entries if e.source}
    total = matched = 0
    mismatches: list[tuple[int, str, object, object]] = []
    per_field: dict[str, list[int]] = {}
    for ref in truth_refs:
        entry = by_line.get(ref["line"])
        want = expected(ref)
        got = observed(entry) if entry else {}
        for name in COMPARED:
            if name not in want and name not in got:
                continue
            ok = name in want and name in got and _matches(name, want[name], got[name])
            total += 1
            matched += ok
            stats = per_field.setdefault(name, [0, 0])
            stats[0] += ok
            stats[1] += 1
            if not ok:
                mismatches.append((ref["line"], name, want.get(name), got.get(name)))
    return {
        "found": len(refs), "expected": len(truth_refs), "split": split, "merged": merged,
        "first_words": first_word_ok, "residue": residue, "matched": matched, "total": total,
        "per_field": per_field, "mismatches": mismatches,
    }


def main(argv: list[str]) -> int:  # noqa: ARG001 (no options yet)
    result = run()
    share = result["matched"] / result["total"] if result["total"] else 0.0
    print("## Seed 004 reference list\n")
    print("| measure | value | target |")
    print("| --- | --- | --- |")
    print(f"| references found / expected | {result['found']} / {result['expected']} | 42 / 42 |")
    print(f"| references split (not a true start) | {result['split']} | 0 |")
    print(f"| references merged (true start missing) | {result['merged']} | 0 |")
    print(f"| first word as expected | {result['first_words']} / {result['expected']} | 42 / 42 |")
    print(f"| running-header residue in any field | {result['residue']} | 0 |")
    print(f"| fields exactly as read off the page | {result['matched']} / {result['total']} = {share:.1%} | >= 97% |")
    print("\n| field | exact | compared | share |")
    print("| --- | --- | --- | --- |")
    for name in COMPARED:
        if name in result["per_field"]:
            ok, n = result["per_field"][name]
            print(f"| {name} | {ok} | {n} | {ok / n:.0%} |")
    if result["mismatches"]:
        print("\n### Mismatching fields\n")
        print("| line | field | truth | citeman |")
        print("| --- | --- | --- | --- |")
        for line, name, want, got in result["mismatches"]:
            print(f"| {line} | {name} | {_cell(want)} | {_cell(got)} |")
    return 0


def _cell(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, list) and value and isinstance(value[0], list):
        value = "; ".join(f"{f}, {g}" if g else f for f, g in value)
    return str(value).replace("|", "\\|")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
