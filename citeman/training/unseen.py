"""Build the parser's unseen-styles golden data (tests/parser/data/unseen_styles.json).

The records are the hand-read references of seed 004 (``benchmarks/seed004_truth.json``),
which no training data contains; they are rendered through ten styles that
:data:`citeman.training.build.STYLE_FAMILIES` does not use, five records per style.
The expected fields are the hand-read values, not parser output.

    python -m citeman.training.unseen benchmarks/seed004_truth.json tests/parser/data/unseen_styles.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from citeman.training.build import STYLE_FAMILIES, styles_dir
from citeman.training.render import render

UNSEEN_STYLES = (
    "american-society-of-civil-engineers", "annual-reviews", "frontiers", "wiley-vch-books",
    "american-geophysical-union", "deutsche-sprache", "springer-mathphys-brackets",
    "oxford-journals-scimed-author-date", "taylor-and-francis-national-library-of-medicine",
    "iso690-author-date-en",
)
PER_STYLE = 5
_CSL_TYPE = {"article": "article-journal", "book": "book", "incollection": "chapter", "report": "report",
             "online": "webpage", "misc": "document", "inproceedings": "paper-conference", "thesis": "thesis"}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _usable(ref: dict) -> bool:
    """A clean reading: authors, a real year, a title and somewhere it appeared."""
    year = ref.get("year", "")
    return bool(ref.get("author") and year.isdigit() and 1900 < int(year) <= 2030 and len(ref.get("title", "")) > 12
                and (ref.get("container") or ref.get("publisher") or ref.get("url")))


def to_record(ref: dict, ident: str) -> dict:
    kind = ref["type"][0] if isinstance(ref["type"], list) else ref["type"]
    record: dict = {"id": ident, "type": _CSL_TYPE.get(kind, "document"), "title": ref["title"],
                    "author": [{"family": f, "given": g} if g else {"literal": f} for f, g in ref["author"]]}
    parts = [int(ref["year"])]
    if ref.get("month") in _MONTHS:
        parts.append(_MONTHS.index(ref["month"]) + 1)
    record["issued"] = {"date-parts": [parts]}
    for key, field in (("container", "container-title"), ("volume", "volume"), ("number", "issue"),
                       ("publisher", "publisher"), ("doi", "DOI"), ("url", "URL")):
        if ref.get(key):
            record[field] = ref[key]
    if ref.get("pages"):
        record["page"] = ref["pages"].replace("--", "-")
    return record


def main(argv: list[str] | None = None) -> int:
    truth_path, out_path = (argv or sys.argv[1:])[:2]
    used = {s for names in STYLE_FAMILIES.values() for s in names}
    assert not used & set(UNSEEN_STYLES), "an unseen style is also a training style"
    refs = [r for r in json.loads(Path(truth_path).read_text(encoding="utf-8"))["references"] if _usable(r)]
    records = {f"s{r['line']}": (r, to_record(r, f"s{r['line']}")) for r in refs}
    order = list(records)
    cases = []
    for k, style in enumerate(UNSEEN_STYLES):
        chosen = [order[(k * PER_STYLE + j) % len(order)] for j in range(PER_STYLE)]
        rendered = render([records[i][1] for i in chosen], styles_dir() / f"{style}.csl")
        for ident in chosen:
            ref = records[ident][0]
            expected = {key: ref[key] for key in ("year", "title", "container", "volume", "number", "pages",
                                                  "publisher", "doi", "url") if ref.get(key)}
            expected["author"] = [f for f, _ in ref["author"]]
            cases.append({"style": style, "line": ref["line"], "text": rendered[ident], "expected": expected})
    Path(out_path).write_text(json.dumps(cases, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(cases)} references from {len(order)} records in {len(UNSEEN_STYLES)} styles -> {out_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
