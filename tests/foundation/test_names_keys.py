from __future__ import annotations

import pytest

from citeman.keys import assign_keys, base_key, is_safe_key, rekey
from citeman.model import Entry, Person
from citeman.names import format_name, format_names, is_organisation, normalize_caps, parse_name, parse_names


@pytest.mark.parametrize(
    "text,person",
    [
        ("Abercrombie, C.", Person(family="Abercrombie", given="C.")),
        ("Ludwig van Beethoven", Person(family="Beethoven", given="Ludwig", particle="van")),
        ("King, Jr., Martin Luther", Person(family="King", given="Martin Luther", suffix="Jr.")),
        ("{World Health Organization}", Person(literal="World Health Organization")),
    ],
)
def test_parse_and_format_names_round_trip(text: str, person: Person):
    assert parse_name(text) == person
    assert parse_name(format_name(person)) == person


def test_and_others_marks_truncation():
    persons, truncated = parse_names("A, B and {C and D} and others")
    assert [p.display() for p in persons] == ["B A", "C and D"] and truncated
    assert format_names(persons, truncated).endswith(" and others")


def test_caps_and_organisations():
    assert normalize_caps("EISENMAN") == "Eisenman"
    assert normalize_caps("McDonald") == "McDonald"
    assert is_organisation("Stockholm International Peace Research Institute")
    assert not is_organisation("Naeem Usman")


def test_keys_are_readable_unique_and_stable():
    a = Entry("", "article", {"title": "Realizing the potential", "year": "2019"}, {"author": [Person("Abercrombie", "C.")]})
    b = Entry("", "article", {"title": "Realizing the potential again", "year": "2019"}, {"author": [Person("Abercrombie", "C.")]})
    c = Entry("mykey", "article", {"title": "Other", "year": "2020"}, {"author": [Person("Pérez", "J.")]})
    assert base_key(a) == "abercrombie2019realizing"
    assigned = assign_keys([a, b, c])
    assert (a.key, b.key, c.key) == ("abercrombie2019realizing", "abercrombie2019realizinga", "mykey")
    assert assigned == {0: "abercrombie2019realizing", 1: "abercrombie2019realizinga"}
    assert rekey([c]) == {"mykey": "perez2020other"}


@pytest.mark.parametrize("key,safe", [("abc2019x", True), ("../../x", False), ("a b", False), ("ключ", False)])
def test_safe_keys(key: str, safe: bool):
    assert is_safe_key(key) is safe
