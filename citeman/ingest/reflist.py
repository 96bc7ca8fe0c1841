"""Finding a paper's reference list and cutting it into one string per reference.

A paper converted to text or Markdown ends with a list of references that the parser
(:mod:`citeman.ingest.parser`) reads one string at a time. Getting those strings right is
its own problem: the section has to be found (the last "References", "Bibliography",
"Works Cited"... heading, or a numbered list), running headers and page numbers printed
inside it have to go, references wrapped over several lines or broken by a page have to be
joined, and neighbours must never be merged. Each string keeps the exact source lines it
came from (``raw``) and the line where it starts, so nothing of the paper is lost and every
entry can point back to its place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from citeman.errors import InputError
from citeman.ingest.furniture import (
    find_furniture,
    is_page_number,
    is_rule,
    is_whole_line_emphasis,
    line_key,
)
from citeman.ingest.refshape import (
    AUTHOR_START,
    GIVEN_INITIALS,
    MARKERS,
    NAME_COMMA,
    URL_START,
    YEAR_DOT,
    YEAR_PAREN,
    ends_reference,
    is_dangling,
    is_hard_dangling,
    start_strength,
    starts_lower,
    strip_lead,
)
from citeman.model import Diagnostic, Entry, Span
from citeman.paper.analysis import Paper, analyse_paper, load_paper, normalise_newlines
from citeman.paper.headings import (
    END_HEADINGS,
    REFERENCE_HEADINGS,
    heading_level,
    heading_name,
    is_reference_heading,
)
from citeman.paper.markup import clean_markup, emphasised_spans

__all__ = [
    "FURNITURE_REMOVED",
    "NUMBERED_LIST_USED",
    "POSSIBLY_MERGED",
    "SUBHEADING_SKIPPED",
    "RefString",
    "ReferenceSection",
    "extract_reference_strings",
    "find_reference_section",
    "is_subheading",
    "reference_strings_from_paper",
    "reference_strings_in",
    "references_from_paper",
    "references_from_text",
    "references_in",
]

FURNITURE_REMOVED = "R001"
NUMBERED_LIST_USED = "R002"
SUBHEADING_SKIPPED = "R003"
POSSIBLY_MERGED = "R004"

_SETEXT = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_BLOCKQUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_BULLET = re.compile(r"^\s*[-+*•–]\s+(?=\S)")
# The rest of a URL broken at a line end: no spaces, lower case or digits, URL punctuation.
_URL_REST = re.compile(r"^(?=[a-z0-9]*[\d/._=?&%#~-])[a-z0-9][\w\-./?=&%#~+:]*(?:\s|$)")
# A second "Family, I. (Year)." after the first year: two references run together.
_SECOND_REFERENCE = re.compile(
    r"(?<=[.)\]] )(?:[A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+)?, (?:[A-Z]\.\s?)+"
    r"(?:,? (?:&|and) [A-Z][\w'’\-]+, (?:[A-Z]\.\s?)+)?|[A-Z][\w'’\-]+ et al\.) ?\((?:19|20)\d\d[a-z]?\)\."
)
_FIRST_YEAR = re.compile(r"\((?:19|20)\d\d[a-z]?\)")
@dataclass(frozen=True, slots=True)
class RefString:
    """One reference of a paper's list.

    ``text`` is the clean single-line string for the parser; ``raw`` the exact source
    lines it came from (furniture lines left out, one source line per line); ``line`` the
    1-based line of its first line; ``number`` its list number when the list is numbered;
    ``italics`` the emphasised spans (in APA they mark the container or book title);
    ``source_lines`` the 1-based numbers of every line in ``raw``.
    """

    text: str
    raw: str
    line: int
    number: str = ""
    italics: tuple[str, ...] = ()
    source_lines: tuple[int, ...] = ()


@dataclass(slots=True)
class _Unit:
    """One kept source line of the section."""

    index: int           # 0-based line index in the document
    source: str          # the line as written
    clean: str           # markup removed
    after_blank: bool    # a blank line separates it from the previous kept line
    indent: int
    marker: tuple[str, int] | None = None
    bullet: bool = False


@dataclass(frozen=True, slots=True)
class ReferenceSection:
    """Where a reference list sits: 0-based line indices, ``end`` exclusive."""

    heading: int         # the heading line, -1 for a heading-less numbered list
    start: int           # first line after the heading
    end: int             # one past the last line
    level: int           # heading level (1-6 ATX, 7 for a bold or plain line)


def _section_heading(lines: Sequence[str], index: int) -> int:
    """The level of a reference-section heading at ``index`` (0 when it is none)."""
    line = lines[index]
    if not is_reference_heading(line):
        return 0
    level = heading_level(line)
    if level:
        return level
    if index + 1 < len(lines) and _SETEXT.match(lines[index + 1]) and lines[index + 1].strip():
        return 1 if "=" in lines[index + 1] else 2
    return 7


def _ends_section(lines: Sequence[str], index: int, level: int, furniture: set[int]) -> bool:
    if index in furniture:
        return False
    line = lines[index]
    name = heading_name(line)
    own = heading_level(line)
    decorated = own or is_whole_line_emphasis(line)
    if (decorated or len(line.split()) <= 4) and (name in END_HEADINGS or name.startswith("appendix")):
        return True
    if name in REFERENCE_HEADINGS and (own or is_whole_line_emphasis(line)):
        return True  # a later list heading starts its own section
    if own and own <= level:
        # A heading the list carries on after (a page's running header set as a heading,
        # a "## Books" group) does not end it.
        return not _reference_follows(lines, index, furniture)
    return False


def _reference_follows(lines: Sequence[str], index: int, furniture: set[int]) -> bool:
    for probe in range(index + 1, min(len(lines), index + 8)):
        line = lines[probe]
        if not line.strip() or probe in furniture or is_page_number(line):
            continue
        text = strip_lead(clean_markup(line))
        named = NAME_COMMA.match(text) or AUTHOR_START.match(text) or GIVEN_INITIALS.match(text)
        dated = YEAR_PAREN.search(text[:150]) or YEAR_DOT.search(text[:150])
        return bool(named and dated and text[:1].isupper())
    return False


def is_subheading(line: str, level: int = 7) -> bool:
    """A grouping heading inside the list ("### Books", "**Primary sources**")."""
    if heading_level(line):
        return True  # inside the list a heading is structure, never a reference
    if not is_whole_line_emphasis(line):
        return False
    text = clean_markup(line)
    return len(text.split()) <= 6 and not any(ch.isdigit() for ch in text) and not text.endswith(".")


def find_reference_section(lines: Sequence[str], furniture: set[int] = frozenset()) -> list[ReferenceSection]:
    """Every section under a reference-list heading, the last one first (it wins)."""
    sections = []
    for index in range(len(lines)):
        level = _section_heading(lines, index)
        if not level or index in furniture:
            continue
        start = index + (2 if level in (1, 2) and not heading_level(lines[index]) else 1)
        end = start
        while end < len(lines) and not _ends_section(lines, end, level, furniture):
            end += 1
        sections.append(ReferenceSection(index, start, end, level))
    sections.reverse()
    return sections


def _numbered_run(lines: Sequence[str], furniture: set[int]) -> ReferenceSection | None:
    """The last run of consecutively numbered items (``[1]``, ``1.``) that reads like references."""
    best: ReferenceSection | None = None
    for pattern in MARKERS.values():
        index = 0
        while index < len(lines):
            match = pattern.match(lines[index])
            if not match or index in furniture or int(match.group(1)) != 1:
                index += 1
                continue
            items = [index]
            expected = 2
            probe = index + 1
            while probe < len(lines):
                line = lines[probe]
                if heading_level(line) and probe not in furniture:
                    break
                found = pattern.match(line)
                if found and int(found.group(1)) == expected:
                    items.append(probe)
                    expected += 1
                probe += 1
            bodies = [lines[i] for i in items]
            referential = sum(1 for b in bodies if re.search(r"(?:1[5-9]|20)\d\d|https?://|doi", b, re.I))
            if len(items) >= 2 and referential * 2 >= len(items):
                candidate = ReferenceSection(-1, items[0], probe, 7)
                if best is None or candidate.start > best.start:
                    best = candidate
            index = items[-1] + 1
    return best


def _marker(line: str) -> tuple[str, int] | None:
    for style, pattern in MARKERS.items():
        match = pattern.match(line)
        if match:
            return style, int(match.group(1))
    return None


def _furniture_in(lines: Sequence[str], section: ReferenceSection, furniture: set[int]) -> set[int]:
    """Furniture lines of ``section``: a plain repeated line must also repeat outside it.

    Running headers are printed on every page, so they show up outside the list too; a
    wrapped line such as "Oxford University Press." repeating only inside a long list is
    reference text. Emphasised lines and headings echoing the title block stay furniture.
    """
    inside = range(section.start, section.end)
    outside_keys = {line_key(lines[i]) for i in furniture if i not in inside}
    return {i for i in furniture
            if i not in inside or is_whole_line_emphasis(lines[i]) or heading_level(lines[i])
            or line_key(lines[i]) in outside_keys}


def _page_value(line: str) -> int | None:
    digits = re.findall(r"\d+", line)
    return int(digits[0]) if digits else None


def _is_page_break(lines: Sequence[str], index: int, furniture: set[int], numbers: frozenset[int]) -> bool:
    """Is the number-only line at ``index`` a page number rather than a wrapped "1987" or "p. 210"?

    A page number stands apart: next to a running header, between blank lines, or one of
    a run of numbers counting pages through the document.
    """
    def neighbour(step: int) -> tuple[int, bool]:
        probe, blank = index + step, False
        while 0 <= probe < len(lines) and not lines[probe].strip():
            probe += step
            blank = True
        return probe, blank

    before, blank_before = neighbour(-1)
    after, blank_after = neighbour(1)
    if before in furniture or after in furniture:
        return True
    if (blank_before or before < 0) and (blank_after or after >= len(lines)):
        return True
    value = _page_value(lines[index])
    return value is not None and any(value + step in numbers for step in (-2, -1, 1, 2))


def _collect_units(lines: Sequence[str], section: ReferenceSection, furniture: set[int],
                   diagnostics: list[Diagnostic], path: str) -> list[_Unit]:
    units: list[_Unit] = []
    blank = True
    page_lines = {i for i, line in enumerate(lines) if is_page_number(line)}
    numbers = frozenset(v for i in page_lines if (v := _page_value(lines[i])) is not None)
    for index in range(section.start, section.end):
        line = lines[index]
        if not line.strip():
            blank = True
            continue
        page_number = index in page_lines and _is_page_break(lines, index, furniture, numbers)
        if index in furniture or page_number or is_rule(line):
            if index in furniture or page_number:
                shown = clean_markup(line) or line.strip()
                diagnostics.append(Diagnostic(
                    FURNITURE_REMOVED, "info", f"removed page furniture {shown!r} from the reference list",
                    path=path, line=index + 1))
            continue
        if is_subheading(line, section.level):
            diagnostics.append(Diagnostic(
                SUBHEADING_SKIPPED, "info", f"skipped subheading {clean_markup(line)!r} inside the reference list",
                path=path, line=index + 1))
            blank = True
            continue
        clean = clean_markup(_BLOCKQUOTE.sub("", line))
        if not clean:
            continue
        indent = len(line) - len(line.lstrip(" \t"))
        units.append(_Unit(index, line, clean, blank, indent, _marker(clean) or _marker(line),
                           bool(_BULLET.match(line))))
        blank = False
    return units


def _numbered_plan(units: list[_Unit]) -> list[bool] | None:
    """Reference starts for a numbered list, or None when the list is not numbered."""
    styles: dict[str, list[int]] = {}
    for unit in units:
        if unit.marker:
            styles.setdefault(unit.marker[0], []).append(unit.marker[1])
    best_style, best_chain = "", 0
    for style, numbers in styles.items():
        chain, expected = 0, numbers[0]
        for number in numbers:
            if number == expected:
                chain += 1
                expected += 1
        if set(numbers) == {1} and len(numbers) >= 3:
            chain = len(numbers)  # Markdown lists written "1." for every item
        if chain > best_chain:
            best_style, best_chain = style, chain
    paragraphs = sum(1 for u in units if u.after_blank) or 1
    # Lines that open like an unnumbered reference outvote a short chance run of numbers.
    openers = sum(1 for u in units if not u.marker and start_strength(u.clean))
    if best_chain < 2 or best_chain * 2 < min(paragraphs, len(units)) or best_chain < openers:
        return None
    numbers = styles[best_style]
    same = set(numbers) == {1} and len(numbers) >= 3
    starts: list[bool] = []
    last = None
    for unit in units:
        start = False
        if unit.marker and unit.marker[0] == best_style:
            number = unit.marker[1]
            if same or last is None or last < number <= last + 3:
                start = True
                last = number
        starts.append(start or not starts)
    return starts


def _bullet_plan(units: list[_Unit]) -> list[bool] | None:
    bullets = sum(1 for u in units if u.bullet)
    paragraphs = sum(1 for u in units if u.after_blank) or 1
    if bullets < 2 or bullets * 2 < min(paragraphs, len(units)):
        return None
    return [u.bullet or i == 0 for i, u in enumerate(units)]


def _wrap_width(units: list[_Unit]) -> int:
    """The column at which the list's lines were wrapped, or 0 when lines are not wrapped.

    Text from a PDF wraps every line of a reference at the right margin except its last,
    so most lines share one length; Markdown with one reference per line does not. A line
    that stopped although the next word would have fitted before the margin ended its
    reference. The margin is a high percentile of the line lengths, so a few long
    unbreakable URLs do not move it.
    """
    lengths = sorted(len(u.source.rstrip()) for u in units)
    if len(lengths) < 4:
        return 0
    typical = lengths[int(len(lengths) * 0.8)]
    near = [n for n in lengths if 0.8 * typical <= n <= 1.15 * typical]
    width = min(lengths[int(len(lengths) * 0.95)], max(near, default=0))
    return width if typical <= 160 and len(near) * 2 >= len(lengths) else 0


def _opening_indent(units: list[_Unit], strengths: list[int]) -> int | None:
    """The indentation of first lines when indentation tells references apart, else None.

    A hanging indent (continuations indented) or a first-line indent: the indentation
    whose lines mostly open like references marks the starts.
    """
    indents = sorted({u.indent for u in units})
    if len(indents) != 2:
        return None
    share = {}
    for indent in indents:
        group = [s for u, s in zip(units, strengths) if u.indent == indent]
        share[indent] = sum(1 for s in group if s) / len(group)
    low, high = indents
    counts = {i: sum(1 for u in units if u.indent == i) for i in indents}
    if share[low] >= 0.5 > share[high] and counts[low] >= 2:
        return low
    if share[high] >= 0.5 > share[low] and counts[high] >= 2:
        return high
    return None


def _author_date_plan(units: list[_Unit]) -> list[bool]:
    strengths = [start_strength(u.clean) for u in units]
    openers = [s for u, s in zip(units, strengths) if u.after_blank]
    # A reference per paragraph: paragraphs are short and most open like a reference
    # (blank lines around page headers in wrapped text do not make paragraphs).
    paragraph_mode = (len(openers) >= 2 and sum(1 for s in openers if s) * 2 >= len(openers)
                      and len(openers) * 6 >= len(units))
    opening_indent = None if paragraph_mode else _opening_indent(units, strengths)
    width = 0 if paragraph_mode or opening_indent is not None else _wrap_width(units)
    starts: list[bool] = []
    for i, (unit, strength) in enumerate(zip(units, strengths)):
        if i == 0:
            starts.append(True)
            continue
        previous = units[i - 1]
        dangling = is_dangling(previous.clean)
        # After a line ending on a bare word, a line opening like a reference still
        # starts one; after a comma, colon or "and" only a clear opener does.
        opens = strength == 2 or not dangling or (strength == 1 and not is_hard_dangling(previous.clean))
        if URL_START.match(unit.clean) or starts_lower(unit.clean) and strength < 2:
            start = False
        elif opening_indent is not None:
            start = unit.indent == opening_indent
        elif paragraph_mode:
            # One reference per paragraph: a new paragraph starts one unless the last
            # stopped mid-sentence; lines inside a paragraph are its wrapped lines.
            start = unit.after_blank and opens
        elif width:
            first_word = unit.source.split()[0] if unit.source.split() else ""
            if len(previous.source.rstrip()) + 1 + len(first_word) <= width:
                # The line ended with room to spare: its reference ended there, unless
                # it stopped on a comma, colon or "and".
                start = strength == 2 or not is_hard_dangling(previous.clean)
            else:
                # A full line usually wraps; it ends a reference only before a clear opener.
                start = (strength == 2 or AUTHOR_START.match(unit.clean) is not None) and (
                    ends_reference(previous.clean)) and not dangling
        elif strength:
            start = opens
        else:
            start = unit.after_blank and not dangling
        starts.append(start)
    return starts


def _join(units: list[_Unit]) -> str:
    """Source lines of one reference as one line of clean text."""
    text = ""
    for unit in units:
        piece = unit.clean
        if not text:
            text = piece
        elif (re.search(r"[^\W\d_]-$", text) and piece[:1].islower()) or (
                re.search(r"(?:https?://|www\.)\S*[/_=?&%.-]$", text) and _URL_REST.match(piece)):
            text += piece  # a word or URL broken at the line end
        else:
            text += " " + piece
    return text


def _build(group: list[_Unit], numbered: bool, bulleted: bool) -> RefString:
    text = _join(group)
    number = ""
    first = group[0]
    if numbered and first.marker:
        pattern = MARKERS[first.marker[0]]
        stripped = pattern.sub("", text, count=1)
        if stripped != text and stripped.strip():
            number, text = str(first.marker[1]), stripped
    elif bulleted and first.bullet:
        text = _BULLET.sub("", text, count=1)
    raw = "\n".join(u.source.rstrip() for u in group)
    return RefString(text=text.strip(), raw=raw, line=first.index + 1, number=number,
                     italics=tuple(emphasised_spans(" ".join(u.source.strip() for u in group))),
                     source_lines=tuple(u.index + 1 for u in group))


def _split(units: list[_Unit]) -> list[RefString]:
    numbered = _numbered_plan(units)
    bulleted = None if numbered else _bullet_plan(units)
    plan = numbered or bulleted or _author_date_plan(units)
    groups: list[list[_Unit]] = []
    for unit, start in zip(units, plan):
        if start or not groups:
            groups.append([unit])
        else:
            groups[-1].append(unit)
    return [_build(group, bool(numbered), bool(bulleted)) for group in groups]


def _merge_warnings(refs: list[RefString], path: str) -> list[Diagnostic]:
    """Warn about a reference that reads like two: a second "Family, I. (Year)." inside it."""
    found = []
    for ref in refs:
        for match in _SECOND_REFERENCE.finditer(ref.text):
            if _FIRST_YEAR.search(ref.text[:match.start()]):
                found.append(Diagnostic(
                    POSSIBLY_MERGED, "warning",
                    f"reference may hold two references: a second one seems to start at {match.group(0)!r}",
                    path=path, line=ref.line))
                break
    return found


def extract_reference_strings(text: str, path: str = "") -> tuple[list[RefString], list[Diagnostic]]:
    r"""One :class:`RefString` per reference of the paper's list, in list order.

    Raises :class:`InputError` naming ``path`` when the text is empty or holds no
    reference section. Furniture removed from inside the list is reported as ``R001``
    info diagnostics, a list found without a heading as ``R002``, a skipped group
    heading as ``R003``, and a string that reads like two references as an ``R004``
    warning.

    >>> refs, _ = extract_reference_strings("Text.\n\n## References\n\nSmith, J. (2019). *Title*.\n\n"
    ...                                     "Ng, K. (2020). A study of\n\nthings. \\$5.\n")
    >>> [(r.line, r.text) for r in refs]
    [(5, 'Smith, J. (2019). Title.'), (7, 'Ng, K. (2020). A study of things. $5.')]
    """
    return reference_strings_in(analyse_paper(normalise_newlines(text), path))


def reference_strings_in(paper: Paper) -> tuple[list[RefString], list[Diagnostic]]:
    """One :class:`RefString` per reference of an analysed paper (see :func:`extract_reference_strings`)."""
    path, lines = paper.path, paper.lines
    if not paper.text.strip():
        raise InputError("empty input, expected a paper with a reference list", path=path)
    protected = set(REFERENCE_HEADINGS) | set(END_HEADINGS)
    furniture = find_furniture(lines, protected)
    sections = find_reference_section(lines, furniture)
    headless = False
    if not sections:
        run = _numbered_run(lines, furniture)
        if run is None:
            names = "References, Bibliography, Works Cited, Literature Cited, Sources, or a numbered list"
            raise InputError(f"no reference section found (looked for {names})", path=path)
        sections = [run]
        headless = True
    for section in sections:
        diagnostics: list[Diagnostic] = []
        units = _collect_units(lines, section, _furniture_in(lines, section, furniture), diagnostics, path)
        if not units:
            continue
        refs = _split(units)
        diagnostics.extend(_merge_warnings(refs, path))
        diagnostics.sort(key=lambda d: d.line)
        if headless:
            diagnostics.insert(0, Diagnostic(
                NUMBERED_LIST_USED, "info",
                "no reference heading found; using the numbered list", path=path, line=section.start + 1))
        return refs, diagnostics
    raise InputError("reference section is empty", path=path, line=sections[0].heading + 1)


def references_from_text(text: str, path: str = "") -> tuple[list[Entry], list[Diagnostic]]:
    """Entries for every reference in a paper's text (see :func:`references_in`)."""
    return references_in(analyse_paper(normalise_newlines(text), path))


