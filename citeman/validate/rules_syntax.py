"""Rules about the BibTeX source itself: blocks, types, keys, braces, escapes.

The first three are reported by the reader (a block it cannot parse, a key or field
given twice); they are declared here so they are documented, selectable and shown
with rule metadata like every other finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from citeman.io.latex import VERBATIM_FIELDS
from citeman.model import Entry
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
