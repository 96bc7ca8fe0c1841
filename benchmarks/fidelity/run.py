"""Fidelity of citeman's rendering against citeproc-js (the engine inside Zotero).

Renders ``bib/*.bib`` and ``benchmarks/fidelity/testlib.bib`` in APA, Chicago
author-date, IEEE, MLA and Harvard with citeman (pandoc) and with citeproc-js (the
node script beside this file, fed the same CSL-JSON), compares each entry after
whitespace normalisation, and prints a table of the share identical per style plus
APA in-text citations. ``--diffs`` lists every difference.

Set up once: ``npm ci --prefix benchmarks/fidelity`` (node_modules is git-ignored).
Run: ``python benchmarks/fidelity/run.py [--diffs] [--styles ID,ID] [--sample N] [BIB...]``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(REPO))

from citeman.export import expanded_entries  # noqa: E402
from citeman.export.csljson import to_csl  # noqa: E402
from citeman.io.bibtex import read_bib  # noqa: E402
from citeman.render.csl import render_bibliography, render_citation_clusters  # noqa: E402
from citeman.render.styles import resolve_style  # noqa: E402

# The styles fixes were aimed at, and those checked as well (none was looked at while
# fixing, until this run found something); both stay out of --sample.
OTHER_STYLES = ("vancouver", "american-medical-association", "springer-basic-author-date",
                "american-sociological-association", "elsevier-harvard", "american-chemical-society",
                "nature", "acm-sig-proceedings")
SAMPLE_SEED = 20261207

STYLES = {
    "APA": "apa",
    "Chicago author-date": "chicago-author-date",
    "IEEE": "ieee",
    "MLA": "modern-language-association",
    "Harvard": "harvard-cite-them-right",
}


def sampled_styles(count: int, seed: int = SAMPLE_SEED) -> list[str]:
    """``count`` independent repository styles with a bibliography, drawn with a fixed seed."""
    import random

    from citeman.render.styles import _styles_dir

    known = set(STYLES.values()) | set(OTHER_STYLES)
    ids = []
    for path in sorted(_styles_dir().glob("*.csl")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if "<bibliography" in text and 'rel="independent-parent"' not in text and path.stem not in known:
            ids.append(path.stem)
    random.Random(seed).shuffle(ids)
    return ids[:count]


def normalise(text: str) -> str:
    """Whitespace differences are not rendering differences."""
    return " ".join(str(text or "").split())


class ReferenceUnavailable(Exception):
    """citeproc-js could not render (some styles in the repository are XML it cannot read)."""


def citeproc_js(items: list[dict], style_id: str, citations: bool = False) -> dict:
    """Run the node reference renderer on ``items``."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "items.json"
        path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
        command = ["node", str(HERE / "citeproc_render.js"), str(path), str(resolve_style(style_id).path), "text"]
        if citations:
            command.append("--citations")
        proc = subprocess.run(command, capture_output=True, text=True)
    if proc.returncode != 0:
        lines = [line for line in proc.stderr.splitlines() if "citeproc-js error" in line] or proc.stderr.splitlines()[-1:]
        raise ReferenceUnavailable(lines[0].strip() if lines else f"exit status {proc.returncode}")
    return json.loads(proc.stdout)


def anystyle_bib(count: int, folder: Path) -> Path:
    """The first ``count`` references of the AnyStyle gold set, parsed by ``citeman parse`` into a .bib.

    Real-world reference strings (with the parser's occasional mistakes) exercise the
    renderers far beyond a hand-written test library.
    """
    import html
    import re

    gold = REPO.parent / "shared" / "data" / "anystyle" / "gold.xml"
    text = gold.read_text(encoding="utf-8")
    strings = []
    for sequence in re.findall(r"<sequence>(.*?)</sequence>", text, re.S)[:count]:
        strings.append(" ".join(html.unescape(re.sub(r"<[^>]+>", " ", sequence)).split()))
    refs = folder / "anystyle.txt"
    refs.write_text("\n".join(strings) + "\n", encoding="utf-8")
    bib = folder / "anystyle.bib"
    proc = subprocess.run([sys.executable, "-m", "citeman", "parse", str(refs), "--to", "bibtex"],
                          capture_output=True, text=True, check=True)
    bib.write_text(proc.stdout, encoding="utf-8")
    return bib


def input_files(args: list[str]) -> list[Path]:
    """The named .bib files and the .bib files inside named folders."""
    if not args:
        files = sorted((REPO / "bib").glob("*.bib")) if (REPO / "bib").is_dir() else []
        return files + [HERE / "testlib.bib"]
    files = []
    for arg in map(Path, args):
        files.extend(sorted(arg.rglob("*.bib")) if arg.is_dir() else [arg])
    return files


