"""Which of seed 004's 42 references does ``citeman validate`` report, against a careful reviewer's verdict?

Reads the seed's parsed references from ``bib/`` (entries whose ``citeman-source``
names ``seeds/004_...``) when they exist, else runs ``citeman refs`` on the seed, else
uses the test fixture ``tests/validate/fixtures/seed004.bib``; lints them, and prints one Markdown row per
entry with its codes and worst severity next to the verdict in
``tests/validate/fixtures/seed004_review.json`` (reject = must be reported; clean =
complete journal article that must get no error).

    python benchmarks/validate_seed004.py [FILE.bib]
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from citeman.io.bibtex import dumps_bib, parse_bib, read_bib  # noqa: E402
from citeman.validate.lint import lint_library  # noqa: E402

FIXTURE = ROOT / "tests" / "validate" / "fixtures" / "seed004.bib"
REVIEW = json.loads((ROOT / "tests" / "validate" / "fixtures" / "seed004_review.json").read_text(encoding="utf-8"))
RANK = {"error": 3, "warning": 2, "info": 1, "": 0}


def seed_entries_from_bib() -> tuple[str, str] | None:
    """BibTeX text of the bib/ entries that came from seed 004, and where they came from."""
    picked = []
    sources = []
    for path in sorted((ROOT / "bib").rglob("*.bib")):
        library, _ = read_bib(path)
        chosen = [e for e in library.entries if "004_" in e.fields.get("citeman-source", "")
                  and e.fields.get("rawref")]
        if chosen:
            picked.extend(chosen)
            sources.append(str(path.relative_to(ROOT)))
    if len(picked) < 20:
        return None
    return dumps_bib(picked), ", ".join(sources)


def seed_entries_from_refs() -> tuple[str, str] | None:
    """The reference parser's output for the seed (``citeman refs``), if it runs."""
    seed = next(iter(sorted((ROOT / "seeds").glob("004_*.txt"))), None)
    if seed is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "refs.bib"
        done = subprocess.run([sys.executable, "-m", "citeman", "refs", str(seed), "-o", str(out)],
                              cwd=ROOT, capture_output=True, text=True)
        if done.returncode != 0 or not out.exists():
            return None
        return out.read_text(encoding="utf-8"), f"citeman refs {seed.relative_to(ROOT)}"


def main() -> None:
    if len(sys.argv) > 1:
        path = Path(sys.argv[1])
        text, origin = path.read_text(encoding="utf-8"), str(path)
    else:
        found = seed_entries_from_bib() or seed_entries_from_refs()
        text, origin = found if found else (FIXTURE.read_text(encoding="utf-8"), str(FIXTURE.relative_to(ROOT)))
    library, diagnostics = parse_bib(text, origin)
    findings = lint_library(library, diagnostics)
    by_key: dict[str, list] = {}
    for f in findings:
        by_key.setdefault(f.diagnostic.key, []).append(f.diagnostic)
    print(f"Source: {origin} ({len(library.entries)} entries, {len(findings)} findings)\n")
    print("| # | key | type | codes | worst | reviewer | ok |")
    print("| ---: | --- | --- | --- | --- | --- | :---: |")
    rejected = reported = clean = clean_ok = 0
    for number, entry in enumerate(library.entries, 1):
        diags = by_key.get(entry.key, [])
        worst = max((d.severity for d in diags), key=RANK.__getitem__, default="")
        verdict = next((p for p in REVIEW["reject"] if entry.key.startswith(tuple(p.split("|")))), None)
        is_clean = any(entry.key.startswith(p) for p in REVIEW["clean"])
        if verdict:
            rejected += 1
            ok = bool(diags)
            reported += ok
            label = "reject"
        elif is_clean:
            clean += 1
            ok = worst != "error"
            clean_ok += ok
            label = "clean"
        else:
            ok, label = True, "minor"
        codes = " ".join(sorted({d.code for d in diags})) or "-"
        print(f"| {number} | {entry.key} | {entry.type} | {codes} | {worst or '-'} | {label} | {'yes' if ok else 'NO'} |")
    print()
    print("| measure | result |")
    print("| --- | ---: |")
    print(f"| rejected entries reported | {reported}/{rejected} |")
    print(f"| clean journal articles without error | {clean_ok}/{clean} |")
    print(f"| entries with an error | {sum(1 for ds in by_key.values() if any(d.severity == 'error' for d in ds))}"
          f"/{len(library.entries)} |")


if __name__ == "__main__":
    main()
