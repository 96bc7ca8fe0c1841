"""Screens and layout verdicts only skip work: batched findings equal entry-by-entry findings.

A screen that held back an entry its rule would report would hide a real problem,
so these tests compare the batch linter (screens on) with ``check_entry`` (no
screens) on real references, on every rule's examples and on generated entries full
of the characters and words the rules look for.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citeman.ingest.parser import parse_references
from citeman.io.bibtex import dumps_bib
from citeman.validate import lint
from citeman.validate.base import Context
from citeman.io.fastread import parse_fast
from citeman.validate.dedupe import _BARE_DOI
from citeman.validate.registry import ALL_RULES
from citeman.normalize.identifiers import normalize_doi as clean_doi
from citeman.validate.rules_syntax import _unescaped_depth
from citeman.validate.rules_text import _RESIDUE, _SPACE_BEFORE, _find_residue, _fix_spacing
from citeman.validate.screen import trie_pattern

ROOT = Path(__file__).resolve().parents[2]
ANYSTYLE = ROOT.parent / "shared" / "data" / "anystyle" / "gold.xml"
CTX = Context(today=dt.date(2026, 1, 1))
RULES = lint._entry_rules(ALL_RULES)


def _rows(findings):
    return [(f.diagnostic.code, f.diagnostic.key, f.diagnostic.line, f.diagnostic.field, f.diagnostic.message,
             f.diagnostic.fixable) for f in findings]


def _assert_screens_change_nothing(text: str) -> int:
    entries = parse_fast(text, "s.bib")[0].entries
    one_by_one = [f for e in entries for f in lint.check_entry(e, RULES, CTX, "s.bib")]
    batched = []
    for start in range(0, len(entries), lint.BATCH_ENTRIES):
        batch = entries[start : start + lint.BATCH_ENTRIES]
        batched += lint.check_batch(batch, RULES, CTX, "s.bib", [[] for _ in batch], {})
    assert _rows(batched) == _rows(one_by_one)
    return len(one_by_one)


def test_screens_on_the_project_files_and_every_rule_example():
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "bib").glob("*.bib"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests").rglob("*.bib"))]
    texts += [f"{bad}\n{good}" for bad, good in (rule.examples() for rule in ALL_RULES)]
    assert _assert_screens_change_nothing("\n\n".join(texts)) > 150


@pytest.mark.skipif(not ANYSTYLE.exists(), reason="AnyStyle data not available")
def test_screens_on_parsed_real_references():
    sequences = re.findall(r"<sequence>(.*?)</sequence>", ANYSTYLE.read_text(encoding="utf-8"), re.S)
    strings = [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", s)).split()) for s in sequences[:700]]
    library, _ = parse_references(strings, "gold")
    assert _assert_screens_change_nothing(dumps_bib(library)) > 100


TRIGGER_WORDS = [
    " ", "  ", "\t", ",", " ,", " .", " ?", "( ", " )", "' s", "’ s", "'S", "{", "}", "\\&", "&", "%", "#", "$", "-",
    "--", "–", "—", "- ", "(", ")", "[", "]", "“", "”", "*", "**", "<i>", "](http://x.org)", "0", "007", "72", "2020",
    "4392", "1999", "12(3)", "Vol. 3", "no. 4", "pp. 5", "March", "{M}arch", "Spring", "sept", "of", "and", "the",
    "The", "on", "a", "an", "Untitled", "No Title", "n/a", "title", "null", "None", "TBA", "Unknown", "anonymous",
    "Document", "Microsoft Word - x", "Stable URL", "Author(s):", "JSTOR", "ISSN",
    "doi:", "doi.org/", "https://", "http://www.jstor.org/stable/", "10.1080/0140.2021.199", "www.", "©",
    "INSTABILITY", "SECURITY", "Security", "Insecurity", "Issn", "University", "Ministry", "et al", "al",
    "Hegemonic", "Instability", "India", "ы", "Ã©", "é", "İ", "ı", "ſ", "\u212a", "x", "Q", "J.", "A. B.",
]
WORDS = st.sampled_from(TRIGGER_WORDS)
VALUE = st.lists(WORDS, max_size=9).map("".join)
FIELD_NAMES = ("title", "booktitle", "journal", "series", "publisher", "note", "address", "year", "month", "date",
               "pages", "volume", "number", "issue", "doi", "url", "isbn", "issn", "abstract", "rawref", "edition")
PEOPLE = ["Smith, J.", "Smith, John", "John Smith", "SMITH, J.", "J. Smith", "Issn, E.", "March, A.", "{World Bank}",
          "de la Cruz, M.", "smith, j", "Q", "et al.", "others", "O'B, C", "Security, X.", "ÉD, F.", "Smith, J.",
          "B. C. D.", "Ministry of Defence", "NATO"]
NAME = st.lists(st.sampled_from(PEOPLE), max_size=4)


@st.composite
def bib_entry(draw, index: int = 0) -> str:
    kind = draw(st.sampled_from(["article", "book", "misc", "incollection", "inproceedings", "thesis", "online",
                                 "artcle", "techreport"]))
    names = draw(st.lists(st.sampled_from(FIELD_NAMES), unique=True, max_size=8))
    lines = [f"@{kind}{{k{index},"]
    for role in draw(st.lists(st.sampled_from(["author", "editor"]), unique=True, max_size=2)):
        lines.append(f"  {role} = {{{' and '.join(draw(NAME))}}},")
    for name in names:
        value = draw(VALUE).replace("{", "").replace("}", "") if draw(st.booleans()) else draw(VALUE)
        lines.append(f"  {name} = {{{value}}},")
    return "\n".join(lines) + "\n}\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(bib_entry(), min_size=1, max_size=12))
def test_screens_on_generated_entries(entries):
    text = "\n".join(re.sub(r"^@(\w+)\{k0,", lambda m: f"@{m.group(1)}{{k{i},", e) for i, e in enumerate(entries))
    _assert_screens_change_nothing(text)


def test_screens_on_every_trigger_word_in_every_field():
    words = [w for w in TRIGGER_WORDS if "{" not in w and "}" not in w]
    people = PEOPLE
    entries = []
    # Each word alone, and followed by what most often changes a verdict.
    tails = ["", " ", "  ", "\t", ",", " ,", ".", " ?", "-", "--", "—", "0", "07", "2020", "s", "x", "of", "March"]
    for i, first in enumerate(words):
        for j, second in enumerate(tails):
            value = first + second
            fields = "".join(f"  {name} = {{{value}}},\n" for name in FIELD_NAMES)
            person = f"{people[(i + j) % len(people)]} and {people[(i * j) % len(people)]}"
            entries.append(f"@article{{k{i}x{j},\n  author = {{{person}}},\n{fields}}}\n")
    assert _assert_screens_change_nothing("\n".join(entries)) > 1000


@pytest.mark.parametrize("end", ["of", " of", "{ }of", "{of}", " {o}f", "\\{of", "x{}of", "China", " a", "Asia", " an",
                                 "Corridor", " or", " {Or}", "1of", "_of", "é of", "éof", " the", "the", ":", " &"])
def test_cut_off_ends_need_a_word_start(end):
    # T017 and T012 report "... of" but not "...Xof": their screen must agree on every spelling.
    text = "".join(f"@article{{k{i}, title = {{{head}{end}}}, journal = {{{head}{end}}}, year = 2020}}\n"
                   for i, head in enumerate(["Security", "Security ", "{S}", ""]))
    _assert_screens_change_nothing(text)


def test_text_with_the_framing_characters_is_not_screened():
    # \x01 separates frames: T010's screen would not see twelve capitals across it.
    text = "@article{k1, title = {ABCD EFGH\x01IJKL MNOP}, journal = {J}, year = 2020}\n"
    assert "T010" in {f.diagnostic.code for f in lint.check_batch(
        parse_fast(text, "s.bib")[0].entries, RULES, CTX, "s.bib", [[]], {})}


def test_a_file_with_the_framing_characters_is_not_screened(tmp_path):
    path = tmp_path / "s.bib"
    path.write_text("@article{k0, title = {Fine}, year = 2020}\n" * 300
                    + "@article{k1, title = {ABCD EFGH\x01IJKL MNOP}, journal = {J}, year = 2020}\n", encoding="utf-8")
    assert "T010" in {f.diagnostic.code for f in lint.lint_paths([str(path)], ctx=CTX, jobs=1).findings}


READABLE_SPACE_BEFORE = re.compile(
    r"(?<=\S)\s+([,.;:?!)\]])(?!\d)|([(\[])\s+(?=\S)|(?<=\w)\s+(['’])\s*(?=s\b)|(?<=\w)(['’])\s+(?=s\b)")
TEXT = st.lists(WORDS | st.text(max_size=3) | st.sampled_from(["\\", "\\{", "{", "}"]), max_size=14).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_fast_patterns_match_like_their_readable_forms(text):
    assert [m.span() for m in _SPACE_BEFORE.finditer(text)] == [m.span() for m in READABLE_SPACE_BEFORE.finditer(text)]
    expected = _RESIDUE.search(text)
    found = _find_residue(text)
    assert (found.span() if found else None) == (expected.span() if expected else None)
    for doi in (text, "10." + text, "10.1080/" + text):
        if _BARE_DOI.fullmatch(doi):  # the duplicate finder skips cleaning such DOIs
            assert clean_doi(doi) == doi
    assert _fix_spacing(text) == READABLE_SPACE_BEFORE.sub(lambda m: next(g for g in m.groups() if g), text)
    assert _unescaped_depth(text) == _readable_depth(text)


def _readable_depth(value: str) -> int:
    depth = 0
    for i, char in enumerate(value):
        if i and value[i - 1] == "\\":
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                return -1
    return depth


def test_trie_pattern_matches_exactly_its_words():
    words = ["a", "ab", "abc", "b", "issn", "is", "no.", "c++"]
    pattern = re.compile(trie_pattern(words))
    for word in words:
        assert pattern.fullmatch(word)
    for other in ["", "i", "abcd", "iss", "no", "c+", "ba"]:
        assert not pattern.fullmatch(other)


TRIE_WORDS = ["of", "on", "or", "a", "an", "and", "the", "fo", "rof", "march", "may", "mar", "c++"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(TRIE_WORDS + ["{", "}", "x", " ", "M", "A"]), max_size=8).map("".join))
def test_trie_pattern_with_a_separator_finds_what_the_plain_alternation_finds(text):
    between = "[{}]*"
    trie = re.compile(trie_pattern(TRIE_WORDS, between) + r"(?!\w)", re.IGNORECASE)
    alternation = re.compile("(?:" + "|".join(between.join(re.escape(c) for c in w) for w in TRIE_WORDS) + r")(?!\w)",
                             re.IGNORECASE)
    for start in range(len(text) + 1):
        assert (trie.match(text, start) is None) == (alternation.match(text, start) is None)


IDENTIFIER = st.lists(st.sampled_from(list("./_:;()-/a ") + ["2019", "1949", "1080", "10.", "19", "20", "12",
                                                             "\u0662\u0660\u0661\u0669"]), max_size=9).map("".join)


@settings(max_examples=500, deadline=None)
@given(IDENTIFIER)
def test_y005_screens_pass_every_year_the_rule_reads(value):
    from citeman.validate.rules_dates import _DOI_WITH_YEAR, _URL_WITH_DATE
    from citeman.validate.textutil import doi_year, url_date

    framed = "\x00" + value + "\x00"
    if doi_year(value):
        assert _DOI_WITH_YEAR.pattern.search(framed)
    if url_date(value)[0]:
        assert _URL_WITH_DATE.pattern.search(framed)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["Smith", "J.", " ", "\u00e9", "\u0662", "\u00b2", "7", "(", "#", "-", "x"]),
                max_size=6).map("".join))
def test_n009_screen_passes_exactly_the_names_with_a_bad_character(name):
    from citeman.validate.rules_names import _BAD_CHARS, non_name_characters
    from citeman.validate.screen import _Segment

    hits: set[int] = set()
    _Segment(["\x00" + name + "\x00"], None, framed=False).search(non_name_characters.screen, hits)
    assert bool(hits) == bool(_BAD_CHARS.search(name))


URL_PIECES = st.sampled_from(["https://", "http://", "ftp://", "www.", "x.org", "DOI.org", "doi.org", "/", "//", "stable",
                              "?", "#", "\\#", "\\_", "a", ".", ",", " ", "<", ">", "[l](", ")", "10.1/x", "%2F", "?q=/a/b"])


URLS = st.builds(lambda lead, scheme, host, path, tail: lead + scheme + host + path + tail,
                 st.sampled_from(["", " ", "<", "[link]("]), st.sampled_from(["https://", "http://", "ftp://", ""]),
                 st.sampled_from(["x.org", "www.jstor.org", "DX.DOI.ORG", "doi.org", "x"]),
                 st.lists(st.sampled_from(["/", "stable", "doi", "abs", "10.1", "x", "\\_", "\\#", "."]), max_size=6)
                 .map("".join),
                 st.sampled_from(["", "/", "?q=/a/b/c", "#/a/b", ".", ")", ">", "?"]))


@settings(max_examples=800, deadline=None)
@given(st.lists(URL_PIECES, max_size=9).map("".join) | URLS)
def test_i004_screen_passes_every_url_the_rule_reports(url):
    from citeman.model import Entry
    from citeman.validate.rules_ids import _SHORT_URL, incomplete_url
    from citeman.validate.screen import _Segment

    if not list(incomplete_url.check(Entry("k", "misc", {"url": url}), CTX)):
        return
    hits: set[int] = set()
    _Segment([url], [0], framed=True).lowered().search(_SHORT_URL, hits)
    assert hits == {0}


@pytest.mark.parametrize("url,invalid", [("https://www.[l](", True), ("https://x.[1]/a", True), ("http://[::1]/x", False),
                                         ("https://x.org/a[1]", False), ("https://www.jstor.org/stable/123", False)])
def test_i003_brackets_belong_only_around_an_ipv6_host(url, invalid):
    from citeman.validate.lint import lint_text

    codes = {f.diagnostic.code for f in lint_text(f"@misc{{k, title = {{A title}}, year = 2020, url = {{{url}}}}}")}
    assert ("I003" in codes) == invalid
    _assert_screens_change_nothing(f"@misc{{k, title = {{A title}}, year = 2020, url = {{{url}}}}}\n")
