"""Rules over the CRF's labels: what regular expressions and reference styles settle.

The CRF labels each token of a reference; these rules then correct what it gets wrong
in predictable ways. :func:`apply_identifier_rules` gives DOIs, URLs and ISBNs their
labels from their shape; :func:`apply_structure_rules` fixes the structure of
author-date (APA-like) references, where ``(2019).`` ends the names and starts the
title, uses ``*emphasis*`` as the container (or title) hint, and splits a container
glued to the title.
"""

from __future__ import annotations

import re

from citeman.ingest.tokens import Token
from citeman.names import is_particle
from citeman.normalize.dates import MONTH_MACROS
from citeman.normalize.identifiers import DOI_IN as _DOI_IN
from citeman.normalize.identifiers import ISBN_IN as _ISBN_IN
from citeman.normalize.identifiers import URL_IN as _URL_IN
from citeman.normalize.text import QUOTES as _QUOTES

_CLOSED = re.compile(r"[.,:;?!]$")
_DESCRIPTOR = re.compile(r"^\[[A-Z][^\[\]]*\][.,]?$")
_ISSUE_WORD_ONLY = re.compile(r"(?:issue|no|nr|number)\.?", re.I)
_LOWER_FULL_STOP = re.compile(r"[a-z)]\.$")
_VOL_WORD = re.compile(r"\(?(?:vol|volume)\.?", re.I)


def apply_identifier_rules(tokens: list[Token], labels: list[str]) -> list[str]:
    """Identifiers found by pattern override the CRF: they are unambiguous."""
    labels = list(labels)
    for i, tok in enumerate(tokens):
        word = tok.text
        if word[-1:] == ";" and i > 0 and labels[i] != "date" and labels[i - 1] == "date" \
                and word[:-1].isdigit() and len(word) <= 3:
            labels[i] = "date"  # the day in Vancouver's "2015 May 28;521(7553)"
            continue
        low = word.lower()
        if not ("10." in word or "http" in low or "www" in low or "vol" in low or "isbn" in low):
            continue
        if _DOI_IN.search(word) and ("doi" in word.lower() or _DOI_IN.match(word.lstrip("(<[")) or labels[i] != "url"):
            labels[i] = "doi"
            if i > 0 and tokens[i - 1].text.lower().rstrip(":") in ("doi", "doi.org", "https://doi.org/"):
                labels[i - 1] = "doi"
        elif _URL_IN.search(word):
            labels[i] = "url"
        elif labels[i] in ("note", "title", "container-title") and _VOL_WORD.fullmatch(word) \
                and i + 1 < len(tokens) and tokens[i + 1].text[:1].isdigit() \
                and (i == 0 or word[:1] == "(" or not tokens[i - 1].text[-1:].isalnum()):
            # "(Vol. 5, Issue 2)" after an APA container.
            j = i + 1
            labels[i] = labels[j] = "volume"
            while j + 2 < len(tokens) and _ISSUE_WORD_ONLY.fullmatch(tokens[j + 1].text):
                labels[j + 1] = labels[j + 2] = "volume"
                j += 2
        elif word.lower().rstrip(":") in ("isbn", "isbn-10", "isbn-13") and i + 1 < len(tokens):
            labels[i] = "isbn"
            if _ISBN_IN.search(tokens[i + 1].text):
                labels[i + 1] = "isbn"
    return labels


_APA_DATE = re.compile(r"^\((?:\d{4}[a-z]?|n\.\s?d\.)(?:,[^)]*)?\)[.,:]?$")
_APA_DATE_START = re.compile(r"^\((?:1[5-9]|20)\d\d[a-z]?,$")
_APA_DATE_END = re.compile(r"\)[.,:]?$")
_SENTENCE_END = re.compile(r"[.?!]$")
_IDENTIFIER_LABELS = {"doi", "url", "isbn"}


def _looks_like_title(words: list[str]) -> bool:
    """``Human Rights in Pakistan``: no commas or initials, and a lower-case word that is no particle."""
    if len(words) < 3 or any("," in w or "&" == w for w in words):
        return False
    if any(re.fullmatch(r"(?:[A-Z]\.)+", w.strip(":;")) for w in words):
        return False
    return any(w.islower() and w.isalpha() and not is_particle(w) for w in words[1:])


_EDITOR_MARKERS = {"ed.", "eds.", "edited", "ed", "eds", "hrsg.", "hg.", "éd.", "éds.", "(ed.)", "(eds.)"}


