"""The sentence around a citation, read across the page breaks of a converted PDF."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from citeman.paper.analysis import Paper, Paragraph
from citeman.paper.markup import clean_markdown

__all__ = ["SentenceCache", "sentence_at"]

_ABBREVIATIONS = frozenset(
    "al e.g i.e cf vs etc dr mr mrs ms prof st no vol vols pp p ch chap fig figs eq jr sr "
    "inc ltd co corp approx ca ed eds trans rev gen col lt sec para art op u.s u.k".split()
)
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+")


def _inside_parentheses(text: str, position: int) -> bool:
    """Whether ``position`` sits inside a short, closed parenthesis.

    Only a nearby closing parenthesis counts, so one stray "(" cannot glue the rest
    of a paragraph into one sentence.
    """
    opening = text.rfind("(", max(0, position - 300), position)
    if opening == -1 or text.rfind(")", opening, position) != -1:
        return False
    closing = text.find(")", position, position + 300)
    return closing != -1 and text.find("(", position, closing) == -1


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence of ``text``, in order, covering all of it."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if _inside_parentheses(text, match.start()):
            continue  # "(see Smith et al. 2019)": never split inside a citation
        following = text[match.end() : match.end() + 1]
        if not following or not (following.isupper() or following.isdigit() or following in "\"“‘'(*[#"):
            continue
        if text[match.start()] == ".":
            word = re.search(r"([\w.]+)$", text[start : match.start()])
            token = word.group(1).casefold() if word else ""
            if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()) or "." in token:
                continue
        spans.append((start, match.start() + 1))
        start = match.end()
    spans.append((start, len(text)))
    # "...domestic demands. (Acute et al., 2024)." - a citation standing alone after the
    # full stop belongs to the sentence before it.
    merged: list[tuple[int, int]] = []
    for span in spans:
        alone = re.fullmatch(r"\s*(?:\([^()]*\)\s*)+[.;,]?\s*", text[span[0] : span[1]])
        if merged and alone:
            merged[-1] = (merged[-1][0], span[1])
        else:
            merged.append(span)
    return merged


@dataclass(slots=True)
class _LogicalParagraph:
    text: str  # the joined paragraph, newlines as spaces
    pieces: list[tuple[int, int]]  # (paragraph index, where its text starts in ``text``)
    sentences: list[tuple[int, int]]
    cleaned: dict[int, str] = field(default_factory=dict)  # sentence number -> clean text


def _logical_paragraph(doc: Paper, index: int, cache: dict[int, _LogicalParagraph]) -> _LogicalParagraph:
    """Paragraph ``index`` joined with its neighbours across page breaks.

    Converted PDFs split a sentence where a page ends (``...with Indian premier Narendra``
    / running header / ``Modi and newly...``); joining such pieces gives whole sentences.
    """
    paragraphs = doc.paragraphs

    def next_content(i: int, step: int) -> tuple[int, bool] | None:
        """The next content paragraph and whether a running header lies in between."""
        j = i + step
        while 0 <= j < len(paragraphs) and paragraphs[j].kind == "running":
            j += step
        if 0 <= j < len(paragraphs) and paragraphs[j].kind == "content":
            return j, abs(j - i) > 1
        return None

    def continues(a: Paragraph, b: Paragraph, page_break: bool) -> bool:
        # A page break (running header) between them proves the split was not the
        # author's; otherwise only a lowercase start shows the sentence goes on.
        end_text = doc.text[max(a.start, a.end - 20) : a.end].rstrip()
        start_text = doc.text[b.start : min(b.end, b.start + 40)].lstrip(" \t*_>[\\")
        if not end_text or end_text[-1] in ".!?:" or not start_text:
            return False
        return page_break or start_text[0].islower()

    first = last = index
    while (step := next_content(first, -1)) is not None and continues(paragraphs[step[0]], paragraphs[first], step[1]):
        first = step[0]
    while (step := next_content(last, 1)) is not None and continues(paragraphs[last], paragraphs[step[0]], step[1]):
        last = step[0]
    cached = cache.get(first)
    if cached is not None:
        return cached
    pieces: list[tuple[int, int]] = []
    texts: list[str] = []
    position = 0
    for i in range(first, last + 1):
        p = paragraphs[i]
        if p.kind == "running":
            continue
        pieces.append((i, position))
        piece = doc.text[p.start : p.end].replace("\n", " ")
        if p.kind == "heading":
            # Blank out "## " so offsets inside the heading stay where they were.
            piece = re.sub(r"^ {0,3}#{1,6}[ \t]", lambda m: " " * len(m.group()), piece)
        texts.append(piece)
        position += len(texts[-1]) + 1
    joined = " ".join(texts)
    logical = _LogicalParagraph(joined, pieces, _sentence_spans(joined))
    cache[first] = logical
    return logical


def sentence_at(doc: Paper, offset: int, cache: dict[int, _LogicalParagraph]) -> str:
    """The sentence holding ``offset``, cleaned of Markdown; ``cache`` keeps joined paragraphs between calls."""
    index = bisect.bisect_right(doc.paragraph_starts, offset) - 1
    if index < 0 or offset > doc.paragraphs[index].end:
        return ""
    logical = _logical_paragraph(doc, index, cache)
    piece_start = next((start for i, start in logical.pieces if i == index), None)
    if piece_start is None:  # inside a running header
        return ""
    relative = piece_start + offset - doc.paragraphs[index].start
    starts = [start for start, _ in logical.sentences]
    number = max(0, bisect.bisect_right(starts, relative) - 1)
    if number not in logical.cleaned:
        start, end = logical.sentences[number]
        logical.cleaned[number] = clean_markdown(logical.text[start:end])
    return logical.cleaned[number]


# Joined paragraphs by their first paragraph index, kept for one paper.
SentenceCache = dict[int, _LogicalParagraph]
