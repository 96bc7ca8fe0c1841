"""Splitting the author or editor part of a reference string into structured names.

Reference lists write name lists in many orders: APA ``Romero, C., Paunesku, D., &
Dweck, C.``, Chicago ``Lee, L. L., W. E. Howard, and R. E. Marsh``, Vancouver
``Pérez-Higueras JJ, Arias A, de la Macorra JC``, IEEE ``S. E. Han, G. Chen``. Commas
separate both names and the parts of one name, so this module decides per comma-chunk
whether it is a family name, a run of initials or a whole name. Organisations are kept
whole, ``et al.`` marks the list as truncated and never becomes a person, and ALL-CAPS
names are normalised through :mod:`citeman.names`.
"""

from __future__ import annotations

import re

from citeman.model import Person
from citeman.names import is_organisation, is_particle, normalize_caps

_ET_AL = re.compile(r"(?:,?\s*(?:et\s*al\.?|and\s+others|u\.\s*a\.|\[?…\]?|\.\.\.)\s*)+[.,;:]*\s*$", re.I)
_ROLE_PREFIX = re.compile(
    r"^\s*(?:in:?\s+|edited\s+by\s+|ed(?:s)?\.\s+by\s+|hrsg\.\s+v(?:on)?\.?\s+|hg\.\s+v\.?\s+|"
    r"trans(?:lated)?\.?\s+by\s+|transl\.\s+|trans\.\s+|tr\.\s+|übers\.\s+v\.?\s+|trad\.\s+|by\s+|"
    r"dir\.\s+|directed\s+by\s+)+",
    re.I,
)
_ROLE_SUFFIX = re.compile(
    r"[\s,]*[(\[]?\s*(?:eds?|editors?|hrsg|hg|coords?|dirs?|comps?|trans|transl|trad|éds?)\s*\.?\s*[)\]]?\s*[.,:;]*\s*$",
    re.I,
)
_SEPARATORS = re.compile(r"\s*(?:;|\s&\s|&|\s+and\s+|\s+und\s+|\s+et\s+|\s+y\s+|\s*/\s*)\s*", re.I)
_INITIAL_WORD = re.compile(
    r"^(?:[A-ZÀ-ÞĀ-Ž][a-z]?\.|[A-ZÀ-ÞĀ-Ž]\.?-[A-ZÀ-ÞĀ-Ž]\.?|(?:[A-ZÀ-ÞĀ-Ž]\.){1,3}[A-ZÀ-ÞĀ-Ž]\.?|[A-ZÀ-ÞĀ-Ž])$")
# "ROUSSILLON, René. CHABERT, Catherine.": a full stop before an ALL-CAPS surname separates names.
_FULL_STOP_BEFORE_CAPS = re.compile(r"(?<=[a-zà-ÿ])\.\s+(?=[A-ZÀ-Þ][A-ZÀ-Þ'’-]+,)")
_VANCOUVER_INITIALS = re.compile(r"^[A-ZÀ-ÞĀ-Ž]{1,3}$")
_ROMAN_SUFFIX = re.compile(r"I{2,3}|IV")
_ROMAN_PART = re.compile(r"[IVX]+\.?")
_CAPS_WORD = re.compile(r"[A-ZÀ-ÞĀ-Ž'’-]+")
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "2nd", "3rd"}


def _is_initials(chunk: str) -> bool:
    """``C.``, ``D.I.``, ``J. T.``, ``M.-A.``: the given part of a family-first name."""
    words = chunk.split()
    return bool(words) and all(_INITIAL_WORD.match(w) for w in words)


def _is_given(chunk: str) -> bool:
    """Initials, or given names ending in initials (``Nicholson B.``)."""
    if _is_initials(chunk):
        return True
    words = chunk.split()
    return 1 < len(words) <= 3 and bool(_INITIAL_WORD.match(words[-1])) and "." in words[-1] and \
        all(w[:1].isupper() for w in words)


def _is_vancouver(chunk: str) -> bool:
    """``Pérez-Higueras JJ``, ``SMITH JA``: family name(s) followed by undotted capital initials."""
    words = chunk.split()
    return len(words) >= 2 and bool(_VANCOUVER_INITIALS.match(words[-1])) and \
        not _VANCOUVER_INITIALS.match(words[0]) and (any(c.islower() for c in words[0]) or len(words[0]) > 3)


