"""Rules about the BibTeX source itself: blocks, types, keys, braces, escapes.

The reader reports P001-P003 (a block it cannot parse, a key or field given twice)
and P008-P015 (what its strict scan finds: a missing comma or ``=``, bad bytes, text
between entries, a value that runs on, other text that is not BibTeX; :mod:`citeman.io.syntax`); the linter adds
P010 and P011 (unknown and circular ``@string`` macros, :class:`MacroChecker`).
They are declared here so they are documented, selectable and shown with rule
metadata like every other finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from citeman.io.latex import VERBATIM_FIELDS
from citeman.io.syntax import STYLE_MACROS, position, scan_block, value_references
from citeman.model import Block, Diagnostic, Entry, Verbatim
from citeman.validate.base import Context, Fix, FixAvailability, Severity, Violation, quote, reader_rule, rule
from citeman.io.rawfields import find_fields
from citeman.validate.screen import Screen

unparseable_block = reader_rule(
    "unparseable-block", Severity.ERROR,
    """A block of the file could not be parsed as BibTeX.

    Why: a missing brace or comma hides the entry (and sometimes the entries after it)
    from every tool; the block is kept as it is and reported with its line.

    Bad:  @article{k, title = {Unclosed, year = 2020}
    Good: @article{k, title = {Closed}, year = 2020}
    """,
)

duplicate_key = reader_rule(
    "duplicate-key", Severity.ERROR,
    """Two entries in one file share a key.

    Why: LaTeX silently uses one of them; citations may point at the wrong work.

    Bad:
    @article{smith2020, title = {One}, year = 2020}
    @article{smith2020, title = {Two}, year = 2021}
    Good:
    @article{smith2020, title = {One}, year = 2020}
    @article{smith2021, title = {Two}, year = 2021}
    """,
)

duplicate_field = reader_rule(
    "duplicate-field", Severity.ERROR,
    """A field appears twice in one entry.

    Why: BibTeX keeps one value and drops the other without a word; citeman keeps the
    later value as ``<name>-duplicate`` so nothing is lost, and reports it.

    Bad:  @article{k, title = {A}, title = {B}, year = 2020}
    Good: @article{k, title = {A}, year = 2020}
    """,
)

KNOWN_TYPES = frozenset(
    """article book booklet inbook incollection inproceedings conference manual mastersthesis phdthesis misc
    proceedings techreport unpublished online electronic www webpage report thesis mvbook bookinbook suppbook
    collection mvcollection suppcollection reference mvreference inreference periodical suppperiodical
    mvproceedings patent dataset software set xdata customa customb customc customd custome customf
    artwork audio image jurisdiction legislation legal letter movie music performance review standard video
    commentary""".split()
)


@rule("unknown-entry-type", Severity.WARNING, layout=lambda kind, names: kind not in KNOWN_TYPES)
def unknown_entry_type(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Entry type is not part of the BibTeX or biblatex data model.

    Why: styles fall back to a generic layout or drop the entry; usually a typo.

    Bad:  @artcle{k, title = {T}, year = 2020}
    Good: @article{k, title = {T}, year = 2020}
    """
    if entry.type not in KNOWN_TYPES:
        yield Violation(f"unknown entry type {entry.type!r}")


_BRACE = re.compile(r"[{}]")


def _unescaped_depth(value: str) -> int:
    """Brace depth at the end of ``value`` (-1 once a brace closes nothing); braces after a backslash do not count."""
    depth = 0
    for match in _BRACE.finditer(value):
        i = match.start()
        if i and value[i - 1] == "\\":
            continue
        if match.group() == "{":
            depth += 1
        else:
            depth -= 1
            if depth < 0:
                return -1
    return depth


@rule("unbalanced-braces", Severity.ERROR, screen=Screen(None, ("{", "}")))
def unbalanced_braces(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """A field value has braces that do not pair up.

    Why: BibTeX counts braces to find where a value ends; an unpaired one in a quoted
    value swallows text or breaks the output of the style.

    Bad:  @article{k, title = "Sets {A and B", year = 2020}
    Good: @article{k, title = "Sets {A} and B", year = 2020}
    """
    for name, value in entry.fields.items():
        if ("{" in value or "}" in value) and name not in VERBATIM_FIELDS and _unescaped_depth(value) != 0:
            yield Violation(f"unbalanced braces in {name} {quote(value)}", field=name)


_DOLLAR = re.compile(r"(?<!\\)\$")


@rule("unbalanced-math", Severity.ERROR, screen=Screen("@raw", ("$",)))
def unbalanced_math(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """A field value has an odd number of unescaped ``$`` signs.

    Why: LaTeX switches into math mode at a lone ``$`` and the rest of the reference is
    typeset as a formula (or the document fails to compile). Money amounts need ``\\$``.

    Bad:  @article{k, title = {Costs of $5 tickets}, year = 2020}
    Good: @article{k, title = {Costs of \\$5 tickets}, year = 2020}
    """
    if not entry.raw or "$" not in entry.raw:
        return
    for name, raw, _ in find_fields(entry.raw):
        if name in VERBATIM_FIELDS or "$" not in raw:
            continue
        if len(_DOLLAR.findall(raw)) % 2:
            yield Violation(f"unbalanced '$' in {name} {quote(raw.strip('{}'))}", field=name)


_SPECIAL = re.compile(r"(?<!\\)[&%#]")


def _unescaped_specials(text: str) -> int:
    # _SPECIAL.findall counted with str.count: the lookbehind makes the regex try every position.
    # "in" first: most values hold one of the three characters at most, and stops at the first.
    return sum(text.count(char) - text.count("\\" + char) for char in "&%#" if char in text)


@rule("unescaped-special", Severity.ERROR, FixAvailability.ALWAYS, screen=Screen("@raw", ("&", "%", "#")))
def unescaped_special(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """A field value contains an unescaped ``&``, ``%`` or ``#``.

    Why: ``&`` is an alignment tab and ``#`` a macro parameter in LaTeX (compile errors),
    and ``%`` comments out the rest of the line in the generated bibliography.
    Fix (safe): escape the character (``\\&``); citeman stores the plain text and its
    writer escapes it.

    Bad:  @article{k, title = {Trade & Security}, year = 2020}
    Good: @article{k, title = {Trade \\& Security}, year = 2020}
    """
    raw = entry.raw
    total = _unescaped_specials(raw) if raw else 0
    if not total:
        return
    # Verbatim fields (rawref, url) are stored as written and often hold "&": when they
    # account for every special character of the block, there is nothing to report.
    fields = entry.fields
    if total <= sum(_unescaped_specials(fields[name]) for name in VERBATIM_FIELDS.intersection(fields)):
        return
    for name, value, _ in find_fields(raw):
        if name in VERBATIM_FIELDS or name in entry.macros:
            continue
        found = _SPECIAL.search(value)
        if found:
            yield Violation(
                f"unescaped {found.group(0)!r} in {name} {quote(value.strip('{}'))}",
                field=name,
                fix=Fix(safe=True, rewrite_only=True),
            )


_SAFE_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.+-]*")


@rule("unsafe-key", Severity.WARNING, screen=Screen("@key", pattern=re.compile(
    r"\x00(?![A-Za-z0-9][A-Za-z0-9_.+-]{0,119}\x00|\x01|\Z)")))
def unsafe_key(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Citation key is not safe as a file name or in LaTeX.

    Why: keys become file names (notes, PDFs, pages) and appear in ``\\cite{}``; spaces,
    slashes, colons, non-ASCII letters and other punctuation break one or the other.
    Keys are never renamed automatically (that would break citations): rename it by
    hand and update the papers citing it.

    Bad:  @article{smith/2020:a, title = {T}, year = 2020}
    Good: @article{smith2020a, title = {T}, year = 2020}
    """
    key = entry.key
    if key and (len(key) > 120 or not _SAFE_KEY.fullmatch(key)):
        yield Violation(f"key {key!r} is not safe as a file name (use letters, digits, '_', '.', '+', '-')")


@rule("missing-key", Severity.ERROR)
def missing_key(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Entry has no citation key.

    Why: an entry without a key cannot be cited and confuses most tools.

    Bad:  @article{, title = {T}, year = 2020}
    Good: @article{smith2020t, title = {T}, year = 2020}
    """
    if not entry.key.strip():
        title = entry.fields.get("title", "")
        yield Violation(f"entry has no key (title {quote(title)})" if title else "entry has no key")


missing_comma = reader_rule(
    "missing-comma", Severity.ERROR,
    """Two fields of an entry are not separated by a comma.

    Why: BibTeX readers fold the second field into the first one's value (or give up on
    the entry): the field is silently lost, and a rewrite of the file makes that final.
    citeman refuses to reformat or export such a file until it is fixed (or ``--force``).

    Bad:
    @article{k,
    title = {A}
    year = 2020
    }
    Good:
    @article{k,
    title = {A},
    year = 2020
    }
    """,
)

missing_equals = reader_rule(
    "missing-equals", Severity.ERROR,
    """A field name is not followed by ``=``.

    Why: the entry cannot be read past that point; readers drop it or keep it as text.

    Bad:  @article{k, title {A}, year = 2020}
    Good: @article{k, title = {A}, year = 2020}
    """,
)

unknown_macro = reader_rule(
    "unknown-macro", Severity.ERROR,
    """A field or ``@string`` uses a macro that no ``@string`` above it defines.

    Why: BibTeX warns and puts nothing in its place, so the value disappears from the
    bibliography; usually a typo, a missing ``@string`` file, or a value that lost its
    braces. Month macros (``jan``..``dec``) and the journal macros of the standard
    styles are always defined.

    Bad:
    @article{k, title = {T}, journal = jams, year = 2020}
    Good:
    @string{jams = {Journal of the American Mathematical Society}}
    @article{k, title = {T}, journal = jams, year = 2020}
    """,
)

macro_cycle = reader_rule(
    "macro-cycle", Severity.ERROR,
    """``@string`` macros are defined in terms of each other in a circle.

    Why: such a macro has no value: BibTeX leaves the first one empty and tools that
    expand macros as a set loop or give up.

    Bad:
    @string{a = b # { and more}}
    @string{b = a}
    Good:
    @string{b = {Base}}
    @string{a = b # { and more}}
    """,
)

invalid_encoding = reader_rule(
    "invalid-encoding", Severity.ERROR,
    """The file holds bytes that are not valid UTF-8.

    Why: every tool reads such a file differently (or refuses it). citeman reads each bad
    byte as Windows-1252 (Latin-1), so nothing is lost, names the line, column and byte,
    and refuses to reformat or export the file until it is saved as UTF-8 (or ``--force``).
    The Bad example is a file saved as Windows-1252; the same text saved as UTF-8, or
    written with LaTeX accents as in Good, is fine.

    Bad:  @article{k, title = {Café}, year = 2020}
    Good: @article{k, title = {Caf{\\'e}}, year = 2020}
    """,
)

stray_text = reader_rule(
    "stray-text", Severity.ERROR,
    """Text outside every entry looks like part of one.

    Why: a missing ``@`` turns a whole entry into a comment, and an extra ``}`` closes
    an entry early and turns its remaining fields into a comment; BibTeX skips both
    without a word.

    Bad:
    @article{k, title = {A}}, year = 2020}
    Good:
    @article{k, title = {A}, year = 2020}
    """,
)

runaway_value = reader_rule(
    "runaway-value", Severity.ERROR,
    """A value runs on over the next field or entry.

    Why: an opening brace or quote that is closed only much later swallows the fields (or
    entries) in between: they are part of the value and lost as fields.

    Bad:
    @article{k,
    title = {A,
    year = {2020}
    }
    Good:
    @article{k,
    title = {A},
    year = {2020}
    }
    """,
)


unexpected_text = reader_rule(
    "unexpected-text", Severity.ERROR,
    """An entry holds text that is not BibTeX where a field name, ``=`` or value should be.

    Why: readers disagree on such text: some skip it, some end the entry there, some make
    a field with an empty or odd name (an ``@`` in a key or field name often starts a new
    entry for them); whatever follows may be lost.

    Bad:  @article{k, title = {A},= year = 2020}
    Good: @article{k, title = {A}, year = 2020}
    """,
)


class MacroChecker:
    """Unknown ``@string`` macros (P010) and circles of them (P011), fed the blocks of a file in order.

    BibTeX reads a file once, top to bottom: a macro must be defined above its first use.
    """

    def __init__(self, known: Iterable[str] = ()) -> None:
        self.defined = {name.lower() for name in known}
        self.refs: dict[str, list[str]] = {}

    def _known(self, name: str) -> bool:
        return name in self.defined or name in STYLE_MACROS

    def block(self, block: Block, path: str) -> list[Diagnostic]:
        """The findings of one block (entries and ``@string`` blocks; others have none)."""
        if isinstance(block, Entry):
            if not block.macros:
                return []
            out = []
            for name in block.macros:
                for ref in value_references(block.fields.get(name, "")):
                    if not self._known(ref.lower()):
                        span = block.span(name)
                        line, column = (span.line, span.column) if span else (block.source.line if block.source else 0, 0)
                        out.append(Diagnostic("P010", "error", f"unknown @string macro {ref!r} in {name} "
                                              "(not defined above)", path, line, block.key, name, column=column))
            return out
        if not isinstance(block, Verbatim) or block.kind != "string" or not block.name:
            return []
        scan = scan_block(block.text)
        name = block.name.lower()
        line = block.source.line if block.source else 0
        out = []
        refs = []
        for _, ref, offset in scan.references:
            lowered = ref.lower()
            refs.append(lowered)
            if lowered != name and not self._known(lowered):
                at_line, at_column = position(block.text, offset, line)
                out.append(Diagnostic("P010", "error", f"unknown @string macro {ref!r} in @string {block.name!r} "
                                      "(not defined above)", path, at_line, block.name, column=at_column))
        self.refs[name] = refs
        circle = self._circle(name)
        if circle:
            out.append(Diagnostic("P011", "error", "@string macros defined in a circle: " + " -> ".join(circle),
                                  path, line, block.name, column=1))
        self.defined.add(name)
        return out

    def _circle(self, start: str) -> list[str]:
        """``[start, ..., start]`` when following references from ``start`` comes back to it."""
        stack = [(start, [start])]
        seen: set[str] = set()
        while stack:
            name, trail = stack.pop()
            for ref in self.refs.get(name, ()):
                if ref == start:
                    return [*trail, start]
                if ref not in seen:
                    seen.add(ref)
                    stack.append((ref, [*trail, ref]))
        return []
