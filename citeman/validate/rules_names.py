"""Rules about people: words and labels taken for names, duplicates, split organisations, case."""

from __future__ import annotations

import re
from collections.abc import Iterator

from citeman.model import Entry, Person
from citeman.names import ORG_WORDS, is_organisation, normalize_caps
from citeman.validate.base import Context, Fix, FixAvailability, Severity, Violation, rule
from citeman.io.rawfields import find_fields
from citeman.validate.screen import Screen, trie_pattern
from citeman.validate.textutil import MONTHS

ROLES = ("author", "editor", "translator", "bookauthor")

# Words that turn up as "family names" when a reference is misread: labels of the
# page (Issn, Vol, No), words of titles and organisations, and text-layer debris.
LABEL_WORDS = frozenset(
    """
    issn isbn doi url vol volume no number issue pp page pages abstract introduction conclusion review report
    journal proceedings press university retrieved available accessed online stable author authors editor
    editors eds ed trans anonymous unknown none null nan na title untitled chapter section figure table appendix
    acute insecurity security relations policy strategy studies analysis development research science sciences
    economy economics management education government ministry department council committee office foundation
    bureau agency commission institute international national global world united states america pakistan india
    china food water health human rights crisis war peace defense defence military trade energy climate brief
    paper papers working series edition vol. no. et al and the of in for on with from by
    """.split()
)
# Label words that are also common surnames (Korean and Chinese Na, No): with a full given
# name ("Na, Chenglong", as Crossref records it) they are people, with initials a label.
# A particle ("de With") marks a surname too: no misread label comes with one.
SURNAME_LABELS = frozenset({"na", "no"})
_FULL_GIVEN = re.compile(r"[^\W\d_]{3,}")
_NOUN_SUFFIX = re.compile(r"(?:ity|tion|tions|sion|ness|ment|ments|ism|isms|ship|ology|ics|ance|ence)$", re.IGNORECASE)
_INITIALS = re.compile(r"(?:[A-Z](?:\.|(?=[\s-])|$)[\s-]*)+")
_ROLE_VALUE = {
    # Possessive: each character belongs to one branch, so nothing is given back (and no slow backtracking).
    role: re.compile(rf"(?i)(?<![\w-]){role}\s*=\s*(\{{(?:[^{{}}]++|\{{[^{{}}]*+\}})*+\}}|\"[^\"]*\")") for role in ROLES
}
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_NOT_LOWER = re.compile(r"[^a-z]")
_ET_AL = re.compile(r"\bet\.?\s*al\b")
_BAD_CHARS = re.compile(r"[\d()\[\]<>:;/@=+*#$%]")


# A family name that is (braces, spaces and dots aside) a label word, or holds a noun ending.
_WORD_NAME = Screen("@family", ("ity", "tion", "sion", "ness", "ment", "ism", "ship", "ology", "ics", "ance", "ence"),
                    fold=True, pattern=re.compile(r"\x00[\s{}]*" + trie_pattern(LABEL_WORDS) + r"[.\s{}]*\x00", re.IGNORECASE))


def _people(entry: Entry) -> list[tuple[str, int, Person]]:
    # A list, not a generator: most entries have one or two roles and several rules walk them.
    persons = entry.persons
    return [(role, index, person) for role in ROLES if role in persons
            for index, person in enumerate(persons[role])]


def _show(person: Person) -> str:
    if person.literal:
        return person.literal
    return f"{person.family}, {person.given}" if person.given else person.family


