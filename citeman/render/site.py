"""The bibliography as a MkDocs project: ``mkdocs.yml``, the pages in ``docs/``, HTML in ``html/``.

``citeman pages -o site`` writes the project; ``--build`` turns it into static HTML
with ``mkdocs build --strict`` (a broken link or anchor fails the build) and
``--serve`` previews it. The project is plain MkDocs with the Material theme, so a
user can edit ``mkdocs.yml`` and build it with ``mkdocs`` alone, on GitHub Pages or
anywhere else (see docs/publishing.md).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from citeman.errors import InputError, UsageError
from citeman.io.atomic import atomic_write
from citeman.model import Entry, Library, Verbatim
from citeman.render.page_files import write_pages
from citeman.render.pages import BROWSE_PAGES, PLOTS_PAGE, generate_pages, plot_data
from citeman.render.plots import draw_plots

CONFIG_FILE = "mkdocs.yml"
DOCS_DIR = "docs"
HTML_DIR = "html"
DEFAULT_ADDRESS = "127.0.0.1:8000"

# Material for MkDocs prints a notice about its successor on every build; it is no finding.
_QUIET = {"NO_MKDOCS_2_WARNING": "1"}


_HEADER = "# Written by citeman pages; rerunning it rewrites this file. Remove this line to keep your own.\n"


def mkdocs_config(title: str, site_url: str = "") -> str:
    """The project's ``mkdocs.yml``: Material, search, admonitions for findings, copy buttons."""
    browse = [{heading: page} for page, heading, _grouping in BROWSE_PAGES]
    config: dict[str, Any] = {
        "site_name": title,
        # Where the site will live; MkDocs needs it for the 404 page and the sitemap.
        **({"site_url": site_url} if site_url else {}),
        "docs_dir": DOCS_DIR,
        "site_dir": HTML_DIR,
        "theme": {
            "name": "material",
            # System fonts: a published bibliography makes no request to Google's font servers.
            "font": False,
            "features": ["content.code.copy", "navigation.top", "search.highlight", "search.suggest"],
        },
        "plugins": ["search"],
        "markdown_extensions": ["admonition", "attr_list", {"toc": {"permalink": True}}],
        # Entry, author and keyword pages are reached from the lists, not the navigation;
        # a broken anchor, like a broken link, must fail a strict build.
        "validation": {"omitted_files": "ignore", "anchors": "warn", "unrecognized_links": "warn"},
        "nav": [
            {"Annotated bibliography": "index.md"},
            *browse,
            {"By author": "authors/index.md"},
            {"By keyword": "keywords/index.md"},
            {"Plots": PLOTS_PAGE},
        ],
    }
    return _HEADER + yaml.safe_dump(config, sort_keys=False, allow_unicode=True)


def _is_ours(config: Path) -> bool:
    """A ``mkdocs.yml`` citeman wrote and may rewrite; one a person took over is left alone."""
    try:
        with config.open(encoding="utf-8") as handle:
            return handle.readline() == _HEADER
    except (OSError, UnicodeDecodeError):
        return False


def write_site(entries: Library | Iterable[Entry | Verbatim], out_dir: str | Path, style: str = "apa",
               site_url: str = "", **options: Any) -> list[Path]:
    """Write the MkDocs project into ``out_dir`` (``options``: those of ``generate_pages``).

    ``mkdocs.yml`` is written when missing or still citeman's own; once a person has
    removed its first line it is theirs, and only the pages are rewritten.
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError("output is not a folder", path=str(out_dir))
    entries = list(entries.entries) if isinstance(entries, Library) else list(entries)
    title = options.get("title", "Annotated bibliography")
    validation: Mapping[str, list[Any]] | None = options.get("validation")
    files = generate_pages(entries, style, **options)
    files.update(draw_plots(plot_data(entries, validation)))
    written = write_pages(files, out / DOCS_DIR)
    config = out / CONFIG_FILE
    if config.exists() and not _is_ours(config):
        return written
    atomic_write(config, mkdocs_config(title, site_url))
    return [config, *written]


def _mkdocs(out_dir: Path, *arguments: str, capture: bool) -> subprocess.CompletedProcess[str]:
    config = out_dir / CONFIG_FILE
    if not config.is_file():
        raise UsageError(f"no {CONFIG_FILE} here: write the site with 'citeman pages' first", path=str(out_dir))
    try:
        import mkdocs  # noqa: F401
        import material  # noqa: F401
    except ImportError:
        raise UsageError("building the site needs MkDocs and its Material theme: pip install mkdocs-material") from None
    command = [sys.executable, "-m", "mkdocs", *arguments, "--config-file", str(config)]
    return subprocess.run(command, capture_output=capture, text=True, env={**os.environ, **_QUIET}, check=False)


def build_site(out_dir: str | Path) -> Path:
    """``mkdocs build --strict``; the folder of HTML, or an error quoting MkDocs' first complaint."""
    out = Path(out_dir)
    result = _mkdocs(out, "build", "--strict", capture=True)
    if result.returncode != 0:
        complaints = [line.strip() for line in result.stderr.splitlines() if line.startswith(("WARNING", "ERROR"))]
        first = complaints[0] if complaints else (result.stderr.strip().splitlines() or ["no message"])[-1]
        more = f" (and {len(complaints) - 1} more)" if len(complaints) > 1 else ""
        raise InputError(f"mkdocs build failed: {' '.join(first.split())}{more}", path=str(out / CONFIG_FILE))
    return out / HTML_DIR


def serve_site(out_dir: str | Path, address: str = DEFAULT_ADDRESS) -> int:
    """Preview the site with ``mkdocs serve`` until interrupted; MkDocs' own exit code."""
    try:
        return _mkdocs(Path(out_dir), "serve", "--dev-addr", address, capture=False).returncode
    except KeyboardInterrupt:
        return 0
