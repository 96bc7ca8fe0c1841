"""Field accuracy of the reference parser on AnyStyle's gold.xml (never used for training).

Each gold ``<sequence>`` is joined into one reference string and parsed with
``parse_references``; the expected values are derived from the gold labels with the same
span cleaners the parser uses (so only labelling is judged, not formatting), compared
after case-folding and trimming punctuation. Prints per-field precision/recall/F1 and
the micro-F1 as a Markdown table.

    python benchmarks/parse_accuracy.py [--gold PATH] [--errors FIELD]
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from citeman.io.latex import strip_braces  # noqa: E402
from citeman.ingest.authors import split_persons  # noqa: E402
from citeman.ingest.parser import (  # noqa: E402
    _LEADING_IN,
    clean_span,
    clean_title,
    normalize_doi,
    normalize_pages,
    normalize_url,
    parse_date,
    parse_references,
    parse_volume,
)
from citeman.ingest.train import read_sequences, sequence_text  # noqa: E402
from citeman.model import Entry  # noqa: E402
from citeman.training.records import first_segments  # noqa: E402

FIELDS = ("author", "title", "container", "year", "volume", "issue", "pages", "publisher", "place",
          "editor", "doi", "url")
LIST_FIELDS = {"author", "editor"}


def norm(value: str) -> str:
    """Drop case-protecting braces, case-fold, unify dashes and quotes, trim punctuation at the ends."""
    value = unicodedata.normalize("NFC", strip_braces(value)).casefold()
    value = re.sub(r"[–—‐‑−]+|--", "-", value)
    value = value.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")
    value = " ".join(value.split())
    return value.strip(" .,;:()[]\"'*")


def _families(text: str) -> list[str]:
    people, _ = split_persons(text)
    return [p.literal or p.family for p in people]


def expected_values(segments: list[tuple[str, str]]) -> dict[str, object]:
    """Expected field values from one gold sequence's labelled segments."""
    first, volume_parts = first_segments(segments)
    out: dict[str, object] = {}
    if "author" in first:
        out["author"] = _families(first["author"])
    if "editor" in first:
        out["editor"] = _families(first["editor"])
    if "title" in first:
        out["title"] = clean_title(first["title"])
    container = first.get("journal") or first.get("container-title")
    if container:
        out["container"] = clean_title(_LEADING_IN.sub("", clean_span(container)))
    if "date" in first:
        out["year"] = parse_date(first["date"]).get("year", "")
    if volume_parts:
        out["volume"], out["issue"] = parse_volume(" ".join(volume_parts))
    if "pages" in first:
        out["pages"] = normalize_pages(first["pages"])
    if "publisher" in first:
        out["publisher"] = clean_span(first["publisher"])
    if "location" in first:
        out["place"] = clean_span(first["location"])
    if "doi" in first:
        out["doi"] = normalize_doi(first["doi"])
    if "url" in first:
        # citeman stores a resolver link (https://doi.org/10...) as a bare DOI, not a URL.
        if re.search(r"doi\.org/10\.", first["url"], re.I):
            out.setdefault("doi", normalize_doi(first["url"]))
        else:
            out["url"] = normalize_url(first["url"])
    return {k: v for k, v in out.items() if v}


def predicted_values(entry: Entry) -> dict[str, object]:
    """The same fields read from a parsed entry."""
    f = entry.fields
    out: dict[str, object] = {
        "author": [p.literal or p.family for p in entry.persons.get("author", [])],
        "editor": [p.literal or p.family for p in entry.persons.get("editor", [])],
        "title": f.get("title", ""),
        "container": f.get("journal") or f.get("booktitle") or f.get("howpublished", ""),
        "year": f.get("year", ""),
        "volume": f.get("volume", ""),
        "issue": f.get("number", ""),
        "pages": f.get("pages", ""),
        "publisher": f.get("publisher") or f.get("school") or f.get("institution", ""),
        "place": f.get("address", ""),
        "doi": f.get("doi", ""),
        "url": f.get("url", ""),
    }
    return {k: v for k, v in out.items() if v}


def score(gold_path: Path, show_errors: str = "", exclude: set[str] = frozenset()) -> tuple[dict[str, Counter], int]:
    sequences = [s for s in read_sequences(gold_path) if s and sequence_text(s) not in exclude]
    texts = [sequence_text(s) for s in sequences]
    entries, _ = parse_references(texts)
    counts: dict[str, Counter] = {name: Counter() for name in FIELDS}
    for segments, text, entry in zip(sequences, texts, entries):
        expected = expected_values(segments)
        predicted = predicted_values(entry)
        for name in FIELDS:
            c = counts[name]
            if name in LIST_FIELDS:
                exp = Counter(norm(v) for v in expected.get(name, []))
                pred = Counter(norm(v) for v in predicted.get(name, []))
                tp = sum((exp & pred).values())
                c["tp"] += tp
                c["fp"] += sum(pred.values()) - tp
                c["fn"] += sum(exp.values()) - tp
                wrong = exp != pred
            else:
                exp_v = norm(str(expected.get(name, "")))
                pred_v = norm(str(predicted.get(name, "")))
                wrong = exp_v != pred_v
                if exp_v and exp_v == pred_v:
                    c["tp"] += 1
                else:
                    c["fp"] += bool(pred_v)
                    c["fn"] += bool(exp_v)
            if wrong and show_errors == name:
                print(f"- {text}\n  expected {expected.get(name)!r}\n  got      {predicted.get(name)!r}")
    return counts, len(texts)


def prf(c: Counter) -> tuple[float, float, float]:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main() -> int:
    parser = argparse.ArgumentParser(description="Parser accuracy on AnyStyle gold.xml")
    parser.add_argument("--gold", default=str(ROOT.parent / "shared" / "data" / "anystyle" / "gold.xml"))
    parser.add_argument("--train", default=str(ROOT.parent / "shared" / "data" / "anystyle" / "core.xml"),
                        help="training file, to also report gold strings not seen in training")
    parser.add_argument("--errors", default="", help="print the mismatches of one field")
    args = parser.parse_args()
    counts, n = score(Path(args.gold), args.errors)
    total: Counter = Counter()
    print(f"Parser accuracy on {Path(args.gold).name} ({n} references; parse_references, model loaded once)\n")
    print("| field | gold | predicted | correct | precision | recall | F1 |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name in FIELDS:
        c = counts[name]
        total.update(c)
        p, r, f = prf(c)
        print(f"| {name} | {c['tp'] + c['fn']} | {c['tp'] + c['fp']} | {c['tp']} | {p:.3f} | {r:.3f} | {f:.3f} |")
    p, r, f = prf(total)
    print(f"| **micro** | {total['tp'] + total['fn']} | {total['tp'] + total['fp']} | {total['tp']} "
          f"| {p:.3f} | {r:.3f} | **{f:.3f}** |")
    train = Path(args.train)
    if train.exists():
        # gold.xml repeats some core.xml strings verbatim; score the unseen ones on their own too.
        seen = {sequence_text(s) for s in read_sequences(train)}
        unseen_counts, unseen_n = score(Path(args.gold), exclude=seen)
        unseen_total: Counter = sum(unseen_counts.values(), Counter())
        print(f"\nmicro-F1 on the {unseen_n} gold references not also in {train.name}: "
              f"{prf(unseen_total)[2]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
