"""Rules about damaged characters in titles and other prose: PDF, OCR and copy-paste residue.

These are a copy-editor's checks: mojibake, stray Cyrillic in Latin text, running
headers, hyphenation splits, mangled quotes, spacing before punctuation, stray
whitespace and leftover markup.
"""


import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from citeman.model import Entry
from citeman.validate.base import Context, Fix, FixAvailability, Severity, Violation, quote, rule
from citeman.validate.screen import Screen
from citeman.validate.textutil import PROSE_FIELDS, TITLE_FIELDS

_NON_ASCII = Screen(PROSE_FIELDS + ("volume", "number", "pages"), non_ascii=True)
_MOJIBAKE = re.compile(r"Ã[\x80-\xbf©¡-¿]|â€|Â[\xa0-\xbf]|Ã©|Ã¨|Ã¼|Ã¶|\ufffd|Å[¡¾¸]|Ä[‡Ÿ]")
_PROSE_SET = frozenset(PROSE_FIELDS)


def _fix_mojibake(value: str) -> str:
    try:
        fixed = value.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return ""
    return fixed if fixed != value else ""


@rule("mojibake", Severity.ERROR, FixAvailability.SOMETIMES, screen=_NON_ASCII)
def mojibake(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Text was decoded with the wrong encoding ("Ã©" for "é", "â€™" for "’") or holds "�".

    Why: the reference prints garbage where a letter or quote belongs.
    Fix (unsafe): re-decode the text as UTF-8 when that gives clean text.

    Bad:  @article{k, title = {Caf\u00c3\u00a9 Society}, year = 2020}
    Good: @article{k, title = {Caf\u00e9 Society}, year = 2020}
    """
    if "".join([value for name, value in entry.fields.items() if name in _PROSE_SET]).isascii():
        return  # mojibake is never plain ASCII
    for name in PROSE_FIELDS:
        value = entry.fields.get(name)
        if value and not value.isascii() and _MOJIBAKE.search(value):
            fixed = _fix_mojibake(value)
            yield Violation(f"mojibake in {name} {quote(value)}", field=name,
                            fix=Fix.replace(name, fixed, safe=False) if fixed else None)


@lru_cache(maxsize=4096)
def _script(char: str) -> str:
    if not char.isalpha():
        return ""
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else ""


def _scripts(text: str) -> set[str]:
    # Every ASCII letter is Latin: only the other characters need a Unicode name, each once.
    if text.isascii():
        return {"LATIN"} if _ASCII_LETTER.search(text) else set()
    return {s for s in map(_script, set(text)) if s}


_WORD = re.compile(r"\w+")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_ELLIPSIS = re.compile(r"\s\.\.\.")
_SCRIPT_FIELDS = PROSE_FIELDS + ("volume", "number", "pages")
_SCRIPT_FIELD_SET = frozenset(_SCRIPT_FIELDS)


@rule("mixed-script", Severity.ERROR, screen=_NON_ASCII)
def mixed_script(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Latin text contains words in, or letters from, another script ("No Titleыивмыв").

    Why: stray Cyrillic or Greek letters in Latin text are keyboard or OCR garbage; they
    look like Latin letters ("а" vs "a") and break searching, sorting and matching. A
    field entirely in another script inside an otherwise Latin entry is reported too.

    Bad:  @article{k, title = {No Title\u044b\u0438\u0432\u043c}, journal = {\u042f\u0442\u044b\u0430\u0442\u0430\u043c}, year = 2007}
    Good: @article{k, title = {Landasan Teori}, journal = {Digital Library Unila}, year = 2007}
    """
    fields = entry.fields
    if "".join([value for name, value in fields.items() if name in _SCRIPT_FIELD_SET]).isascii():
        return
    scripts_by_field: dict[str, set[str]] = {}
    for name in _SCRIPT_FIELDS:
        value = entry.fields.get(name)
        if not value or value.isascii():
            if value:
                scripts_by_field[name] = {"LATIN"} if _ASCII_LETTER.search(value) else set()
            continue
        scripts = _scripts(value)
        scripts_by_field[name] = scripts
        if len(scripts) < 2:
            continue  # a word's scripts are among its value's: curly quotes and dashes alone mix nothing
        for word in _WORD.findall(value):
            if not word.isascii() and len(_scripts(word)) > 1:
                yield Violation(f"mixed scripts in {name} word {word!r} ({quote(value)})", field=name)
                break
    latin = [n for n, s in scripts_by_field.items() if s == {"LATIN"}]
    if latin:
        for name, scripts in scripts_by_field.items():
            if scripts and "LATIN" not in scripts and len(latin) >= 1 and name in TITLE_FIELDS:
                yield Violation(f"{name} {quote(entry.fields[name])} is in {'/'.join(sorted(scripts)).title()} script "
                                f"while the rest of the entry is Latin", field=name)


_RESIDUE = re.compile(
    r"stable url|author\s*\(\s*s\s*\)\s*:|source\s*:\s|published by\s*:|this content downloaded|"
    r"all use subject to|downloaded from|accessed\s*:\s|jstor\s+is\s+a|terms and conditions|"
    r"provided by|digital repository|your use of the jstor|creative commons attribution|"
    r"\bvol\.\s*\d+\s*,?\s*no\.\s*\d+|\bissn\b|\bpp\.\s*\d|https?://|www\.|\bdoi\s*:|©|\(c\)\s*\d{4}|"
    r"\*{2,}|<sup>|</?i>|</?b>",
    re.IGNORECASE,
)


_RESIDUE_MARKERS = ("stable url", "author", "source", "published by", "downloaded", "use subject", "accessed",
                    "jstor", "terms and", "provided by", "repository", "creative commons", "vol", "issn", "pp.",
                    "http", "www.", "doi", "©", "(c)", "**", "<")

# For each alternative of _RESIDUE, substrings every match of it contains (lower-case text).
_RESIDUE_PIECES = (
    ("stable url",), ("author", "(", ")", ":"), ("source", ":"), ("published by", ":"), ("this content downloaded",),
    ("all use subject to",), ("downloaded from",), ("accessed", ":"), ("jstor",), ("terms and conditions",),
    ("provided by",), ("digital repository",), ("vol.", "no."), ("issn",), ("pp.",), ("://",), ("www.",),
    ("doi", ":"), ("©",), ("(c)",), ("**",), ("<",),
)


# The only non-ASCII letters that case-blind matching equates with ASCII ones (i, i, s; the
# Kelvin sign lower-cases to "k" anyway).
_FOLD_TRAPS = ("\u0130", "\u0131", "\u017f")


def _may_hold_residue(text: str) -> bool:
    """False only when _RESIDUE cannot match ``text``: a few substring tests instead of the regex."""
    if not text.isascii() and any(trap in text for trap in _FOLD_TRAPS):
        return True
    lowered = text.lower()
    # Plain loops: nested generator expressions cost more than the substring tests themselves.
    for pieces in _RESIDUE_PIECES:
        if pieces[0] in lowered:
            for piece in pieces:
                if piece not in lowered:
                    break
            else:
                return True
    return False


@rule("pdf-residue", Severity.ERROR, screen=Screen(TITLE_FIELDS, _RESIDUE_MARKERS, fold=True))
def pdf_residue(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Title or container holds text from the page rather than the reference.

    Why: "Stable URL", "Author(s):", "This content downloaded from", "UNM Digital
    Repository", ISSN or volume labels, links and Markdown emphasis are running headers
    and furniture of the PDF that were swept into the reference.

    Bad:  @misc{k, title = {Opportunities And Obstacles Author ( s ) : Richard Weitz Stable URL : https://www.jstor.org/stable/}, year = 2020}
    Good: @misc{k, title = {Promoting U.S.-Indian Defense Cooperation: Opportunities and Obstacles}, year = 2017}
    """
    values = [entry.fields.get(name, "") for name in TITLE_FIELDS]
    joined = "\x00".join(values).lower()
    if not any(marker in joined for marker in _RESIDUE_MARKERS):
        return
    # _RESIDUE is slow (dozens of case-blind alternatives tried at every position); an
    # alternative can only match where all the pieces it spells out occur.
    if not _may_hold_residue(joined):
        return
    for name, value in zip(TITLE_FIELDS, values):
        if value and _may_hold_residue(value):
            found = _find_residue(value)
            if found:
                yield Violation(f"page residue {found.group(0).strip()!r} in {name} {quote(value)}", field=name)


# What each alternative of _RESIDUE starts with (lower-case text).
_RESIDUE_STARTS = ("stable url", "author", "source", "published by", "this content downloaded", "all use subject to",
                   "downloaded from", "accessed", "jstor", "terms and conditions", "provided by", "digital repository",
                   "your use of the jstor", "creative commons attribution", "vol.", "issn", "pp.", "http", "www.",
                   "doi", "©", "(c)", "**", "<sup>", "<i>", "</i>", "<b>", "</b>")


def _find_residue(text: str) -> re.Match[str] | None:
    """``_RESIDUE.search(text)``, trying the regex only where one of its alternatives can start."""
    lowered = text.lower()
    if len(lowered) != len(text) or (not text.isascii() and any(trap in text for trap in _FOLD_TRAPS)):
        return _RESIDUE.search(text)
    starts = set()
    for literal in _RESIDUE_STARTS:
        pos = lowered.find(literal)
        while pos >= 0:
            starts.add(pos)
            pos = lowered.find(literal, pos + 1)
    for pos in sorted(starts):
        found = _RESIDUE.match(text, pos)
        if found:
            return found
    return None


_HYPHEN_SPLIT = re.compile(r"\b([A-Za-z]{2,})- ([a-z]{2,})\b")
_SUSPENDED = {"and", "or", "to", "und", "et", "nor", "as", "vs", "versus"}


@rule("hyphenation-split", Severity.WARNING, FixAvailability.SOMETIMES, screen=Screen(TITLE_FIELDS, ("- ",)))
def hyphenation_split(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """A word is split by a line-end hyphen ("Mur- phy", "secu- rity").

    Why: the PDF's hyphenation survived text extraction; the word is unsearchable.
    Suspended hyphens ("pre- and post-war") are not reported.
    Fix (unsafe): join the halves (the hyphen may have been a real one).

    Bad:  @article{k, title = {Human secu- rity in South Asia}, year = 2020}
    Good: @article{k, title = {Human security in South Asia}, year = 2020}
    """
    for name in TITLE_FIELDS:
        value = entry.fields.get(name)
        if not value or "- " not in value:
            continue
        found = [m for m in _HYPHEN_SPLIT.finditer(value) if m.group(2).lower() not in _SUSPENDED]
        if found:
            fixed = _HYPHEN_SPLIT.sub(lambda m: m.group(0) if m.group(2).lower() in _SUSPENDED else m.group(1) + m.group(2), value)
            yield Violation(f"hyphenation split {found[0].group(0)!r} in {name}", field=name,
                            fix=Fix.replace(name, fixed, safe=False))


_MANGLED_QUOTE = re.compile(r"(?:^|(?<=\s))[—–]\s?([A-Z][^—–!]{0,60}?)!(?=\s|$|[,.;:])")


@rule("mangled-quotes", Severity.ERROR, FixAvailability.SOMETIMES, screen=Screen(TITLE_FIELDS, ("—", "–")))
def mangled_quotes(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Quotation marks were turned into a dash and an exclamation mark ("—Look East!").

    Why: a broken font encoding in the PDF maps “ to — and ” to !; the title now
    shouts and has a stray dash.
    Fix (unsafe): restore “Look East”.

    Bad:  @article{k, title = {The Gulf States' —Look East! and India's —Think West! Policies}, year = 2022}
    Good: @article{k, title = {The Gulf States' “Look East” and India's “Think West” Policies}, year = 2022}
    """
    for name in TITLE_FIELDS:
        value = entry.fields.get(name)
        if value and ("—" in value or "–" in value):
            found = _MANGLED_QUOTE.search(value)
            if found:
                fixed = _MANGLED_QUOTE.sub(lambda m: f"“{m.group(1)}”", value)
                yield Violation(f"mangled quotes {found.group(0).strip()!r} in {name}", field=name,
                                fix=Fix.replace(name, fixed, safe=False))


# Read as: (?<=\S)\s+([,.;:?!)\]])(?!\d) | ([(\[])\s+(?=\S) | (?<=\w)\s+(['’])\s*(?=s\b) | (?<=\w)(['’])\s+(?=s\b).
# Written so that every branch starts with a character class, the lookbehinds after it,
# behind a lookahead on the first character: the same matches about three times faster.
_SPACE_BEFORE = re.compile(
    r"(?=[\s(\['’])(?:\s(?<=\S\s)\s*([,.;:?!)\]])(?!\d)|([(\[])\s+(?=\S)|\s(?<=\w\s)\s*(['’])\s*(?=s\b)"
    r"|(['’])(?<=\w['’])\s+(?=s\b))")


_SPACING_HINT = re.compile(r" [,.;:?!)\]'’]|[(\[] |['’] s")


def _fix_spacing(value: str) -> str:
    # Each branch has one group, the character to keep: the last (only) group that matched.
    # A function, not the template r"\1\2\3\4", which Python 3.11 expands in Python per match.
    return _SPACE_BEFORE.sub(_kept_character, value)


def _kept_character(match: re.Match[str]) -> str:
    return match[match.lastindex]


@rule("space-before-punctuation", Severity.WARNING, FixAvailability.ALWAYS, screen=Screen(
    PROSE_FIELDS, (" ,", " .", " ;", " :", " ?", " !", " )", " ]", " '", " ’", "( ", "[ ", "' s", "’ s")))
def space_before_punctuation(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Space before punctuation or inside brackets ("Instability ?", "India ' s", "( JHD )").

    Why: PDF text layers insert spaces between glyph runs; the result looks careless in
    print and defeats matching against catalogues.
    Fix (safe): remove the spaces.

    Bad:  @misc{k, title = {Hegemonic Instability ? India ' s Himalayan Hegemony}, year = 2022}
    Good: @misc{k, title = {Hegemonic Instability? India's Himalayan Hegemony}, year = 2022}
    """
    # Any order of the values will do for the test: no match spans the NUL separator.
    joined = "\x00".join([value for name, value in entry.fields.items() if name in _PROSE_SET])
    if not _SPACING_HINT.search(joined) or not _SPACE_BEFORE.search(joined):
        return
    for name in PROSE_FIELDS:
        value = entry.fields.get(name, "")
        if not value or " " not in value:
            continue
        found = _SPACE_BEFORE.search(value)
        if found and not _ELLIPSIS.search(value[found.start() : found.end() + 3]):
            fixed = _fix_spacing(value)
            if fixed != value:
                yield Violation(f"space before punctuation {found.group(0)!r} in {name} {quote(value)}", field=name,
                                fix=Fix.replace(name, fixed))


_WHITESPACE = re.compile(r"^\s|\s$| {2,}|\t")


@rule("stray-whitespace", Severity.WARNING, FixAvailability.ALWAYS,
      screen=Screen(None, ("\x00 ", " \x00", "  ", "\t")))
def stray_whitespace(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Field value has leading or trailing spaces, double spaces or tabs.

    Why: invisible in the .bib file, visible in print as gaps; breaks matching.
    Fix (safe): single spaces, nothing at the ends (line breaks inside long values are kept).

    Bad:  @article{k, title = {The  Silent Revolution }, year = 2017}
    Good: @article{k, title = {The Silent Revolution}, year = 2017}
    """
    for name, value in entry.fields.items():
        if name in ("abstract", "annotation", "rawref", "file") or "\n" in value:
            continue
        if value and (value[0] in " \t" or value[-1] in " \t" or "  " in value or "\t" in value):
            fixed = re.sub(r"[ \t]+", " ", value).strip()
            yield Violation(f"stray whitespace in {name} {value!r}"[:120], field=name, fix=Fix.replace(name, fixed))


_MARKUP_FIELDS_ORDER = TITLE_FIELDS + ("publisher", "note")
_MARKUP_FIELDS = frozenset(_MARKUP_FIELDS_ORDER)
_MARKUP = re.compile(r"(?<!\\)\*\w|\w\*(?!\w)|\*{2}|</?(?:i|b|em|strong|sup|sub|span|br)\b[^>]*>|\[[^\]]+\]\(https?://[^)]*\)")


@rule("markup-residue", Severity.ERROR, FixAvailability.ALWAYS, screen=Screen(_MARKUP_FIELDS_ORDER, ("*", "<", "](")))
def markup_residue(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Title or container holds Markdown or HTML markup (``*Asia Policy*``, ``<i>``, ``<sup>``).

    Why: emphasis and tags from a Markdown or HTML source print literally in LaTeX.
    Fix (safe): remove the markup characters, keep the text.

    Bad:  @article{k, title = {Trends in *World Military* Expenditure}, year = 2024}
    Good: @article{k, title = {Trends in World Military Expenditure}, year = 2024}
    """
    names = _MARKUP_FIELDS.intersection(entry.fields)
    if not names:
        return
    for name in TITLE_FIELDS + ("publisher", "note"):
        if name not in names:
            continue
        value = entry.fields[name]
        if value and ("*" in value or "<" in value or "](" in value):
            found = _MARKUP.search(value)
            if found:
                fixed = re.sub(r"</?(?:i|b|em|strong|sup|sub|span|br)\b[^>]*>", "", value)
                fixed = re.sub(r"\[([^\]]+)\]\(https?://[^)]*\)", r"\1", fixed)
                fixed = " ".join(re.sub(r"(?<!\\)\*+", "", fixed).split())
                yield Violation(f"markup {found.group(0)!r} in {name} {quote(value)}", field=name,
                                fix=Fix.replace(name, fixed))
