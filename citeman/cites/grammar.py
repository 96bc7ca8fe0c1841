"""The grammar of an in-text citation: names, years, prefixes and locators.

``(see Khan & Askari, 2023, p. 4)`` is a prefix, an author list, a year and a locator;
``Weitz (2020)`` is names read backwards from a parenthesised year. The parsers here
say whether a piece of text has that shape, and are deliberately strict: a name must
look like one and a year must be plausible.
"""

from __future__ import annotations

import re

from citeman.paper.markup import clean_markdown

__all__ = [
    "narrative_authors",
    "parse_narrative_parenthesis",
    "parse_part",
]

_PARTICLES = frozenset(
    "van von de der den del della dei degli di da das dos du le la les ten ter bin ibn al el "
    "ul ud st".split()
)
# Words that never name an author, in parentheses or in prose: "(in 2018)", "(March 2020)".
_NEVER_NAMES = frozenset(
    """
    the a an in on at by of for from to since until till before after during between
    about around circa and or but as per with within without under over through
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday spring summer autumn fall winter
    year years month day week decade century era period term quarter season fy
    vs versus see also eg ie cf
    """.split()
)
# Capitalised nouns that precede a year in prose without naming an author
# ("Human Development Report (1994)"); inside "(No, 2020)" they are still taken as names.
_GENERIC_NOUNS = frozenset(
    """
    report reports act acts index agreement agreements policy policies strategy survey census
    plan budget review table figure fig section chapter article resolution program programme
    conference summit declaration treaty initiative reform law bill order vision war crisis
    election elections edition volume vol issue no number page part phase stage round
    note notes appendix estimate estimates data
    """.split()
)
_YEAR = r"(?:\d{4}[a-z]?(?![\w])|n\.\s?d\.(?:-[a-z])?|in\s+press|forthcoming)"
# "2019a, b": a lone letter after a suffixed year is the next work of that year.
_YEARS = re.compile(rf"(?P<years>{_YEAR}(?:\s*,\s*(?:{_YEAR}|[a-z](?![\w.])))*)")
_PART = re.compile(rf"^(?P<authors>.+?)(?P<sep>,\s*|\s+){_YEARS.pattern}(?P<rest>.*)$", re.S)
_PREFIX = re.compile(
    r"^(?:see\s+also|see|e\.\s?g\.,?|i\.\s?e\.,?|cf\.?|for\s+example,?|for\s+instance,?|"
    r"as\s+cited\s+in|cited\s+in|compare|also|but\s+see|contra)\s+",
    re.I,
)
_LOCATOR = re.compile(
    r"^\s*,?\s*(?:pp?\.?|pages?|chap\.?|ch\.?|chapter|para\.?|paras\.?|¶|sec\.?|section|"
    r"§|fig\.?|figure|table|vol\.?|n\.|note|loc\.?|at)\s*[\w\-–—:.,\s]*$"
    # "(Smith, 2019: 45)" and "(Smith, 2019, 45-47)": a bare page after a colon or comma.
    r"|^\s*[:,]\s*\d+(?:\s*[-–—]\s*\d+)?(?:\s*,\s*\d+(?:\s*[-–—]\s*\d+)?)*\s*$",
    re.I,
)
_NAME_SPLIT = re.compile(r"\s*(?:,|&|\band\b)\s*")
_ET_AL = re.compile(r"\s*,?\s*\bet\.?\s*al\b\.?,?\s*$", re.I)


def _strip_markup(text: str) -> str:
    return clean_markdown(text).strip(" :;,.-–—")


def _capital(char: str) -> bool:
    """Upper case, or a letter of a script without case (Chinese, Arabic, ...)."""
    return char.isupper() or (char.isalpha() and not char.islower())


def _valid_name(name: str, *, titled: bool) -> bool:
    words = name.split()
    if not words or any(c.isdigit() for c in name):
        return False
    if len(words) > (8 if titled else 4):
        return False
    first = next((w for w in words if w.casefold() not in _PARTICLES), None)
    if first is None or not _capital(first[0]):
        return False
    if not _capital(words[0][0]) and words[0].casefold() not in _PARTICLES:
        return False
    if len(words) == 1 and words[0].casefold() in _NEVER_NAMES:
        return False
    return not any(c in name for c in "=/\\<>@#%+[]{}|^~")


def _split_authors(raw: str) -> tuple[tuple[str, ...], bool] | None:
    """Names and whether ``et al.`` was used, or None when ``raw`` is not an author list."""
    titled = bool(re.match(r"^\s*[*_\"“]", raw))
    # "American Psychological Association [APA]": the bracketed short form is not a name.
    text = _strip_markup(re.sub(r"\s*\[[^\]]{1,20}\]", "", raw))
    if not text:
        return None
    et_al = False
    match = _ET_AL.search(text)
    if match:
        et_al = True
        text = text[: match.start()].strip(" ,")
    if titled:
        names = [text]
    else:
        names = [n.strip(" .") for n in _NAME_SPLIT.split(text)]
        names = [n for n in names if n]
        # "(Smith, J., 2019)": initials after a family name belong to it.
        names = names[:1] + [n for n in names[1:] if not re.fullmatch(r"(?:[A-Z]\.?\s*){1,3}", n)]
    if not names or len(names) > 12:
        return None
    if not all(_valid_name(n, titled=titled) for n in names):
        return None
    names = [re.sub(r"['’]s$", "", n) for n in names]
    return tuple(names), et_al