def _name_then_initials(chunk: str) -> bool:
    """``Janssens J.P``, ``Heidegger M.``: a family name followed by initials, no comma."""
    words = chunk.split()
    return len(words) >= 2 and not _INITIAL_WORD.match(words[0]) and _is_initials(" ".join(words[1:]))


def _is_org_chunk(chunk: str) -> bool:
    """An organisation inside a name list; an ALL-CAPS word there is a surname, not an acronym."""
    return is_organisation(chunk) and not _CAPS_WORD.fullmatch(chunk)


def _plain_words(chunk: str) -> bool:
    """One to three words with no initials: a family or given name written out."""
    words = chunk.split()
    return 0 < len(words) <= 3 and not any(_INITIAL_WORD.match(w) for w in words) and not _is_vancouver(chunk)


def _spaced_initials(letters: str) -> str:
    return " ".join(f"{ch}." for ch in letters)


def _split_particle(family: str) -> tuple[str, str]:
    """``de la Macorra`` -> (``de la``, ``Macorra``)."""
    words = family.split()
    i = 0
    while i < len(words) - 1 and is_particle(words[i]) and words[i][:1].islower():
        i += 1
    return " ".join(words[:i]), " ".join(words[i:])


def _fix_caps(part: str) -> str:
    if part.lower() in _SUFFIXES or _ROMAN_PART.fullmatch(part):
        return part
    letters = [c for c in part if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters) and not _is_initials(part):
        return normalize_caps(part)
    return part


def _family_first(family: str, given: str, suffix: str = "") -> Person:
    words = given.split()
    if not suffix and len(words) > 1 and words[-1].lower() in _SUFFIXES:
        suffix = words.pop()
    trailing: list[str] = []
    while len(words) > 1 and is_particle(words[-1]) and words[-1][:1].islower():
        trailing.insert(0, words.pop())  # "BIASI, Pierre-Marc de": the particle follows the given name
    given = " ".join(words)
    particle, fam = _split_particle(family.strip())
    particle = " ".join(trailing + ([particle] if particle else []))
    return Person(family=_fix_caps(fam), given=_fix_caps(given.strip()), particle=particle, suffix=suffix)


def _given_first(chunk: str) -> Person:
    """``W. E. Howard``, ``Diego lopes da silva``, ``John Smith Jr.``."""
    words = chunk.split()
    suffix = ""
    if len(words) > 1 and words[-1].lower().strip(",") in _SUFFIXES:
        suffix = words.pop().strip(",")
    if len(words) == 1:
        return Person(family=_fix_caps(words[0]), suffix=suffix)
    family = [words.pop()]
    while len(words) > 1 and is_particle(words[-1]) and words[-1][:1].islower():
        family.insert(0, words.pop())
    particle = " ".join(family[:-1])
    return Person(family=_fix_caps(family[-1]), given=_fix_caps(" ".join(words)), particle=particle, suffix=suffix)


def _one_chunk(chunk: str) -> Person:
    if _is_org_chunk(chunk) and not _is_vancouver(chunk):
        return Person(literal=chunk)
    if _is_vancouver(chunk):
        words = chunk.split()
        return _family_first(" ".join(words[:-1]), _spaced_initials(words[-1]))
    words = chunk.split()
    if len(words) >= 2 and _is_initials(" ".join(words[1:])) and not _INITIAL_WORD.match(words[0]):
        # "Heidegger M." : family then initials without a comma ("LI X" is Vancouver too).
        rest = " ".join(words[1:])
        return _family_first(words[0], _spaced_initials(rest) if _VANCOUVER_INITIALS.match(rest) else rest)
    return _given_first(chunk)