def references_in(paper: Paper) -> tuple[list[Entry], list[Diagnostic]]:
    """Entries for every reference in a paper's text, in list order, with their origin.

    Italic spans of the list repair title/container boundaries
    (:mod:`citeman.ingest.refhints`). Each entry gets ``rawref`` (the exact source text of the reference) and
    ``citeman-source`` (``path:line``); its ``source`` span points at the first line.
    """
    from citeman.ingest.parser import parse_references
    from citeman.ingest.refhints import apply_italic_hints

    path = paper.path
    refs, diagnostics = reference_strings_in(paper)
    entries, parse_diagnostics = parse_references([r.text for r in refs], path, [r.line for r in refs])
    for entry, ref in zip(entries, refs):
        apply_italic_hints(entry, ref.text, ref.italics, Span(path, ref.line), ref.raw)
        entry.fields["rawref"] = ref.raw
        entry.fields["citeman-source"] = f"{path}:{ref.line}" if path else str(ref.line)
        entry.raw = ref.raw
    return entries, sorted(diagnostics + parse_diagnostics, key=lambda d: d.line)


def references_from_paper(path: str | Path) -> tuple[list[Entry], list[Diagnostic]]:
    """Read the paper at ``path`` (``-`` for standard input) and parse its reference list."""
    return references_in(load_paper(path))


def reference_strings_from_paper(path: str | Path) -> tuple[list[RefString], list[Diagnostic]]:
    """Read the paper at ``path`` and split its reference list, without parsing."""
    return reference_strings_in(load_paper(path))
