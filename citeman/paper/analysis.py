"""One analysis of a paper: its lines, paragraphs, section headings and reference section.

Checking citations, annotating references and reading the reference list all need to
know the same things about a paper: where each line starts, which paragraphs are prose,
which are headings or running page headers, and where the reference section lies. They
read it from the one :class:`Paper` built here by :func:`analyse_paper` (or
:func:`load_paper` for a file), instead of each finding it again.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path

from citeman.paper.headings import is_reference_heading
from citeman.paper.markup import clean_markdown

__all__ = ["Heading", "Paper", "Paragraph", "analyse_paper", "load_paper", "normalise_newlines", "read_paper"]

_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")


@dataclass(slots=True)
class Heading:
    line: int  # 0-based line index
    level: int  # 1-6 for Markdown, 7 for a plain-text heading
    text: str


@dataclass(slots=True)
class Paragraph:
    start: int  # offset of the first character
    end: int  # offset after the last character
    first_line: int  # 0-based
    last_line: int
    kind: str  # "content", "heading", "running", "excluded"


@dataclass(slots=True)
class Paper:
    """One reading of a paper's text that every part of citeman shares.

    Offsets index ``text`` (line ends normalised to ``\\n``); ``lines`` are its lines.
    ``headings`` are section headings only (running page headers left out);
    ``references`` is the offset range of the reference section (its heading to the next
    heading of the same level, or to the end) and ``excluded`` the ranges no citation is
    read from (the reference section and fenced code).
    """

    text: str
    lines: list[str]
    line_starts: list[int]
    paragraphs: list[Paragraph]
    headings: list[Heading]  # section headings only (no running headers), in order
    excluded: list[tuple[int, int]]  # offset ranges never scanned
    references: tuple[int, int] | None = None  # offset range of the reference section
    path: str = ""
    paragraph_starts: list[int] = field(default_factory=list)

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


def analyse_paper(text: str, path: str = "") -> Paper:
    """The structure of a paper's text (line ends already ``\\n``): paragraphs, headings, references."""
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
    running = {key for key, n in counts.items() if n > 1 and not is_reference_heading(key)}

    kinds = ["content"] * len(raw)
    headings: list[Heading] = []
    for p_index, line, level, heading_text in candidates:
        key = _heading_key(heading_text)
        if key in running:
            kinds[p_index] = "running"
        elif level < 7 or is_reference_heading(heading_text) or not markdown:
            kinds[p_index] = "heading"
            headings.append(Heading(line, level, heading_text))
    for p_index, (first, _) in enumerate(raw):
        if first in fenced:
            kinds[p_index] = "excluded"

    excluded: list[tuple[int, int]] = []
    references: tuple[int, int] | None = None
    ref_positions = [i for i, h in enumerate(headings) if is_reference_heading(h.text)]
    if ref_positions:
        ref = headings[ref_positions[-1]]
        end_offset = len(text)
        for later in headings[ref_positions[-1] + 1 :]:
            if ref.level < 7 and later.level <= ref.level:
                end_offset = line_starts[later.line]
                break
        references = (line_starts[ref.line], end_offset)
        excluded.append(references)
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
        paragraphs.append(Paragraph(start_offset, end_offset, first, last, kind))
    return Paper(text, lines, line_starts, paragraphs, headings, excluded, references, path,
                 [p.start for p in paragraphs])


def _is_emphasised_line(line: str) -> bool:
    stripped = line.strip()
    return len(stripped) > 4 and bool(re.fullmatch(r"(\*\*|__)[^*_].*?(\*\*|__):?", stripped))


def normalise_newlines(text: str) -> str:
    """``text`` with ``\\r\\n`` and ``\\r`` line ends as ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_paper(path: str | Path) -> tuple[str, str]:
    """The text of the paper at ``path`` (``-`` for standard input) and the name to report it by."""
    from citeman.io.text import read_text

    name = str(path)
    return read_text(name), "<stdin>" if name == "-" else name


def load_paper(path: str | Path) -> Paper:
    """Read and analyse the paper at ``path`` (``-`` for standard input)."""
    text, name = read_paper(path)
    return analyse_paper(normalise_newlines(text), name)
