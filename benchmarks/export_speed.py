"""Speed of exporting a large library from memory to CSL-JSON (and the other formats).

Measures ``citeman.export.export(entries, fmt)`` on synthetic entries already in
memory (reading the .bib is the BibTeX reader's cost, measured separately as a
reference line). Prints a Markdown table of entries per second, wall clock and CPU.

Run: ``python benchmarks/export_speed.py [N]`` (default 100,000).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synthetic import synthetic_entries  # noqa: E402

from citeman.export import export  # noqa: E402


def measure(label: str, fn, n: int, repeats: int = 3) -> list:
    best_wall = best_cpu = float("inf")
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    return [label, f"{n:,}", f"{best_wall:.2f}", f"{n / best_wall:,.0f}", f"{n / best_cpu:,.0f}"]


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    entries = synthetic_entries(n)
    rows = [measure(f"export --to {fmt}", lambda fmt=fmt: export(entries, fmt), n) for fmt in ("csl-json", "ris", "biblatex")]
    sample = entries[:5000]
    text = export(sample, "bibtex")
    from citeman.io.bibtex import parse_bib

    rows.append(measure("read .bib (reference: parse_bib)", lambda: parse_bib(text), len(sample), repeats=1))
    print(f"Export speed, best of 3 ({n:,} synthetic entries in memory; target csl-json >= 50,000 entries/s)\n")
    print("| step | entries | wall s | entries/s (wall) | entries/s (CPU) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
