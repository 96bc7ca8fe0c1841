"""Finding the in-text citations of a paper and tying them to its reference list.

A paper cites its sources in prose: ``(Khan & Askari, 2023)``, ``Weitz (2020)``,
``(Behera, 2021; Thellis, 2018)``, ``[1-3]``. Checking those citations against the
reference list (``citeman cites``) and annotating each reference with the sentence that
cites it both need the same two steps, so they live here: :func:`extract_citations`
reads plain text or Markdown and returns one :class:`Citation` per cited work with its
line, column, sentence and section; :func:`resolve_citations` and
:func:`match_citations` decide which reference each citation points to.

Extraction is deliberately conservative about what counts as a citation: a
parenthesis needs something name-like *and* a year (``(ex USSR)``, ``(EMALS)`` and
``(2023)`` after an ordinary word are not citations), and the reference section itself
is never scanned, so its own ``(2019).`` dates are not taken for citations.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from citeman.model import Entry, Person

__all__ = [
    "Citation",
    "Resolution",
    "clean_markdown",
    "entry_label",
    "entry_year",
    "extract_citations",
    "label_key",
    "match_citations",
    "names_match",
    "resolve_citations",
]


@dataclass(frozen=True, slots=True)
class Citation:
    """One citation of one work, where it is written and what surrounds it.

    ``text`` is the source text as written: the whole parenthesis when it cites one
    work (``"(Khan & Askari, 2023)"``), the one part of a multi-citation parenthesis
    (``"Thellis, 2018"``), the narrative form (``"Weitz (2020)"``) or the bracket of a
    numeric citation (``"[1-3]"``). ``names`` are the family names (or leading words
    of an organisation or title) as written; ``year`` keeps a suffix (``"2020a"``).
    ``line`` and ``column`` are 1-based and point at the start of ``text``.
    """

    text: str
    names: tuple[str, ...] = ()
    year: str = ""
    line: int = 0
    column: int = 0
    sentence: str = ""
    section: str = ""
    numbers: tuple[int, ...] = ()
    et_al: bool = False
    narrative: bool = False
    locator: str = ""
    path: str = ""

    @property
    def is_numeric(self) -> bool:
        return bool(self.numbers)

    def label(self) -> str:
        """A short human form: ``Khan & Askari 2023``, ``Mahmood et al. 2024``, ``[1-3]``."""
        if self.numbers:
            return self.text
        return f"{_join_names(self.names, self.et_al)} {self.year}".strip()


# ---------------------------------------------------------------------------
# Markdown and document structure

_HTML_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>")
_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_MD_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$|>~])")
_MD_EMPHASIS = re.compile(r"\*+|(?<![\w\\])_+|_+(?![\w])")
_WHITESPACE = re.compile(r"\s+")


def clean_markdown(text: str) -> str:
    """Return ``text`` without Markdown/HTML markup, escapes and extra whitespace."""
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_AUTOLINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    # Escaped characters are literal: hide them from the emphasis pass.
    escaped: list[str] = []

    def hide(match: re.Match) -> str:
        escaped.append(match.group(1))
        return f"\ue000{len(escaped) - 1}\ue001"

    text = _MD_ESCAPE.sub(hide, text)
    text = _MD_EMPHASIS.sub("", text)
    text = re.sub(
        "\ue000(\\d+)\ue001",
        lambda m: escaped[int(m.group(1))] if int(m.group(1)) < len(escaped) else m.group(0),
        text,
    )
    return _WHITESPACE.sub(" ", text).strip()


_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_REFERENCE_HEADINGS = frozenset(
    {
        "references",
        "reference list",
        "list of references",
        "bibliography",
        "select bibliography",
        "selected bibliography",
        "works cited",
        "literature cited",
        "cited literature",
        "references and notes",
        "sources",
        "literatur",
        "références",
        "referencias",
    }
)


@dataclass(slots=True)
class _Heading:
    line: int  # 0-based line index
    level: int  # 1-6 for Markdown, 7 for a plain-text heading
    text: str


@dataclass(slots=True)
class _Paragraph:
    start: int  # offset of the first character
    end: int  # offset after the last character
    first_line: int  # 0-based
    last_line: int
    kind: str  # "content", "heading", "running", "excluded"


@dataclass(slots=True)
class _Document:
    text: str
    line_starts: list[int]
    paragraphs: list[_Paragraph]
    headings: list[_Heading]  # section headings only (no running headers), in order
    excluded: list[tuple[int, int]]  # offset ranges never scanned
    paragraph_starts: list[int] = field(default_factory=list)
    logical: dict[int, "_LogicalParagraph"] = field(default_factory=dict)  # cache by first paragraph

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of ``offset``."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def is_excluded(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.excluded)

    def section_at(self, offset: int) -> str:
        line = bisect.bisect_right(self.line_starts, offset) - 1
        current = ""
        for heading in self.headings:
            if heading.line > line:
                break
            current = heading.text
        return current


def _heading_key(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.casefold()).strip()


def _looks_like_plain_heading(lines: list[str]) -> bool:
    """A lone short line without final punctuation, e.g. ``Literature Review``."""
    if len(lines) != 1:
        return False
    text = clean_markdown(lines[0])
    words = text.split()
    if not words or len(words) > 10 or len(text) > 80:
        return False
    if text[-1] in ".,;:!?)" or not (text[0].isupper() or text[0].isdigit()):
        return False
    return sum(1 for c in text if c.isalpha()) >= 3


def _analyse(text: str) -> _Document:
    lines = text.split("\n")
    line_starts: list[int] = []
    offset = 0
    for line in lines:
        line_starts.append(offset)
        offset += len(line) + 1

    # Fenced code never holds citations; mark those lines first.
    in_fence = False
    fenced: set[int] = set()
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            fenced.add(index)
            in_fence = not in_fence
        elif in_fence:
            fenced.add(index)

    markdown = any(_ATX_HEADING.match(line) for i, line in enumerate(lines) if i not in fenced)

    # Paragraphs: runs of non-blank lines; an ATX heading is always its own paragraph.
    raw: list[tuple[int, int]] = []  # (first_line, last_line)
    start: int | None = None
    for index, line in enumerate(lines):
        blank = not line.strip()
        heading = markdown and index not in fenced and bool(_ATX_HEADING.match(line))
        if blank or heading:
            if start is not None:
                raw.append((start, index - 1))
                start = None
            if heading:
                raw.append((index, index))
        elif start is None:
            start = index
    if start is not None:
        raw.append((start, len(lines) - 1))

    candidates: list[tuple[int, int, int, str]] = []  # (para index, line, level, text)
    for p_index, (first, last) in enumerate(raw):
        if first in fenced:
            continue
        if markdown:
            match = _ATX_HEADING.match(lines[first]) if first == last else None
            if match:
                candidates.append((p_index, first, len(match.group(1)), clean_markdown(match.group(2))))
            elif first == last and _is_emphasised_line(lines[first]):
                # "**References**" on its own line acts as a heading in converted PDFs.
                candidates.append((p_index, first, 7, clean_markdown(lines[first])))
        elif _looks_like_plain_heading(lines[first : last + 1]):
            candidates.append((p_index, first, 7, clean_markdown(lines[first])))

    # A heading text seen twice or more is a running page header, not a section.
    counts: dict[str, int] = {}
    for _, _, _, heading_text in candidates:
        key = _heading_key(heading_text)
        counts[key] = counts.get(key, 0) + 1
    running = {key for key, n in counts.items() if n > 1 and key not in _REFERENCE_HEADINGS}

    kinds = ["content"] * len(raw)
    headings: list[_Heading] = []
    for p_index, line, level, heading_text in candidates:
        key = _heading_key(heading_text)
        if key in running:
            kinds[p_index] = "running"
        elif level < 7 or key in _REFERENCE_HEADINGS or not markdown:
            kinds[p_index] = "heading"
            headings.append(_Heading(line, level, heading_text))
    for p_index, (first, _) in enumerate(raw):
        if first in fenced:
            kinds[p_index] = "excluded"

    excluded: list[tuple[int, int]] = []
    ref_positions = [i for i, h in enumerate(headings) if _heading_key(h.text) in _REFERENCE_HEADINGS]
    if ref_positions:
        ref = headings[ref_positions[-1]]
        end_offset = len(text)
        for later in headings[ref_positions[-1] + 1 :]:
            if ref.level < 7 and later.level <= ref.level:
                end_offset = line_starts[later.line]
                break
        excluded.append((line_starts[ref.line], end_offset))
    for index in sorted(fenced):
        start_offset, end_offset = line_starts[index], line_starts[index] + len(lines[index]) + 1
        if excluded and excluded[-1][1] == start_offset and index - 1 in fenced:
            excluded[-1] = (excluded[-1][0], end_offset)  # one range per code block
        else:
            excluded.append((start_offset, end_offset))

    paragraphs = []
    for p_index, (first, last) in enumerate(raw):
        kind = kinds[p_index]
        start_offset = line_starts[first]
        end_offset = line_starts[last] + len(lines[last])
        if kind == "content" and any(s <= start_offset < e for s, e in excluded):
            kind = "excluded"
        paragraphs.append(_Paragraph(start_offset, end_offset, first, last, kind))
    return _Document(text, line_starts, paragraphs, headings, excluded, [p.start for p in paragraphs])


def _is_emphasised_line(line: str) -> bool:
    stripped = line.strip()
    return len(stripped) > 4 and bool(re.fullmatch(r"(\*\*|__)[^*_].*?(\*\*|__):?", stripped))


# ---------------------------------------------------------------------------
# Sentences

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


def _logical_paragraph(doc: _Document, index: int) -> _LogicalParagraph:
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

    def continues(a: _Paragraph, b: _Paragraph, page_break: bool) -> bool:
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
    cached = doc.logical.get(first)
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
    doc.logical[first] = logical
    return logical


def _sentence_at(doc: _Document, offset: int) -> str:
    """The sentence holding ``offset``, cleaned of Markdown."""
    index = bisect.bisect_right(doc.paragraph_starts, offset) - 1
    if index < 0 or offset > doc.paragraphs[index].end:
        return ""
    logical = _logical_paragraph(doc, index)
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


# ---------------------------------------------------------------------------
# Citation grammar

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
_PAREN = re.compile(r"\(([^()]{1,400})\)")
_NUMERIC = re.compile(
    r"(?<![\w\]!^\\])\[(\s*\d{1,4}(?:\s*[-–—]\s*\d{1,4})?(?:\s*[,;]\s*\d{1,4}(?:\s*[-–—]\s*\d{1,4})?)*\s*)"
    # IEEE puts a locator inside the bracket: "[3, p. 12]", "[2, Fig. 4]".
    r"(?P<locator>,\s*(?:pp?|ch|chap|sec|fig|eq|tab|table|thm)\.?\s*[\dA-Za-z\-–—]+)?\](?![(:\[])",
    re.I,
)
# "[1]–[3]": two brackets joined by a dash are one range.
_NUMERIC_RANGE_JOIN = re.compile(r"\s*[-–—]\s*")


def _strip_markup(text: str) -> str:
    return clean_markdown(text).strip(" :;,.-–—")


def _normal(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


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


def _parse_part(part: str) -> tuple[tuple[str, ...], bool, list[str], str] | None:
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


def _parse_narrative_parenthesis(inner: str) -> tuple[list[str], str] | None:
    """``2020``, ``2020a, 2021``, ``2019, p. 4`` -> (years, locator)."""
    match = re.fullmatch(rf"\s*{_YEARS.pattern}(?P<rest>.*)", inner, re.S)
    if not match:
        return None
    rest = match.group("rest").strip()
    if rest and not _LOCATOR.match(rest):
        return None
    return _parse_years(match.group("years")), rest.lstrip(",: ").strip()


def _narrative_authors(before: str) -> tuple[tuple[str, ...], bool, int] | None:
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


def extract_citations(text: str, path: str = "") -> list[Citation]:
    """Every in-text citation of a paper (plain text or Markdown), in reading order.

    The reference section (a ``References``/``Bibliography`` heading to the next
    heading of the same level, or to the end) and fenced code are not scanned.
    One :class:`Citation` is returned per cited work: ``(Behera, 2021; Thellis,
    2018)`` gives two, ``(Smith, 2019, 2020)`` gives two with the same names.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    doc = _analyse(text)
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
                    sentence=_sentence_at(doc, offset),
                    section=doc.section_at(offset),
                    path=path,
                    **values,
                ),
            )
        )

    for match in _PAREN.finditer(text):
        start = match.start()
        if doc.is_excluded(start) or "\n\n" in match.group(0):
            continue
        if start > 0 and text[start - 1] == "]":  # Markdown link target
            continue
        inner = match.group(1)
        parts = _split_parts(inner, match.start(1))
        parsed = [(offset, part, _parse_part(part)) for offset, part in parts]
        good = [(offset, part, result) for offset, part, result in parsed if result is not None]
        if good:
            single = len(parts) == 1
            previous: tuple[tuple[str, ...], bool] | None = None
            for offset, part, result in parsed:
                if result is None:
                    # "(Smith, 2019; 2020)": a bare year goes with the author before it.
                    bare = _parse_narrative_parenthesis(part) if previous else None
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
        narrative = _parse_narrative_parenthesis(inner)
        if narrative is None:
            continue
        authors = _narrative_authors(text[:start])
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

    numeric = [m for m in _NUMERIC.finditer(text) if not doc.is_excluded(m.start())]
    index = 0
    while index < len(numeric):
        match = numeric[index]
        numbers = _expand_numbers(match.group(1))
        end = match.end()
        following = numeric[index + 1] if index + 1 < len(numeric) else None
        if (
            following is not None
            and len(numbers) == 1
            and _NUMERIC_RANGE_JOIN.fullmatch(text[match.end() : following.start()])
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


def _is_prose_word(names: tuple[str, ...], text: str, doc: _Document, cited_words: set[str]) -> bool:
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


# ---------------------------------------------------------------------------
# Matching citations to references


def _person_forms(person: Person) -> set[str]:
    forms = set()
    if person.literal:
        forms.add(_normal(person.literal))
    if person.family:
        family = _normal(person.family)
        forms.add(family)
        if person.particle:
            forms.add(_normal(f"{person.particle} {person.family}"))
        if person.given:
            forms.add(_normal(f"{person.given} {person.family}"))
            forms.add(_normal(f"{person.family} {person.given}"))
            if person.particle:
                forms.add(_normal(f"{person.given} {person.particle} {person.family}"))
    forms.discard("")
    return forms


def _entry_people(entry: Entry) -> list[Person]:
    return entry.persons.get("author") or entry.persons.get("editor") or []


def entry_year(entry: Entry) -> tuple[str, str]:
    """(four-digit year, suffix) of an entry; ``("", "")`` when it has none."""
    raw = entry.fields.get("year", "") or entry.fields.get("date", "")[:4]
    match = re.match(r"\s*(\d{4})([a-z]?)", raw)
    if not match:
        return ("n.d.", "") if raw.strip().casefold().startswith("n.d") else ("", "")
    return match.group(1), match.group(2)


def _citation_year(year: str) -> tuple[str, str]:
    match = re.fullmatch(r"(\d{4})([a-z]?)", year)
    if match:
        return match.group(1), match.group(2)
    if year.startswith("n.d."):
        return "n.d.", year[len("n.d.") :].lstrip("-")
    return year, ""


def _title_form(entry: Entry) -> str:
    return _normal(entry.fields.get("title", ""))


def _name_matches(name: str, person: Person) -> bool:
    target = _normal(name)
    if not target:
        return False
    forms = _person_forms(person)
    if target in forms:
        return True
    # "J. Smith" or "John Smith" as written against family "Smith", given "John".
    words = target.split()
    family = _normal(person.family)
    if len(words) > 1 and family and " ".join(words[-len(family.split()) :]) == family:
        given = _normal(person.given)
        head = words[: -len(family.split())]
        given_words = given.split()
        return bool(given_words) and all(
            g.startswith(w) or w.startswith(g) for w, g in zip(head, given_words)
        )
    return False


def names_match(citation: Citation, entry: Entry) -> bool:
    """Whether the names of ``citation`` are those of ``entry`` (year not considered)."""
    people = _entry_people(entry)
    names = citation.names
    if not names:
        return False
    if not people:
        title = _title_form(entry)
        wanted = _normal(" ".join(names))
        return bool(title and wanted) and (title.startswith(wanted) or wanted.startswith(title))
    if citation.et_al:
        return len(people) >= 2 or "author" in entry.truncated or "editor" in entry.truncated
    if len(names) != len(people) and not (len(names) > len(people) and entry.truncated):
        return False
    return all(_name_matches(n, p) for n, p in zip(names, people))


def _first_name_matches(citation: Citation, entry: Entry) -> bool:
    people = _entry_people(entry)
    return bool(people and citation.names) and _name_matches(citation.names[0], people[0])


def _matches_names(citation: Citation, entry: Entry) -> bool:
    if citation.et_al:
        return _first_name_matches(citation, entry) and names_match(citation, entry)
    return names_match(citation, entry)


def entry_label(entry: Entry) -> str:
    """How an author-date citation would name ``entry``: ``Khan & Askari 2023``."""
    people = _entry_people(entry)
    if people:
        names = [p.literal or p.family or p.given for p in people]
        names_text = f"{names[0]} et al." if len(names) >= 3 else " & ".join(names)
    else:
        names_text = clean_markdown(entry.fields.get("title", "")).strip(" :.")
        names_text = " ".join(names_text.split()[:6])
    year, suffix = entry_year(entry)
    return f"{names_text} {year}{suffix}".strip()


def label_key(entry: Entry) -> tuple[tuple[str, ...], str]:
    """The (names, year) pair an author-date citation of ``entry`` shows, normalised."""
    people = _entry_people(entry)
    if people:
        families = tuple(_normal(p.literal or p.family or p.given) for p in people)
        names = (families[0], "et al") if len(families) >= 3 else families
    else:
        names = (_title_form(entry),)
    return names, entry_year(entry)[0]


@dataclass(slots=True)
class Resolution:
    """What one citation points to.

    ``status`` is ``"exact"`` (one reference matches names and year), ``"ambiguous"``
    (several references match and no a/b suffix tells them apart), ``"year"`` (the
    names match a reference listed with another year), ``"spelling"`` (the year
    matches and the names are close but spelled differently), ``"authors"`` (first
    author and year match but not the other names: a co-author left out, or ``et al.``
    for a single author), ``"numeric"`` (a number that resolves into the list),
    ``"out-of-range"`` or ``"missing"``.
    ``entries`` holds the reference(s) concerned, best first.
    """

    citation: Citation
    status: str
    entries: list[Entry] = field(default_factory=list)
    score: float = 0.0
    missing_numbers: tuple[int, ...] = ()


def _year_group(entries: Sequence[Entry], citation_year: str) -> list[Entry]:
    return [e for e in entries if entry_year(e)[0] == citation_year]


def _resolve_suffix(group: list[Entry], suffix: str) -> list[Entry]:
    """Pick the entry a suffixed year (``2020b``) means within same-label entries."""
    with_suffix = [e for e in group if entry_year(e)[1] == suffix]
    if with_suffix:
        return with_suffix
    if any(entry_year(e)[1] for e in group):
        return []
    if len(group) == 1:
        return group
    # Unsuffixed years in the list: APA orders same-author same-year works by title.
    ordered = sorted(group, key=lambda e: _normal(e.fields.get("title", "")))
    index = ord(suffix) - ord("a")
    return [ordered[index]] if 0 <= index < len(ordered) else []


def _fuzzy_name_score(citation: Citation, entry: Entry) -> float:
    """0-100: how closely the cited names spell the names of ``entry``."""
    from rapidfuzz import fuzz

    people = _entry_people(entry)
    cited = [_normal(n) for n in citation.names]
    if not people:
        title = _title_form(entry)
        return fuzz.partial_ratio(" ".join(cited), title) if title and cited else 0.0
    listed = [_normal(p.literal or p.family or p.given) for p in people]
    if citation.et_al:
        same_shape = len(people) >= 2 or bool(entry.truncated)
        cited, listed = cited[:1], listed[:1]
    else:
        same_shape = len(cited) == len(listed)
    if not same_shape:
        # A dropped or added co-author is a different author list, not a misspelling:
        # score it low enough to stay below the spelling threshold.
        return fuzz.token_sort_ratio(" ".join(cited), " ".join(listed)) * 0.75
    scores = []
    for c, l in zip(cited, listed):
        # Compare with the family name and, for "Given Family" as written, its last word.
        options = [fuzz.ratio(c, l)]
        if len(c.split()) > 1:
            options.append(fuzz.ratio(c.split()[-1], l))
        scores.append(max(options))
    return min(scores) if scores else 0.0


SPELLING_THRESHOLD = 80.0


def resolve_citations(citations: Iterable[Citation], entries: Sequence[Entry]) -> list[Resolution]:
    """Decide, for each citation, which reference(s) of ``entries`` it points to."""
    entries = list(entries)
    results = []
    for citation in citations:
        if citation.numbers:
            inside = tuple(n for n in citation.numbers if 1 <= n <= len(entries))
            outside = tuple(n for n in citation.numbers if not 1 <= n <= len(entries))
            results.append(
                Resolution(
                    citation,
                    "out-of-range" if outside else "numeric",
                    [entries[n - 1] for n in inside],
                    missing_numbers=outside,
                )
            )
            continue
        by_names = [e for e in entries if _matches_names(citation, e)]
        year, suffix = _citation_year(citation.year)
        same_year = _year_group(by_names, year)
        if same_year:
            chosen = _resolve_suffix(same_year, suffix) if suffix else same_year
            if len(chosen) == 1:
                results.append(Resolution(citation, "exact", chosen, 100.0))
            elif chosen:
                results.append(Resolution(citation, "ambiguous", chosen, 100.0))
            else:
                results.append(Resolution(citation, "year", same_year, 100.0))
            continue
        if by_names:
            ordered = sorted(by_names, key=lambda e: _year_distance(entry_year(e)[0], year))
            results.append(Resolution(citation, "year", ordered, 100.0))
            continue
        scored = sorted(
            ((_fuzzy_name_score(citation, e), i, e) for i, e in enumerate(entries)),
            key=lambda item: (-item[0], item[1]),
        )
        near = [(s, e) for s, _, e in scored if s >= SPELLING_THRESHOLD and entry_year(e)[0] == year]
        if near:
            results.append(Resolution(citation, "spelling", [e for _, e in near], near[0][0]))
            continue
        partial = [e for e in _year_group(entries, year) if _first_name_matches(citation, e)]
        if partial:
            # "(Khan, 2023)" for Khan & Askari 2023, or "et al." for a single author.
            results.append(Resolution(citation, "authors", partial, 100.0))
            continue
        best = [(s, e) for s, _, e in scored if s >= 60.0][:3]
        results.append(Resolution(citation, "missing", [e for _, e in best], best[0][0] if best else 0.0))
    return results


def _year_distance(listed: str, cited: str) -> int:
    if listed.isdecimal() and cited.isdecimal():
        return abs(int(listed) - int(cited))
    return 10_000


def match_citations(
    citations: Iterable[Citation], entries: Sequence[Entry], *, include_near: bool = False
) -> dict[str, list[Citation]]:
    """Entry key -> the citations that cite it, for every entry (uncited ones map to ``[]``).

    Only confident matches count (names and year agree, or a number in range); with
    ``include_near`` a citation whose year or spelling differs from exactly one
    reference is also counted for it.
    """
    result: dict[str, list[Citation]] = {e.key: [] for e in entries}
    for resolution in resolve_citations(citations, entries):
        status = resolution.status
        targets: list[Entry] = []
        if status in ("exact", "numeric", "out-of-range"):
            targets = resolution.entries
        elif include_near and status in ("year", "spelling", "authors") and resolution.entries:
            targets = resolution.entries[:1]
        for entry in targets:
            bucket = result.setdefault(entry.key, [])
            if resolution.citation not in bucket:
                bucket.append(resolution.citation)
    return result


def _join_names(names: Sequence[str], et_al: bool) -> str:
    if et_al:
        return f"{names[0]} et al." if names else "et al."
    if len(names) <= 2:
        return " & ".join(names)
    return ", ".join(names[:-1]) + " & " + names[-1]
