"""Rules about the text of titles and containers: damage from PDFs, OCR and copy-paste.

These are a copy-editor's checks: mojibake, stray Cyrillic in Latin text, placeholder
or generic titles, repeated phrases, running headers, hyphenation splits, mangled
quotes, spacing before punctuation, capitals, fragments and truncations.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from citeman.model import Entry
from citeman.validate.base import Context, Fix, FixAvailability, Severity, Violation, quote, rule
from citeman.validate.screen import Screen, trie_pattern
from citeman.validate.textutil import CONTAINER_FIELDS, MONTH_WORD, PROSE_FIELDS, TITLE_FIELDS, comparable, plain

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
_CAMEL = re.compile(r"[a-z]+[A-Z]")
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


_PLACEHOLDER = re.compile(
    r"(?:no\s*title|untitled|title|tbd|tba|n/?a|none|unknown|null|\[?no title\]?|\?+|-+|anonymous|document|"
    r"microsoft word\b.*|untitled document|new document|title of the article)(?:\W.*)?",
    re.IGNORECASE,
)


_TITLE_WORD = re.compile(r"title\s+\w{3,}.*", re.IGNORECASE)
_NO_TITLE = re.compile(r"no\s*title", re.IGNORECASE)


# The first letters (braces aside) of every text _PLACEHOLDER or _NO_TITLE accepts.
@rule("placeholder-title", Severity.ERROR, screen=Screen(("title",), fold=True, pattern=re.compile(
    r"\x00[\s{}]*(?:[?\[-]|n[{}]*[o/aue]|u[{}]*n|t[{}]*[ib]|a[{}]*n|d[{}]*o|m[{}]*i)", re.IGNORECASE)))
def placeholder_title(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Title is a placeholder ("No Title", "Untitled", "Microsoft Word - draft.docx").

    Why: document metadata placeholders copied into the reference instead of the title.

    Bad:  @misc{k, title = {No Title}, year = 2007}
    Good: @misc{k, title = {Landasan Teori}, year = 2007}
    """
    title = plain(entry.fields.get("title", ""))
    if not title or len(title) > 60:
        return
    if _PLACEHOLDER.fullmatch(title) and not _TITLE_WORD.fullmatch(title):
        yield Violation(f"placeholder title {quote(title)}", field="title")
    elif _NO_TITLE.match(title):
        yield Violation(f"placeholder title {quote(title)}", field="title")


def _repeated_phrase(text: str) -> str:
    """The longest run of three or more words that occurs twice without overlapping."""
    words = comparable(text).split()
    first: dict[tuple[str, str, str], int] = {}
    best = ""
    for j in range(len(words) - 2):
        trigram = (words[j], words[j + 1], words[j + 2])
        i = first.setdefault(trigram, j)
        if i == j or j < i + 3:
            continue
        size = 3
        while j + size < len(words) and i + size < j and words[i + size] == words[j + size]:
            size += 1
        phrase = " ".join(words[j : j + size])
        if len(phrase) > len(best):
            best = phrase
    return best


def _twice_over(text: str) -> bool:
    """False when no cut of ``text`` gives two halves with the same comparable() text.

    If comparable(left) == comparable(right) == X, comparable(text) is "X X" or "XX":
    one comparable() call spares the fourteen of the cut-by-cut search.
    """
    whole = comparable(text)
    middle = len(whole) // 2
    if len(whole) % 2:
        return whole[middle] == " " and whole[:middle] == whole[middle + 1 :]
    return whole[:middle] == whole[middle:]


