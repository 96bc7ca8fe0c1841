"""Screenshots of the seed site for the docs: ``python tools/screenshots.py``.

Writes the site of ``bib/`` with ``citeman pages --build``, serves it on localhost and
saves the index and one entry page, as Debian's Chromium (driven by Playwright) shows
them, into docs/screenshots/. Set CITEMAN_CHROMIUM to use another Chromium.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

from citeman import app as application

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
PAGES = {"index.png": "", "entry.png": "entries/perkovich4392toward/", "plots.png": "plots/"}
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> int:
    chromium = os.environ.get("CITEMAN_CHROMIUM") or shutil.which("chromium")
    if not chromium:
        print("screenshots: no Chromium found (install Debian's chromium or set CITEMAN_CHROMIUM)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as work:
        site = Path(work) / "site"
        application.pages([str(ROOT / "bib")], site, build=True)
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site / "html"))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        OUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            for name, path in PAGES.items():
                page.goto(base + path, wait_until="networkidle")
                page.screenshot(path=str(OUT / name))
                print(f"wrote docs/screenshots/{name}")
            browser.close()
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
