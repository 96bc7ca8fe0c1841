"""Personal and organisational names: BibTeX strings to :class:`Person` and back.

BibTeX's name grammar (``von Last, Jr, First``) is subtle; pybtex implements it
faithfully, so splitting is delegated to it. Organisations are recognised and kept
whole, because splitting "World Health Organization" into a family name "Organization"
is the classic bibliography bug.
"""

from __future__ import annotations

import re
from itertools import accumulate


from citeman.model import Person

# Words that mark a name as an organisation rather than a person.
ORG_WORDS = frozenset(
    """
    academy administration agency alliance association authority bank board bureau census center centre
    college commission committee company congress council court department division federation forum foundation
    fund government group institute institution international league library ministry museum network office
    organisation organization parliament party press program programme project school secretariat senate service
    society team trust union university unit nations council
    """.split()
)

_NAME_SPLIT = re.compile(r"\s+and\s+", re.IGNORECASE)
_PARTICLES = frozenset({"van", "von", "der", "den", "de", "del", "della", "da", "di", "du", "le", "la", "dos", "das", "ter", "ten", "zu", "bin", "al", "el"})


def split_and(value: str) -> list[str]:
    """Split a BibTeX name list on top-level `` and `` (not inside braces)."""
    parts: list[str] = []
    depth = 0
    start = 0
    lower = value.lower()
    i = 0
    while i < len(value):
        ch = value[i]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth = max(0, depth - 1)
        elif depth == 0 and ch.isspace() and lower.startswith("and", i + 1):
            end = i + 4
            if end < len(value) and value[end].isspace():
                parts.append(value[start:i])
                i = end
                start = end
                continue
        i += 1
    parts.append(value[start:])
    return [p.strip() for p in parts if p.strip()]


def is_organisation(text: str) -> bool:
    """True when ``text`` reads as an institution rather than a person."""
    words = re.findall(r"[A-Za-z]+", text.lower())
    if not words:
        return False
    if any(w in ORG_WORDS for w in words):
        return True
    # Acronyms of three or more capitals ("SIPRI", "UNCTAD") are organisations.
    return bool(re.fullmatch(r"[A-Z]{3,}", text.strip("{} ")))


def normalize_caps(name: str) -> str:
    """Turn an ALL-CAPS name part into title case (``EISENMAN`` -> ``Eisenman``).

    Mixed-case parts are left alone (``McDonald``, ``DiCaprio``); initials stay.
    """
    def fix(word: str) -> str:
        if len(word) <= 1 or not word.isupper() or not any(c.isalpha() for c in word):
            return word
        if re.fullmatch(r"(?:[A-Z]\.)+", word):
            return word
        out = word.lower()
        out = re.sub(r"(^|[-'’])(\w)", lambda m: m.group(1) + m.group(2).upper(), out)
        if out.startswith("Mc") and len(out) > 2:
            out = "Mc" + out[2].upper() + out[3:]
        return out

    return " ".join(fix(w) for w in name.split(" "))


def parse_name(text: str) -> Person:
    """Parse one BibTeX name (``Family, Given``, ``Given Family``, ``{Org}``)."""
    text = " ".join(text.split())
    if not text:
        return Person()
    if text.startswith("{") and text.endswith("}") and _balanced(text[1:-1]):
        return Person(literal=text[1:-1].strip())
    from pybtex.database import Person as PybtexPerson  # imported on first use: it is slow to load

    try:
        parsed = PybtexPerson(text)
    except Exception:  # pybtex raises several types on malformed braces
        return Person(literal=text)
    family = " ".join(parsed.last_names)
    given = " ".join(parsed.first_names + parsed.middle_names)
    particle = " ".join(parsed.prelast_names)
    suffix = " ".join(parsed.lineage_names)
    if not family and not given:
        return Person(literal=text)
    return Person(family=family, given=given, particle=particle, suffix=suffix)


def parse_names(value: str) -> tuple[list[Person], bool]:
    """Parse a BibTeX name list; the flag is True when it ended in ``and others``."""
    names = split_and(value)
    truncated = False
    if names and names[-1].lower() in {"others", "{others}", "et al.", "et al"}:
        names = names[:-1]
        truncated = True
    return [parse_name(n) for n in names], truncated


def _protect(part: str) -> str:
    """Brace a name part that would otherwise be split wrongly by BibTeX."""
    if "," in part and not (part.startswith("{") and part.endswith("}")):
        return "{" + part + "}"
    return part


def format_name(person: Person) -> str:
    """The BibTeX form of one name: ``particle Family, Suffix, Given`` or ``{Org}``."""
    if person.literal:
        return "{" + person.literal + "}"
    family = _protect(person.family)
    # A multi-word family name without a particle must be braced or BibTeX reads
    # its first word as a given name when the name is written given-first.
    if person.particle:
        last = f"{person.particle} {family}"
    elif " " in family and "{" not in family and any(w[:1].islower() for w in family.split()):
        last = "{" + family + "}"  # unbraced, "van Gogh" would read as particle + family
    else:
        last = family
    if person.suffix:
        return f"{last}, {person.suffix}, {person.given}" if person.given else f"{last}, {person.suffix}, "
    if person.given:
        return f"{last}, {person.given}"
    if last.lower() in {"others", "et al.", "et al"}:
        return last + ","  # bare (or braced), it would read as "and others"
    if " " in last and not person.particle:
        return "{" + last + "}"
    return last


def format_names(persons: list[Person], truncated: bool = False) -> str:
    """Join names with `` and `` (adding ``and others`` for a truncated list)."""
    parts = [format_name(p) for p in persons]
    if truncated:
        parts.append("others")
    return " and ".join(parts)


def is_particle(word: str) -> bool:
    return word.lower() in _PARTICLES


def _balanced(text: str) -> bool:
    depths = list(accumulate((1 if ch == "{" else -1 for ch in text if ch in "{}"), initial=0))
    return min(depths) == 0 == depths[-1]
