"""Escaping, URL and slug helpers behind the pages."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citeman.render.markdown import (
    Text,
    assign_slugs,
    code_block,
    doi_url,
    heading_anchor,
    md_block,
    md_escape,
    md_link,
    safe_url,
    sanitize_inline,
    slugify,
)

from pagetools import render_html, text_of

HOSTILE = [
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "*emphasis* and _under_ and **strong**",
    "<img src=x onerror=alert(1)>",
    "`code` and ``more``",
    "# not a heading",
    "- not a list",
    "1. not a list",
    "> not a quote",
    "| not | a | table |",
    "~~not struck~~",
    "$x^2$ not math",
    "&lt; stays &amp; literal &copy;",
    "{{ site.title }} {% raw %}",
    "back\\slash \\* \\[",
    "![image](http://example.com/x.png)",
    "<https://example.com>",
    "line one\nline two",
    "===",
    "---",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_renders_as_the_same_literal_text(text):
    rendered = render_html(str(md_escape(text)))
    assert text_of(str(md_escape(text))).strip() == " ".join(text.split())
    for tag in ("<script", "<img", "<a ", "<em>", "<strong>", "<code>", "<h1", "<ul", "<ol", "<blockquote", "<hr"):
        assert tag not in rendered


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_survives_escaping_unchanged(text):
    escaped = str(md_escape(text))
    expected = " ".join(re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029]", "", text).split())
    if not expected:
        assert escaped == ""
        return
    assert render_html(escaped) == f"<p>{html.escape(expected, quote=True)}</p>\n".replace("&#x27;", "'")


def test_escape_leaves_liquid_tags_unformed():
    escaped = str(md_escape("{{ x }} {% endraw %}"))
    assert "{{" not in escaped and "{%" not in escaped


def test_text_autoescapes_through_html_protocol():
    assert Text("*x*").__html__() == r"\*x\*"


def test_md_block_keeps_paragraphs_and_indents_continuations():
    block = str(md_block("First *one*.\n\nSecond\nline.", indent=4))
    assert block == "First \\*one\\*.\n\n    Second line."


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\nscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:x",
        "file:///etc/passwd",
        "//evil.example/x",
        "https:evil",
        "ftp://example.com/x",
        "",
        None,
        "https://exa mple.com",
    ],
)
def test_unsafe_urls_are_refused(url):
    assert safe_url(url) is None
    assert "](" not in str(md_link("x", url))


def test_safe_urls_are_percent_encoded_for_link_destinations():
    url = safe_url('https://example.com/a(b)/"q"<x>|{y}\\?k=v&amp;z=1#f')
    assert url == "https://example.com/a%28b%29/%22q%22%3Cx%3E%7C%7By%7D%5C?k=v%26amp;z=1#f"
    assert safe_url("https://example.com/%7Euser/caf\u00e9") == "https://example.com/%7Euser/caf%C3%A9"


def test_doi_links_accept_bare_prefixed_and_url_forms():
    assert doi_url("10.1234/abc(1)") == "https://doi.org/10.1234/abc%281%29"
    assert doi_url("doi:10.1234/x") == "https://doi.org/10.1234/x"
    assert doi_url("https://doi.org/10.1234/x") == "https://doi.org/10.1234/x"
    assert doi_url("not a doi") is None


def test_code_block_fence_outgrows_backticks_inside():
    block = str(code_block("a ```` b", "bibtex"))
    assert block.startswith("`````bibtex\n") and block.endswith("\n`````")
    assert "<code" in render_html(block) and "a ```` b" in html.unescape(render_html(block))


def test_code_block_language_is_sanitised():
    assert str(code_block("x", "bib`tex <x>")).startswith("```bibtexx\n")


def test_sanitize_inline_keeps_emphasis_and_safe_links_only():
    out = str(sanitize_inline(r"Doe, J. (2020). *Title* \<script\>. [x](javascript:alert(1)) <https://doi.org/10.1/x>"))
    rendered = render_html(out)
    assert "<em>Title</em>" in rendered
    assert "<script" not in rendered and "href=\"javascript" not in rendered
    assert '<a href="https://doi.org/10.1/x">' in rendered
    assert "&lt;script&gt;" in out


def test_sanitize_inline_drops_raw_html_tags_but_keeps_their_text():
    assert str(sanitize_inline('<span class="smallcaps">Text</span> after')) == "Text after"


@pytest.mark.parametrize(
    ("key", "slug"),
    [
        ("abercrombie2019realizing", "abercrombie2019realizing"),
        ("../../x", "x"),
        ("..\\..\\windows", "windows"),
        ("/etc/passwd", "etc-passwd"),
        ("Müller 2020 ü", "muller-2020-u"),
        ("CON", "con-entry"),
        ("index", "index-entry"),
        ("", "entry"),
        ("東京", "entry"),
        (".hidden", "hidden"),
        ("_config", "config"),
        ("a" * 300, "a" * 80),
    ],
)
def test_slugify_makes_plain_file_names(key, slug):
    assert slugify(key) == slug
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slugify(key))


def test_slug_collisions_are_resolved_the_same_way_in_any_order():
    keys = ["Smith2020", "smith2020", "SMITH2020", "../smith2020"]
    forward = dict(zip(keys, assign_slugs(keys)))
    backward = dict(zip(reversed(keys), assign_slugs(list(reversed(keys)))))
    assert forward == backward
    assert forward["smith2020"] == "smith2020"
    assert len(set(forward.values())) == len(keys)
    assert all(s.startswith("smith2020-") for k, s in forward.items() if k != "smith2020")


def test_slugs_are_unique_ignoring_case_and_duplicates_are_numbered():
    slugs = assign_slugs(["a", "a", "A", "b"])
    assert slugs[:2] == ["a", "a-2"]
    assert len({s.lower() for s in slugs}) == 4


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=20), max_size=12))
def test_assigned_slugs_are_always_safe_and_unique(keys):
    slugs = assign_slugs(keys)
    assert len(slugs) == len(keys)
    assert len({s.casefold() for s in slugs}) == len(slugs)
    for slug in slugs:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)


def test_heading_anchor_matches_github_for_plain_words():
    assert heading_anchor("Journal articles") == "journal-articles"
    assert heading_anchor("No date") == "no-date"
    assert heading_anchor("2021") == "2021"
