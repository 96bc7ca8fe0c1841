"""Formatted bibliographies and citations through pandoc: goldens per style and format."""

from __future__ import annotations

import pytest

from citeman.errors import UsageError
from citeman.export import expanded_entries, read_libraries
from citeman.model import Entry, Person
from citeman.render.csl import (
    capitalise_leading_term,
    format_entries,
    protect_stop_words,
    render_bibliography,
    render_citation_clusters,
    render_citations,
)

from render_helpers import FIXTURE_BIB, GOLDEN, assert_golden

STYLES = ["apa", "chicago-author-date", "mla", "ieee", "harvard", "vancouver"]


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    library, _ = read_libraries([FIXTURE_BIB])
    return expanded_entries(library)


def _as_text(pairs: list[tuple[str, str]]) -> str:
    return "".join(f"[{key}]\n{text}\n\n" for key, text in pairs)


@pytest.mark.parametrize("style", STYLES)
def test_golden_text_per_style(entries, style):
    pairs = render_bibliography(entries, style, "text")
    assert sorted(k for k, _ in pairs) == sorted(e.key for e in entries)
    assert_golden(_as_text(pairs), GOLDEN / f"library.{style}.txt")


@pytest.mark.parametrize("fmt,suffix", [("markdown", "md"), ("html", "html"), ("latex", "tex")])
def test_golden_apa_formats(entries, fmt, suffix):
    assert_golden(_as_text(render_bibliography(entries, "apa", fmt)), GOLDEN / f"library.apa.{suffix}")


def test_format_entries_maps_every_key(entries):
    formatted = format_entries(entries, "apa")
    assert set(formatted) == {e.key for e in entries}
    assert formatted["knuth1984texbook"].startswith("Knuth, D. E. (1984). *The TeXbook*")


def test_markdown_escapes_hostile_titles():
    entry = Entry("x", "book", {"title": "<script>alert(1)</script> and [link](http://evil)", "year": "2020"},
                  persons={"author": [Person(family="Doe", given="J.")]})
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").render(format_entries([entry], "apa", "markdown")["x"])
    assert "<script" not in rendered
    assert "href" not in rendered
    assert "[link](http://evil)" in rendered  # shown as text
    html = format_entries([entry], "apa", "html")["x"]
    assert "<script>" not in html


def test_citations_disambiguate_against_all_entries():
    same = [Entry(f"s{i}", "book", {"title": f"Book {t}", "year": "2020", "publisher": "P"},
                  persons={"author": [Person(family="Smith", given="Jane")]}) for i, t in enumerate("BA")]
    assert render_citation_clusters(same, [["s0"], ["s1"]], "apa") == ["(Smith, 2020b)", "(Smith, 2020a)"]
    assert render_citations(same, ["s1"], "apa") == "(Smith, 2020a)"


def test_note_style_citation_is_the_note_text(entries):
    text = render_citations(entries, ["knuth1984texbook"], "chicago-notes-bibliography")
    assert text.startswith("Donald E. Knuth, The TeXbook")


def test_unknown_key_and_style_are_usage_errors(entries):
    with pytest.raises(UsageError, match="unknown key 'nope'"):
        render_citations(entries, ["nope"], "apa")
    with pytest.raises(UsageError, match="unknown style"):
        render_bibliography(entries, "no-such-style")
    with pytest.raises(UsageError, match="unknown format"):
        render_bibliography(entries, "apa", "docx")


def test_empty_bibliography():
    assert render_bibliography([], "apa") == []


def test_duplicate_keys_render_once():
    entry = Entry("d", "book", {"title": "T", "year": "2001"})
    assert len(render_bibliography([entry, entry], "apa")) == 1


@pytest.mark.parametrize(
    "title,expected",
    [
        ("Decision under risk", 'Decision <span class="nocase">under</span> risk'),
        ("Under the sea", "Under the sea"),
        ("What lies under", "What lies under"),
        ("Alpha: under beta", "Alpha: under beta"),
        ("Alpha under-water", "Alpha under-water"),
        ('A <span class="nocase">DNA</span> study', 'A <span class="nocase">DNA</span> study'),
    ],
)
def test_protect_stop_words(title, expected):
    assert protect_stop_words(title) == expected


