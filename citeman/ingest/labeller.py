"""Token features and the packaged CRF model that labels the parts of a reference.

Reference styles vary too much for rules alone, so a linear-chain CRF (python-crfsuite)
tags each token with an AnyStyle label (author, date, title, journal, ...). This module
holds the feature functions shared by training (:mod:`citeman.ingest.train`) and
tagging, and loads the model shipped in ``citeman/data/`` once per process. Nothing here
trains; training is never imported at run time.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import pycrfsuite

from citeman.ingest.tokens import Token, tokenize

MODEL_NAME = "parser.crfsuite"

MONTHS = {
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june",
    "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov",
    "november", "dec", "december", "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre", "januar", "februar",
    "märz", "juni", "juli", "oktober", "dezember", "spring", "summer", "autumn", "fall", "winter",
}
PUBLISHER_WORDS = {
    "press", "university", "publishers", "publisher", "publishing", "publications", "verlag",
    "books", "edition", "éditions", "editions", "wiley", "springer", "elsevier", "routledge",
    "sage", "blackwell", "macmillan", "penguin", "pergamon", "academic", "inc", "ltd", "co",
    "company", "group", "house", "norton", "harper", "oxford", "cambridge", "mit", "taylor",
    "francis", "gallimard", "kluwer", "addison-wesley", "mcgraw-hill", "prentice", "hall",
}
JOURNAL_WORDS = {
    "journal", "j", "review", "rev", "proceedings", "proc", "transactions", "trans", "letters",
    "lett", "annals", "ann", "quarterly", "bulletin", "bull", "phys", "chem", "acta", "science",
    "nature", "studies", "magazine", "int", "am", "soc", "research", "res", "med", "sci",
    "zeitschrift", "revue", "archives", "arch", "reports", "rep", "policy", "affairs",
}
CONFERENCE_WORDS = {
    "conference", "conf", "symposium", "workshop", "congress", "meeting", "proceedings", "proc",
}
PLACE_WORDS = {
    "london", "new", "york", "paris", "berlin", "oxford", "cambridge", "boston", "chicago",
    "amsterdam", "tokyo", "washington", "ny", "ma", "ca", "uk", "usa", "germany", "leiden",
    "heidelberg", "princeton", "philadelphia", "toronto", "berkeley", "stanford", "basel",
    "dordrecht", "frankfurt", "münchen", "munich", "wien", "vienna", "madrid", "rome", "milano",
    "singapore", "beijing", "thousand", "oaks", "hoboken", "nj", "baltimore", "stuttgart",
}
GENRE_WORDS = {
    "thesis", "dissertation", "phd", "ph.d", "doctoral", "master's", "masters", "report",
    "technical", "working", "paper", "preprint", "manuscript", "unpublished", "diss",
}
EDITOR_WORDS = {"ed", "eds", "ed.", "eds.", "(ed.)", "(eds.)", "editor", "editors", "hrsg", "hg", "(hrsg.)", "(ed)", "(eds)", "edited"}
TRANSLATOR_WORDS = {"trans", "transl", "translated", "translator", "trad", "übers"}
NOTE_WORDS = {"retrieved", "accessed", "available", "online", "from", "viewed", "cited", "consulted"}

_DOI = re.compile(r"10\.\d{4,9}/\S+", re.I)
_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
_ISBN = re.compile(r"^(?:97[89][-\s]?)?\d[-\d]{8,15}[\dXx]$")
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_PAGE_RANGE = re.compile(r"\d+\s*[-–—‐]+\s*\d+")
_VOL_ISSUE = re.compile(r"^\d+\(\d+[^)]*\)")
_YEAR_SUFFIX = re.compile(r"\d{4}[a-z]\b")
_ROMAN = re.compile(r"^[ivxlcdm]+$", re.I)
_INITIALS = re.compile(r"^(?:[A-Z]\.){1,3}[,;]?$|^[A-Z]\.-[A-Z]\.[,;]?$")
_LETTERS = re.compile(r"[^\W\d_]+")


def _shape(word: str) -> str:
    """Compressed character classes: ``Smith,`` -> ``Xx,``; ``(2019).`` -> ``(d).``."""
    out: list[str] = []
    for ch in word:
        if ch.isupper():
            c = "X"
        elif ch.islower():
            c = "x"
        elif ch.isdigit():
            c = "d"
        else:
            c = ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def _core(word: str) -> str:
    """The token lower-cased and stripped of surrounding punctuation."""
    return word.strip(".,;:()[]{}\"'“”‘’«»!?*<>").lower()


# Word-list features: the feature is set when the token (lower case, no punctuation) is in the list.
_WORD_LIST_FEATURES = (
    ("month", MONTHS),
    ("pubword", PUBLISHER_WORDS),
    ("jword", JOURNAL_WORDS),
    ("confword", CONFERENCE_WORDS),
    ("place", PLACE_WORDS),
    ("genre", GENRE_WORDS),
    ("translator", TRANSLATOR_WORDS),
    ("noteword", NOTE_WORDS),
    ("volword", frozenset({"vol", "volume", "bd", "tome", "band", "v"})),
    ("noword", frozenset({"no", "nr", "issue", "n", "heft", "iss", "num"})),
    ("ppword", frozenset({"pp", "p", "pages", "s", "pgs", "page"})),
    ("in", frozenset({"in", "en", "dans", "im"})),
    ("etal", frozenset({"et", "al", "al.", "others"})),
    ("and", frozenset({"and", "&", "und", "et", "y", "e"})),
    ("edition", frozenset({"ed", "edn", "edition", "aufl", "éd", "rev", "2nd", "3rd", "1st", "4th", "5th"})),
)


def token_features(word: str) -> list[str]:
    """Features of one token on its own (neighbours are added by :func:`sequence_features`)."""
    core = _core(word)
    shape = _shape(word)
    feats = [
        "w=" + core,
        "shape=" + shape,
        "p1=" + word[:1],
        "s1=" + word[-1:],
        "s2=" + word[-2:],
        "c3=" + core[:3],
        "x3=" + core[-3:],
    ]
    letters = _LETTERS.findall(word)
    has_digit = any(ch.isdigit() for ch in word)
    if core and core.isdigit():
        feats.append("digits=%d" % min(len(core), 5))
    elif has_digit:
        feats.append("hasdigit")
    if letters:
        joined = "".join(letters)
        if joined.isupper():
            feats.append("caps" if len(joined) > 1 else "cap1")
        elif joined[0].isupper():
            feats.append("title")
        else:
            feats.append("lower")
    else:
        feats.append("noletter")
    # The identifier patterns below all need digits, a slash or "www"; skip them otherwise.
    if has_digit:
        if _YEAR.search(word):
            feats.append("year")
            if _YEAR_SUFFIX.search(word):
                feats.append("yearsuffix")
        if _PAGE_RANGE.search(word):
            feats.append("pagerange")
        if _VOL_ISSUE.match(word):
            feats.append("volissue")
    if has_digit and _DOI.search(word):
        feats.append("doi")
    elif ("/" in word or "www" in word.lower()) and _URL.search(word):
        feats.append("url")
    if has_digit and _ISBN.match(core.replace("isbn", "")) and sum(ch.isdigit() for ch in word) >= 9:
        feats.append("isbn")
    if core in EDITOR_WORDS or word.lower() in EDITOR_WORDS:
        feats.append("editor")
    feats.extend([name for name, words in _WORD_LIST_FEATURES if core in words])
    if _ROMAN.match(core):
        feats.append("roman")
    if _INITIALS.match(word):
        feats.append("initials")
    if len(core) == 1 and core.isalpha():
        feats.append("single")
    if word[:1] in "([{":
        feats.append("open")
    if word[-1:] in ")]}" or word[-2:-1] in ")]}":
        feats.append("close")
    if word[:1] in "\"“‘«'":
        feats.append("quote_open")
    if any(ch in word for ch in "\"”’»") and word[:1] not in "\"“":
        feats.append("quote_close")
    return feats


class _WordFeatures(NamedTuple):
    """A word's own features and the features it lends to neighbours at -2, -1, +1, +2."""

    own: tuple[str, ...]
    left2: tuple[str, ...]
    left1: tuple[str, ...]
    right1: tuple[str, ...]
    right2: tuple[str, ...]
    has_year: bool
    ends_block: bool


