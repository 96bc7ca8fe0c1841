"""Deterministic synthetic libraries for the speed benchmarks.

Real bibliographies have many distinct authors, a few prolific ones, the odd
particle or accent, and some same-author-same-year pairs that need 2020a/2020b;
this generator imitates that so timings and chunking behave as on real data.
"""

from __future__ import annotations

import random

from citeman.model import Entry, Person

_SYLLABLES = (
    "ka ri to ma sen lo ber vin dal mor gan tes hol win ner ast fel quin ros bur "
    "lan ko mi zu ha ta no de ve li sa char pel brun ok ja wei ming ra "
    "su pe gor tin bal ric han so vik lu ne par dun mel ar cas fen jor oz ul"
).split()
_GIVEN = "John Anna Maria Wei Lars Fatima Pierre Ana Jae Olga Tom Sara Ngozi Kenji Ingrid Diego Amara Yusuf".split()
_SPECIAL = [
    Person(family="Dijk", given="Jan", particle="van"),
    Person(family="Müller", given="Jürgen"),
    Person(family="García Márquez", given="Gabriel"),
    Person(family="Beauvoir", given="Simone", particle="de"),
    Person(family="King", given="Martin Luther", suffix="Jr."),
    Person(literal="World Health Organization"),
]
_WORDS = (
    "analysis effects learning network models data social health climate policy study deep reinforcement "
    "evidence randomized trials urban migration memory language protein signal quantum market risk"
).split()
_JOURNALS = ["Journal of Applied Things", "Nature", "Science Review", "PLOS ONE", "Annals of Data", "The Lancet"]


def _family(rnd: random.Random) -> str:
    return "".join(rnd.choice(_SYLLABLES) for _ in range(rnd.choice((2, 3, 3)))).capitalize()


def synthetic_entries(n: int, seed: int = 7) -> list[Entry]:
    """``n`` varied entries (articles, books, chapters, reports) with unique keys."""
    rnd = random.Random(seed)
    entries: list[Entry] = []
    for i in range(n):
        if entries and rnd.random() < 0.06:
            # Same authors, same year as an earlier entry: needs a year suffix.
            twin = rnd.choice(entries)
            entry = Entry(key=f"e{i}", type=twin.type, fields=dict(twin.fields), persons=dict(twin.persons))
            entry.fields["title"] = " ".join(rnd.choice(_WORDS) for _ in range(5)).capitalize()
            entries.append(entry)
            continue
        n_authors = rnd.choice((1, 1, 2, 2, 3, 4, 6, 9))
        authors = [
            rnd.choice(_SPECIAL) if rnd.random() < 0.03 else Person(family=_family(rnd), given=rnd.choice(_GIVEN))
            for _ in range(n_authors)
        ]
        kind = rnd.choice(("article", "article", "article", "book", "incollection", "report"))
        fields = {
            "title": " ".join(rnd.choice(_WORDS) for _ in range(rnd.randint(3, 9))).capitalize(),
            "year": str(rnd.randint(1970, 2025)),
        }
        persons = {"author": authors}
        if kind == "article":
            fields.update(journal=rnd.choice(_JOURNALS), volume=str(rnd.randint(1, 80)),
                          number=str(rnd.randint(1, 12)), pages=f"{rnd.randint(1, 400)}--{rnd.randint(401, 900)}",
                          doi=f"10.{rnd.randint(1000, 9999)}/x{i}")
        elif kind == "book":
            fields.update(publisher=rnd.choice(["Springer", "MIT Press", "Routledge"]), address="London")
        elif kind == "incollection":
            fields.update(booktitle="Handbook of " + rnd.choice(_WORDS), publisher="Wiley",
                          pages=f"{rnd.randint(1, 100)}--{rnd.randint(101, 200)}")
            persons["editor"] = [Person(family=_family(rnd), given=rnd.choice(_GIVEN))]
        else:
            fields.update(institution="Institute of " + rnd.choice(_WORDS).capitalize(), number=str(rnd.randint(1, 99)))
        entries.append(Entry(key=f"e{i}", type=kind, fields=fields, persons=persons))
    return entries
