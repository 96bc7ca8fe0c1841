"""Rules about identifiers: DOI, URL, ISBN and ISSN syntax, checksums and leftovers of markup."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from citeman.model import Entry
from citeman.normalize.identifiers import BARE_DOI, DOI, normalize_doi, normalize_url, unescape_identifier
from citeman.normalize.identifiers import IDENTIFIER_ESCAPE as _ESCAPE
from citeman.normalize.identifiers import MARKDOWN_LINK as _MARKDOWN_LINK
from citeman.validate.base import Context, Fix, FixAvailability, Severity, Violation, quote, rule
from citeman.validate.screen import Screen

# The screens pass what normalize_doi and normalize_url leave unchanged.
_DOI_NOT_PLAIN = Screen(("doi",), pattern=re.compile(rf"\x00(?!{BARE_DOI}\x00|\x01|\Z)"))
# A URL that normalize_url leaves alone and that _URL accepts.
_URL_NOT_PLAIN = Screen(("url",), pattern=re.compile(
    r"\x00(?!(?:https?|ftp)://[^\s/?#<>\\\[\]\x00\x01]+\.[^\s/?#<>\\\[\]\x00\x01]+(?:[/?#][^\s<>\\\x00\x01]*)?"
    r"(?<![.,;])\x00|\x01|\Z)", re.IGNORECASE))
_DOI_LINK = Screen(("url",), ("doi.org/",), fold=True)


@rule("invalid-doi", Severity.ERROR, screen=_DOI_NOT_PLAIN)
def invalid_doi(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """DOI is not a DOI (``10.<registrant>/<suffix>``), even after removing a resolver prefix.

    Why: an invalid DOI resolves nowhere; reference managers and publishers reject it.

    Bad:  @article{k, title = {T}, year = 2020, doi = {10.13/asp 2019}}
    Good: @article{k, title = {T}, year = 2020, doi = {10.1353/asp.2019.0011}}
    """
    doi = entry.fields.get("doi")
    if doi is not None and doi.strip() and not DOI.fullmatch(normalize_doi(doi)):
        yield Violation(f"invalid DOI {quote(doi)}", field="doi")


@rule("doi-not-bare", Severity.WARNING, FixAvailability.ALWAYS, screen=_DOI_NOT_PLAIN)
def doi_not_bare(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """DOI is written as a link or with a prefix, escapes or trailing punctuation.

    Why: styles add their own ``https://doi.org/`` prefix; a stored prefix is printed
    twice, and escapes or a trailing full stop make the link fail.
    Fix (safe): keep the bare DOI.

    Bad:  @article{k, title = {T}, year = 2020, doi = {https://doi.org/10.1353/asp.2019.0011}}
    Good: @article{k, title = {T}, year = 2020, doi = {10.1353/asp.2019.0011}}
    """
    doi = entry.fields.get("doi")
    if not doi:
        return
    bare = normalize_doi(doi)
    if bare != doi and DOI.fullmatch(bare):
        yield Violation(f"DOI {quote(doi)} is not bare (use {quote(bare)})", field="doi", fix=Fix.replace("doi", bare))


# The host: a dotted name (brackets belong only around an IPv6 address) or an IPv6 address.
_URL = re.compile(r"(?:https?|ftp)://(?:[^\s/?#\[\]]+\.[^\s/?#\[\]]+|\[[0-9A-Fa-f:.]+\])(?::\d+)?(?:[/?#]\S*)?",
                  re.IGNORECASE)


@rule("invalid-url", Severity.ERROR, screen=_URL_NOT_PLAIN)
def invalid_url(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """URL is not an absolute http(s) or ftp address without spaces.

    Why: a relative address, a bare domain without scheme or a URL with spaces does not
    open from a PDF; hyperref breaks it.

    Bad:  @online{k, title = {T}, year = 2020, url = {www.sipri.org/sites/default/files/fs milex.pdf}}
    Good: @online{k, title = {T}, year = 2020, url = {https://www.sipri.org/sites/default/files/fs_milex.pdf}}
    """
    url = entry.fields.get("url")
    if url is None or not url.strip():
        return
    if not _URL.fullmatch(normalize_url(url)):
        yield Violation(f"invalid URL {quote(url)}", field="url")


_ID_PATHS = re.compile(r"^/(?:stable|doi|abs|pdf|article|articles|view|record|handle|publication|publications|content)/?$",
                       re.IGNORECASE)


# What I004 can report: a doi.org link, a Markdown link, or a URL with at most two slashes in
# its path (four with the scheme's) before any query or fragment.
_SHORT_URL = Screen(("url",), ("[", "doi.org"), fold=True,
                    pattern=re.compile(r"\x00[^/?#\x00\x01]*(?:/[^/?#\x00\x01]*){0,4}[?#\x00]"))


@rule("incomplete-url", Severity.ERROR, screen=_SHORT_URL)
def incomplete_url(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """URL points at a site's home page or stops before the item's identifier.

    Why: ``https://www.jstor.org/stable/`` or ``https://example.org/`` was cut off when
    the reference was extracted; it leads to no particular work.

    Bad:  @article{k, title = {T}, year = 2017, url = {https://www.jstor.org/stable/}}
    Good: @article{k, title = {T}, year = 2017, url = {https://www.jstor.org/stable/resrep11391}}
    """
    url = entry.fields.get("url")
    if not url:
        return
    cleaned = normalize_url(url)
    if not _URL.fullmatch(cleaned):
        return
    try:
        parts = urlsplit(cleaned)
    except ValueError:  # "https://www.[x](": brackets that are no IPv6 address; not a question of completeness
        return
    path = parts.path
    if (path in ("", "/") and not parts.query) or _ID_PATHS.match(path) or (
        parts.netloc.lower().endswith("doi.org") and len(path.strip("/")) < 8
    ):
        yield Violation(f"incomplete URL {quote(url)}", field="url")


@rule("escaped-identifier", Severity.ERROR, FixAvailability.ALWAYS, screen=Screen(("url", "doi"), ("\\",)))
def escaped_identifier(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """URL or DOI contains LaTeX or Markdown escapes such as ``\\_``.

    Why: ``url`` and ``doi`` are verbatim fields; ``Dr.\\_Syed`` is a different address
    from ``Dr._Syed`` and the link breaks.
    Fix (safe): remove the backslashes.

    Bad:  @article{k, title = {T}, year = 2015, url = {http://issi.org.pk/wp-content/uploads/2016/05/Dr.\\_Syed.pdf}}
    Good: @article{k, title = {T}, year = 2015, url = {http://issi.org.pk/wp-content/uploads/2016/05/Dr._Syed.pdf}}
    """
    for name in ("url", "doi"):
        value = entry.fields.get(name, "")
        if "\\" in value and _ESCAPE.search(value):
            yield Violation(f"escapes in {name} {quote(value)}", field=name,
                            fix=Fix.replace(name, unescape_identifier(value)))


@rule("markup-in-url", Severity.ERROR, FixAvailability.ALWAYS, screen=Screen(
    ("url",), pattern=re.compile(r"\x00[\[<\s]|[>.,;\s]\x00")))
def markup_in_url(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """URL is wrapped in Markdown link syntax, angle brackets or trailing punctuation.

    Why: ``[x](https://...)`` or ``<https://...>`` copied from a Markdown or PDF text is
    not an address; the link fails.
    Fix (safe): keep the address itself.

    Bad:  @online{k, title = {T}, year = 2024, url = {<https://www.sipri.org/publications>}}
    Good: @online{k, title = {T}, year = 2024, url = {https://www.sipri.org/publications}}
    """
    url = entry.fields.get("url")
    if not url:
        return
    text = url.strip()
    if _MARKDOWN_LINK.match(text) or text.startswith("<") or text.endswith((">", ".", ",", ";")) or text != url:
        cleaned = normalize_url(url)
        if cleaned != url:
            yield Violation(f"markup around URL {quote(url)}", field="url", fix=Fix.replace("url", cleaned))


@rule("doi-url-mismatch", Severity.WARNING, screen=_DOI_LINK,
      layout=lambda kind, names: None if "doi" in names and "url" in names else False)
def doi_url_mismatch(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """URL is a DOI link to a different DOI than the ``doi`` field.

    Why: one of them belongs to another work (often the neighbouring reference).

    Bad:  @article{k, title = {T}, year = 2020, doi = {10.1080/1}, url = {https://doi.org/10.1080/2}}
    Good: @article{k, title = {T}, year = 2020, doi = {10.1080/1}, url = {https://doi.org/10.1080/1}}
    """
    url = entry.fields.get("url", "")
    doi = entry.fields.get("doi", "")
    if doi and "doi.org/" in url.lower():
        linked = normalize_doi(normalize_url(url))
        if DOI.fullmatch(linked) and linked.lower() != normalize_doi(doi).lower():
            yield Violation(f"URL {quote(url)} is for another DOI than {quote(doi)}", field="url")


@rule("doi-as-url", Severity.INFO, FixAvailability.ALWAYS, screen=_DOI_LINK)
def doi_as_url(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """The entry's DOI is only given as a ``doi.org`` URL.

    Why: styles and reference managers look for the ``doi`` field (CSL ``DOI``); a DOI
    hidden in ``url`` is not recognised as one.
    Fix (safe): add the ``doi`` field (the URL is kept).

    Bad:  @article{k, title = {T}, year = 2020, url = {https://doi.org/10.1353/asp.2019.0011}}
    Good: @article{k, title = {T}, year = 2020, doi = {10.1353/asp.2019.0011}, url = {https://doi.org/10.1353/asp.2019.0011}}
    """
    url = entry.fields.get("url", "")
    if not entry.fields.get("doi") and "doi.org/" in url.lower():
        doi = normalize_doi(normalize_url(url))
        if DOI.fullmatch(doi):
            yield Violation(f"DOI only given as URL {quote(url)}", field="url", fix=Fix.replace("doi", doi))


_SEPARATORS = re.compile(r"[\s-]")
_ISBN10 = re.compile(r"\d{9}[\dX]")
_ISBN13 = re.compile(r"97[89]\d{10}")
_ISSN = re.compile(r"\d{7}[\dX]")
_ID_LIST = re.compile(r"[,;]")


def isbn_ok(text: str) -> bool:
    digits = _SEPARATORS.sub("", text).upper()
    if _ISBN10.fullmatch(digits):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
        return total % 11 == 0
    if _ISBN13.fullmatch(digits):
        total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(digits))
        return total % 10 == 0
    return False


def issn_ok(text: str) -> bool:
    digits = _SEPARATORS.sub("", text).upper()
    if not _ISSN.fullmatch(digits):
        return False
    total = sum((8 - i) * int(c) for i, c in enumerate(digits[:7]))
    check = (11 - total % 11) % 11
    return digits[7] == ("X" if check == 10 else str(check))


def split_ids(value: str) -> list[str]:
    return [part for part in _ID_LIST.split(value.strip()) if part.strip()]


@rule("invalid-isbn", Severity.ERROR)
def invalid_isbn(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """ISBN has the wrong length or a wrong check digit.

    Why: a mistyped ISBN finds another book or none; the check digit catches most typos.

    Bad:  @book{k, title = {T}, year = 2020, isbn = {978-0-306-40615-6}}
    Good: @book{k, title = {T}, year = 2020, isbn = {978-0-306-40615-7}}
    """
    value = entry.fields.get("isbn", "")
    for part in split_ids(value):
        if not isbn_ok(part):
            yield Violation(f"invalid ISBN {quote(part)}", field="isbn")


@rule("invalid-issn", Severity.ERROR)
def invalid_issn(entry: Entry, ctx: Context) -> Iterator[Violation]:
    """ISSN has the wrong length or a wrong check digit.

    Why: the ISSN identifies the journal in library catalogues; a wrong one names another.

    Bad:  @article{k, title = {T}, year = 2020, issn = {0378-5956}}
    Good: @article{k, title = {T}, year = 2020, issn = {0378-5955}}
    """
    value = entry.fields.get("issn", "")
    for part in split_ids(value):
        if not issn_ok(part):
            yield Violation(f"invalid ISSN {quote(part)}", field="issn")
