"""Finding the in-text citations of a paper.

A paper cites its sources in prose: ``(Khan & Askari, 2023)``, ``Weitz (2020)``,
``(Behera, 2021; Thellis, 2018)``, ``[1-3]``. :func:`extract_citations` reads plain
text or Markdown and returns one :class:`~citeman.cites.citation.Citation` per cited
work with its line, column, sentence and section.

Extraction is deliberately conservative about what counts as a citation: a
parenthesis needs something name-like *and* a year (``(ex USSR)``, ``(EMALS)`` and
``(2023)`` after an ordinary word are not citations), and the reference section itself
is never scanned, so its own ``(2019).`` dates are not taken for citations.
"""

from __future__ import annotations

import re

from citeman.cites.citation import Citation
from citeman.cites.grammar import narrative_authors, parse_narrative_parenthesis, parse_part
from citeman.cites.sentences import SentenceCache, sentence_at
from citeman.paper.analysis import Paper, analyse_paper, normalise_newlines

__all__ = ["PROSE_MENTIONS", "citations_in", "extract_citations"]

PAREN = re.compile(r"\(([^()]{1,400})\)")
NUMERIC = re.compile(
    r"(?<![\w\]!^\\])\[(\s*\d{1,4}(?:\s*[-–—]\s*\d{1,4})?(?:\s*[,;]\s*\d{1,4}(?:\s*[-–—]\s*\d{1,4})?)*\s*)"
    # IEEE puts a locator inside the bracket: "[3, p. 12]", "[2, Fig. 4]".
    r"(?P<locator>,\s*(?:pp?|ch|chap|sec|fig|eq|tab|table|thm)\.?\s*[\dA-Za-z\-–—]+)?\](?![(:\[])",
    re.I,
)
# "[1]–[3]": two brackets joined by a dash are one range.
NUMERIC_RANGE_JOIN = re.compile(r"\s*[-–—]\s*")


def extract_citations(text: str, path: str = "") -> list[Citation]:
    """Every in-text citation of a paper (plain text or Markdown), in reading order.

    The reference section (a ``References``/``Bibliography`` heading to the next
    heading of the same level, or to the end) and fenced code are not scanned.
    One :class:`Citation` is returned per cited work: ``(Behera, 2021; Thellis,
    2018)`` gives two, ``(Smith, 2019, 2020)`` gives two with the same names.
    """
    return citations_in(analyse_paper(normalise_newlines(text), path))


def citations_in(doc: Paper) -> list[Citation]:
    """Every in-text citation of an analysed paper, in reading order (see :func:`extract_citations`)."""
    text, path = doc.text, doc.path
    sentences: SentenceCache = {}
    found: list[tuple[int, Citation]] = []
    narratives: list[tuple[int, dict]] = []
    cited_words: set[str] = set()

    def emit(offset: int, **values) -> None:
        line, column = doc.position(offset)
        found.append(
            (
                offset,
                Citation(
                    line=line,
                    column=column,
                    sentence=sentence_at(doc, offset, sentences),
                    section=doc.section_at(offset),
                    path=path,
                    **values,
                ),
            )
        )

    for match in PAREN.finditer(text):
        start = match.start()
        if doc.is_excluded(start) or "\n\n" in match.group(0):
            continue
        if start > 0 and text[start - 1] == "]":  # Markdown link target
            continue
        inner = match.group(1)
        parts = _split_parts(inner, match.start(1))
        parsed = [(offset, part, parse_part(part)) for offset, part in parts]
        good = [(offset, part, result) for offset, part, result in parsed if result is not None]
        if good:
            single = len(parts) == 1
            previous: tuple[tuple[str, ...], bool] | None = None
            for offset, part, result in parsed:
                if result is None:
                    # "(Smith, 2019; 2020)": a bare year goes with the author before it.
                    bare = parse_narrative_parenthesis(part) if previous else None
                    if bare is None or previous is None:
                        previous = None
                        continue
                    names, et_al = previous
                    years, locator = bare
                else:
                    names, et_al, years, locator = result
                previous = (names, et_al)
                cited_words.update(word for name in names for word in name.split())
                written = match.group(0) if single else part.strip()
                where = start if single else offset + (len(part) - len(part.lstrip()))
                for year in years:
                    emit(where, text=written, names=names, year=year, et_al=et_al, locator=locator)
            continue
        narrative = parse_narrative_parenthesis(inner)
        if narrative is None:
            continue
        authors = narrative_authors(text[:start])
        if authors is None:
            continue
        names, et_al, name_start = authors
        if doc.is_excluded(name_start) or "\n\n" in text[name_start:start]:
            continue
        years, locator = narrative
        written = text[name_start : match.end()]
        for year in years:
            narratives.append(
                (name_start, dict(text=written, names=names, year=year, et_al=et_al, narrative=True, locator=locator))
            )

    prose_cache: dict[tuple[str, ...], bool] = {}
    for offset, values in narratives:
        names = values["names"]
        if names not in prose_cache:
            prose_cache[names] = _is_prose_word(names, text, doc, cited_words)
        if prose_cache[names]:
            continue
        emit(offset, **values)

    numeric = [m for m in NUMERIC.finditer(text) if not doc.is_excluded(m.start())]
    index = 0
    while index < len(numeric):
        match = numeric[index]
        numbers = _expand_numbers(match.group(1))
        end = match.end()
        following = numeric[index + 1] if index + 1 < len(numeric) else None
        if (
            following is not None
            and len(numbers) == 1
            and NUMERIC_RANGE_JOIN.fullmatch(text[match.end() : following.start()])
        ):
            last = _expand_numbers(following.group(1))
            if len(last) == 1 and last[0] > numbers[0]:
                numbers = _expand_numbers(f"{numbers[0]}-{last[0]}")
                end = following.end()
                index += 1
        if numbers:
            locator = (match.group("locator") or "").lstrip(", ").strip()
            emit(match.start(), text=text[match.start() : end], numbers=numbers, locator=locator)
        index += 1

    found.sort(key=lambda item: item[0])
    return [citation for _, citation in found]


PROSE_MENTIONS = 5


def _is_prose_word(names: tuple[str, ...], text: str, doc: Paper, cited_words: set[str]) -> bool:
    """Whether a narrative "citation" is an ordinary word of the paper: ``India (2021)``.

    Family names are seldom the topic of a paper, countries and leaders often are: a
    name never used in a parenthetical citation and written five or more times
    elsewhere in the text is taken for a word of the prose, not an author.
    """
    for name in names:
        word = name.split()[-1]
        if word in cited_words:
            continue
        mentions = sum(
            1 for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text) if not doc.is_excluded(m.start())
        )
        if mentions >= PROSE_MENTIONS:
            return True
    return False


def _split_parts(inner: str, base: int) -> list[tuple[int, str]]:
    parts = []
    offset = base
    for piece in inner.split(";"):
        parts.append((offset, piece))
        offset += len(piece) + 1
    return parts


def _expand_numbers(spec: str) -> tuple[int, ...]:
    numbers: list[int] = []
    for item in re.split(r"\s*[,;]\s*", spec.strip()):
        bounds = re.split(r"\s*[-–—]\s*", item)
        if len(bounds) == 2:
            low, high = int(bounds[0]), int(bounds[1])
            if high < low or high - low > 500:
                return ()
            numbers.extend(range(low, high + 1))
        else:
            numbers.append(int(bounds[0]))
    if any(n == 0 for n in numbers):
        return ()
    return tuple(dict.fromkeys(numbers))
