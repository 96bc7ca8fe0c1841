"""Cross-style evaluation: train without a family of citation styles, test on that family.

For each family of :data:`citeman.training.build.STYLE_FAMILIES` a smaller model is
trained on the AnyStyle core set plus renderings of the training records through the
*other* families' styles, and scored (field micro-F1, as in ``parse_accuracy.py``) on
the held-out family's renderings of records kept out of training altogether. Prints a
Markdown table.

    python benchmarks/parse_cross_style.py [--core PATH] [--per-style N] [--test-per-style N]
        [--extra-styles N --extra-per-style K]

With ``--extra-styles`` the training side also gets renderings through that many further
independent styles of the CSL repository, as ``citeman.training.build`` does, but never
one of the held-out family's citation formats (``FAMILY_FORMATS``), nor a sibling or near-copy
of one of its styles or of the unseen-styles test styles.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import parse_accuracy  # noqa: E402

import citeman.ingest.parser as parser_module  # noqa: E402
from citeman.ingest.labeller import load_tagger  # noqa: E402
from citeman.ingest.train import read_sequences, train  # noqa: E402
from citeman.training.build import STYLE_FAMILIES, all_styles, core_records, labelled_renderings, rendered_sample, \
    write_anystyle_xml  # noqa: E402
from citeman.training.styles import FAMILY_FORMATS, sample_styles  # noqa: E402
from citeman.training.unseen import UNSEEN_STYLES  # noqa: E402


def main() -> int:
    cli = argparse.ArgumentParser(description="Leave-one-style-family-out parser accuracy")
    cli.add_argument("--core", default=str(ROOT.parent / "shared" / "data" / "anystyle" / "core.xml"))
    cli.add_argument("--per-style", type=int, default=120, help="training records rendered per style")
    cli.add_argument("--test-per-style", type=int, default=40, help="held-out records rendered per test style")
    cli.add_argument("--seed", type=int, default=13)
    cli.add_argument("--iterations", type=int, default=150)
    cli.add_argument("--extra-styles", type=int, default=0, help="further independent styles for training")
    cli.add_argument("--extra-per-style", type=int, default=8)
    cli.add_argument("--english-share", type=float, default=0.85)
    cli.add_argument("--compound-volume", action="store_true", help="as in citeman.training.build")
    cli.add_argument("--families", default="", help="comma-separated families to hold out (default: all)")
    args = cli.parse_args()
    records = core_records(Path(args.core))
    rnd = random.Random(args.seed)
    rnd.shuffle(records)
    test_records, train_records = records[:300], records[300:]
    held_out_texts = set()
    core_seqs = read_sequences(args.core)
    # The test records' own core.xml strings stay out of training too.
    test_ids = {int(r["id"][1:]) for r in test_records}
    with tempfile.TemporaryDirectory() as tmp:
        core_train = Path(tmp) / "core-train.xml"
        write_anystyle_xml([[(w, lab) for lab, text in seq for w in text.split()]
                            for i, seq in enumerate(core_seqs) if i not in test_ids], core_train)
        rows = []
        for family, styles in STYLE_FAMILIES.items():
            train_seqs = []
            for k, (other, names) in enumerate(STYLE_FAMILIES.items()):
                if other == family:
                    continue
                for j, style in enumerate(names):
                    sample = rnd.sample(train_records, args.per_style)
                    train_seqs.extend(labelled_renderings(sample, [style], args.seed + 100 * k + j,
                                                          args.compound_volume))
            if args.extra_styles:
                extra = sample_styles(args.extra_styles, args.seed, avoid=tuple(all_styles()),
                                      held_out=UNSEEN_STYLES + styles, skip_formats=FAMILY_FORMATS[family], english_share=args.english_share)
                train_seqs.extend(rendered_sample(train_records, extra, args.extra_per_style, args.seed + 1000,
                                                  compound_volume=args.compound_volume))
            test_seqs = []
            for j, style in enumerate(styles):
                sample = rnd.sample(test_records, args.test_per_style)
                test_seqs.extend(labelled_renderings(sample, [style], args.seed + 7 * j + 1))
            if args.families and family not in args.families.split(","):
                continue  # sampled all the same, so that the other families' data do not change
            synthetic = Path(tmp) / f"train-{family}.xml"
            test_file = Path(tmp) / f"test-{family}.xml"
            model = Path(tmp) / f"model-{family}.crfsuite"
            write_anystyle_xml(train_seqs, synthetic)
            write_anystyle_xml(test_seqs, test_file)
            train([core_train, synthetic], model, {"max_iterations": args.iterations})
            tagger = load_tagger(str(model))
            parser_module.load_tagger = lambda path=None, _t=tagger: _t
            counts, n = parse_accuracy.score(test_file, exclude=held_out_texts)
            total: Counter = sum(counts.values(), Counter())
            per_field = {name: parse_accuracy.prf(c)[2] for name, c in counts.items() if c["tp"] + c["fn"]}
            rows.append((family, len(styles), len(train_seqs), n, parse_accuracy.prf(total)[2], per_field))
    print("Leave-one-style-family-out field micro-F1 (train: core.xml minus test records + other families;"
          " test: held-out records in the family's styles)\n")
    print("| held-out family | styles | training sequences | test references | micro-F1 | title | container | pages | volume |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for family, n_styles, n_train, n_test, f1, per_field in rows:
        cells = " | ".join(f"{per_field.get(name, 0):.3f}" for name in ("title", "container", "pages", "volume"))
        print(f"| {family} | {n_styles} | {n_train} | {n_test} | {f1:.3f} | {cells} |")
    mean = sum(r[4] for r in rows) / max(1, len(rows))
    print(f"| **mean** | | | | **{mean:.3f}** | | | | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
