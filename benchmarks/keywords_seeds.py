"""Keyword quality on the seeds, before and after the subject vocabulary; prints a Markdown table.

Before: YAKE keyphrases with the old filters only (what the committed bib/ held).
After: the same candidates through ``citeman.keywords.choose_keywords``.
Candidates come from each source document's body (5 seed documents) and from each
reference title of seed 004's reference list (42 references), as ``citeman annotate`` draws them.
Counted per keyword: months, fragments (a stop word, or a lower-case past form), single words
outside the vocabulary, near-duplicates (one keyword's folded words inside another's), and
vocabulary matches.

    python benchmarks/keywords_seeds.py
"""

from __future__ import annotations

from pathlib import Path

from citeman.annotate import body_paragraphs, keyphrases
from citeman.ingest.documents import document_text
from citeman.io.bibtex import read_bib
from citeman.keywords import _MONTHS, _STOP_WORDS, choose_keywords, fold, subjects

ROOT = Path(__file__).resolve().parent.parent


def candidates() -> list[tuple[list[str], list[str]]]:
    """(before, after) keyword lists for every seed entry."""
    pairs = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        body = "\n".join(body_paragraphs(document_text(path)))
        pairs.append((keyphrases(body), choose_keywords(keyphrases(body, top=24))))
    library, _ = read_bib(ROOT / "bib" / "usman2025usindia-references.bib")
    for entry in library.entries:
        title = entry.fields.get("title", "")
        exclude = [p.family for p in entry.persons.get("author", [])]
        pairs.append((keyphrases(title, top=4, exclude=exclude), choose_keywords(keyphrases(title, top=12, exclude=exclude))))
    return pairs


def measure(lists: list[list[str]]) -> dict[str, float]:
    vocabulary = subjects()
    words = [k for keywords in lists for k in keywords]
    folded = [fold(k).split() for k in words]
    raw = [k.casefold().split() for k in words]
    near = 0
    for keywords in lists:
        keys = [fold(k) for k in keywords]
        near += sum(1 for i, a in enumerate(keys) for b in keys[i + 1:] if f" {a} " in f" {b} " or f" {b} " in f" {a} ")
    return {
        "keywords": len(words),
        "per entry (max)": max((len(k) for k in lists), default=0),
        "entries without keywords": sum(1 for k in lists if not k),
        "months": sum(1 for f in folded if set(f) & _MONTHS),
        "fragments": sum(1 for r, k in zip(raw, words) if set(r) & _STOP_WORDS or any(w.islower() and w.endswith("ed") for w in k.split())),
        "lone words outside vocabulary": sum(1 for f in folded if len(f) == 1 and " ".join(f) not in vocabulary),
        "near-duplicate pairs": near,
        "in vocabulary": sum(1 for f in folded if " ".join(f) in vocabulary),
    }


def main() -> None:
    pairs = candidates()
    before, after = measure([b for b, _ in pairs]), measure([a for _, a in pairs])
    print(f"Keywords on the seeds ({len(pairs)} entries)\n")
    print("| measure | before | after |")
    print("|---|---:|---:|")
    for name in before:
        print(f"| {name} | {before[name]} | {after[name]} |")


if __name__ == "__main__":
    main()
