"""Tying citations to the references they cite.

:func:`resolve_citations` decides, for each citation, which reference it points to and
how well (exact, ambiguous, wrong year, misspelt, co-author missing, missing);
:func:`match_citations` keeps the confident matches, per reference.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from citeman.cites.citation import Citation
from citeman.model import Entry, Person
from citeman.paper.markup import clean_markdown

__all__ = [
    "Resolution",
    "SPELLING_THRESHOLD",
    "entry_label",
    "entry_year",
    "label_key",
    "match_citations",
    "names_match",
    "resolve_citations",
]


def _normal(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def _person_forms(person: Person) -> set[str]:
    forms = set()
    if person.literal:
        forms.add(_normal(person.literal))
    if person.family:
        family = _normal(person.family)
        forms.add(family)
        if person.particle:
            forms.add(_normal(f"{person.particle} {person.family}"))
        if person.given:
            forms.add(_normal(f"{person.given} {person.family}"))
            forms.add(_normal(f"{person.family} {person.given}"))
            if person.particle:
                forms.add(_normal(f"{person.given} {person.particle} {person.family}"))
    forms.discard("")
    return forms


def _entry_people(entry: Entry) -> list[Person]:
    return entry.persons.get("author") or entry.persons.get("editor") or []


def entry_year(entry: Entry) -> tuple[str, str]:
    """(four-digit year, suffix) of an entry; ``("", "")`` when it has none."""
    raw = entry.fields.get("year", "") or entry.fields.get("date", "")[:4]
    match = re.match(r"\s*(\d{4})([a-z]?)", raw)
    if not match:
        return ("n.d.", "") if raw.strip().casefold().startswith("n.d") else ("", "")
    return match.group(1), match.group(2)


def _citation_year(year: str) -> tuple[str, str]:
    match = re.fullmatch(r"(\d{4})([a-z]?)", year)
    if match:
        return match.group(1), match.group(2)
    if year.startswith("n.d."):
        return "n.d.", year[len("n.d.") :].lstrip("-")
    return year, ""


def _title_form(entry: Entry) -> str:
    return _normal(entry.fields.get("title", ""))


def _name_matches(name: str, person: Person) -> bool:
    target = _normal(name)
    if not target:
        return False
    forms = _person_forms(person)
    if target in forms:
        return True
    # "J. Smith" or "John Smith" as written against family "Smith", given "John".
    words = target.split()
    family = _normal(person.family)
    if len(words) > 1 and family and " ".join(words[-len(family.split()) :]) == family:
        given = _normal(person.given)
        head = words[: -len(family.split())]
        given_words = given.split()
        return bool(given_words) and all(
            g.startswith(w) or w.startswith(g) for w, g in zip(head, given_words)
        )
    return False


def names_match(citation: Citation, entry: Entry) -> bool:
    """Whether the names of ``citation`` are those of ``entry`` (year not considered)."""
    people = _entry_people(entry)
    names = citation.names
    if not names:
        return False
    if not people:
        title = _title_form(entry)
        wanted = _normal(" ".join(names))
        return bool(title and wanted) and (title.startswith(wanted) or wanted.startswith(title))
    if citation.et_al:
        return len(people) >= 2 or "author" in entry.truncated or "editor" in entry.truncated
    if len(names) != len(people) and not (len(names) > len(people) and entry.truncated):
        return False
    return all(_name_matches(n, p) for n, p in zip(names, people))


def _first_name_matches(citation: Citation, entry: Entry) -> bool:
    people = _entry_people(entry)
    return bool(people and citation.names) and _name_matches(citation.names[0], people[0])


def _matches_names(citation: Citation, entry: Entry) -> bool:
    if citation.et_al:
        return _first_name_matches(citation, entry) and names_match(citation, entry)
    return names_match(citation, entry)


def entry_label(entry: Entry) -> str:
    """How an author-date citation would name ``entry``: ``Khan & Askari 2023``."""
    people = _entry_people(entry)
    if people:
        names = [p.literal or p.family or p.given for p in people]
        names_text = f"{names[0]} et al." if len(names) >= 3 else " & ".join(names)
    else:
        names_text = clean_markdown(entry.fields.get("title", "")).strip(" :.")
        names_text = " ".join(names_text.split()[:6])
    year, suffix = entry_year(entry)
    return f"{names_text} {year}{suffix}".strip()


def label_key(entry: Entry) -> tuple[tuple[str, ...], str]:
    """The (names, year) pair an author-date citation of ``entry`` shows, normalised."""
    people = _entry_people(entry)
    if people:
        families = tuple(_normal(p.literal or p.family or p.given) for p in people)
        names = (families[0], "et al") if len(families) >= 3 else families
    else:
        names = (_title_form(entry),)
    return names, entry_year(entry)[0]


@dataclass(slots=True)
class Resolution:
    """What one citation points to.

    ``status`` is ``"exact"`` (one reference matches names and year), ``"ambiguous"``
    (several references match and no a/b suffix tells them apart), ``"year"`` (the
    names match a reference listed with another year), ``"spelling"`` (the year
    matches and the names are close but spelled differently), ``"authors"`` (first
    author and year match but not the other names: a co-author left out, or ``et al.``
    for a single author), ``"numeric"`` (a number that resolves into the list),
    ``"out-of-range"`` or ``"missing"``.
    ``entries`` holds the reference(s) concerned, best first.
    """

    citation: Citation
    status: str
    entries: list[Entry] = field(default_factory=list)
    score: float = 0.0
    missing_numbers: tuple[int, ...] = ()


def _year_group(entries: Sequence[Entry], citation_year: str) -> list[Entry]:
    return [e for e in entries if entry_year(e)[0] == citation_year]


def _resolve_suffix(group: list[Entry], suffix: str) -> list[Entry]:
    """Pick the entry a suffixed year (``2020b``) means within same-label entries."""
    with_suffix = [e for e in group if entry_year(e)[1] == suffix]
    if with_suffix:
        return with_suffix
    if any(entry_year(e)[1] for e in group):
        return []
    if len(group) == 1:
        return group
    # Unsuffixed years in the list: APA orders same-author same-year works by title.
    ordered = sorted(group, key=lambda e: _normal(e.fields.get("title", "")))
    index = ord(suffix) - ord("a")
    return [ordered[index]] if 0 <= index < len(ordered) else []


def _fuzzy_name_score(citation: Citation, entry: Entry) -> float:
    """0-100: how closely the cited names spell the names of ``entry``."""
    from rapidfuzz import fuzz

    people = _entry_people(entry)
    cited = [_normal(n) for n in citation.names]
    if not people:
        title = _title_form(entry)
        return fuzz.partial_ratio(" ".join(cited), title) if title and cited else 0.0
    listed = [_normal(p.literal or p.family or p.given) for p in people]
    if citation.et_al:
        same_shape = len(people) >= 2 or bool(entry.truncated)
        cited, listed = cited[:1], listed[:1]
    else:
        same_shape = len(cited) == len(listed)
    if not same_shape:
        # A dropped or added co-author is a different author list, not a misspelling:
        # score it low enough to stay below the spelling threshold.
        return fuzz.token_sort_ratio(" ".join(cited), " ".join(listed)) * 0.75
    scores = []
    for c, l in zip(cited, listed):
        # Compare with the family name and, for "Given Family" as written, its last word.
        options = [fuzz.ratio(c, l)]
        if len(c.split()) > 1:
            options.append(fuzz.ratio(c.split()[-1], l))
        scores.append(max(options))
    return min(scores) if scores else 0.0


SPELLING_THRESHOLD = 80.0


def resolve_citations(citations: Iterable[Citation], entries: Sequence[Entry]) -> list[Resolution]:
    """Decide, for each citation, which reference(s) of ``entries`` it points to."""
    entries = list(entries)
    results = []
    for citation in citations:
        if citation.numbers:
            inside = tuple(n for n in citation.numbers if 1 <= n <= len(entries))
            outside = tuple(n for n in citation.numbers if not 1 <= n <= len(entries))
            results.append(
                Resolution(
                    citation,
                    "out-of-range" if outside else "numeric",
                    [entries[n - 1] for n in inside],
                    missing_numbers=outside,
                )
            )
            continue
        by_names = [e for e in entries if _matches_names(citation, e)]
        year, suffix = _citation_year(citation.year)
        same_year = _year_group(by_names, year)
        if same_year:
            chosen = _resolve_suffix(same_year, suffix) if suffix else same_year
            if len(chosen) == 1:
                results.append(Resolution(citation, "exact", chosen, 100.0))
            elif chosen:
                results.append(Resolution(citation, "ambiguous", chosen, 100.0))
            else:
                results.append(Resolution(citation, "year", same_year, 100.0))
            continue
        if by_names:
            ordered = sorted(by_names, key=lambda e: _year_distance(entry_year(e)[0], year))
            results.append(Resolution(citation, "year", ordered, 100.0))
            continue
        scored = sorted(
            ((_fuzzy_name_score(citation, e), i, e) for i, e in enumerate(entries)),
            key=lambda item: (-item[0], item[1]),
        )
        near = [(s, e) for s, _, e in scored if s >= SPELLING_THRESHOLD and entry_year(e)[0] == year]
        if near:
            results.append(Resolution(citation, "spelling", [e for _, e in near], near[0][0]))
            continue
        partial = [e for e in _year_group(entries, year) if _first_name_matches(citation, e)]
        if partial:
            # "(Khan, 2023)" for Khan & Askari 2023, or "et al." for a single author.
            results.append(Resolution(citation, "authors", partial, 100.0))
            continue
        best = [(s, e) for s, _, e in scored if s >= 60.0][:3]
        results.append(Resolution(citation, "missing", [e for _, e in best], best[0][0] if best else 0.0))
    return results


def _year_distance(listed: str, cited: str) -> int:
    if listed.isdecimal() and cited.isdecimal():
        return abs(int(listed) - int(cited))
    return 10_000


def match_citations(
    citations: Iterable[Citation], entries: Sequence[Entry], *, include_near: bool = False
) -> dict[str, list[Citation]]:
    """Entry key -> the citations that cite it, for every entry (uncited ones map to ``[]``).

    Only confident matches count (names and year agree, or a number in range); with
    ``include_near`` a citation whose year or spelling differs from exactly one
    reference is also counted for it.
    """
    result: dict[str, list[Citation]] = {e.key: [] for e in entries}
    for resolution in resolve_citations(citations, entries):
        status = resolution.status
        targets: list[Entry] = []
        if status in ("exact", "numeric", "out-of-range"):
            targets = resolution.entries
        elif include_near and status in ("year", "spelling", "authors") and resolution.entries:
            targets = resolution.entries[:1]
        for entry in targets:
            bucket = result.setdefault(entry.key, [])
            if resolution.citation not in bucket:
                bucket.append(resolution.citation)
    return result