def _parse_years(text: str) -> list[str]:
    years = []
    for item in re.split(r"\s*,\s*", text.strip()):
        item = re.sub(r"\s+", " ", item)
        if re.fullmatch(r"n\. ?d\.(?:-[a-z])?", item):
            item = "n.d." + item.split(".")[-1] if item.endswith(tuple("abcdefghij")) else "n.d."
        elif re.fullmatch(r"[a-z]", item) and years and re.fullmatch(r"\d{4}[a-z]", years[-1]):
            item = years[-1][:4] + item
        elif re.fullmatch(r"[a-z]", item):
            continue
        years.append(item)
    return years


def parse_part(part: str) -> tuple[tuple[str, ...], bool, list[str], str] | None:
    """``Khan & Askari, 2023`` -> (names, et_al, years, locator), or None."""
    text = part.strip()
    while (prefix := _PREFIX.match(text)) is not None:
        text = text[prefix.end() :]
    match = _PART.match(text)
    if not match:
        return None
    rest = match.group("rest").strip()
    if rest and not _LOCATOR.match(rest):
        return None
    years = _parse_years(match.group("years"))
    if "," not in match.group("sep") and not _plausible_year(years[0]):
        return None  # "(Room 1234)": without a comma only a real-looking year counts
    authors = _split_authors(match.group("authors"))
    if authors is None:
        return None
    names, et_al = authors
    return names, et_al, years, rest.lstrip(",: ").strip()


def _plausible_year(year: str) -> bool:
    digits = year[:4]
    return not digits.isdecimal() or 1400 <= int(digits) <= 2099


def parse_narrative_parenthesis(inner: str) -> tuple[list[str], str] | None:
    """``2020``, ``2020a, 2021``, ``2019, p. 4`` -> (years, locator)."""
    match = re.fullmatch(rf"\s*{_YEARS.pattern}(?P<rest>.*)", inner, re.S)
    if not match:
        return None
    rest = match.group("rest").strip()
    if rest and not _LOCATOR.match(rest):
        return None
    return _parse_years(match.group("years")), rest.lstrip(",: ").strip()


def narrative_authors(before: str) -> tuple[tuple[str, ...], bool, int] | None:
    """Names written just before ``(2020)``, and the offset where they start in ``before``.

    Read backwards word by word: ``[et al.]``, a family name (with particles), then
    more names joined by ``and``/``&`` or commas. Only capitalised, non-generic words
    count, so ``last year (2023)`` and ``Report (1994)`` are not citations.
    """
    window_start = max(0, len(before) - 200)
    if before[window_start:].endswith(("\n\n",)):
        return None
    tokens = [(m.start() + window_start, m.group()) for m in re.finditer(r"\S+", before[window_start:])]
    tokens = [(o, re.sub(r"^[*_]+|[*_]+$", "", t)) for o, t in tokens]
    if not tokens:
        return None
    index = len(tokens) - 1
    et_al = False
    if index >= 1 and re.fullmatch(r"al\.?(?:['’]s)?", tokens[index][1]) and re.fullmatch(r"et\.?", tokens[index - 1][1]):
        et_al = True
        index -= 2
    names: list[str] = []
    start_offset = -1

    def take_name(i: int, allow_comma: bool) -> int | None:
        """Read one name ending at token ``i``; the index before it, or None."""
        nonlocal start_offset
        if i < 0:
            return None
        word = tokens[i][1]
        if allow_comma:
            if not word.endswith(","):
                return None
            word = word[:-1]
        elif word[-1:] in ".,;:!?)":
            return None
        word = re.sub(r"['’]s$", "", word)
        if not re.fullmatch(r"[^\W\d_][\w'’\-]*", word) or not _valid_name(word, titled=False):
            return None
        if word.casefold() in _GENERIC_NOUNS:
            return None
        j = i - 1
        parts = [word]
        while j >= 0 and tokens[j][1].casefold() in _PARTICLES and tokens[j][1].islower():
            parts.insert(0, tokens[j][1])
            j -= 1
        names.insert(0, " ".join(parts))
        start_offset = tokens[j + 1][0]
        return j

    position = take_name(index, allow_comma=False)
    if position is None:
        return None
    # "the World Bank (2020)", "the United Nations (2015)": an organisation's name is the
    # run of capitalised words after "the".
    run = position
    while run >= 0 and position - run < 5 and re.fullmatch(r"[^\W\d_][\w'’\-]*", tokens[run][1]) and (
        _capital(tokens[run][1][0]) and tokens[run][1].casefold() not in _NEVER_NAMES
    ):
        run -= 1
    if run < position and run >= 0 and tokens[run][1] in ("the", "The") and position - run <= 4:
        names[0] = " ".join(t for _, t in tokens[run + 1 : position + 1]) + " " + names[0]
        start_offset = tokens[run + 1][0]
        position = run
    if position >= 1 and tokens[position][1].casefold() in ("and", "&"):
        joined = take_name(position - 1, allow_comma=False)
        if joined is None:
            # "Smith, Jones, and Brown": the name before "and" carries the comma.
            joined = take_name(position - 1, allow_comma=True)
        while joined is not None and joined >= 0:
            joined = take_name(joined, allow_comma=True)
    if not names:
        return None
    return tuple(names), et_al, start_offset
