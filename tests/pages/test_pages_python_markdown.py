"""The pages under Python-Markdown, the engine MkDocs uses (with the extensions our mkdocs.yml enables).

Python-Markdown honours fewer backslash escapes than CommonMark (no ``\\<``, no ``\\~``),
which is why the escaping uses character references for those; these tests hold it to that.
"""

from __future__ import annotations

import html
import re

import pytest

from citeman.render.pages import PLOTS_PAGE
from hypothesis import given, settings
from hypothesis import strategies as st

from citeman.render.markdown import md_escape
from citeman.render.pages import generate_pages

from test_pages_hostile import VALIDATION, hostile_entries
from test_pages_markdown import HOSTILE

markdown = pytest.importorskip("markdown")

# MkDocs' defaults plus admonition, which the generated mkdocs.yml turns on for findings.
MKDOCS_EXTENSIONS = ["toc", "tables", "fenced_code", "admonition"]
PIECES = list("ab 1.-+*_`[]()<>!#|~$&;{}%\\:=\"'/\n") + ["http://x.y", "www.a.com", "&amp;", "&#35;", "javascript:"]


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=MKDOCS_EXTENSIONS)


def visible(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", to_html(text))).strip()


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_literal_in_python_markdown(text):
    assert visible(str(md_escape(text))) == " ".join(text.split())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES)).map("".join))
def test_markdown_dense_text_is_literal_in_python_markdown(text):
    assert visible(str(md_escape(text))) == " ".join(text.split())


@pytest.fixture(scope="module")
def site():
    return generate_pages(hostile_entries(), validation=VALIDATION, extra_styles=("ieee",))


def test_hostile_pages_are_inert_in_python_markdown(site):
    for name, text in site.items():
        rendered = to_html(text)
        outside_code = re.sub(r"<pre>.*?</pre>", "", rendered, flags=re.S)
        if name == PLOTS_PAGE:  # its images are the plots citeman drew, with citeman's own captions
            outside_code = re.sub(r'<img alt="[A-Za-z, ]+" src="plots/[a-z-]+\.svg" />', "", outside_code)
        assert not re.search(r"<(script|img|iframe|b)\b", outside_code), name
        for href in re.findall(r'href="([^"]*)"', rendered):
            assert re.match(r"https?://|[a-z0-9./-]+\.md$|#[a-z0-9-]+$", href), (name, href)


def test_table_of_contents_anchors_exist_in_python_markdown(site):
    rendered = to_html(site["index.md"])
    ids = set(re.findall(r'id="([^"]+)"', rendered))
    targets = re.findall(r'href="#([^"]+)"', rendered)
    assert targets and set(targets) <= ids


def test_bibtex_block_is_a_code_block_in_python_markdown(site):
    page = next(text for name, text in site.items() if name.startswith("entries/") and "Attack" in text)
    rendered = to_html(page)
    assert '<code class="language-bibtex">' in rendered
    assert "&lt;script&gt;alert" in re.search(r"<pre>.*?</pre>", rendered, flags=re.S).group(0)


def test_urls_with_markdown_characters_survive_in_python_markdown():
    from citeman.model import Entry

    entry = Entry(key="u", type="online", fields={"title": "T", "url": "https://example.com/~user/a_b*c_d?x=1&y=$2"})
    page = generate_pages([entry], extra_styles=())["entries/u.md"]
    assert 'href="https://example.com/~user/a_b*c_d?x=1&amp;y=$2"' in to_html(page)


def test_every_page_starts_with_its_h1_so_mkdocs_uses_it_as_title(site):
    from markdown.treeprocessors import Treeprocessor

    class FirstElement(Treeprocessor):
        tags: list[str] = []

        def run(self, root):
            FirstElement.tags.append(root[0].tag if len(root) else "")

    for name, text in site.items():
        FirstElement.tags = []
        md = markdown.Markdown(extensions=MKDOCS_EXTENSIONS)
        md.treeprocessors.register(FirstElement(md), "first-element", 1)
        md.convert(text)
        assert FirstElement.tags == ["h1"], name
