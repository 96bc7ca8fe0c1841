"""The built site in a real browser: Debian's Chromium driven by Playwright.

Playwright's own browser download does not work everywhere, so the tests drive the
system Chromium through ``executable_path`` (``CITEMAN_CHROMIUM`` or ``chromium`` on
PATH). Without one they are skipped with the reason, unless ``CITEMAN_REQUIRE_BROWSER=1``
(set by .ci/run once it has found or installed Chromium) makes that a failure.
"""

from __future__ import annotations

import os
import shutil

import pytest

from sitecheck import served

playwright_api = pytest.importorskip("playwright.sync_api")

# No first-run work and no background connections: this machine's network is closed.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _chromium() -> str:
    path = os.environ.get("CITEMAN_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if path:
        return path
    reason = "no Chromium: install Debian's chromium package or set CITEMAN_CHROMIUM"
    if os.environ.get("CITEMAN_REQUIRE_BROWSER") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    executable = _chromium()
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    opened = context.new_page()
    opened.problems = []  # console errors, uncaught exceptions and dialogs seen on the page
    opened.on("console", lambda message: message.type == "error" and opened.problems.append(message.text))
    opened.on("pageerror", lambda error: opened.problems.append(str(error)))

    def dialog(shown):
        opened.problems.append(f"dialog: {shown.message}")
        shown.dismiss()

    opened.on("dialog", dialog)
    yield opened
    context.close()


@pytest.fixture(scope="module")
def seed_url(seed_site):
    with served(seed_site / "html") as url:
        yield url


@pytest.fixture(scope="module")
def hostile_url(hostile_site):
    with served(hostile_site / "html") as url:
        yield url


def test_index_loads_without_console_errors_and_links_to_every_section(page, seed_url):
    page.goto(seed_url, wait_until="networkidle")
    assert page.title().startswith("Annotated bibliography")
    nav = page.locator("nav.md-nav--primary").inner_text()
    for section in ("By year", "By type", "By author", "By keyword", "Plots"):
        assert section in nav
    assert page.problems == []


def test_an_entry_page_shows_its_citation_findings_and_copy_blocks(page, seed_url):
    page.goto(seed_url + "entries/perkovich4392toward/", wait_until="networkidle")
    assert page.locator("h1").first.inner_text().rstrip("¶").strip() == "Toward Realistic U.S.-India Relations"
    assert page.locator(".admonition.danger").count() >= 1
    assert "4392" in " ".join(page.locator(".admonition.danger").all_inner_texts())
    assert page.locator("pre code.language-bibtex").count() == 1
    assert page.locator("pre code.language-json").count() == 1
    # Material's copy buttons, added by its script (the class name changed in Material 9.7).
    page.locator("button[data-md-type='copy'], button.md-clipboard").nth(1).wait_for(state="attached", timeout=15_000)
    assert page.problems == []


def test_the_plots_page_shows_its_images(page, seed_url):
    page.goto(seed_url + "plots/", wait_until="networkidle")
    images = page.locator("article img")
    assert images.count() == 3
    widths = images.evaluate_all("images => images.map(i => i.naturalWidth)")
    assert all(width > 0 for width in widths)  # every SVG loaded and drew
    assert page.problems == []


def test_search_finds_a_known_title(page, seed_url):
    page.goto(seed_url, wait_until="networkidle")
    search = page.locator("input.md-search__input")
    result = page.locator(".md-search-result__item").first
    # The index loads in a web worker; a query typed before it is ready is answered once it is.
    for _attempt in range(3):
        search.fill("")
        search.press_sequentially("Realistic", delay=50)
        try:
            result.wait_for(timeout=10_000)
            break
        except playwright_api.TimeoutError:
            continue
    assert "Toward Realistic U.S.-India Relations" in page.locator(".md-search-result").inner_text()
    assert page.problems == []


def test_injected_markup_in_entries_renders_as_text(page, hostile_url):
    page.goto(hostile_url, wait_until="networkidle")
    entry_links = page.locator("article a[href*='entries/']").evaluate_all("links => links.map(a => a.href)")
    assert entry_links
    for url in dict.fromkeys(entry_links):
        page.goto(url, wait_until="networkidle")
        article = page.locator("article")
        assert article.locator("script, iframe, img, b").count() == 0, url
        hrefs = article.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href') || '')")
        assert not [h for h in hrefs if h.strip().lower().startswith("javascript:")], url
    page.goto(entry_links[0], wait_until="networkidle")
    assert page.problems == []


def test_a_hostile_title_is_shown_literally(page, hostile_url):
    page.goto(hostile_url, wait_until="networkidle")
    text = page.locator("article").inner_text()
    # The style engine curls the quotes; the tags and the link stay literal text.
    assert "Attack <script>alert(" in text and "</script> and [click me](javascript:alert(1))" in text
    assert page.problems == []
