"""Hypothesis: the splitter never raises on arbitrary text and never loses text of the list."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citeman.errors import InputError
from citeman.ingest.furniture import clean_markup, find_furniture, is_page_number, is_rule
from citeman.ingest.reflist import END_NAMES, HEADING_NAMES, extract_reference_strings, is_subheading

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789éü", min_size=1, max_size=9)
PUNCT = st.sampled_from([" ", " ", " ", ", ", ". ", " (2019). ", ": ", " & ", " *", "* ", " [1] ", " 12(3), 4–5. ",
                         " https://doi.org/10.1/x_y ", " <https://a.org/b> ", " \\_ ", " _", "_ ", " — "])
LINE = st.lists(st.one_of(WORD, PUNCT), min_size=1, max_size=14).map("".join)
EMPHASISED = LINE.map(lambda line: f"*{line.strip()}*")
LINES = st.lists(st.one_of(LINE, st.just(""), st.just("## Notes"), st.just("12"), st.just("***Title***")),
                 min_size=1, max_size=25)


@SETTINGS
@given(st.text(max_size=600))
def test_never_raises_on_arbitrary_text(text: str) -> None:
    try:
        refs, _ = extract_reference_strings(text, "any.txt")
    except InputError as err:
        assert err.path == "any.txt"
        return
    assert refs and all(r.text or r.raw for r in refs)


@SETTINGS
@given(LINES)
def test_never_raises_on_reference_like_text(lines: list[str]) -> None:
    try:
        extract_reference_strings("\n".join(["References", ""] + lines), "r.md")
    except InputError:
        pass


def _kept_lines(text: str) -> list[str]:
    """Lines of the section the splitter must keep: not blank, furniture, page numbers or headings."""
    lines = text.split("\n")
    furniture = find_furniture(lines, set(HEADING_NAMES) | set(END_NAMES))
    return [line for i, line in enumerate(lines[2:], 2)
            if clean_markup(line) and i not in furniture and not is_page_number(line) and not is_rule(line)
            and not is_subheading(line, 7)]


@SETTINGS
@given(st.lists(st.one_of(LINE, LINE, LINE, EMPHASISED), min_size=1, max_size=20), st.lists(st.booleans(), min_size=20, max_size=20))
def test_no_source_line_and_no_word_is_lost(lines: list[str], blanks: list[bool]) -> None:
    body: list[str] = []
    for line, blank in zip(lines, blanks):
        body.append(line)
        if blank:
            body.append("")
    text = "\n".join(["References", ""] + body)
    try:
        refs, _ = extract_reference_strings(text, "r.md")
    except InputError:
        assert not any(re.search(r"\w", line) for line in _kept_lines(text))
        return
    kept = _kept_lines(text)
    raw_lines = [line for r in refs for line in r.raw.split("\n")]
    # Every kept source line is in exactly one reference, in order.
    assert raw_lines == [line.rstrip() for line in kept]
    words = " ".join(r.text for r in refs)
    for line in kept:
        for word in re.findall(r"[A-Za-z0-9éü]+", line):
            assert word in words, (word, line)
