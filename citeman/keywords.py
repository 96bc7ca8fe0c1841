"""Keywords from a curated subject vocabulary, not whatever a statistical extractor returns.

The vocabulary (``citeman/data/subjects.txt``) lists the topics of the collection; the
user's own ``keywords`` count as vocabulary too. Extracted candidates (YAKE keyphrases)
are kept when they fold to a subject, or pass a quality filter: two or three words, one
of them a vocabulary word (so the phrase is about a known topic), no stop words, months,
names or dangling verb forms ("purchased the wheat", "April", "Donald Trump").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources

MAX_KEYWORDS = 8

_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_STOP_WORDS = frozenset(
    "a an the and or but of in on at to for from by with without as is are was were be been its it "
    "this that these those their his her our your we they he she i you not no nor so than then "
    "there here into onto over under about after before between during through up down out very "
    "can could will would shall should may might must has have had do does did which who whom what when "
    "where while also such more most other some any all each both".split()
)
# British spellings fold to one form so "defence" and "defense" are one keyword.
_SPELLINGS = {"defense": "defence", "modernization": "modernisation", "behavior": "behaviour"}
_WORD = re.compile(r"[a-z0-9]+")


def fold_word(word: str) -> str:
    """A word's comparison form: lower case, one spelling, singular."""
    word = _SPELLINGS.get(word, word)
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def fold(term: str) -> str:
    """A keyword's comparison form: case, hyphens, spelling and plurals folded."""
    return " ".join(fold_word(w) for w in _WORD.findall(term.casefold().replace("'s", "")))


@lru_cache(maxsize=1)
def subjects() -> dict[str, str]:
    """The curated vocabulary, ``{folded form: spelling shown}``."""
    text = resources.files("citeman.data").joinpath("subjects.txt").read_text(encoding="utf-8")
    lines = (line.strip() for line in text.splitlines())
    return {fold(line): line for line in lines if line and not line.startswith("#")}


def _subject_words(vocabulary: Iterable[str]) -> frozenset[str]:
    return frozenset(word for term in vocabulary for word in term.split())


def is_quality_phrase(candidate: str, subject_words: frozenset[str]) -> bool:
    """A topic phrase: 2-3 words, one of them a subject word, no stop word, month or verb form."""
    words = candidate.split()
    folded = fold(candidate).split()
    if not 2 <= len(words) <= 3 or len(folded) != len(words) or any("'" in w or "’" in w for w in words):
        return False
    if any(w in _STOP_WORDS or w in _MONTHS or w.isdigit() for w in folded):
        return False
    # "partnership created", "interim government purchased": a lower-case past form ends a clause.
    if any(w.islower() and w.endswith("ed") for w in words):
        return False
    return any(w in subject_words for w in folded)


def _shown(candidate: str, vocabulary: dict[str, str]) -> str:
    """The spelling shown: the vocabulary's, else lower case except acronyms and known names."""
    names = {fold(term): term for term in vocabulary.values() if " " not in term and term[:1].isupper()}
    return " ".join(
        word if word.isupper() and len(word) > 1 else names.get(fold(word), word.lower()) for word in candidate.split()
    )


def choose_keywords(candidates: Sequence[str], given: Sequence[str] = (), limit: int = MAX_KEYWORDS) -> list[str]:
    """At most ``limit`` keywords: vocabulary matches and quality phrases, without near-duplicates.

    ``given`` are the user's keywords: they join the vocabulary and are kept first.
    """
    vocabulary = dict(subjects())
    vocabulary.update({fold(g): g.strip() for g in given if fold(g)})
    subject_words = _subject_words(vocabulary)
    chosen: list[str] = []
    seen: list[str] = []
    for candidate in [*given, *candidates]:
        candidate = " ".join(candidate.split()).strip(" .,;:'’")
        key = fold(candidate)
        if not key:
            continue
        if key in vocabulary:
            shown = vocabulary[key]
        elif is_quality_phrase(candidate, subject_words):
            shown = _shown(candidate, vocabulary)
        else:
            continue
        # "Pakistan" and "Pakistan maritime security": the longer one adds nothing new to find.
        if any(key == s or f" {key} " in f" {s} " or f" {s} " in f" {key} " for s in seen):
            continue
        chosen.append(shown)
        seen.append(key)
        if len(chosen) == limit:
            break
    return chosen