@lru_cache(maxsize=1 << 16)
def _word_features(word: str) -> _WordFeatures:
    # Cached per word: reference lists repeat words ("and", "J.", "(2019).") constantly.
    own = token_features(word)
    core, shape = _core(word), _shape(word)
    flags = [f for f in own if "=" not in f]

    def lent(offset: int, with_flags: bool) -> tuple[str, ...]:
        feats = ["%d:w=%s" % (offset, core), "%d:shape=%s" % (offset, shape)]
        if with_flags:
            feats.append("%d:s1=%s" % (offset, word[-1:]))
            feats.extend("%d:%s" % (offset, f) for f in flags)
        return tuple(feats)

    # A full stop, question mark or closing quote ends a block, unless it ends an initial
    # or a short abbreviation ("J.", "Vol.", "pp.").
    ends_block = word[-1:] in ".?!”\"" and len(core) > 3 and "initials" not in own
    return _WordFeatures(tuple(own), lent(-2, False), lent(-1, True), lent(1, True), lent(2, False),
                         "year" in own, ends_block)


_QUOTE_ENDS = ("”", '"', "»", '",', '”,', '".', '”.', ",”", '."', ".”")


def sequence_features(words: list[str]) -> list[list[str]]:
    """Feature lists for every token: its own, its position, and a +-2 window of neighbours."""
    n = len(words)
    bundles = [_word_features(w) for w in words]
    out: list[list[str]] = []
    in_quote = False
    paren_depth = 0
    seen_year = False
    blocks = 0
    seen_in = False
    for i, word in enumerate(words):
        feats = list(bundles[i].own)
        feats.append("pos=%d" % (10 * i // n))
        # Which full-stop-delimited block of the reference this is (authors, title, container...).
        feats.append("blk=%d" % min(blocks, 4))
        if seen_in:
            feats.append("afterin")
        if i == 0:
            feats.append("BOS")
        if i == n - 1:
            feats.append("EOS")
        if in_quote:
            feats.append("inquote")
        if paren_depth > 0:
            feats.append("inparen")
        if seen_year:
            feats.append("afteryear")
        if i >= 2:
            feats.extend(bundles[i - 2].left2)
        if i >= 1:
            feats.extend(bundles[i - 1].left1)
        if i + 1 < n:
            feats.extend(bundles[i + 1].right1)
        if i + 2 < n:
            feats.extend(bundles[i + 2].right2)
        # Quote and parenthesis state spans tokens; titles are often quoted.
        if word[:1] in "\"“«" and not in_quote:
            in_quote = True
        if in_quote and word.endswith(_QUOTE_ENDS) and len(word) > 1:
            in_quote = False
        paren_depth = max(0, paren_depth + word.count("(") - word.count(")"))
        if bundles[i].has_year:
            seen_year = True
        if bundles[i].ends_block:
            blocks += 1
        if word in ("In", "In:", "in:", "Dans", "In.") or (word == "in" and i > 0 and words[i - 1][-1:] in ",.”\""):
            seen_in = True
        out.append(feats)
    return out


def model_path() -> Path:
    """Location of the packaged CRF model."""
    return Path(__file__).resolve().parent.parent / "data" / MODEL_NAME


@lru_cache(maxsize=4)
def load_tagger(path: str | None = None) -> pycrfsuite.Tagger:
    """The CRF tagger, opened once per process (and per explicit model path)."""
    tagger = pycrfsuite.Tagger()
    tagger.open(path or str(model_path()))
    return tagger


def label_tokens(tokens: list[Token], tagger: pycrfsuite.Tagger | None = None) -> list[str]:
    """One AnyStyle label per token."""
    if not tokens:
        return []
    tagger = tagger or load_tagger()
    return tagger.tag(sequence_features([t.text for t in tokens]))


def label_tokens_scored(tokens: list[Token], tagger: pycrfsuite.Tagger | None = None) -> tuple[list[str], list[float]]:
    """One AnyStyle label per token and the model's marginal probability of that label."""
    if not tokens:
        return [], []
    tagger = tagger or load_tagger()
    labels = tagger.tag(sequence_features([t.text for t in tokens]))
    return labels, [tagger.marginal(lab, i) for i, lab in enumerate(labels)]


def label(text: str) -> list[tuple[Token, str]]:
    """Tokens of ``text`` paired with their labels."""
    tokens = tokenize(text)
    return list(zip(tokens, label_tokens(tokens)))
