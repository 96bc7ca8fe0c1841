"""Reading token labels back from a marked rendering (see :mod:`citeman.training.render`).

Characters between a field's markers carry that field's label. Tokens with no marked
character are the style's own words and punctuation; they join the field they introduce
("pp.", "In", "Vol.") or the one they follow ("et al.", "(Eds.),"), dates are recognised
by the record's year, and a leading "[3]" or "3." is the citation number. A rendering
whose markers do not pair up is dropped rather than trained on.
"""

from __future__ import annotations

import re

from citeman.ingest.tokens import tokenize
from citeman.training.render import MARKER_LABELS

NAME_LABELS = {"author", "editor", "translator"}
# Style words that belong to the field after them.
_LEADS = {
    "in", "in:", "pp.", "pp", "p.", "vol.", "vol", "vols.", "volume", "no.", "no", "nr.", "iss.", "issue",
    "doi:", "doi", "isbn", "isbn:", "url:", "edited", "by", "ed.", "eds.", "ed", "eds", "trans.", "translated",
    "&", "and", "[online]", "n.", "s.", "hrsg.", "hg.", "(eds.)", "(ed.)", "url", "bd.", "jg.", "h.", "heft",
    "übers.", "trad.", "dir.",
}
# Of those, the ones that also join names together or close a name list.
_NAME_JOINERS = {"&", "and", "by", "ed.", "eds.", "ed", "eds", "(eds.)", "(ed.)", "hrsg.", "hg.", "übers.", "trad.",
                 "dir."}
# Given names are not marked (styles initialise them), so an initial after a name is still that
# name's, never the "S." (Seite) or "p." of the field that follows.
_INITIALS = re.compile(r"^(?:[A-Z][a-z]?\.-?)+[,;:]?$|^[A-Z]{1,3}[,;]$")
_NOTE_WORDS = {"retrieved", "available", "from", "from:", "at:", "accessed", "online:", "available:", "at"}
# Style terms for a missing genre ("thesis", "Tech. Rep.").
_GENRE_WORDS = {"thesis", "dissertation", "ph.d.", "phd", "doctoral", "master's", "tech.", "rep.", "report",
                "technical", "working", "paper", "preprint", "diss.", "[thesis]", "[dissertation]"}
_CITATION_NUMBER = re.compile(r"^(?:\[\d+\]|\(\d+\)|\d+\.?)$")
_MONTH_OR_DAY = re.compile(
    r"^\(?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|spring|summer|autumn|fall|winter)[a-z]*\.?[,;:.)]*$"
    r"|^\(?\d{1,2}[,.;:)]*$|^n\.d\.?[,;:)]*$|^\(n\.d\.\)[,.]*$", re.I)


def strip_markers(marked: str) -> tuple[str, list[str | None]] | None:
    """The plain text and each character's label; None when the markers do not pair up."""
    chars: list[str] = []
    labels: list[str | None] = []
    stack: list[str] = []
    for ch in marked:
        label = MARKER_LABELS.get(ch)
        if label is None:
            if "\ue000" <= ch <= "\uf8ff":
                return None
            chars.append(ch)
            labels.append(stack[-1] if stack else None)
        elif label.startswith("/"):
            if not stack or stack[-1] != label[1:]:
                return None
            stack.pop()
        else:
            stack.append(label)
    if stack:
        return None
    return "".join(chars), labels


def label_rendering(marked: str, year: str, journal: bool = False,
                    compound_volume: bool = False) -> list[tuple[str, str]] | None:
    """(token, label) pairs of one marked rendering, or None when it cannot be aligned cleanly.

    ``journal``: the container is a journal, which AnyStyle labels ``journal``.
    ``compound_volume``: a token holding volume and pages ("14(1):119–144") is labelled
    volume, as AnyStyle's core set labels it, instead of by the majority of its characters.
    """
    stripped = strip_markers(marked)
    if stripped is None:
        return None
    text, char_labels = stripped
    tokens = tokenize(text)
    if not tokens:
        return None
    labels: list[str | None] = []
    for tok in tokens:
        own = [lab for lab in char_labels[tok.start:tok.end] if lab]
        # First-seen order breaks ties, so the labels never depend on string hashing.
        if compound_volume and "volume" in own and "pages" in own:
            # "14(1):119–144" is one token; AnyStyle's core set labels it volume (the rules split it).
            labels.append("volume")
        else:
            labels.append(max(dict.fromkeys(own), key=own.count) if own else None)
    words = [t.text for t in tokens]
    for i, word in enumerate(words):
        if labels[i] is None and (year and year in word or _MONTH_OR_DAY.match(word) and _near_year(words, i, year)):
            labels[i] = "date"
    if labels[0] is None and _CITATION_NUMBER.match(words[0]):
        labels[0] = "citation-number"
    if year and not any(lab == "date" for lab in labels):
        return None
    _fill(words, labels)
    if any(lab is None for lab in labels):
        return None
    if journal:
        labels = ["journal" if lab == "container-title" else lab for lab in labels]
    return list(zip(words, labels))  # type: ignore[arg-type]


def _near_year(words: list[str], i: int, year: str) -> bool:
    return bool(year) and any(year in w for w in words[max(0, i - 3):i + 4])


def _next_label(labels: list[str | None], i: int) -> str | None:
    return next((lab for lab in labels[i + 1:] if lab), None)


def _fill(words: list[str], labels: list[str | None]) -> None:
    """Give the style's own words the label of the field they introduce or follow."""
    for i, word in enumerate(words):
        if labels[i] is not None:
            continue
        core = word.lower().strip(",;:()[]")
        following = _next_label(labels, i)
        previous = labels[i - 1] if i else None
        if core in _GENRE_WORDS:
            labels[i] = "genre"
        elif core in _NOTE_WORDS or core.rstrip(":") in _NOTE_WORDS:
            labels[i] = "note" if following in ("url", "doi", None) else following
        elif previous is None:
            labels[i] = following
        elif previous in NAME_LABELS and _INITIALS.match(word):
            labels[i] = previous
        elif following in NAME_LABELS and previous != following and (word[:1].isupper() or core in _LEADS):
            labels[i] = following
        elif core in _LEADS and following and (previous not in NAME_LABELS or core not in _NAME_JOINERS):
            labels[i] = following
        else:
            labels[i] = previous
