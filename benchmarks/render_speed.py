"""Speed of rendering a large bibliography: citeman (chunked pandoc) against citeproc-js.

Both sides get the same synthetic library of N entries (default 5,000): citeman as a
.bib file through the real command (``citeman render lib.bib --style apa --format
markdown -o out.md``), citeproc-js as the CSL-JSON citeman exports, through the node
script of the fidelity benchmark. Times are whole processes, start-up included.
CPU seconds (the whole process tree) show what the machine's load hides: on a busy
shared machine the second core is often not free. Then the chunked output is compared with one single whole pandoc render (slow: that
is the point of chunking; whole APA renders grow about as n^2.5, 2,000 entries take
about 8 minutes here, 5,000 over an hour), by default on the first 2,000 entries;
``--identity-entries N`` sets how many (``0`` skips the check).

Run: ``python benchmarks/render_speed.py [--entries N] [--style apa] [--identity-entries M]``
(citeproc-js: ``npm ci --prefix benchmarks/fidelity`` once).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

from synthetic import synthetic_entries  # noqa: E402

from citeman.export.csljson import to_csl_json  # noqa: E402
from citeman.io.bibtex import dumps_bib  # noqa: E402
from citeman.render.styles import resolve_style  # noqa: E402


def timed(command: list[str]) -> tuple[float, float]:
    """Wall-clock seconds and CPU seconds (user + system, the whole process tree) of a command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def chunked_and_whole(entries, style: str) -> tuple[bool, float, float]:
    """Render ``entries`` chunked and as one single pandoc call; (identical, chunked s, whole s)."""
    from citeman.render import csl

    resolved = resolve_style(style)
    items = [dict(item, id=csl._item_id(i)) for i, item in enumerate(csl._items_for(entries, resolved))]
    start = time.perf_counter()
    chunked = csl.render_items(items, resolved, "markdown")
    middle = time.perf_counter()
    whole = csl.render_items(items, resolved, "markdown", chunk_threshold=10**9)
    return chunked == whole, middle - start, time.perf_counter() - middle


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--style", default="apa")
    parser.add_argument("--identity-entries", type=int, default=2000,
                        help="entries for the chunked == whole check (0: skip; slow, see above)")
    args = parser.parse_args()
    cache = HERE / ".cache"
    cache.mkdir(exist_ok=True)
    entries = synthetic_entries(args.entries)
    bib, items, out = cache / "speed.bib", cache / "speed.json", cache / "speed.md"
    bib.write_text(dumps_bib(entries), encoding="utf-8")
    items.write_text(to_csl_json(entries), encoding="utf-8")
    style = resolve_style(args.style)

    print(f"Render speed: {args.entries:,} entries, style {style.id}, Markdown (whole process, wall clock)\n")
    print("| renderer | wall s | speed vs citeproc-js (wall) | CPU s |")
    print("| --- | ---: | ---: | ---: |", flush=True)
    rows = []

    def show(row: list[str]) -> None:
        rows.append(row)
        print("| " + " | ".join(row) + " |", flush=True)

    node_script = HERE / "fidelity" / "citeproc_render.js"
    js_time = None
    if (HERE / "fidelity" / "node_modules" / "citeproc").is_dir():
        js_time, js_cpu = timed(["node", str(node_script), str(items), str(style.path), "html"])
        show(["citeproc-js (node, one process)", f"{js_time:.1f}", "1.00x", f"{js_cpu:.1f}"])
    citeman = [sys.executable, "-m", "citeman", "render", str(bib), "--style", args.style, "--format", "markdown",
               "-o", str(out)]
    ours, ours_cpu = timed(citeman)
    show(["citeman render (chunked pandoc, 2 cores)", f"{ours:.1f}", f"{js_time / ours:.2f}x" if js_time else "-",
          f"{ours_cpu:.1f}"])
    identical = "not checked"
    count = min(args.identity_entries, args.entries)
    if count:
        same, chunked_time, whole_time = chunked_and_whole(entries[:count], args.style)
        show([f"identity check, first {count:,}: chunked render (in-process)", f"{chunked_time:.1f}", "-", "-"])
        show([f"identity check, first {count:,}: one whole pandoc render", f"{whole_time:.1f}", "-", "-"])
        identical = f"{'yes' if same else 'NO'} ({count:,} entries)"

    print(f"\nChunked output identical to a single whole render: {identical}")
    return 1 if identical.startswith("NO") else 0


if __name__ == "__main__":
    sys.exit(main())
