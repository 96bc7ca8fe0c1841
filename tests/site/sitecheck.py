"""Helpers for the site tests: build a site once, serve it on localhost, check its links."""

from __future__ import annotations

import functools
import http.server
import posixpath
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.targets: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        for name in ("href", "src"):
            if attributes.get(name) and tag in {"a", "link", "script", "img"}:
                self.targets.append(attributes[name])


def _parse(path: Path) -> _Links:
    links = _Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def _target_file(root: Path, page: Path, url: str) -> tuple[Path, str] | None:
    """The file (and fragment) an internal link points at; None for an external link."""
    parts = urlsplit(url)
    if parts.scheme or url.startswith("//"):
        return None
    # An absolute path (MkDocs' 404 page uses them) is taken from the site's root.
    base = "." if parts.path.startswith("/") else page.parent.relative_to(root).as_posix()
    relative = posixpath.normpath(posixpath.join(base, unquote(parts.path).lstrip("/"))) if parts.path else page.relative_to(root).as_posix()
    target = root / relative
    if target.is_dir() or parts.path.endswith("/"):
        target = target / "index.html"
    return target, parts.fragment


def broken_links(root: Path) -> list[str]:
    """Every internal link, script, stylesheet or image of the built site that leads nowhere."""
    parsed: dict[Path, _Links] = {}
    broken: list[str] = []
    for page in sorted(root.rglob("*.html")):
        links = parsed.setdefault(page, _parse(page))
        for url in links.targets:
            found = _target_file(root, page, url)
            if found is None:
                continue
            target, fragment = found
            if not target.is_file():
                broken.append(f"{page.relative_to(root)}: {url}")
            elif fragment and target.suffix == ".html" and fragment not in parsed.setdefault(target, _parse(target)).ids:
                broken.append(f"{page.relative_to(root)}: {url} (no such anchor)")
    return broken


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@contextmanager
def served(root: Path) -> Iterator[str]:
    """The folder served over HTTP on a free localhost port, as a base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
