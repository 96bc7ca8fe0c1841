"""Speed of rendering a large bibliography: citeman (chunked pandoc) against citeproc-js.

Both sides get the same synthetic library of N entries (default 5,000): citeman as a
.bib file through the real command (``citeman render lib.bib --style apa --format
markdown -o out.md``), citeproc-js as the CSL-JSON citeman exports, through the node
script of the fidelity benchmark. Times are whole processes, start-up included.
CPU seconds (the whole process tree) show what the machine's load hides: on a busy
shared machine the second core is often not free. Then the chunked output is compared with one single whole pandoc render of the same
entries (slow: that is the point of chunking); ``--skip-identity`` leaves that out.

Run: ``python benchmarks/render_speed.py [--entries N] [--style apa] [--skip-identity]``
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


def whole_render_markdown(bib: Path, style: str) -> tuple[str, float]:
    """The same layout as ``citeman render``, but from one single pandoc call."""
    from citeman.export import expanded_entries, read_libraries
    from citeman.render import csl
    from citeman.render.layout import layout_bibliography

    library, _ = read_libraries([bib])
    entries = expanded_entries(library)
    resolved = resolve_style(style)

    def single_call(items_entries):
        items = [dict(item, id=csl._item_id(i)) for i, item in enumerate(csl._items_for(items_entries))]
        keys = {csl._item_id(i): e.key for i, e in enumerate(items_entries)}
        pairs = csl.render_items(items, resolved, "markdown", chunk_threshold=10**9)
        return [(keys[i], text) for i, text in pairs]

    start = time.perf_counter()
    text = layout_bibliography(entries, single_call, "markdown")
    return text, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--style", default="apa")
    parser.add_argument("--skip-identity", action="store_true", help="do not run the slow single whole render")
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
    if not args.skip_identity:
        whole_text, whole_time = whole_render_markdown(bib, args.style)
        show(["one whole pandoc render (in-process, for the identity check)", f"{whole_time:.1f}",
              f"{js_time / whole_time:.2f}x" if js_time else "-", "-"])
        identical = "yes" if whole_text == out.read_text(encoding="utf-8") else "NO"

    print(f"\nChunked output identical to a single whole render: {identical}")
    return 0 if identical != "NO" else 1


if __name__ == "__main__":
    sys.exit(main())
