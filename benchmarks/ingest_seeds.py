"""Document ingestion on the seeds and test fixtures: field accuracy against a careful reading, and speed.

Run: python benchmarks/ingest_seeds.py

"Expected" is what a careful reader finds in each document (issue 3); a field the text
does not state is expected to be absent, so inventing it counts as an error just like
missing a stated one. Prints Markdown tables.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from citeman.ingest.documents import ingest_document  # noqa: E402

ABSENT = None
# field -> expected value (None = the text does not state it, so it must be absent)
EXPECTED: dict[str, dict[str, str | None]] = {
    "seeds/000_398c01d1431d4abc.txt": {
        "title": "Indo-US Defence Pact 2025: Analysing Challenges for Pakistan’s Security Posture",
        "author": "Liaqat, Saher and Abbasi, Abu Hurrairah", "date": ABSENT, "organization": ABSENT, "type": "online",
    },
    "seeds/001_4cdfc7e12552fd6e.txt": {
        "title": "Islamabad views US-India defence framework as a move that could tilt regional military balance",
        "author": ABSENT, "date": "2025-11-01", "organization": ABSENT, "type": "online",
    },
    "seeds/002_570d525fef31b949.txt": {
        "title": ABSENT, "author": ABSENT, "date": ABSENT, "organization": "Firstpost", "type": "online",
    },
    "seeds/003_58913d06171df316.txt": {
        "title": "Indo-US Strategic Partnership: Pakistan’s Security Dilemma", "author": "Gillani, Maham S.",
        "date": "2021-05-01", "organization": "Centre for Aerospace & Security Studies",
        "note": "First published in South Asia Journal", "type": "online",
    },
    "seeds/004_f4c71cc64816fcce.txt": {
        "title": "US-India Defense Partnerships and Its Impacts on Pakistan", "author": "Usman, Naeem",
        "date": "2025-12-31", "received": "2025-09-05", "email": "s2024353007@umt.edu.pk",
        "affiliation": "Department of Political Science and International Relations, University of Management and "
        "Technology, Lahore, Pakistan",
        "keywords": "US, India, Indo-Pacific, South-Asia, Balance of Power, Defense Agreements, Bilateral, Peace, Security",
        "journal": ABSENT, "type": "article",
    },
    "tests/ingest/fixtures/news_jsonld.html": {
        "title": "Pakistan weighs response to US-India defence pact", "author": "Khan, Ayesha and Farooq, Omar",
        "date": "2025-11-02", "organization": "The Daily Example", "url": "https://example.org/news/defence-pact",
        "type": "online",
    },
    "tests/ingest/fixtures/journal_meta.html": {
        "title": "Realizing the Potential: Mature Defense Cooperation and the U.S.-India Strategic Partnership",
        "author": "Abercrombie, Cara", "date": "2019-01-30", "journal": "Asia Policy", "volume": "14", "pages": "119--144",
        "doi": "10.1353/asp.2019.0011", "type": "article",
    },
    "tests/ingest/fixtures/bare.html": {"title": ABSENT, "author": ABSENT, "date": ABSENT, "type": "online"},
    "tests/ingest/fixtures/multi_author_paper.md": {
        "title": "Water Scarcity and Security in the Indus Basin", "author": "Roe, Jane and Doe, John A. and Wei, Li",
        "date": "2023-07-01", "received": "2023-03-03", "accepted": "2023-06-10", "type": "article",
    },
    "tests/ingest/fixtures/policy_brief.txt": {
        "title": "Managing the Indus Waters Treaty after 2025", "author": "Raza, Ahmed", "date": "2025-01-12",
        "institution": "Islamabad Policy Research Institute", "type": "report",
    },
    "tests/ingest/fixtures/oped.txt": {
        "title": "The price of strategic autonomy", "author": "Siddiqa, Ayesha", "date": "2024-02-03",
        "organization": ABSENT, "type": "online",
    },
}


def actual_value(entry, name: str) -> str | None:
    from citeman.names import format_names

    if name == "type":
        return entry.type
    if name == "author":
        return format_names(entry.persons["author"]) if entry.persons.get("author") else None
    return entry.fields.get(name)


def main() -> None:
    os.chdir(REPO)
    rows = []
    totals = {"correct": 0, "wrong": 0, "missed": 0, "invented": 0}
    elapsed = 0.0
    for path, expected in EXPECTED.items():
        start = time.perf_counter()
        entry, _ = ingest_document(path)
        elapsed += time.perf_counter() - start
        counts = dict.fromkeys(totals, 0)
        problems = []
        for name, want in expected.items():
            got = actual_value(entry, name)
            if got == want:
                counts["correct"] += 1
            elif want is None:
                counts["invented"] += 1
                problems.append(f"{name} invented")
            elif got is None:
                counts["missed"] += 1
                problems.append(f"{name} missed")
            else:
                counts["wrong"] += 1
                problems.append(f"{name} wrong")
        for key in totals:
            totals[key] += counts[key]
        rows.append((path, len(expected), counts, ", ".join(problems) or "-"))
    print("| document | fields checked | correct | wrong | missed | invented | notes |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for path, n, c, notes in rows:
        print(f"| {path} | {n} | {c['correct']} | {c['wrong']} | {c['missed']} | {c['invented']} | {notes} |")
    checked = sum(totals.values())
    print(f"| **all** | {checked} | {totals['correct']} | {totals['wrong']} | {totals['missed']} | {totals['invented']} | "
          f"accuracy {totals['correct'] / checked:.1%} |")

    # Speed: documents per second after warm-up (imports and the first dateparser call excluded).
    seeds = [p for p in EXPECTED if p.startswith("seeds/")]
    for path in seeds:
        ingest_document(path)
    rounds = 20
    start = time.perf_counter()
    for _ in range(rounds):
        for path in seeds:
            ingest_document(path)
    per_doc = (time.perf_counter() - start) / (rounds * len(seeds))
    print()
    print("| measure | value |")
    print("| --- | --- |")
    print(f"| seed documents ingested per second (warm, one core) | {1 / per_doc:.0f} |")
    print(f"| mean time per seed document | {per_doc * 1000:.1f} ms |")


if __name__ == "__main__":
    main()
