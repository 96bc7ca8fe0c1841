"""Helpers for the pages tests: goldens, CommonMark rendering and a link checker."""

from __future__ import annotations

import html
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

from markdown_it import MarkdownIt

from citeman.render.markdown import heading_anchor
from golden_files import assert_golden as check_golden

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
GOLDEN = HERE / "golden"

# CommonMark plus the GFM table and strikethrough extensions.
RENDERER = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def assert_golden(actual: str, name: str) -> None:
    """Compare with ``golden/<name>`` (see ``tests/golden_files.py``)."""
    check_golden(actual, GOLDEN / name)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.tags: list[str] = []
        self.headings: list[str] = []
        self._heading: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self._heading = []

    def handle_endtag(self, tag):
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"} and self._heading is not None:
            self.headings.append("".join(self._heading))
            self._heading = None

    def handle_data(self, data):
        if self._heading is not None:
            self._heading.append(data)


def render_html(markdown: str) -> str:
    return RENDERER.render(markdown)


def collect(markdown: str) -> _Collector:
    collector = _Collector()
    collector.feed(render_html(markdown))
    return collector


def text_of(markdown: str) -> str:
    """The visible text of rendered Markdown (tags removed, references decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", render_html(markdown)))


def broken_links(pages: dict[str, str]) -> list[str]:
    """Every relative link (and #anchor) between ``pages`` that does not resolve."""
    anchors = {name: {heading_anchor(h) for h in collect(text).headings} for name, text in pages.items()}
    problems: list[str] = []
    for name, text in pages.items():
        for href in collect(text).hrefs:
            if re.match(r"https?://", href):
                continue
            path, _, fragment = href.partition("#")
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), path)) if path else name
            if target not in pages:
                problems.append(f"{name}: link to missing page {href!r}")
            elif fragment and fragment not in anchors[target]:
                problems.append(f"{name}: link to missing anchor {href!r}")
    return problems


def quick_format(entries, style):
    """A stand-in for the CSL renderer where a test is about pages, not citation styles."""
    from citeman.render.markdown import doi_url, md_escape
    from citeman.render.pages import display_text, entry_year

    out = {}
    for entry in entries:
        people = entry.authors or entry.editors
        names = "; ".join(p.display() for p in people)
        title = md_escape(display_text(entry.get("title")))
        link = doi_url(entry.get("doi"))
        out[entry.key] = f"{md_escape(names)} ({entry_year(entry) or 'n.d.'}). *{title}*." + (f" <{link}>" if link else "")
    return out
