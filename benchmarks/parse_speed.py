"""Throughput of the reference parser on long input, per core.

The gold.xml reference strings are replicated to ``--lines`` lines (20,000 by default)
and parsed with one ``parse_references`` call in this single process (one core); the
model is loaded once before timing starts. Reports references per second of CPU time
(``time.process_time``) and of wall time, best of ``--repeat`` runs, as a Markdown table,
plus one pass over the distinct strings with the per-word feature cache emptied first.

    python benchmarks/parse_speed.py [--lines 20000] [--repeat 3] [--model path/to/model.crfsuite]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import citeman.ingest.labeller as labeller  # noqa: E402
from citeman.ingest.labeller import _word_features, load_tagger  # noqa: E402
from citeman.ingest.parser import parse_references  # noqa: E402
from citeman.ingest.train import read_sequences, sequence_text  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description="Reference parser throughput")
    parser.add_argument("--gold", default=str(ROOT.parent / "shared" / "data" / "anystyle" / "gold.xml"))
    parser.add_argument("--lines", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--model", default="", help="a model other than the shipped one")
    args = parser.parse_args()
    if args.model:
        model = Path(args.model).resolve()
        labeller.model_path = lambda: model
    texts = [sequence_text(s) for s in read_sequences(args.gold) if s]
    lines = (texts * (args.lines // len(texts) + 1))[: args.lines]
    chars = sum(len(t) for t in lines)
    load_tagger()
    best_cpu = best_wall = float("inf")
    for _ in range(args.repeat):
        wall0, cpu0 = time.perf_counter(), time.process_time()
        entries, _ = parse_references(lines)
        best_cpu = min(best_cpu, time.process_time() - cpu0)
        best_wall = min(best_wall, time.perf_counter() - wall0)
        assert len(entries) == len(lines)
    print(f"Parser speed: {len(lines)} lines ({chars / len(lines):.0f} chars/line on average), "
          f"one process, one parse_references call, model loaded before timing, best of {args.repeat}\n")
    # The per-word feature cache makes repeated words cheap; measure unseen text too.
    _word_features.cache_clear()
    cpu0 = time.process_time()
    parse_references(texts)
    cold = time.process_time() - cpu0
    print("| measure | seconds | references/s |")
    print("| --- | ---: | ---: |")
    print(f"| CPU time (per core), {len(lines)} lines | {best_cpu:.2f} | {len(lines) / best_cpu:,.0f} |")
    print(f"| wall time, {len(lines)} lines | {best_wall:.2f} | {len(lines) / best_wall:,.0f} |")
    print(f"| CPU time, {len(texts)} distinct strings, empty word cache | {cold:.2f} | {len(texts) / cold:,.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