@rule("repeated-phrase", Severity.ERROR, FixAvailability.SOMETIMES)
def repeated_phrase(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """A phrase of three or more words is repeated inside the title.

    Why: a running header or the title itself was read twice from the PDF text layer.
    Fix (unsafe): when the title is the same text twice, keep one copy.

    Bad:  @misc{k, title = {Hegemonic Instability in South Asia Hegemonic Instability in South Asia}, year = 2022}
    Good: @misc{k, title = {Hegemonic Instability in South Asia}, year = 2022}
    """
    for name in ("title", "booktitle"):
        value = entry.fields.get(name, "")
        if len(value) < 24 or value.count(" ") < 5:
            continue
        words = value.lower().split()
        if len(set(words)) == len(words) or len(set(zip(words, words[1:], words[2:]))) == len(words) - 2:
            continue  # no word, or no three words in a row, occurs twice
        phrase = _repeated_phrase(value)
        if phrase:
            fix = None
            text = plain(value)
            half = len(text) // 2
            for cut in range(max(0, half - 3), min(len(text), half + 4)) if _twice_over(text) else ():
                left, right = text[:cut].strip(), text[cut:].strip()
                if left and comparable(left) == comparable(right):
                    fix = Fix.replace(name, left, safe=False)
                    break
            yield Violation(f"phrase {phrase!r} repeated in {name} {quote(value)}", field=name, fix=fix)


@rule("title-equals-container", Severity.ERROR)
def title_equals_container(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Title is the same as the journal or book it appeared in.

    Why: "Rethinking Human Security. Rethinking Human Security" means the container was
    copied into the title (or the other way round) when the reference was parsed.

    Bad:  @article{k, title = {Rethinking Human Security}, journal = {Rethinking Human Security}, year = 2009}
    Good: @article{k, title = {Human Security and the Social Sciences}, journal = {Rethinking Human Security}, year = 2009}
    """
    title = entry.fields.get("title")
    if not title:
        return
    key = None
    for name in CONTAINER_FIELDS + ("series", "publisher"):
        value = entry.fields.get(name)
        if not value or abs(len(value) - len(title)) > 8:
            continue
        if key is None:
            key = comparable(title)
        if comparable(value) == key:
            yield Violation(f"title {quote(title)} is the same as the {name}", field="title")
            return


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


def _letters(value: str) -> str:
    return "".join(c for c in value if c.isalpha())


# Twelve or more characters without a lower-case ASCII letter.
@rule("all-caps-title", Severity.WARNING, screen=Screen(
    ("title", "booktitle", "journal"), pattern=re.compile(r"\x00[^a-z\x00\x01]{12,}\x00")))
def all_caps_title(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Title or container is written entirely in capitals.

    Why: capitals are typography of the source; styles cannot recover proper case, so
    every word prints shouting (and acronyms cannot be told apart).

    Bad:  @article{k, title = {THE POLITICS OF INDIA UNDER MODI}, year = 2023}
    Good: @article{k, title = {The Politics of India under Modi}, year = 2023}
    """
    for name in ("title", "booktitle", "journal"):
        value = entry.fields.get(name)
        if value and value.upper() == value and len(value.split()) >= 3:
            letters = _letters(plain(value))
            if len(letters) >= 12 and letters.isupper():
                yield Violation(f"{name} in capitals {quote(value)}", field=name)


_SMALL = frozenset("a an and as at but by for from in into nor of on or over the to up upon with via vs".split())


# A value whose first character (braces and spaces aside) is a letter but not A-Z.
@rule("lowercase-title", Severity.WARNING, screen=Screen(
    ("title", "booktitle", "journal", "journaltitle"), pattern=re.compile(r"\x00[\s{}]*(?![A-Z])[^\W\d_]")))
def lowercase_title(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Title or container starts in lower case ("the Evolution of US-Indian Ties").

    Why: a lower-case start is a case-conversion or extraction error; styles do not
    capitalise the first word of a title for you in sentence-case output.

    Bad:  @article{k, title = {the Evolution of US-Indian Ties}, year = 2006}
    Good: @article{k, title = {The Evolution of US-Indian Ties}, year = 2006}
    """
    fields = entry.fields
    for name in ("title", "booktitle", "journal", "journaltitle"):
        value = fields.get(name)
        if not value:
            continue
        lead = value[0]
        # plain() keeps a first character that is neither a brace nor a space.
        if lead.isascii() and not ("a" <= lead <= "z") and lead not in "{}" and not lead.isspace():
            continue
        value = plain(value)
        first = value[:1]
        if first.isalpha() and first.islower() and not _CAMEL.match(value):
            yield Violation(f"{name} starts in lower case {quote(value)}", field=name)


_FRAGMENT_START = re.compile(r"(?:of|and|or|the|in|for|to|on|with|by|from|at|&)\b", re.IGNORECASE)
_FRAGMENT_END = re.compile(r"(?:\b(?:of|and|or|the|in|for|to|on|with|by|from|at|a|an)|&)$")
# What a _FRAGMENT_END match must end with ("$" also matches before a final line break).
_FRAGMENT_END_TAILS = ("of", "and", "or", "the", "in", "for", "to", "on", "with", "by", "from", "at", "a", "an",
                       "&", "\n")


def _ends_as_fragment(text: str) -> bool:
    return text.endswith(_FRAGMENT_END_TAILS) and _FRAGMENT_END.search(text) is not None


# How a cut-off title can end (_ends_as_fragment's tails, braces and spaces aside), reversed.
# A tail word must start a word (_FRAGMENT_END's \b): no letter or digit just before it,
# braces aside, so "China" and "Corridor" are not taken for "... a" and "... or".
_CUT_OFF_END = re.compile(r"\x00[\s{}]*(?:[:\-–—,;(&]|" + trie_pattern(
    [tail[::-1] for tail in _FRAGMENT_END_TAILS[:-2]], between="[{}]*") + r"(?![{}]*\w))")


# A container starting with a fragment word, or ending like a cut-off title (T017's reversed tails).
@rule("fragment-container", Severity.ERROR, screen=Screen(CONTAINER_FIELDS, pattern=re.compile(
    r"\x00[\s{}]*(?:&|" + trie_pattern(("of", "and", "or", "the", "in", "for", "to", "on", "with", "by", "from", "at"),
                                          between="[{}]*") + ")", re.IGNORECASE),
    reverse_pattern=_CUT_OFF_END))
def fragment_container(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Journal or book title is a fragment ("Of the United States", "Journal of").

    Why: it starts or ends with a joining word because the line it came from was cut
    off; no journal of that name exists.

    Bad:  @article{k, title = {Reluctant Link?}, journal = {Of the United States}, year = 2019}
    Good: @article{k, title = {Reluctant Link?}, journal = {Asia Policy}, year = 2019}
    """
    for name in CONTAINER_FIELDS:
        value = plain(entry.fields.get(name, ""))
        if value and (_FRAGMENT_START.match(value) and not value.lower().startswith(("the ", "on "))
                      or _ends_as_fragment(value)):
            yield Violation(f"{name} is a fragment {quote(value)}", field=name)


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


_LABEL_TITLE = re.compile(
    r"(?:vol(?:ume)?\.?\s*\d+.*|no\.?\s*\d+.*|issue\s*\d+.*|pp?\.?\s*\d+.*|\d[\d.,]*\s*[a-z]{0,2}|[\W\d_]+|\(\d+\))",
    re.IGNORECASE,
)


# A title whose first character (braces and spaces aside) can start a _LABEL_TITLE match.
@rule("not-a-title", Severity.ERROR, screen=Screen(
    ("title",), pattern=re.compile(r"\x00[\s{}]*(?:[vnip]|[^\w\x00\x01]|[\d_])", re.IGNORECASE)))
def not_a_title(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Title is a label, number or code ("Vol.8 No.1 2024", "8.6m", "(24)").

    Why: the reference's title was lost and a volume label, a figure or a number was
    read in its place.

    Bad:  @misc{k, title = {Vol.8 No.1 2024}, year = 2024}
    Good: @misc{k, title = {Maritime Security and the Indian Ocean}, year = 2024}
    """
    title = plain(entry.fields.get("title", ""))
    if title and _LABEL_TITLE.fullmatch(title):
        yield Violation(f"title {quote(title)} is a label, not a title", field="title")


_DATE_WORDS = frozenset(
    "january february march april may june july august september october november december jan feb mar apr jun "
    "jul aug sep sept oct nov dec spring summer autumn fall winter".split()
) | {str(y) for y in range(1400, 2101)}
_TRAILING_DATE = re.compile(rf"[,.?;:]\s*(?:{MONTH_WORD.pattern})(?:\s+\d{{4}})?\s*\.?$", re.IGNORECASE)


# A value ending (braces, spaces and dots aside) in a month or season, perhaps with a year: reversed.
_DATE_END = re.compile(r"\x00[\s{}.]*(?:\d[{}]*\d[{}]*\d[{}]*\d[\s{}.]*)?" + trie_pattern(
    [word[::-1] for word in _DATE_WORDS if not word.isdigit()], between="[{}]*"), re.IGNORECASE)


@rule("trailing-date", Severity.WARNING, screen=Screen(TITLE_FIELDS, reverse_pattern=_DATE_END))
def trailing_date(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Title or container ends with a month (or date) after punctuation ("Behavior? April").

    Why: the date of the issue was glued to the title or journal; it belongs in
    ``month``/``date``.

    Bad:  @article{k, title = {T}, journal = {Academia Letters, December}, year = 2021}
    Good: @article{k, title = {T}, journal = {Academia Letters}, year = 2021, month = dec}
    """
    for name in TITLE_FIELDS:
        value = entry.fields.get(name, "")
        if not value or value.rstrip(" .}").rsplit(" ", 1)[-1].lower().rstrip(".") not in _DATE_WORDS:
            continue
        value = plain(value)
        if _TRAILING_DATE.search(value):
            yield Violation(f"{name} ends with a date {quote(value)}", field=name)


@rule("truncated-title", Severity.WARNING, screen=Screen(("title",), reverse_pattern=_CUT_OFF_END))
def truncated_title(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Title ends with a colon, a dash or a joining word ("Populist Authoritarian Parties:").

    Why: the rest of the title (usually the subtitle on the next line) was lost.

    Bad:  @article{k, title = {Trump and the Populist Authoritarian Parties:}, year = 2017}
    Good: @article{k, title = {Trump and the Populist Authoritarian Parties: The Silent Revolution in Reverse}, year = 2017}
    """
    title = entry.fields.get("title", "").rstrip(" }")
    if not title or (title[-1].isupper() or title[-1] in ".?!)'\"”’0123456789"):
        return
    title = plain(title)
    if title and (title.endswith((":", "-", "–", "—", ",", ";", "(")) or _ends_as_fragment(title)):
        yield Violation(f"title looks cut off {quote(title)}", field="title")


@rule("overlong-title", Severity.WARNING)
def overlong_title(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Title is implausibly long (over 40 words or 300 characters).

    Why: two references, or a reference and the page's running text, were run together.

    Bad:  @misc{k, title = {Strategic Studies Institute US Army War College PROMOTING Naeem Usman US Indian Defense Cooperation Opportunities And Obstacles Author Richard Weitz Strategic Studies Institute US Army War College 2017 Stable URL of the report which was read off the page header and the footer of every page in the document}, year = 2020}
    Good: @misc{k, title = {Promoting U.S.-Indian Defense Cooperation: Opportunities and Obstacles}, year = 2017}
    """
    title = entry.fields.get("title", "")
    if len(title) > 300 or title.count(" ") >= 40:
        yield Violation(f"title of {len(title.split())} words {quote(title)}", field="title")


GENERIC_TITLES = frozenset(
    """issue brief|policy brief|report|introduction|editorial|abstract|contents|table of contents|front matter|
    back matter|preface|index|working paper|book review|review|conclusion|foreword|acknowledgements|appendix|
    references|bibliography|chapter|home|homepage|web page|website|pdf|full text|article|paper|news|press release|
    summary|executive summary|notes|overview|fact sheet|factsheet|data|dataset""".replace("\n", "").split("|")
)


@rule("generic-title", Severity.WARNING,
      screen=Screen(("title",), pattern=re.compile(r"\x00[^\x00\x01]{0,30}\x00")))
def generic_title(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Title is a generic word for a kind of document ("Issue Brief", "Editorial", "Introduction").

    Why: the heading of the page or section was taken for the work's title.

    Bad:  @article{k, title = {Issue Brief}, journal = {North Carolina Medical Journal}, year = 2020}
    Good: @article{k, title = {Medicaid Expansion in North Carolina}, journal = {North Carolina Medical Journal}, year = 2020}
    """
    title = entry.fields.get("title", "")
    if len(title) > 30:
        return
    title = comparable(title)
    if title in GENERIC_TITLES:
        yield Violation(f"generic title {entry.fields['title']!r}", field="title")


@rule("unbalanced-brackets", Severity.WARNING, screen=Screen(TITLE_FIELDS, ("(", ")", "[", "]", "“", "”")))
def unbalanced_brackets(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Parentheses, square brackets or quotation marks in a title do not pair up.

    Why: half a bracket or quotation is a sign of a cut or merged reference.

    Bad:  @article{k, title = {Human Rights in Pakistan (1947}, year = 1999}
    Good: @article{k, title = {Human Rights in Pakistan (1947--1999)}, year = 1999}
    """
    for name in TITLE_FIELDS:
        value = entry.fields.get(name)
        if not value:
            continue
        for left, right in (("(", ")"), ("[", "]"), ("“", "”")):
            if value.count(left) != value.count(right):
                yield Violation(f"unpaired {left}{right} in {name} {quote(value)}", field=name)
                break


_APOSTROPHE_S = re.compile(r"\w['’]S\b")
_SHOUTED_WORD = re.compile(r"\b[A-Z]{8,}\b")
# [A-Z][A-Z]{7}, not [A-Z]{8}: a pattern that starts with a character class (not a repeat
# of one) lets the regex engine skip ahead to the next capital.
_CAPITALS_RUN = re.compile(r"[A-Z][A-Z]{7}")


@rule("case-damage", Severity.WARNING, screen=Screen(
    ("title", "booktitle", "journal"), ("'S", "’S"), pattern=_CAPITALS_RUN))
def case_damage(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """Capitals in the wrong places: "India'S", or one long word in capitals ("PROMOTING").

    Why: title-casing tools capitalise the letter after an apostrophe, and PDF running
    heads leave shouted words inside normal titles; both print as typos.

    Bad:  @article{k, title = {Legitimacy of India'S Hegemonic Claims in South Asia}, year = 2020}
    Good: @article{k, title = {Legitimacy of India's Hegemonic Claims in South Asia}, year = 2020}
    """
    for name in ("title", "booktitle", "journal"):
        value = entry.fields.get(name)
        if not value:
            continue
        # Plain substring and run-of-capitals tests first: most values have neither.
        found = _APOSTROPHE_S.search(value) if "'S" in value or "’S" in value else None
        if not found and _CAPITALS_RUN.search(value):
            shouted = _SHOUTED_WORD.search(value)
            if shouted and not _letters(value).isupper():
                found = shouted
        if found:
            yield Violation(f"case damage {found.group(0)!r} in {name} {quote(value)}", field=name)
