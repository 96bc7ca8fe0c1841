"""Arbitrary entries: page names stay plain, links resolve, titles come out as written."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citeman.model import Entry, Person
from citeman.render.pages import display_text, generate_pages

from pagetools import broken_links, quick_format, text_of

PIECES = st.sampled_from(
    ["a", "B", " ", "ü", "東", "*", "_", "[", "]", "(", ")", "<", ">", "#", "|", "`", "~", "$", "&", "{", "}", "%", "\\", "/", "..", "-", "1.", ":", "javascript:", "\n"]
)
TEXT = st.lists(PIECES, max_size=8).map("".join)

entries = st.lists(
    st.builds(
        lambda key, title, family, keyword, entry_type: Entry(
            key=key,
            type=entry_type,
            fields={"title": title, "keywords": keyword, "annotation": title},
            persons={"author": [Person(family=family or "X", given="G")]},
        ),
        TEXT,
        TEXT,
        TEXT,
        TEXT,
        st.sampled_from(["article", "book", "misc", "x-y", "<t>"]),
    ),
    min_size=1,
    max_size=4,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries, st.sampled_from(["type", "year", "none"]))
def test_any_entries_give_a_consistent_site(items, group_by):
    site = generate_pages(items, group_by=group_by, extra_styles=(), formatter=quick_format)
    for name in site:
        assert re.fullmatch(r"(index|by-year|by-type|plots|(entries|authors|keywords)/[a-z0-9]+(-[a-z0-9]+)*)\.md", name), name
    assert len([n for n in site if n.startswith("entries/")]) == len(items)
    assert broken_links(site) == []
    titles = sorted(text_of(re.search(r"^# .*$", text, flags=re.M).group(0)).strip() for n, text in site.items() if n.startswith("entries/"))
    # An untitled entry is headed by what it is ("Untitled journal article"), never by its key.
    expected = sorted(display_text(e.get("title")) or "Untitled" for e in items)
    assert sorted(t if t in expected else t.split()[0] for t in titles) == expected