def _editors_start_at_role_word(words: list[str], labels: list[str]) -> None:
    """"In Culture, Society, and Menstruation, edited by V. Olesen": names follow the role word."""
    n = len(words)
    i = 0
    while i < n:
        if labels[i] != "editor":
            i += 1
            continue
        j = i
        while j < n and labels[j] == "editor":
            j += 1
        marker = next((k for k in range(i + 1, j) if words[k].lower() in _EDITOR_MARKERS), -1)
        # Only when names follow the marker: "Smith, J. (Ed.)" puts the role word last.
        if marker > i and marker + 1 < j and words[marker].lower() not in ("(ed.)", "(eds.)"):
            before = "container-title" if words[i] in ("In", "In:", "in") else (labels[i - 1] if i else "title")
            for k in range(i, marker):
                labels[k] = before
        i = j


def _place_starts_after_sentence_end(words: list[str], labels: list[str]) -> None:
    """"Scott, Bart. Edinburgh: Cadell", "(Munich: Ricordi": a place starts after a full stop or "("."""
    n = len(words)
    i = 1
    while i < n:
        if labels[i] != "location" or labels[i - 1] == "location":
            i += 1
            continue
        j = i
        while j < n and labels[j] == "location":
            j += 1
        cut = i
        for k in range(i, j - 1):
            core = words[k].strip(".,;:()")
            if words[k].endswith(".") and len(core) > 2 and not core.isupper():
                cut = k + 1
            elif words[k + 1].startswith("(") and words[k + 1][1:2].isupper():
                cut = k + 1
        for k in range(i, cut):
            labels[k] = labels[i - 1]
        i = j


def _end_names_at_et_al(words: list[str], labels: list[str]) -> None:
    """"Brim, Orville G. and others. Personality and ...": the names end at "and others."."""
    # ... and run up to it when the CRF cut them short ("Orville G." read as title words).
    if labels and labels[0] in ("author", "editor"):
        for i, word in enumerate(words[:8]):
            if i > 1 and word.lower() in ("others.", "al.", "al.,") and words[i - 1].lower() in ("and", "et"):
                if all(w[:1].isupper() or w.lower() in ("and", "&") for w in words[1:i - 1]):
                    labels[:i + 1] = [labels[0]] * (i + 1)
                break
    for i, word in enumerate(words[:-1]):
        if labels[i] in ("author", "editor") and word.lower() in ("others.", "al.", "al.,") \
                and labels[i + 1] == labels[i]:
            j = i + 1
            while j < len(words) and labels[j] == labels[i]:
                j += 1
            follow = labels[j] if j < len(words) else "title"
            for k in range(i + 1, j):
                labels[k] = follow
            return


def _complete_title_sentence(words: list[str], labels: list[str]) -> None:
    """A title cut mid-sentence runs on to the next full stop when a container follows that.

    "Finding “meaning” | in psychology: ... development. American Psychologist": the CRF
    started the container too early; the container is what follows the sentence end.
    """
    n = len(words)
    for i in range(1, n):
        if labels[i] in ("journal", "container-title") and labels[i - 1] == "title" \
                and not _CLOSED.search(words[i - 1].rstrip(_QUOTES)) and words[i] not in ("In", "In:"):
            j = i
            while j < n and labels[j] == labels[i] and not _SENTENCE_END.search(words[j].rstrip(_QUOTES)):
                j += 1
            if j + 1 < n and labels[j] == labels[i] and labels[j + 1] == labels[i] and words[j + 1][:1].isupper():
                for k in range(i, j + 1):
                    labels[k] = "title"
            return


def _month_after_title(words: list[str], labels: list[str]) -> None:
    """"(2020). India in its Neighborhood: Hegemonic Behavior? April.": a month name after the
    title's last sentence, with the year already read, is the rest of the date."""
    if "date" not in labels:
        return
    for i in range(1, len(words)):
        end = i + 1 == len(words) or labels[i + 1] != "title"
        if labels[i] == "title" and labels[i - 1] == "title" and end \
                and words[i].rstrip(".,;").lower() in MONTH_MACROS and len(words[i].rstrip(".,;")) > 3 \
                and _SENTENCE_END.search(words[i - 1].rstrip(_QUOTES)):
            labels[i] = "date"


def _book_title_before_imprint(labels: list[str]) -> None:
    """"Kahn ... Wiener. The Year 2000. New York: Macmillan": with no title, a "journal"
    directly followed by the place or publisher is the book's title."""
    if "title" in labels or "volume" in labels or "pages" in labels:
        return
    for i, label in enumerate(labels):
        if label == "journal":
            j = i
            while j < len(labels) and labels[j] == "journal":
                j += 1
            if j < len(labels) and labels[j] == "date" and "date" in labels[j + 1:]:
                j += 1  # "The Year 2000. New York: Macmillan, 1967.": the later date is the real one
            nxt = next((lab for lab in labels[j:] if lab != "date"), "")
            if nxt in ("location", "publisher"):
                for k in range(i, j):
                    labels[k] = "title"
            return


