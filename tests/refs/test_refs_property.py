"""Hypothesis: the splitter never raises on arbitrary text and never loses text of the list."""

from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citeman.errors import InputError
from citeman.ingest.furniture import is_page_number, is_rule, is_whole_line_emphasis, line_key
from citeman.ingest.reflist import extract_reference_strings, find_reference_section
from citeman.paper.markup import clean_markup

# CITEMAN_HYPOTHESIS_EXAMPLES=2000 for a longer hunt than the default quick run.
SETTINGS = settings(max_examples=int(os.environ.get("CITEMAN_HYPOTHESIS_EXAMPLES", "150")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

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


@SETTINGS
@given(st.lists(st.one_of(LINE, LINE, LINE, EMPHASISED, st.just("12"), st.just("*Running Head*")), min_size=1, max_size=20),
       st.lists(st.booleans(), min_size=20, max_size=20))
def test_no_source_line_and_no_word_is_lost(lines: list[str], blanks: list[bool]) -> None:
    """Each line of the list is in exactly one reference or reported as removed; no word is dropped."""
    body: list[str] = []
    for line, blank in zip(lines, blanks):
        body.append(line)
        if blank:
            body.append("")
    source = ["Running Head", "", "References", ""] + body
    try:
        refs, diagnostics = extract_reference_strings("\n".join(source), "r.md")
    except InputError:
        # Only an empty list may fail: nothing but page numbers, rules, headers or markup.
        end = find_reference_section(source)[0].end
        assert all(not clean_markup(line) or is_rule(line) or is_page_number(line)
                   or line_key(line) == "running head" or is_whole_line_emphasis(line) for line in source[4:end])
        return
    lines_all = "\n".join(source).split("\n")
    section_end = find_reference_section(lines_all)[0].end  # a closing heading such as "Notes" ends it
    used = [n for r in refs for n in r.source_lines]
    assert used == sorted(set(used))
    reported = {d.line for d in diagnostics}
    assert all(d.code in ("R001", "R003") for d in diagnostics)
    for number, line in enumerate(source[4:section_end], 5):
        if clean_markup(line) and not is_rule(line):
            assert (number in used) != (number in reported), (number, line)
    for ref in refs:
        assert ref.raw.split("\n") == [source[n - 1].rstrip() for n in ref.source_lines]
        for word in re.findall(r"[A-Za-z0-9éü]+", ref.raw):
            assert word in ref.text or word == ref.number, (word, ref.raw)


URL = st.builds(lambda host, path: f"https://{host}.org/{path}",
                st.text(alphabet="abcdefghij", min_size=1, max_size=8),
                st.text(alphabet="abcdefghij0123456789_-./", min_size=0, max_size=20))


@SETTINGS
@given(URL, st.sampled_from(["{u}", "<{u}>", "[{u}]({u})", "[link]({u})", "*{u}*", "({u})"]), LINE)
def test_urls_survive_markup_cleaning(url: str, form: str, before: str) -> None:
    escaped = url.replace("_", "\\_") if form == "{u}" else url
    cleaned = clean_markup(f"{before} {form.format(u=escaped)}")
    assert url.rstrip(".") in cleaned
