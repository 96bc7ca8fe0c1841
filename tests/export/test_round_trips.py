"""Round trips: bib -> CSL-JSON -> bib and bib -> RIS -> bib keep every field both formats hold."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citeman.export.csljson import from_csl, to_csl_json
from citeman.export.ris import parse_person, format_person, parse_ris, to_ris
from citeman.io.bibtex import MONTH_MACROS, dumps_bib, parse_bib
from citeman.model import Entry, Person

LETTERS = "abcdefghijklmnopqrstuvwxyzéüøñç"
_word = st.text(alphabet=LETTERS, min_size=1, max_size=8)
_cap_word = _word.map(lambda w: w[0].upper() + w[1:])
_phrase = st.lists(st.one_of(_word, _cap_word, st.sampled_from(["&", "50%", "of_x", "#1", "(a)", "x:", "DNA", "1.5"])),
                   min_size=1, max_size=8).map(" ".join)
_person = st.one_of(
    st.builds(
        Person,
        family=st.lists(_cap_word, min_size=1, max_size=2).map(" ".join),
        given=st.one_of(st.just(""), _cap_word, st.builds(lambda a, b: f"{a} {b[0]}.", _cap_word, _cap_word)),
        particle=st.sampled_from(["", "", "van", "de", "van der", "von"]),
        suffix=st.sampled_from(["", "", "Jr.", "III"]),
    ).filter(lambda p: p.given or not p.suffix),
    st.builds(lambda a, b: Person(literal=f"{a} {b} Organization"), _cap_word, _cap_word),
)

# BibTeX type -> the field a publisher is stored in, and whether it has a container.
TYPES = {
    "article": ("publisher", "journal"),
    "book": ("publisher", None),
    "incollection": ("publisher", "booktitle"),
    "inproceedings": ("publisher", "booktitle"),
    "report": ("institution", None),
    "thesis": ("school", None),
    "online": ("publisher", "organization"),
    "misc": ("publisher", None),
}


@st.composite
def entries(draw) -> Entry:
    kind = draw(st.sampled_from(sorted(TYPES)))
    publisher_field, container_field = TYPES[kind]
    fields: dict[str, str] = {"title": draw(_phrase)}
    macros: set[str] = set()
    if container_field and draw(st.booleans()):
        fields[container_field] = draw(_phrase)
    if draw(st.booleans()):
        year = draw(st.integers(1500, 2030))
        fields["year"] = str(year)
        if draw(st.booleans()):
            month = draw(st.integers(1, 12))
            fields["month"] = MONTH_MACROS[month - 1]
            macros.add("month")
            if draw(st.booleans()):
                fields["date"] = f"{year:04d}-{month:02d}-{draw(st.integers(1, 28)):02d}"
    optional = {
        "volume": st.integers(1, 300).map(str),
        "number": st.integers(1, 40).map(str),
        "pages": st.one_of(st.integers(1, 999).map(str), st.tuples(st.integers(1, 99), st.integers(100, 999)).map(lambda t: f"{t[0]}--{t[1]}")),
        publisher_field: _phrase,
        "address": _phrase,
        "edition": st.integers(2, 9).map(str),
        "doi": st.integers(1000, 99999).map(lambda n: f"10.{n}/abc.{n}"),
        "url": st.integers(1, 999).map(lambda n: f"https://example.org/a?b={n}&c=d_e"),
        "abstract": _phrase,
        "annotation": _phrase,
        "note": _phrase,
        "keywords": st.lists(_word, min_size=1, max_size=4, unique=True).map(", ".join),
        "language": st.sampled_from(["English", "German"]),
        "urldate": st.dates().map(lambda d: d.isoformat()).filter(lambda s: s[:1] in "12" and len(s) == 10),
    }
    if kind in {"thesis", "report"}:
        optional["type"] = st.sampled_from(["PhD thesis", "Working paper"])
    for name, strategy in optional.items():
        if draw(st.booleans()):
            fields[name] = draw(strategy)
    persons = {}
    for role in ("author", "editor"):
        if draw(st.booleans()):
            persons[role] = draw(st.lists(_person, min_size=1, max_size=4))
    if kind in {"book", "misc"}:
        persons.pop("editor", None)
    return Entry(key=draw(st.from_regex(r"[a-z]{3,8}[0-9]{0,4}", fullmatch=True)), type=kind, fields=fields,
                 persons=persons, macros=macros)


def _through_bib(entry: Entry) -> Entry:
    library, diagnostics = parse_bib(dumps_bib([entry]))
    assert diagnostics == []
    [parsed] = library.entries
    return parsed


def _comparable(entry: Entry) -> tuple:
    return (entry.key, entry.type, dict(sorted(entry.fields.items())), entry.persons)


SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(entries())
def test_bib_csl_bib_round_trip(entry):
    original = _through_bib(entry)
    [item] = json.loads(to_csl_json([original]))
    back = _through_bib(from_csl(item))
    assert _comparable(back) == _comparable(original)


@SETTINGS
@given(entries())
def test_bib_ris_bib_round_trip(entry):
    original = _through_bib(entry)
    [parsed] = parse_ris(to_ris([original]))
    back = _through_bib(parsed)
    assert _comparable(back) == _comparable(original)


@given(_person)
def test_ris_person_round_trip(person):
    assert parse_person(format_person(person)) == person


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_parse_ris_never_raises(text):
    for entry in parse_ris(text):
        assert entry.key
