"""Accuracy of ``citeman verify``'s matcher on a labelled set built from real recorded Crossref and OpenAlex records.

The set. Every Crossref work in ``tests/fixtures/recorded/crossref`` with a title and
authors (single-work answers, search and sample answers; real records, licences in
that folder), and every OpenAlex work in ``tests/fixtures/recorded/openalex`` with a
title and authors, yields:

* one **real** reference: the record as a writer cites it (title lower-cased or cut
  at its subtitle, given names as initials, only the first three authors, journal
  as recorded), labelled "exists";
* two **fabricated** references, labelled "fabricated": (a) the first half of its
  title spliced onto the second half of another record's title, another record's
  authors, the year moved by 1-5; (b) a third of its title's words replaced by words
  of other titles, its own authors, the year moved by 2.

No search answers were recorded for these (perturbed) queries, so the matcher is
evaluated the way ``verify`` uses it after a search: each reference is scored
against a recorded candidate list, namely all works of the recorded answer its source record
came from (the single-work answers form one list). V003 ("no matching work") is
predicted when no candidate matches.

V002 ("metadata disagrees"): each record with a DOI is cited correctly (no
disagreement expected, with the writer's noise above) and with exactly one field
replaced by another record's (title, authors, year, container): the set of
fields reported must equal the set changed.

    python benchmarks/verify_accuracy.py
"""

from __future__ import annotations

import copy
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from citeman.model import Person  # noqa: E402
from citeman.online.match import best_match, container, container_field, disagreements  # noqa: E402
from citeman.online.sources import Record  # noqa: E402
from citeman.online.sources.crossref import record_from_item  # noqa: E402
from citeman.online.sources.openalex import record_from_work  # noqa: E402

RECORDED = ROOT / "tests" / "fixtures" / "recorded" / "crossref"
RECORDED_OPENALEX = RECORDED.parent / "openalex"


