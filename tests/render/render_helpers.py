"""Helpers for the render tests: fixture library, golden files, a synthetic library."""

from __future__ import annotations

import random
from pathlib import Path

from citeman.model import Entry, Person
from golden_files import assert_golden  # noqa: F401  (re-exported for this area's tests)

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
FIXTURE_BIB = HERE.parent / "export" / "fixtures" / "library.bib"





def synthetic_library(n: int, seed: int = 3, particles: bool = False) -> list[Entry]:
    """``n`` articles and books by a small pool of authors, so that many share a name and a year.

    With ``particles`` the pool also holds "Dijk" next to "van Dijk".
    """
    rnd = random.Random(seed)
    families = ["Smith", "Smyth", "Müller", "van Dijk", "Ng", "Okafor", "Silva", "Berg", "Kowalski",
                "Łukasz", "O'Brien", "Zhang", "Abe", "Ávila"]
    if particles:
        families.append("Dijk")
    given = ["Ann", "Bo", "Cy", "Di", "Ed"]
    entries = []
    for i in range(n):
        authors = []
        for _ in range(rnd.choice((1, 1, 2, 3, 4))):
            family = rnd.choice(families)
            particle = ""
            if family.startswith("van "):
                particle, family = "van", family[4:]
            authors.append(Person(family=family, given=rnd.choice(given), particle=particle))
        persons = {"author": authors} if rnd.random() > 0.05 else {}
        fields = {"title": f"Study number {rnd.randint(1, 40)} of things", "year": str(rnd.randint(2018, 2021))}
        if rnd.random() < 0.5:
            fields.update(journal="Journal of Tests", volume=str(rnd.randint(1, 9)))
            kind = "article"
        else:
            fields.update(publisher="Press")
            kind = "book"
        entries.append(Entry(key=f"k{i:03d}", type=kind, fields=fields, persons=persons))
    return entries