def library_entries(files: list[Path]) -> list:
    """The entries of all ``files`` as one library; a key already taken gets its file's name as a prefix.

    Rendering one merged library runs each engine once per style instead of once per file.
    """
    from dataclasses import replace

    entries, seen = [], set()
    for path in files:
        library, _ = read_bib(path)
        # As export and render see them: crossref and xdata followed within the file.
        for entry in expanded_entries(library, inherit=True):
            if entry.key in seen or not entry.key:
                entry = replace(entry, key=f"{path.stem}:{entry.key}")
            seen.add(entry.key)
            entries.append(entry)
    return entries


def unambiguous_batches(entries: list) -> list[list]:
    """``entries`` split so that no batch holds two entries with the same first name and year.

    Merged fixture files repeat works; in one list the engines would add year suffixes
    (2001a, 2001b) in the order of their own tie-breaking, which is not what is measured.
    """
    batches: list[tuple[set, list]] = []
    for entry in entries:
        people = entry.persons.get("author") or entry.persons.get("editor") or []
        first = people[0].family if people else entry.fields.get("title", "")
        sign = (first.lower(), entry.fields.get("year") or entry.fields.get("date", "")[:4])
        for signs, batch in batches:
            if sign not in signs:
                break
        else:
            signs, batch = set(), []
            batches.append((signs, batch))
        signs.add(sign)
        batch.append(entry)
    return [batch for _, batch in batches]


def compare(files: list[Path]) -> tuple[list[list], list[str]]:
    rows: list[list] = []
    diffs: list[str] = []
    entries = library_entries(files)
    if not entries:
        return rows, ["no entries found"]
    libraries = [(files[0] if len(files) == 1 else Path("library"), batch) for batch in unambiguous_batches(entries)]
    for label, style_id in STYLES.items():
        same = total = 0
        try:
            references = [dict(citeproc_js([to_csl(e) for e in batch], style_id)["entries"]) for _, batch in libraries]
        except ReferenceUnavailable as error:
            rows.append([label, 0, 0, f"not compared: {error}"])
            continue
        for (path, entries), theirs in zip(libraries, references):
            ours = dict(render_bibliography(entries, style_id, "text"))
            for entry in entries:
                a, b = normalise(ours.get(entry.key, "")), normalise(theirs.get(entry.key, ""))
                total += 1
                if a == b:
                    same += 1
                else:
                    diffs.append(f"[{label}] {path.name}:{entry.key}\n  citeman:     {a}\n  citeproc-js: {b}")
        rows.append([label, total, same, f"{100 * same / total:.1f}%"])
    same = total = 0
    for path, entries in libraries:
        ours_cites = render_citation_clusters(entries, [[e.key] for e in entries], "apa", "text")
        theirs_cites = citeproc_js([to_csl(e) for e in entries], "apa", citations=True)["citations"]
        for entry, ours in zip(entries, ours_cites):
            a, b = normalise(ours), normalise(theirs_cites.get(entry.key, ""))
            total += 1
            if a == b:
                same += 1
            else:
                diffs.append(f"[APA in-text] {path.name}:{entry.key}\n  citeman:     {a}\n  citeproc-js: {b}")
    rows.append(["APA in-text citations", total, same, f"{100 * same / total:.1f}%"])
    return rows, diffs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bib", nargs="*", help=".bib files (default: bib/*.bib and testlib.bib)")
    parser.add_argument("--diffs", action="store_true", help="list every entry that differs")
    parser.add_argument("--styles", metavar="ID,ID", default="",
                        help="CSL style ids to compare instead of the five (e.g. styles no fix was made for)")
    parser.add_argument("--sample", type=int, default=0, metavar="N",
                        help=f"compare N styles drawn from the repository with seed {SAMPLE_SEED} instead of the five")
    parser.add_argument("--anystyle", type=int, default=0, metavar="N",
                        help="also render the first N references of ../shared/data/anystyle/gold.xml (parsed by citeman)")
    args = parser.parse_args()
    if not (HERE / "node_modules" / "citeproc").is_dir():
        print("citeproc-js is not installed: run `npm ci --prefix benchmarks/fidelity`", file=sys.stderr)
        return 2
    chosen = [s.strip() for s in args.styles.split(",") if s.strip()]
    if args.sample:
        chosen += sampled_styles(args.sample)
    if chosen:
        STYLES.clear()
        STYLES.update({s: s for s in chosen})
    files = input_files(args.bib)
    with tempfile.TemporaryDirectory() as tmp:
        if args.anystyle:
            files.append(anystyle_bib(args.anystyle, Path(tmp)))
        rows, diffs = compare(files)
    names = ", ".join(p.name for p in files) if len(files) <= 5 else f"{len(files)} files"
    print(f"Fidelity vs citeproc-js ({names})\n")
    print("| style | entries | identical | share |")
    print("| --- | ---: | ---: | ---: |")
    for row in rows:
        print("| " + " | ".join(str(c) for c in row) + " |")
    if args.diffs and diffs:
        print("\nDifferences:\n")
        print("\n".join(diffs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
