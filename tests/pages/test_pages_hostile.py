"""Entries written to attack the pages: their text must come out as text, their keys as plain file names."""

from __future__ import annotations

import re

import pytest

from citeman.model import Diagnostic, Entry, Person
from citeman.render.page_templates import LIQUID_RAW_CLOSE, LIQUID_RAW_OPEN
from citeman.render.pages import PLOTS_PAGE, generate_pages, render_pages

from pagetools import broken_links, collect, render_html, text_of

SCRIPT = "<script>alert('x')</script>"
LINK = "[click me](javascript:alert(1))"


def hostile_entries() -> list[Entry]:
    return [
        Entry(
            key="../../x",
            type="article",
            fields={
                "title": f"Attack {SCRIPT} and {LINK} and *emphasis*",
                "journal": "<img src=x onerror=alert(1)>",
                "year": "2020",
                "url": "javascript:alert(document.cookie)",
                "doi": "javascript:alert(1)//10.1000/x",
                "keywords": f"{SCRIPT}, [k](javascript:alert(2)), ../../etc",
                "annotation": "# Not a heading\n\n- not a list\n\n{{ site.github }} {% endraw %} <iframe src=x>",
                "abstract": "```\ncode fence\n```\n\n> quote",
            },
            persons={"author": [Person(family="<b>Bold</b>", given="[Evil](javascript:alert(3))"), Person(literal="../../Org")]},
        ),
        Entry(key="Müller 2020 ü", type="book", fields={"title": "Ünïcödé key", "year": "2020", "publisher": "P"},
              persons={"author": [Person(family="Müller", given="Jörg")]}),
        Entry(key="x", type="book", fields={"title": "Plain x", "year": "2019", "publisher": "P"},
              persons={"author": [Person(family="Plain", given="X")]}),
        Entry(key="X", type="book", fields={"title": "Upper X", "year": "2019", "publisher": "P"},
              persons={"author": [Person(family="Plain", given="X")]}),
        Entry(key="con", type="weird-type!<b>", fields={"title": "Reserved name", "year": "2018"}),
        Entry(key="index", type="misc", fields={"title": "Named index"}),
    ]


VALIDATION = {"../../x": [Diagnostic("E001", "error", f"bad title {SCRIPT}", key="../../x", field="title<script>")]}


@pytest.fixture(scope="module")
def site():
    return generate_pages(hostile_entries(), validation=VALIDATION, citations={"../../x": []})


def test_file_names_are_plain_and_stay_in_their_folders(site):
    for name in site:
        assert re.fullmatch(r"(index|by-year|by-type|plots|(entries|authors|keywords)/[a-z0-9]+(-[a-z0-9]+)*)\.md", name), name
    assert "entries/x.md" in site  # the plain key keeps its name ...
    others = [n for n in site if n.startswith("entries/x-")]
    assert len(others) == 2  # ... "../../x" and "X" get distinct, hashed names
    assert "entries/con-entry.md" in site and "entries/index-entry.md" in site
    assert "entries/muller-2020-u.md" in site


def test_no_page_renders_html_or_scripts_from_entry_text(site):
    for name, text in site.items():
        without_guards = re.sub(r"<!--.*?-->", "", text)
        if name == PLOTS_PAGE:  # its images are the plots citeman drew, with citeman's own captions
            without_guards = re.sub(r"!\[[A-Za-z, ]+\]\(plots/[a-z-]+\.svg\)", "", without_guards)
        tags = set(collect(without_guards).tags)
        assert not tags & {"script", "img", "iframe", "b"}, name
        assert "<script" not in render_html(without_guards), name
        for href in collect(text).hrefs:
            assert re.match(r"https?://|[a-z0-9./-]+\.md(#[a-z0-9-]+)?$|#[a-z0-9-]+$", href), (name, href)


def test_hostile_title_shows_as_literal_text(site):
    page = site["entries/" + next(n[8:] for n in site if n.startswith("entries/x-") and "Attack" in site[n])]
    title = re.search(r"^# (.*)$", page, flags=re.M).group(1)
    assert text_of(title).strip() == f"Attack {SCRIPT} and {LINK} and *emphasis*"
    assert "<em>" not in render_html(title)


def test_hostile_annotation_makes_no_headings_lists_or_liquid(site):
    page = next(text for name, text in site.items() if name.startswith("entries/") and "Attack" in text)
    html = render_html(page)
    assert "<h1>Not a heading" not in html and "<li>not a list" not in html
    assert "{{ site.github }}" in text_of(page)
    before, _, guarded = page.partition(LIQUID_RAW_OPEN.strip())
    body = guarded.rsplit(LIQUID_RAW_CLOSE.strip(), 1)[0]
    assert "{{" not in before + body.split("```bibtex")[0]
    assert "{%" not in before + body


def test_unsafe_url_and_doi_are_shown_not_linked(site):
    page = next(text for name, text in site.items() if name.startswith("entries/") and "Attack" in text)
    hrefs = collect(page).hrefs
    assert not any(h.startswith("javascript") for h in hrefs)
    assert "not an http or https address, not linked" in page
    assert "(not a valid DOI)" in page


def test_hostile_validation_messages_are_escaped(site):
    page = next(text for name, text in site.items() if name.startswith("entries/") and "Attack" in text)
    assert "bad title &lt;script&gt;" in page


def test_links_resolve_even_with_hostile_keys_and_names(site):
    assert broken_links(site) == []


def test_hostile_keys_never_write_outside_the_output_folder(tmp_path):
    out = tmp_path / "deep" / "site"
    written = render_pages(hostile_entries(), out, extra_styles=())
    for path in written:
        assert path.resolve().is_relative_to(out.resolve())
    assert not (tmp_path / "x.md").exists() and not (tmp_path / "deep" / "x.md").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deep"]


def test_urls_with_markdown_characters_survive_as_links():
    entry = Entry(key="u", type="online", fields={"title": "T", "url": "https://example.com/~user/a_b*c_d?x=1&y=$2"})
    page = generate_pages([entry], extra_styles=())["entries/u.md"]
    assert "https://example.com/~user/a_b*c_d?x=1&y=$2" in collect(page).hrefs
