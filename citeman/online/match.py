"""Scoring a candidate work against an entry: title, authors, year and container, with rapidfuzz.

Two questions, two sets of thresholds (tuned on ``benchmarks/verify_accuracy.py``):

* :func:`best_match`: is any candidate of a search the work the entry describes? A
  fabricated reference borrows a real title's words or a real author, so the title must
  agree closely *and* the overall score must be high.
* :func:`disagreements`: which fields of an entry differ from the record of its DOI?
  Here the work is known, so only real differences count: case, punctuation, a missing
  subtitle, abbreviated journal names and given names are not disagreements.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

from citeman.io.latex import strip_braces
from citeman.model import Entry, Person
from citeman.online.sources import Record

# A candidate is the work when its title scores at least this and the weighted whole at least MATCH_SCORE.
MATCH_TITLE = 85.0
MATCH_SCORE = 80.0
# The record's title disagrees below this (after dropping case, punctuation and a subtitle).
SAME_TITLE = 90.0
SAME_CONTAINER = 80.0
WEIGHTS = {"title": 0.6, "author": 0.25, "year": 0.1, "container": 0.05}
_NON_WORD = re.compile(r"[^0-9a-z]+")
_CONTAINER_FIELDS = ("journal", "journaltitle", "booktitle")
_CONTAINER_STOPWORDS = frozenset("of the and in on for & de des der la le".split())


def plain(text: str) -> str:
    """Lower-case ASCII words separated by single spaces: what two spellings of a title share."""
    text = unicodedata.normalize("NFKD", strip_braces(text).replace("\\&", "&"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return _NON_WORD.sub(" ", text).strip()


def container(entry: Entry) -> str:
    for name in _CONTAINER_FIELDS:
        if entry.fields.get(name):
            return entry.fields[name]
    return ""


def container_field(entry: Entry) -> str:
    return next((name for name in _CONTAINER_FIELDS if entry.fields.get(name)), "journal")


def title_score(ours: str, theirs: str) -> float:
    """0-100; a title cited without its subtitle (or with only the subtitle dropped) scores as the same."""
    a, b = plain(ours), plain(theirs)
    if not a or not b:
        return 0.0
    best = fuzz.ratio(a, b)
    main_a, main_b = plain(ours.split(":")[0]), plain(theirs.split(":")[0])
    if len(main_a.split()) >= 3 and len(main_b.split()) >= 3:
        best = max(best, fuzz.ratio(main_a, b), fuzz.ratio(a, main_b), fuzz.ratio(main_a, main_b))
    return best


def _family(person: Person) -> str:
    return plain(person.literal.split()[-1] if person.literal and person.literal.split() else person.family)


def author_score(ours: list[Person], theirs: list[Person]) -> float:
    """0-100: the share of our family names found among theirs, the first author counting double."""
    a = [f for f in (_family(p) for p in ours) if f]
    b = [f for f in (_family(p) for p in theirs) if f]
    if not a or not b:
        return 0.0
    found = [any(fuzz.ratio(name, other) >= 85 for other in b) for name in a]
    first = fuzz.ratio(a[0], b[0]) >= 85
    return 100.0 * (sum(found) + first) / (len(a) + 1)


def year_score(ours: str, theirs: str) -> float:
    if not (ours[:4].isdigit() and theirs[:4].isdigit()):
        return 0.0
    gap = abs(int(ours[:4]) - int(theirs[:4]))
    return 100.0 if gap == 0 else 60.0 if gap == 1 else 0.0


def _abbreviates(short: str, full: str) -> bool:
    """``J Clin Pathol`` abbreviates ``Journal of Clinical Pathology``: each word a prefix of the next full word."""
    words = [w for w in full.split() if w not in _CONTAINER_STOPWORDS]
    parts = [w for w in short.split() if w not in _CONTAINER_STOPWORDS]
    return bool(parts) and len(parts) == len(words) and all(w.startswith(p) for p, w in zip(parts, words))


def container_score(ours: str, theirs: str) -> float:
    a, b = plain(ours), plain(theirs)
    if not a or not b:
        return 0.0
    if _abbreviates(a, b) or _abbreviates(b, a):
        return 100.0
    return fuzz.token_sort_ratio(a, b)


def field_scores(entry: Entry, candidate: Entry) -> dict[str, float]:
    """The score of each field both entries have (0-100)."""
    scores: dict[str, float] = {}
    if entry.fields.get("title") and candidate.fields.get("title"):
        scores["title"] = title_score(entry.fields["title"], candidate.fields["title"])
    if entry.authors and candidate.authors:
        scores["author"] = author_score(entry.authors, candidate.authors)
    elif entry.editors and candidate.editors:
        scores["author"] = author_score(entry.editors, candidate.editors)
    if entry.fields.get("year") and candidate.fields.get("year"):
        scores["year"] = year_score(entry.fields["year"], candidate.fields["year"])
    if container(entry) and container(candidate):
        scores["container"] = container_score(container(entry), container(candidate))
    return scores


def overall(scores: dict[str, float]) -> float:
    weight = sum(WEIGHTS[name] for name in scores)
    return sum(WEIGHTS[name] * value for name, value in scores.items()) / weight if weight else 0.0


@dataclass(slots=True)
class Match:
    record: Record
    score: float
    scores: dict[str, float]


def score_candidate(entry: Entry, record: Record) -> Match:
    scores = field_scores(entry, record.entry)
    return Match(record, overall(scores), scores)


def is_match(found: Match) -> bool:
    return found.scores.get("title", 0.0) >= MATCH_TITLE and found.score >= MATCH_SCORE


def best_match(entry: Entry, records: list[Record]) -> Match | None:
    """The best-scoring candidate that is the entry's work, or None when none is."""
    scored = sorted((score_candidate(entry, r) for r in records), key=lambda m: -m.score)
    return next((m for m in scored if is_match(m)), None)


@dataclass(frozen=True, slots=True)
class Disagreement:
    field: str      # the entry's field name (``title``, ``author``, ``year``, ``journal``...)
    ours: str
    theirs: str


def _people(persons: list[Person]) -> str:
    names = [p.literal or p.family for p in persons]
    return ", ".join(names[:3]) + (" et al." if len(names) > 3 else "")


def disagreements(entry: Entry, record: Entry) -> list[Disagreement]:
    """The fields of ``entry`` that differ from the record of its DOI."""
    found = []
    scores = field_scores(entry, record)
    if scores.get("title", 100.0) < SAME_TITLE:
        found.append(Disagreement("title", entry.fields["title"], record.fields["title"]))
    if "author" in scores:
        ours = entry.authors or entry.editors
        theirs = record.authors or record.editors
        first_same = fuzz.ratio(_family(ours[0]), _family(theirs[0])) >= 85
        if not first_same or scores["author"] < 50.0:
            found.append(Disagreement("author" if entry.authors else "editor", _people(ours), _people(theirs)))
    if scores.get("year", 100.0) < 100.0:
        found.append(Disagreement("year", entry.fields["year"], record.fields["year"]))
    if scores.get("container", 100.0) < SAME_CONTAINER:
        found.append(Disagreement(container_field(entry), container(entry), container(record)))
    return found


def search_query(entry: Entry) -> str:
    """The reference as one string for a bibliographic search: title, first author, year, container."""
    people = entry.authors or entry.editors
    parts = [strip_braces(entry.fields.get("title", ""))]
    if people:
        parts.append(people[0].literal or people[0].family)
    parts += [entry.fields.get("year", ""), strip_braces(container(entry))]
    return " ".join(" ".join(p.split()) for p in parts if p)
