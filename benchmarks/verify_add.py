"""``citeman add`` on 29 recorded identifiers of the 4 kinds written 9 ways, then ``citeman validate``.

The identifiers (``tests/fixtures/recorded/identifiers.json``: DOIs and DOI URLs;
arXiv ids, old-style ids and arxiv.org URLs; ISBN-13s, hyphenated or not, and an
ISBN-10; PubMed ids bare, as ``PMID:`` and as PubMed URLs) are answered from a cache
filled with the recorded responses (``--offline``: no network). Each entry goes into a
fresh .bib file and is linted; the table counts validate's findings by severity per
way of writing, with the service that answered.

    python benchmarks/verify_add.py
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from citeman.app import OnlineOptions, add, validate  # noqa: E402
from citeman.io.bibtex import read_bib  # noqa: E402
from verify_speed import RECORDED, fill_cache  # noqa: E402


def main() -> None:
    identifiers = json.loads((RECORDED / "identifiers.json").read_text(encoding="utf-8"))
    rows: dict[str, Counter] = {}
    services: dict[str, set[str]] = {}
    with tempfile.TemporaryDirectory() as folder:
        cache = Path(folder) / "cache.sqlite"
        fill_cache(cache)
        options = OnlineOptions(offline=True, cache=cache)
        for index, item in enumerate(identifiers):
            counts = rows.setdefault(item["kind"], Counter())
            bib = Path(folder) / f"added{index}.bib"
            outcome = add([item["identifier"]], bib, options=options)
            if bib.exists():
                note = read_bib(bib)[0].entries[0].fields.get("citeman-online", "")
                services.setdefault(item["kind"], set()).add(note.split(" ", 1)[0])
            counts["identifiers"] += 1
            counts["added"] += outcome.exit_code == 0 and bib.exists()
            report = json.loads(validate(paths=[str(bib)], fmt="json", no_baseline=True, jobs=1).report)
            for finding in report:
                counts[finding["severity"]] += 1
            counts["no error"] += not any(f["severity"] == "error" for f in report)
    print("| written as | answered by | identifiers | added | pass validate with no error | errors | warnings | info |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    total = Counter()
    for kind, counts in rows.items():
        total += counts
        print(f"| {kind} | {', '.join(sorted(services.get(kind, ())))} | {counts['identifiers']} | {counts['added']} | "
              f"{counts['no error']} | {counts['error']} | {counts['warning']} | {counts['info']} |")
    print(f"| all | | {total['identifiers']} | {total['added']} | {total['no error']} | {total['error']} | "
          f"{total['warning']} | {total['info']} |")


if __name__ == "__main__":
    main()
