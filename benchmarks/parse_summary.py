"""One-line summary of a parser model: gold.xml, the unseen-styles golden set, seed 004, size.

    python benchmarks/parse_summary.py [--model path/to/model.crfsuite] [--gold PATH]

Without ``--model`` it measures the shipped model. gold.xml is read only to evaluate.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests" / "parser"))

import citeman.ingest.labeller as labeller  # noqa: E402


def main() -> int:
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli.add_argument("--model", default="")
    cli.add_argument("--gold", default=str(ROOT.parent / "shared" / "data" / "anystyle" / "gold.xml"))
    args = cli.parse_args()
    if args.model:
        model = Path(args.model).resolve()
        labeller.model_path = lambda: model
    import parse_accuracy
    import seed004
    import test_parser_unseen_styles as unseen

    from citeman.ingest.parser import parse_references

    counts, n = parse_accuracy.score(Path(args.gold))
    total: Counter = sum(counts.values(), Counter())
    per_field = {name: parse_accuracy.prf(c)[2] for name, c in counts.items() if c["tp"] + c["fn"]}
    worst = min(per_field, key=per_field.get)
    entries, _ = parse_references([c["text"] for c in unseen.CASES])
    compared = correct = 0
    for case, entry in zip(unseen.CASES, entries):
        got = unseen._parsed(entry)
        for field in unseen.FIELDS:
            if field in case["expected"] or got.get(field):
                compared += 1
                correct += unseen._matches(field, case["expected"].get(field, "" if field != "author" else []),
                                           got[field])
    s4 = seed004.run()
    size = labeller.model_path().stat().st_size / 1024
    print(f"gold.xml micro-F1 {parse_accuracy.prf(total)[2]:.3f} ({n} refs; worst field {worst} "
          f"{per_field[worst]:.3f}) | unseen styles {correct}/{compared} = {correct / compared:.3f} | "
          f"seed 004 {s4['found']}/{s4['expected']} refs, {s4['matched']}/{s4['total']} fields = "
          f"{s4['matched'] / s4['total']:.1%} | {size:.0f} KiB")
    print("gold per field: " + ", ".join(f"{k} {v:.3f}" for k, v in sorted(per_field.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
