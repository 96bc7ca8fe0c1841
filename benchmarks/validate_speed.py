"""Throughput of ``citeman validate`` on a 100,000-entry (~70 MB) .bib file, end to end.

Builds the file by replicating real entries (every .bib under ``bib/`` and the
seed-004 fixture of the validate tests) with fresh keys, about 700 bytes an entry
(short entries get an abstract), then runs ``citeman validate FILE --format json -o ...`` as a separate process and
measures wall time, CPU time (``resource.getrusage(RUSAGE_CHILDREN)``) and peak
resident memory of the largest process and of all processes together (sampled from
``/proc`` every 50 ms while it runs). Prints a Markdown table next to the
reference numbers for other tools measured on the same kind of file (from issue 4).

    python benchmarks/validate_speed.py [--entries 100000] [--jobs N] [--keep FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "validate" / "fixtures" / "seed004.bib"
REVIEW = ROOT / "tests" / "validate" / "fixtures" / "seed004_review.json"
ABSTRACT = (
    "This article examines how the strategic partnership between the United States and India has evolved since "
    "the end of the Cold War, tracing the defence agreements and joint exercises that shaped it, and asks what "
    "the deepening ties mean for regional stability in South Asia."
)

# 70 MB over 100,000 entries, as in the target.
TARGET_ENTRY_BYTES = 700

REFERENCE = [
    ("bibtexparser 2.1 parse only", "6,800", "790 MB"),
    ("bibtexparser 2.1 parse + write", "2,200", "1.45 GB"),
    ("bibtex-tidy", "2,000-3,000", "2.8 GB"),
    ("biber --validate-datamodel", "130", "-"),
    ("regex split in Python (read + split only)", "120,000", "-"),
]


def source_entries(kind: str = "all") -> list[str]:
    """Entries to replicate: ``all`` (bib/ plus the damaged seed-004 fixture) or ``clean`` (its clean articles)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "bib").rglob("*.bib"))] if kind == "all" else []
    texts.append(FIXTURE.read_text(encoding="utf-8"))
    clean = tuple(json.loads(REVIEW.read_text(encoding="utf-8"))["clean"])
    blocks = []
    for text in texts:
        for match in re.finditer(r"^@(?!string|preamble|comment)\w+\{([^,]*),.*?^\}", text, re.M | re.S | re.I):
            if kind == "all" or match.group(1).startswith(clean):
                blocks.append(match.group(0))
    return blocks


def build_file(path: Path, count: int, kind: str = "all", entry_bytes: int = TARGET_ENTRY_BYTES) -> int:
    """Write ``count`` entries replicated from ``source_entries(kind)``, about ``entry_bytes`` each on average.

    Sources shorter on average than ``entry_bytes`` (the clean articles) get an abstract
    that makes up the difference, so both files are the ~70 MB of the target.
    """
    blocks = source_entries(kind)
    missing = entry_bytes - sum(len(b) for b in blocks) / len(blocks)
    abstract = _abstract(int(missing) - len("  abstract = {},\n")) if missing > 100 else ""
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            block = blocks[i % len(blocks)]
            block = re.sub(r"^(@\w+\{)([^,]*),", lambda m: f"{m.group(1)}{m.group(2)}x{i},", block, count=1)
            if abstract and "abstract" not in block:
                block = block[: block.rindex("}")] + f"  abstract = {{{abstract}}},\n}}"
            out.write(block + "\n\n")
    return path.stat().st_size


def _abstract(length: int) -> str:
    text = ABSTRACT
    while len(text) < length:
        text += " " + ABSTRACT
    return text[:length].rsplit(" ", 1)[0] + "."


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants, from /proc/<pid>/task/<tid>/children (no scan of every process)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                todo.extend(int(child) for child in task.read_text().split())
            except (OSError, ValueError):
                continue
    return found


def _sample_memory(pid: int, stop: threading.Event, peak: list[int]) -> None:
    """Peak RSS of the largest process and of the sum over the process tree, sampled every 50 ms (/proc)."""
    page = os.sysconf("SC_PAGE_SIZE")
    while not stop.is_set():
        total = 0
        largest = 0
        for member in _tree(pid):
            try:
                rss = int(Path(f"/proc/{member}/statm").read_text().split()[1]) * page
            except (OSError, IndexError, ValueError):
                continue
            total += rss
            largest = max(largest, rss)
        peak[0] = max(peak[0], total)
        peak[1] = max(peak[1], largest)
        stop.wait(0.05)


