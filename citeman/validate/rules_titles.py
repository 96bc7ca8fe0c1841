"""Rules about whether a title reads as a title: placeholders, repeats, capitals, fragments and cuts.

The characters may be clean and the title still wrong: a generic word for a kind of
document, a phrase given twice, the container's name, a fragment of the next line,
a date glued to the end, or two references run together.
"""


import re
from collections.abc import Iterator

from citeman.model import Entry
from citeman.validate.base import Context, Fix, FixAvailability, Severity, Violation, quote, rule
from citeman.validate.screen import Screen, trie_pattern
from citeman.validate.textutil import CONTAINER_FIELDS, MONTH_WORD, TITLE_FIELDS, comparable, plain

_PLACEHOLDER = re.compile(
    r"(?:no\s*title|untitled|title|tbd|tba|n/?a|none|unknown|null|\[?no title\]?|\?+|-+|anonymous|document|"
    r"microsoft word\b.*|untitled document|new document|title of the article)(?:\W.*)?",
    re.IGNORECASE,
)


_CAMEL = re.compile(r"[a-z]+[A-Z]")
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
