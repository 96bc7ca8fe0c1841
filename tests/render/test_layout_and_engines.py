"""Bibliography layout (groups, sort, annotations, escaping) and the pybtex engine."""

from __future__ import annotations

import pytest

from citeman.errors import UsageError
from citeman.model import Entry, Person
from citeman.render.bibtex_styles import render_bibtex_style
from citeman.render.layout import escape, layout_bibliography, sort_entries


def _entries() -> list[Entry]:
    return [
        Entry("b", "book", {"title": "Beta", "year": "2001", "annotation": "Read <this> & *that*."},
              persons={"author": [Person(family="Young", given="A.")]}),
        Entry("a", "article", {"title": "Alpha", "year": "2010", "journal": "J"},
              persons={"author": [Person(family="Adams", given="B.")]}),
        Entry("c", "misc", {"title": "Gamma"}),
    ]


def fake_formatter(entries):
    # Stands in for a style: sorts by title, prints "title (year)".
    return [(e.key, f"{e.get('title')} ({e.get('year') or 'n.d.'})") for e in sorted(entries, key=lambda e: e.get("title"))]


def test_plain_layout_keeps_style_order():
    assert layout_bibliography(_entries(), fake_formatter) == "Alpha (2010)\n\nBeta (2001)\n\nGamma (n.d.)\n"


def test_annotated_markdown_escapes_the_annotation():
    text = layout_bibliography(_entries(), fake_formatter, "markdown", annotated=True)
    assert "Beta (2001)\n\n> Read \\<this\\> & \\*that\\*.\n" in text


def test_annotated_html_and_text():
    html = layout_bibliography(_entries(), fake_formatter, "html", annotated=True)
    assert '<div class="csl-entry" id="ref-b">Beta (2001)</div>\n<p class="annotation">Read &lt;this&gt; &amp; *that*.</p>' in html
    assert html.startswith('<div class="references csl-bib-body">')
    text = layout_bibliography(_entries(), fake_formatter, "text", annotated=True)
    assert "Beta (2001)\n    Read <this> & *that*." in text


def test_group_by_type_and_year():
    by_type = layout_bibliography(_entries(), fake_formatter, "markdown", group_by="type")
    assert by_type.index("## Journal articles") < by_type.index("## Books") < by_type.index("## Other")
    by_year = layout_bibliography(_entries(), fake_formatter, "markdown", group_by="year")
    assert by_year.index("## 2010") < by_year.index("## 2001") < by_year.index("## No date")


@pytest.mark.parametrize("sort,keys", [("author", ["a", "c", "b"]), ("year", ["b", "a", "c"]), ("key", ["a", "b", "c"])])
def test_sort_orders(sort, keys):
    assert [e.key for e in sort_entries(_entries(), sort)] == keys
    text = layout_bibliography(_entries(), fake_formatter, sort=sort)
    titles = {"a": "Alpha", "b": "Beta", "c": "Gamma"}
    assert [line.split(" ")[0] for line in text.split("\n\n")] == [titles[k] for k in keys]


def test_unknown_grouping_and_sort():
    with pytest.raises(UsageError):
        layout_bibliography(_entries(), fake_formatter, group_by="colour")
    with pytest.raises(UsageError):
        sort_entries(_entries(), "size")


@pytest.mark.parametrize(
    "fmt,text,expected",
    [
        ("latex", "50% of $x & y_1 {a}", r"50\% of \$x \& y\_1 \{a\}"),
        ("html", "<b>&", "&lt;b&gt;&amp;"),
        ("markdown", "1. [x](y) #tag", r"1\. \[x\](y) \#tag"),
        ("text", "<b>", "<b>"),
    ],
)
def test_escape(fmt, text, expected):
    assert escape(text, fmt) == expected


def test_pybtex_engine_survives_entries_without_author_or_year():
    entries = [
        Entry("ok", "article", {"title": "Fine", "journal": "J", "year": "2000"},
              persons={"author": [Person(family="Doe", given="J.")]}),
        Entry("noauthor", "article", {"title": "Orphan", "journal": "J"}),
        Entry("empty", "misc", {}),
    ]
    for style in ("plain", "unsrt", "alpha"):
        rendered = dict(render_bibtex_style(entries, style))
        assert set(rendered) == {"ok", "noauthor", "empty"}
        assert "Doe" in rendered["ok"] and "Fine" in rendered["ok"]
        assert "Orphan" in rendered["noauthor"]


def test_pybtex_unknown_style():
    with pytest.raises(UsageError):
        render_bibtex_style([], "apa")