@rule("one-letter-family-name", Severity.ERROR, screen=Screen("@family", pattern=re.compile(r"\x00[{}. ]*[^\W\d_][{}. ]*\x00")))
def one_letter_family_name(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """A family name is a single letter.

    Why: "D, P. H. P." is an initial (or "PhD") taken for a surname when the
    reference was split; no author is called "D".

    Bad:  @misc{k, author = {D, P. H. P.}, title = {Hegemonic Instability}, year = 2022}
    Good: @misc{k, author = {Dhawan, P. H.}, title = {Hegemonic Instability}, year = 2022}
    """
    for role, _, person in _people(entry):
        family = person.family.strip("{}. ")
        if not person.literal and len(family) == 1 and family.isalpha():
            yield Violation(f"one-letter family name in {role} {_show(person)!r}", field=role)


@rule("word-as-family-name", Severity.ERROR, screen=_WORD_NAME)
def word_as_family_name(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """A family name is a common word or a page label rather than a surname.

    Why: "Issn, E.", "No, I.", "Acute, I. P. C.", "Insecurity, F." or "Relations, I. S."
    come from reading a journal header or a title as the author list.

    Bad:  @article{k, author = {Issn, E. and Ali, N.}, title = {Dynamics}, year = 2024}
    Good: @article{k, author = {Ali, N. and Arshad, F.}, title = {Dynamics}, year = 2024}
    """
    for role, _, person in _people(entry):
        if person.literal:
            continue
        family = person.family.strip("{}").strip()
        lowered = family.lower().rstrip(".")
        if person.particle or (lowered in SURNAME_LABELS and _FULL_GIVEN.search(person.given)):
            continue
        if lowered in LABEL_WORDS or (len(family) > 6 and _NOUN_SUFFIX.search(family) and " " not in family):
            yield Violation(f"word {family!r} taken for a family name in {role} {_show(person)!r}", field=role)


@rule("month-as-family-name", Severity.WARNING, screen=Screen("@family", pattern=re.compile(
    r"\x00[{}]*" + trie_pattern(MONTHS) + r"[{}]*\x00", re.IGNORECASE)))
def month_as_family_name(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """A family name is a month ("March", "April").

    Why: a date such as "March 2024" in a report's header was read as an author. Some
    people are called March or May, so check the source.

    Bad:  @report{k, author = {March, A.}, title = {IPC Acute Food Insecurity}, year = 2024}
    Good: @report{k, author = {Khan, A.}, title = {IPC Acute Food Insecurity}, year = 2024}
    """
    for role, _, person in _people(entry):
        if not person.literal and person.family.strip("{}").lower() in MONTHS:
            yield Violation(f"month {person.family!r} taken for a family name in {role} {_show(person)!r}", field=role)


def _identity(person: Person) -> tuple[str, str]:
    initials = "".join(w[:1] for w in person.given.lower().replace(".", " ").replace("-", " ").split())
    return (person.literal or f"{person.particle} {person.family}").strip().lower(), initials


@rule("duplicate-person", Severity.ERROR, screen=Screen("@names", pattern=re.compile(
    r"\x00([^\x00\x01]*)\x00(?:[^\x01]*?\x00)?\1\x00", re.IGNORECASE)))
def duplicate_person(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """The same person is listed twice among the authors (or editors).

    Why: "Relations, I. S., & Relations, I. S." is a header read twice, not two people.

    Bad:  @misc{k, author = {Relations, I. S. and Relations, I. S.}, title = {India-U.S. Relations}, year = 2021}
    Good: @misc{k, author = {Kronstadt, K. A.}, title = {India-U.S. Relations}, year = 2021}
    """
    for role in ROLES:
        people = entry.persons.get(role, ())
        if len(people) < 2:
            continue
        seen: set[tuple[str, str]] = set()
        for person in people:
            ident = _identity(person)
            if ident in seen:
                yield Violation(f"{_show(person)!r} appears twice in {role}", field=role)
            seen.add(ident)


# A word of an organisation's name, or a given name of three or more capitals alone.
@rule("organisation-split", Severity.WARNING, FixAvailability.SOMETIMES, screen=Screen(any_of=(
    Screen("@people", tuple(sorted(ORG_WORDS)), fold=True),
    Screen("@people", pattern=re.compile(r"\x00[{} ]*[A-Z]{3,}[{} ]*\x00")))))
def organisation_split(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """An organisation was split into family and given names.

    Why: "Bank, World" or "Organization, World Health" is printed as a person ("W.
    Bank"); organisations belong in braces: ``{World Bank}``.
    Fix (unsafe): make it one organisation name.

    Bad:  @report{k, author = {World Health Organization}, title = {Report}, year = 2020}
    Good: @report{k, author = {{World Health Organization}}, title = {Report}, year = 2020}
    """
    for role in ROLES:
        people = entry.persons.get(role)
        if not people:
            continue
        for index, person in enumerate(people):
            if person.literal or not person.given:
                continue
            if _INITIALS.fullmatch(person.given):
                continue
            whole = f"{person.given} {person.particle} {person.family}".replace("  ", " ").strip()
            if is_organisation(whole):
                fixed = list(people)
                fixed[index] = Person(literal=whole)
                yield Violation(f"organisation {whole!r} split into a person in {role}", field=role,
                                fix=Fix(safe=False, persons={role: fixed}))


def _all_caps(part: str) -> bool:
    if part.isascii() and not part.isupper():
        return False  # an ASCII lower-case letter, or no letter at all
    letters = [c for c in part if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and not _INITIALS.fullmatch(part.strip())


# A name part of two or more letters, none a lower-case ASCII letter, that is not plain initials.
@rule("all-caps-name", Severity.WARNING, FixAvailability.ALWAYS, screen=Screen("@people", pattern=re.compile(
    r"\x00(?![A-Z]\.?(?:[\s-]+[A-Z]\.?)*\x00)[^a-z\x00\x01]*[^\W\d_a-z][^a-z\x00\x01]*[^\W\d_a-z][^a-z\x00\x01]*\x00")))
def all_caps_name(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """A personal name is in capitals ("EISENMAN").

    Why: capitals come from the typography of the source; styles apply their own
    small caps, and capitals sort and match badly.
    Fix (safe): title case ("Eisenman"), keeping initials and Mc/Mac forms.

    Bad:  @incollection{k, author = {Shinn, D. H. and EISENMAN, J.}, title = {Trade Relations}, year = 2023}
    Good: @incollection{k, author = {Shinn, D. H. and Eisenman, J.}, title = {Trade Relations}, year = 2023}
    """
    for role in ROLES:
        people = entry.persons.get(role)
        if not people:
            continue
        fixed = list(people)
        bad: list[str] = []
        for index, person in enumerate(people):
            if person.literal:
                continue
            if not (person.family.isupper() or person.given.isupper()):
                continue
            if _all_caps(person.family) or (person.given and _all_caps(person.given) and " " not in person.given.strip()):
                bad.append(_show(person))
                fixed[index] = Person(normalize_caps(person.family), normalize_caps(person.given), person.particle,
                                      person.suffix)
        for name in bad:
            yield Violation(f"name in capitals in {role} {name!r}", field=role, fix=Fix(safe=True, persons={role: fixed}))


@rule("inconsistent-name-order", Severity.WARNING,
      # Two names or more among all roles (one role needs two): three \x00 in one frame.
      screen=Screen("@names", pattern=re.compile(r"\x00[^\x00\x01]*\x00[^\x00\x01]*\x00")))
def inconsistent_name_order(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Names in one list mix "Family, Given" and "Given Family".

    Why: the mix usually means a name was split in the wrong place ("Nan tian" next
    to "Smith, J."), and BibTeX reads each form differently.

    Bad:  @article{k, author = {Smith, John and Jane Doe}, title = {T}, year = 2020}
    Good: @article{k, author = {Smith, John and Doe, Jane}, title = {T}, year = 2020}
    """
    if not entry.raw:
        return
    for role in ROLES:
        if len(entry.persons.get(role, ())) < 2:
            continue
        start = entry.raw.find(role)
        match = _ROLE_VALUE[role].search(entry.raw, max(0, start - 1)) if start >= 0 else None
        values = [match.group(1)] if match else [raw for name, raw, _ in find_fields(entry.raw) if name == role]
        for raw in values:
            parts = [p.strip() for p in _AND.split(raw.strip().strip('{}"')) if p.strip()]
            parts = [p for p in parts if not p.startswith("{") and p.lower() not in ("others", "et al.")]
            inverted = [p for p in parts if "," in p]
            if inverted and len(inverted) != len(parts):
                direct = next(p for p in parts if "," not in p)
                yield Violation(f"{role} mixes {inverted[0]!r} and {direct!r} name orders", field=role)


@rule("lowercase-family-name", Severity.WARNING, screen=Screen(
    "@family", pattern=re.compile(r"\x00\{*(?![A-Z])[^\W\d_]")))
def lowercase_family_name(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """A family name starts with a lower-case letter ("Nan tian", "lopes da silva").

    Why: lower-case words are read as particles ("van", "da") by BibTeX, so the name is
    split wrongly and sorted under the wrong letter; usually a casing error.

    Bad:  @report{k, author = {Nan tian and Xiao liang}, title = {Trends in World Military Expenditure}, year = 2024}
    Good: @report{k, author = {Tian, Nan and Liang, Xiao}, title = {Trends in World Military Expenditure}, year = 2024}
    """
    for role, _, person in _people(entry):
        family = person.family.lstrip("{")
        if not person.literal and family[:1].islower():
            yield Violation(f"family name {person.family!r} starts in lower case in {role}", field=role)


# _BAD_CHARS as one find per ASCII character (a character-class search crawls through the
# text), and a regex only for the digits of other scripts, only on text that is not ASCII.
@rule("non-name-characters", Severity.ERROR, screen=Screen(
    "@people", tuple("0123456789()[]<>:;/@=+*#$%"), pattern=re.compile(r"(?![0-9])\d"), non_ascii_pattern=True))
def non_name_characters(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """A personal name contains digits or symbols ("8.6m", "(2020)", "Vol.8").

    Why: numbers and brackets in a name mean a year, a volume or a title was read as
    an author.

    Bad:  @misc{k, author = {Report (2020), A.}, title = {T}, year = 2020}
    Good: @misc{k, author = {Report, A.}, title = {T}, year = 2020}
    """
    for role, _, person in _people(entry):
        if person.literal:
            continue
        text = f"{person.family} {person.given}"
        found = _BAD_CHARS.search(text)
        if found:
            yield Violation(f"{found.group(0)!r} in a name in {role} {_show(person)!r}", field=role)


@rule("et-al-as-name", Severity.ERROR, screen=Screen("@people", ("al",), fold=True))
def et_al_as_name(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """"et al." is part of a person's name.

    Why: "Smith, J. et al." makes "J. et al." a given name; the list should end with
    ``and others`` (the truncation is then shown by the style).

    Bad:  @article{k, author = {Smith, J. et al.}, title = {T}, year = 2020}
    Good: @article{k, author = {Smith, J. and others}, title = {T}, year = 2020}
    """
    for role, _, person in _people(entry):
        text = f"{person.given} {person.family} {person.literal}".lower()
        if "al" in text and _ET_AL.search(text):
            yield Violation(f"'et al.' inside the name {_show(person)!r} in {role}", field=role)