def run(path: Path, jobs: int | None, fmt: str = "json") -> tuple[float, int, int, int, float]:
    report = path.with_suffix("." + fmt)
    cmd = [sys.executable, "-m", "citeman", "validate", str(path), "--format", fmt, "-o", str(report),
           "--no-baseline"]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_before = usage.ru_utime + usage.ru_stime
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=path.parent)
    stop = threading.Event()
    peak = [0, 0]
    sampler = threading.Thread(target=_sample_memory, args=(proc.pid, stop, peak), daemon=True)
    sampler.start()
    code = proc.wait()
    elapsed = time.perf_counter() - start
    stop.set()
    sampler.join()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    largest = peak[1]
    cpu = usage.ru_utime + usage.ru_stime - cpu_before
    if code not in (0, 1):
        raise SystemExit(f"citeman validate failed with exit code {code}")
    findings = _count_findings(report.read_text(encoding="utf-8"), fmt)
    return elapsed, largest, peak[0], findings, cpu


def _count_findings(report: str, fmt: str) -> int:
    if fmt in ("json", "sarif"):
        return report.count('"ruleId":') if fmt == "sarif" else report.count('"code":')
    return sum(1 for line in report.splitlines() if re.match(r"\S+:\d+: [A-Z]\d{3} ", line))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=3,
                        help="Runs per file; the best and the median are reported (the machine is shared).")
    parser.add_argument("--format", dest="fmt", default="json", help="Report format (json, text, sarif, ...).")
    parser.add_argument("--keep", type=Path, default=None,
                        help="Keep the generated file here (FILE-all.bib and FILE-clean.bib when both are measured).")
    parser.add_argument("--source", choices=("all", "clean", "both"), default="both",
                        help="Replicate all entries (damaged seed references: ~3 findings each), only the clean "
                             "journal articles, or measure both.")
    args = parser.parse_args()
    cores = len(os.sched_getaffinity(0))
    kinds = ("all", "clean") if args.source == "both" else (args.source,)
    rows = []
    notes = []
    with tempfile.TemporaryDirectory() as tmp:
        paths = {kind: _kept_path(args.keep, kind, len(kinds)) or Path(tmp) / f"{kind}.bib" for kind in kinds}
        sizes = {kind: build_file(paths[kind], args.entries, kind) for kind in kinds}
        load = os.getloadavg()[0]
        # Round by round, the files in turn: both meet the same moments of a shared machine.
        runs: dict[str, list] = {kind: [] for kind in kinds}
        for _ in range(args.repeat):
            for kind in kinds:
                runs[kind].append(run(paths[kind], args.jobs, args.fmt))
    for kind in kinds:
        ordered = sorted(runs[kind], key=lambda r: r[0])
        elapsed, _largest, _tree, findings, cpu = ordered[0]
        median = ordered[len(ordered) // 2][0]
        # Memory: the highest peak of any run, not only of the fastest one.
        largest = max(r[1] for r in ordered)
        tree_peak = max(r[2] for r in ordered)
        label = "bib/ + damaged seed-004 entries" if kind == "all" else "clean journal articles"
        rows.append(f"| **citeman validate, {label}: {sizes[kind] / 1e6:.0f} MB, {findings:,} findings** | "
                    f"**{args.entries / elapsed:,.0f}** (median {args.entries / median:,.0f}) | "
                    f"**{largest / 1e6:,.0f} MB largest process, {tree_peak / 1e6:,.0f} MB all processes** |")
        notes.append(f"{label}: best wall {elapsed:.1f} s of {len(ordered)}, median {median:.1f} s, CPU of the best "
                     f"{cpu:.1f} s = {cpu / args.entries * 1e6:.0f} µs per entry")
    notes.append(f"load average {load:.1f} on {cores} cores before the first run")
    print(f"{args.entries:,} entries per file, {_rule_count()} rules, read + parse + every rule + duplicates + "
          f"{args.fmt} report written to a file, whole process, {cores} cores.\n")
    print("| tool | entries/s | peak memory |")
    print("| --- | ---: | ---: |")
    for row in rows:
        print(row)
    for name, speed, memory in REFERENCE:
        print(f"| {name} | {speed} | {memory} |")
    print()
    for note in notes:
        print(f"- {note}")
    print("- Best of the runs, median in brackets: the machine is shared and one run can be a third slower.")
    print("- Target: >= 10,000 entries/s and < 1 GB.")


def _kept_path(keep: Path | None, kind: str, kinds: int) -> Path | None:
    if keep is None or kinds == 1:
        return keep
    return keep.with_name(f"{keep.stem}-{kind}{keep.suffix}")


def _rule_count() -> int:
    sys.path.insert(0, str(ROOT))
    from citeman.validate.registry import ALL_RULES

    return len(ALL_RULES)


if __name__ == "__main__":
    main()
