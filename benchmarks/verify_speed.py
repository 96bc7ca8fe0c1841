"""``citeman verify --offline`` on 1,000 entries whose answers are all cached: the CI rerun.

The cache is filled from the recorded Crossref answers (``tests/fixtures/recorded``,
real responses), and 1,000 entries cite those works by DOI, one in five with a wrong
year so that findings are reported too. The run is end to end as a separate process
(``citeman verify FILE --offline --cache ... --format json``), so start-up counts.
The live throughput is bounded by the services, not by citeman: see docs/online.md.

    python benchmarks/verify_speed.py [--entries 1000] [--jobs 4]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RECORDED = ROOT / "tests" / "fixtures" / "recorded"

from citeman.io.bibtex import format_entry  # noqa: E402
from citeman.online.cache import ResponseCache  # noqa: E402
from citeman.online.sources.crossref import record_from_item  # noqa: E402


def fill_cache(path: Path) -> list:
    """Store every recorded single-work Crossref answer; return the works' entries."""
    cache = ResponseCache(path)
    entries = []
    for item in json.loads((RECORDED / "manifest.json").read_text(encoding="utf-8")):
        body = (RECORDED / item["file"]).read_text(encoding="utf-8")
        cache.put(item["url"], item["accept"], item["status"], body)
        if item["file"].startswith("crossref/works-") and item["status"] == 200 and "?" not in item["url"]:
            entries.append(record_from_item(json.loads(body)["message"], item["url"]).entry)
    cache.close()
    return entries


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        cache = Path(folder) / "cache.sqlite"
        works = fill_cache(cache)
        blocks = []
        for index in range(args.entries):
            entry = works[index % len(works)]
            entry.key = f"ref{index:05d}"
            text = format_entry(entry)
            if index % 5 == 0:
                text = text.replace(f"year = {{{entry.fields['year']}}}", "year = {1999}")
            blocks.append(text)
        bib = Path(folder) / "refs.bib"
        bib.write_text("\n".join(blocks), encoding="utf-8")
        command = [sys.executable, "-m", "citeman", "verify", str(bib), "--offline", "--cache", str(cache),
                   "--format", "json", "--jobs", str(args.jobs)]
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, env=env)
        elapsed = time.perf_counter() - start
        findings = json.loads(done.stdout)
    print("| entries | cached works | findings | exit code | wall time (s) | entries/s |")
    print("|---:|---:|---:|---:|---:|---:|")
    print(f"| {args.entries} | {len(works)} | {len(findings)} | {done.returncode} | {elapsed:.2f} | "
          f"{args.entries / elapsed:.0f} |")
    print(f"\n{done.stderr.strip().splitlines()[-1]}")


if __name__ == "__main__":
    main()