def _label_descriptors(words: list[str], labels: list[str]) -> None:
    """APA's bracketed descriptors after a title ("[Paper presentation]", "[Video]") are genres."""
    i = 0
    while i < len(words):
        if words[i].startswith("[") and i > 0 and labels[i - 1] == "title" and labels[i] not in _IDENTIFIER_LABELS:
            j = i
            while j < len(words) and "]" not in words[j] and j - i < 8:
                j += 1
            if j < len(words) and _DESCRIPTOR.match(" ".join(words[i:j + 1])) and "," not in " ".join(words[i:j + 1]):
                for k in range(i, j + 1):
                    labels[k] = "genre"
                i = j
        i += 1


def _apa_date_end(words: list[str], labels: list[str]) -> int:
    """Index of the last token of an author-date ``(2019).`` / ``(2012, January 16).``, or -1."""
    for i in range(1, len(words)):
        if labels[i] == "date" and labels[i - 1] in ("author", "editor"):
            if _APA_DATE.match(words[i]):
                return i
            if _APA_DATE_START.match(words[i]):
                j = i
                while j + 1 < len(words) and labels[j + 1] == "date" and ")" not in words[j]:
                    j += 1
                return j if _APA_DATE_END.search(words[j]) else -1
            return -1
    return -1


def apply_structure_rules(tokens: list[Token], labels: list[str], italic: list[bool] | None = None) -> list[str]:
    """Fix labels with what the shape of an author-date reference makes certain."""
    labels = list(labels)
    n = len(tokens)
    words = [t.text for t in tokens]
    # "Human Rights in Pakistan : (1999)." - a title read as a name (translators never open a
    # reference, so a leading "translator" is the same misreading).
    if "title" not in labels and labels and labels[0] in ("author", "translator"):
        end = next((i for i, lab in enumerate(labels) if lab != labels[0]), n)
        if _looks_like_title(words[:end]):
            labels[:end] = ["title"] * end
    # "D, P. H. P. (2022). ... Hegemony in Theoretical ...": a lower-case "in" inside a title
    # does not start a container.
    for i in range(1, n):
        if labels[i] == "container-title" and words[i] == "in" and labels[i - 1] == "title" \
                and not _CLOSED.search(words[i - 1].rstrip(_QUOTES)) and words[i - 1][-1:] not in _QUOTES:
            j = i
            while j < n and labels[j] == "container-title":
                labels[j] = "title"
                j += 1
    # APA: "Authors (2019). Title. ..." - whatever follows "(year)." up to the next full
    # stop is the title when the CRF found none.
    _label_descriptors(words, labels)
    _end_names_at_et_al(words, labels)
    _editors_start_at_role_word(words, labels)
    _place_starts_after_sentence_end(words, labels)
    _complete_title_sentence(words, labels)
    _month_after_title(words, labels)
    _book_title_before_imprint(labels)
    apa_date = _apa_date_end(words, labels)
    if italic and apa_date >= 0 and any(italic):
        labels = _apply_italics(words, labels, italic, apa_date)
    if "title" not in labels and 0 <= apa_date < n - 1:
        rescued = list(labels)
        j = apa_date + 1
        while j < n and labels[j] not in _IDENTIFIER_LABELS:
            rescued[j] = "title"
            # A question inside a title ("Reluctant Link? India, the Quad, ...") does not end
            # it when the same unlabelled run goes on to a full stop.
            if words[j].endswith(".") or (_SENTENCE_END.search(words[j]) and not any(
                    w.endswith(".") for w, lab in zip(words[j + 1:], labels[j + 1:]) if lab == labels[j])):
                break
            j += 1
        labels = rescued
        if j + 1 < n and labels[j + 1] == "note":
            labels = _note_as_container(words, labels, j + 1)
    elif apa_date >= 0 and not (italic and any(italic)) and "journal" not in labels \
            and "container-title" not in labels:
        labels = _split_trailing_container(words, labels)
    if apa_date >= 0:
        labels = _apa_tail(words, labels, apa_date)
    return labels


_CONNECTORS = {"and", "&", "of", "for", "in", "on", "the", "und", "de"}
_OPEN_END = re.compile(r"[.,:;?!)\]]$")