def _split_group(group: str) -> list[Person]:
    """Names in one separator-delimited group, where commas may split names or name parts."""
    chunks = [c.strip() for c in group.split(",") if c.strip()]
    if any(_is_vancouver(c) for c in chunks):
        # "LeCun Y, Bengio Y, Hinton G.": every chunk is a whole name; the last one's full
        # stop ends the list, it does not make "G." a dotted initial of the next name.
        cleaned = [c[:-1] if c.endswith(".") and _is_vancouver(c[:-1]) else c for c in chunks]
        if all(_is_vancouver(c) or _name_then_initials(c) or len(c.split()) == 1 for c in cleaned):
            return [_one_chunk(c) for c in cleaned]
    people: list[Person] = []
    pair_only = sum(not _is_suffix(c) for c in chunks) == 2  # one "Family, Given" name
    i = 0
    while i < len(chunks):
        chunk = chunks[i]
        nxt = chunks[i + 1] if i + 1 < len(chunks) else ""
        if _is_suffix(nxt) and i + 2 < len(chunks) and (_is_given(chunks[i + 2]) or pair_only):
            people.append(_family_first(chunk, chunks[i + 2], suffix=nxt))
            i += 3
            continue
        if i == 0 and nxt and len(chunk) == 1 and chunk.isupper() and _is_initials(nxt):
            # "D, P. H. P.": a one-letter family name before dotted initials.
            people.append(_family_first(chunk, nxt))
            i += 2
            continue
        if nxt and not _is_given(chunk) and not _is_suffix(nxt) and (_is_given(nxt) or (pair_only and _plain_words(chunk)
                                                                 and _plain_words(nxt))):
            if _is_org_chunk(chunk) and not _is_initials(nxt):
                people.append(Person(literal=chunk))
                i += 1
                continue
            people.append(_family_first(chunk, nxt))
            i += 2
            continue
        if _is_suffix(chunk) and people and not people[-1].suffix and not people[-1].literal:
            people[-1].suffix = chunk  # "Smith, John, III" / "W. E. Howard, Jr."
            i += 1
            continue
        people.append(_one_chunk(chunk))
        i += 1
    return people


def _is_suffix(chunk: str) -> bool:
    return chunk.lower() in _SUFFIXES or bool(_ROMAN_SUFFIX.fullmatch(chunk))


_FUNCTION_WORDS = {"of", "for", "on", "the", "and", "&", "de", "du", "des", "für", "der", "in"}


def _reads_as_body(text: str) -> bool:
    """"Health and Retirement Study": capitalised words, no comma, no initials.

    Personal names in reference lists come with a comma (family-first) or initials;
    a bare run of capitalised words is a body such as an organisation.
    """
    words = text.split()
    if len(words) < 3 or _SEPARATORS.search(f" {text} "):
        return False
    # Three capitalised words may still be one person ("Lars Ole Andersen"); a function
    # word or a fourth word tips the balance.
    if len(words) == 3 and not any(w.lower() in _FUNCTION_WORDS for w in words[1:]):
        return False
    return all(w[:1].isupper() or w.lower() in _FUNCTION_WORDS for w in words) and \
        not any(_VANCOUVER_INITIALS.match(w) for w in words[1:]) and words[-1].lower() not in _SUFFIXES


def clean_names_text(text: str) -> tuple[str, bool]:
    """Strip role words (``In``, ``(Eds.)``, ``edited by``) and ``et al.``; flag truncation."""
    text = " ".join(text.split())
    text = _ROLE_PREFIX.sub("", text)
    truncated = False
    for _ in range(2):
        stripped = _ROLE_SUFFIX.sub("", text)
        if _ET_AL.search(stripped):
            truncated = True
            stripped = _ET_AL.sub("", stripped)
        text = stripped
    for _ in range(2):
        text = text.strip(" ,;:()[]")
        # Keep the full stop of a final initial ("Dweck, C.").
        if text.endswith(".") and not re.search(r"(?:^|[\s.,-])[A-ZÀ-ÞĀ-Ž][a-z]?\.$", text):
            text = text[:-1]
    return text, truncated


def split_persons(text: str) -> tuple[list[Person], bool]:
    """Structured names from an author/editor string; the flag says "et al." was present."""
    cleaned, truncated = clean_names_text(text)
    if not cleaned:
        return [], truncated
    if "," not in cleaned and not re.search(r"[A-Z]\.", cleaned) and (is_organisation(cleaned) or _reads_as_body(cleaned)):
        return [Person(literal=cleaned)], truncated
    people: list[Person] = []
    for group in _SEPARATORS.split(_FULL_STOP_BEFORE_CAPS.sub("; ", cleaned)):
        group = group.strip(" ,;")
        if group:
            people.extend(_split_group(group))
    return [p for p in people if p.family or p.literal], truncated