def candidate_lists() -> list[list[Record]]:
    """The recorded Crossref works, one list per recorded answer (single works pooled)."""
    lists, singles, seen = [], [], set()
    for path in sorted(RECORDED.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        message = data.get("message", data)   # a CSL answer of content negotiation is the work itself
        items = message.get("items", [message]) if isinstance(message, dict) else []
        records = []
        for item in items:
            if item.get("title") and item.get("author") and item.get("DOI", "").lower() not in seen:
                seen.add(item.get("DOI", "").lower())
                records.append(record_from_item(item, path.name))
        if "items" in message:
            lists.append(records)
        else:
            singles += records
    return [lst for lst in [*lists, singles, *openalex_lists(seen)] if lst]


def openalex_lists(seen: set[str]) -> list[list[Record]]:
    """The recorded OpenAlex works with a title and authors, one list per answer (single works pooled)."""
    lists, singles = [], []
    for path in sorted(RECORDED_OPENALEX.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        records = []
        for item in data.get("results", [data]):
            doi = str(item.get("doi") or "").removeprefix("https://doi.org/").lower()
            if item.get("display_name") and item.get("authorships") and doi not in seen:
                seen.add(doi)
                records.append(record_from_work(item, path.name))
        (lists.append(records) if "results" in data else singles.extend(records))
    return [*lists, singles]


def cited(record: Record, rng: random.Random):
    """The record as a careful writer cites it: small differences that are not errors."""
    entry = copy.deepcopy(record.entry)
    title = entry.fields["title"]
    choice = rng.randrange(3)
    if choice == 0:
        entry.fields["title"] = title.lower()
    elif choice == 1 and ":" in title:
        entry.fields["title"] = title.split(":")[0]
    entry.persons["author"] = [Person(family=p.family, given=" ".join(w[0] + "." for w in p.given.split()),
                                      literal=p.literal) for p in entry.authors[:3]]
    return entry


def _words(records: list[Record]) -> list[str]:
    return [w for r in records for w in r.entry.fields["title"].split() if len(w) > 3]


def fabricated(record: Record, others: list[Record], rng: random.Random, kind: int):
    entry = copy.deepcopy(record.entry)
    words = entry.fields["title"].split()
    other = rng.choice(others)
    year = int(entry.fields.get("year", "2000") or 2000)
    if kind == 0:
        theirs = other.entry.fields["title"].split()
        entry.fields["title"] = " ".join(words[: max(1, len(words) // 2)] + theirs[len(theirs) // 2:])
        entry.persons["author"] = copy.deepcopy(other.entry.authors)
        entry.fields["year"] = str(year + rng.choice([-5, -3, -1, 1, 2, 4]))
    else:
        pool = _words(others)
        for index in rng.sample(range(len(words)), max(1, len(words) // 3)):
            words[index] = rng.choice(pool)
        entry.fields["title"] = " ".join(words)
        entry.fields["year"] = str(year + 2)
    entry.fields.pop("doi", None)
    return entry


def v003_rows(lists: list[list[Record]], rng: random.Random) -> tuple[int, int, int, int]:
    everything = [r for lst in lists for r in lst]
    tp = fp = fn = tn = 0
    for candidates in lists:
        for record in candidates:
            others = [r for r in everything if r is not record]
            real = best_match(cited(record, rng), candidates) is None
            fp += real
            tn += not real
            for kind in (0, 1):
                flagged = best_match(fabricated(record, others, rng, kind), candidates) is None
                tp += flagged
                fn += not flagged
    return tp, fp, fn, tn


def v002_rows(lists: list[list[Record]], rng: random.Random) -> tuple[int, int, dict[str, list[int]]]:
    everything = [r for lst in lists for r in lst]
    per_kind: dict[str, list[int]] = {}
    for record in everything:
        if not record.doi:
            continue
        other = rng.choice([r for r in everything if r is not record and r.entry.fields["title"] !=
                            record.entry.fields["title"] and r.entry.authors[0].family != record.entry.authors[0].family])
        variants = {"none": (cited(record, rng), set())}
        entry = cited(record, rng)
        entry.fields["title"] = other.entry.fields["title"]
        variants["title"] = (entry, {"title"})
        entry = cited(record, rng)
        entry.persons["author"] = copy.deepcopy(other.entry.authors)
        variants["author"] = (entry, {"author"})
        entry = cited(record, rng)
        entry.fields["year"] = str(int(entry.fields.get("year") or 2000) + rng.choice([-2, -1, 1, 3]))
        variants["year"] = (entry, {"year"})
        if container(record.entry) and container(other.entry) and \
                container(other.entry).lower() != container(record.entry).lower():
            entry = cited(record, rng)
            entry.fields[container_field(entry)] = container(other.entry)
            variants["container"] = (entry, {container_field(entry)})
        for kind, (variant, expected) in variants.items():
            found = {d.field for d in disagreements(variant, record.entry)}
            per_kind.setdefault(kind, []).append(found == expected)
    right = sum(sum(v) for v in per_kind.values())
    return right, sum(len(v) for v in per_kind.values()), per_kind


def main() -> None:
    rng = random.Random(15)
    lists = candidate_lists()
    records = sum(len(lst) for lst in lists)
    tp, fp, fn, tn = v003_rows(lists, rng)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    print(f"Labelled set: {records} real records in {len(lists)} candidate lists; "
          f"{tp + fn + fp + tn} references ({fp + tn} real, {tp + fn} fabricated).\n")
    print("| finding | references | precision | recall | accuracy |")
    print("|---|---:|---:|---:|---:|")
    print(f"| V003 no matching work | {tp + fp + fn + tn} | {precision:.3f} | {recall:.3f} | "
          f"{(tp + tn) / (tp + fp + fn + tn):.3f} |")
    right, total, per_kind = v002_rows(lists, rng)
    print(f"| V002 fields that disagree (exact set) | {total} | | | {right / total:.3f} |")
    print("\n| V002 variant | cases | right |")
    print("|---|---:|---:|")
    for kind, results in per_kind.items():
        print(f"| {kind} changed | {len(results)} | {sum(results) / len(results):.3f} |")


if __name__ == "__main__":
    main()