def _apa_tail(words: list[str], labels: list[str], date: int) -> list[str]:
    """Tidy the part after an APA title: "Journal and More, April, 38." and its kin."""
    labels = list(labels)
    n = len(words)
    for i in range(date + 2, n):
        # A journal that runs on without punctuation after a title is still the title
        # ("Dynamics ( JHD ) Multidimensional Challenges ... Pakistan. 02(1), 1-8.").
        if labels[i] == "journal" and labels[i - 1] == "title" \
                and not _CLOSED.search(words[i - 1].rstrip(_QUOTES)) and words[i - 1][-1:] not in _QUOTES:
            j = i
            while j < n and labels[j] == "journal":
                labels[j] = "title"
                j += 1
        # "Information Technology and Innovation Foundation,": a note that continues a name.
        if labels[i] == "note" and labels[i - 1] in ("journal", "container-title") \
                and not _OPEN_END.search(words[i - 1]) and words[i].lower() in _CONNECTORS:
            j = i
            while j < n and labels[j] == "note":
                labels[j] = labels[i - 1]
                if _OPEN_END.search(words[j]):
                    break
                j += 1
    last_title = max((i for i, lab in enumerate(labels) if lab == "title"), default=-1)
    if last_title < 0:
        return labels
    notes = [i for i in range(last_title + 1, n) if labels[i] == "note"]
    for i in notes:
        core = words[i].strip(".,;:()").lower()
        if core in MONTH_MACROS and core not in ("may", "mar") or core in ("may", "mar") and words[i][:1].isupper():
            labels[i] = "date"
        elif i == notes[-1] and re.fullmatch(r"\d+(?:[-–]\d+)?[.,]?", words[i]) and labels[i - 1] in ("note", "date"):
            labels[i] = "pages"
    return labels


def _note_as_container(words: list[str], labels: list[str], start: int) -> list[str]:
    """After a rescued APA title, a short capitalised sentence without digits is the journal."""
    end = start
    while end < len(words) and labels[end] == "note" and not words[end].endswith("."):
        end += 1
    if end >= len(words) or labels[end] != "note":
        return labels
    run = words[start:end + 1]
    if len(run) > 8 or not run[0][:1].isupper() or any(ch.isdigit() for w in run for ch in w) \
            or any(":" in w for w in run):
        return labels
    labels = list(labels)
    for k in range(start, end + 1):
        labels[k] = "journal"
    return labels


def _split_trailing_container(words: list[str], labels: list[str]) -> list[str]:
    """APA without italics: "Title words. Journal Name." read as one title is split in two.

    Only a short last sentence without a colon after a sentence that ends in a
    lower-case word counts, so "U.S." or subtitles with colons are left alone.
    """
    idx = [i for i, lab in enumerate(labels) if lab == "title"]
    if not idx or idx[-1] - idx[0] + 1 != len(idx) or {"publisher", "location", "translator"} & set(labels):
        return labels
    first, last = idx[0], idx[-1]
    cut = -1
    for i in range(first + 2, last):
        if _LOWER_FULL_STOP.search(words[i]) and words[i + 1][:1].isupper() \
                and words[i].lower() not in ("vs.", "etc.", "ed.", "eds.", "no.", "vol.", "pp.", "cf.", "al.", "trad.", "transl."):
            cut = i
    if cut < 0:
        return labels
    tail = words[cut + 1:last + 1]
    if len(tail) > 8 or any(":" in w for w in tail) or words[last].endswith("?"):
        return labels
    labels = list(labels)
    for k in range(cut + 1, last + 1):
        labels[k] = "journal"
    return labels


def _apply_italics(words: list[str], labels: list[str], italic: list[bool], date: int) -> list[str]:
    """APA sets the container (or, with no container, the title) in italics."""
    n = len(words)
    start = next((i for i in range(date + 1, n) if italic[i]), -1)
    if start < 0:
        return labels
    end = start
    while end + 1 < n and italic[end + 1]:
        end += 1
    if any(labels[k] in _IDENTIFIER_LABELS for k in range(start, end + 1)):
        return labels
    before = list(range(date + 1, start))
    lead_in = bool(before) and words[before[-1]].lower().rstrip(":") in ("in", "en")
    if lead_in:
        before = before[:-1]
    if before:
        for k in before:
            if labels[k] not in _IDENTIFIER_LABELS:
                labels[k] = "title"
        container = "container-title" if lead_in else "journal"
        for k in range(start, end + 1):
            labels[k] = container
        if lead_in:
            labels[start - 1] = container
    else:
        for k in range(start, end + 1):
            labels[k] = "title"
    return labels