def test_stop_word_fix_reaches_the_output():
    entry = Entry("k", "article", {"title": "Prospect theory: An analysis of decision under risk", "year": "1979",
                                   "journal": "Econometrica"}, persons={"author": [Person(family="Kahneman", given="D.")]})
    [(_, text)] = render_bibliography([entry], "chicago-author-date")
    assert "Decision under Risk" in text


def test_capitalise_leading_term():
    assert capitalise_leading_term("(no date). Firstpost.") == "(No date). Firstpost."
    assert capitalise_leading_term("bell hooks. 2000.") == "bell hooks. 2000."


def test_identifier_with_letters_and_hyphen_is_not_a_range():
    entry = Entry("n", "article", {"title": "Apollo 11 mission report", "journal": "NASA Technical Reports",
                                   "number": "MSC-00171", "year": "1969"}, persons={"author": [Person(literal="NASA")]})
    [(_, ieee)] = render_bibliography([entry], "ieee")
    assert "no. MSC-00171," in ieee
    [(_, chicago)] = render_bibliography([entry], "chicago-author-date")
    assert "no. MSC-00171." in chicago


@pytest.mark.parametrize(
    "style,expected",
    [
        ("ieee", "“Computing machinery and intelligence?,” Mind"),
        ("apa", "Computing machinery and intelligence? Mind"),
        ("chicago-author-date", "“Computing Machinery and Intelligence?” Mind"),
    ],
)
def test_title_ending_in_question_mark(style, expected):
    entry = Entry("t", "article", {"title": "Computing machinery and intelligence?", "journal": "Mind",
                                   "volume": "59", "year": "1950"}, persons={"author": [Person(family="Turing", given="A. M.")]})
    [(_, text)] = render_bibliography([entry], style)
    assert expected in text
    assert "\ue001" not in text


def test_prepare_item_fixes():
    from citeman.render.csl import prepare_item

    item = prepare_item({"issue": "2-3", "volume": "12", "number": "MSC-00171", "title": "Comm. of the ACM",
                         "author": [{"family": "Beauvois", "given": "J.-L."}, {"family": "Sartre", "given": "Jean-Paul"}]},
                        keeps_initials=True)
    assert item["issue"] == "2–3"
    assert item["volume"] == "12"
    assert item["number"] == "MSC\ue00000171"
    assert item["title"] == 'Comm. <span class="nocase">of</span> the ACM'
    assert [a["given"] for a in item["author"]] == ["J. L.", "Jean-Paul"]
    untouched = prepare_item({"author": [{"family": "Beauvois", "given": "J.-L."}]})
    assert untouched["author"][0]["given"] == "J.-L."


def test_hyphenated_initials_follow_the_style():
    entry = Entry("b", "book", {"title": "Perspectives", "year": "1991", "publisher": "DelVal"},
                  persons={"author": [Person(family="Beauvois", given="J.-L.")]})
    assert render_bibliography([entry], "apa")[0][1].startswith("Beauvois, J.-L. (1991)")
    assert render_bibliography([entry], "chicago-author-date")[0][1].startswith("Beauvois, J. L. 1991.")


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "latex"])
def test_entries_that_render_empty_keep_their_neighbours_apart(fmt):
    entries = [Entry("e", "misc", {}), Entry("f", "article", {"title": "T"}), Entry("g", "misc", {}), Entry("h", "misc", {})]
    rendered = dict(render_bibliography(entries, "mla", fmt))
    assert set(rendered) == {"e", "f", "g", "h"}
    assert rendered["e"] == rendered["g"] == rendered["h"] == ""
    assert "T" in rendered["f"] and "CITEMAN" not in rendered["f"]


def test_ieee_prints_online_before_available_like_citeproc_js():
    from citeman.model import Entry, Person
    from citeman.render.csl import render_bibliography

    entry = Entry("k", "article", {"title": "T", "journal": "J", "volume": "35", "year": "2015", "url": "http://x.org/a.pdf"},
                  {"author": [Person("Bukhari", "S.")]})
    (_key, text), = render_bibliography([entry], "ieee", "text")
    assert "2015, [Online]. Available: http://x.org/a.pdf" in text
    (_key, apa), = render_bibliography([entry], "apa", "text")
    assert "[Online]" not in apa
