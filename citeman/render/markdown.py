"""Escaping, safe links and file-name slugs for the Markdown pages citeman writes.

Entry text comes from papers, web pages and hand-edited .bib files, so it is
untrusted: a title holding ``<script>``, ``[x](javascript:...)`` or ``*stars*`` must
come out as literal text in every renderer the pages are meant for (CommonMark,
GitHub-flavoured Markdown, MkDocs' Python-Markdown and Jekyll's kramdown). The
renderers disagree about which backslash escapes they honour, so this module uses a
backslash only where all of them do and a character reference (``&lt;``) where they
do not. Trusted Markdown is carried as :class:`markupsafe.Markup`, so the Jinja2
templates escape anything else by default.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markupsafe import Markup

# Escaped with a backslash: punctuation every target renderer accepts after ``\``.
_BACKSLASHED = frozenset("\\`*_[]#|")
# Escaped as character references: ``\<`` is not an escape in Python-Markdown, and
# ``$`` (GitHub math) and ``~`` (strikethrough) have no portable backslash form.
_REFERENCES = {"<": "&lt;", ">": "&gt;", "$": "&#36;", "~": "&#126;"}
_ENTITY_LIKE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# Liquid (Jekyll, GitHub Pages) treats ``{{`` and ``{%`` as template tags.
_LIQUID_OPEN = re.compile(r"\{(?=[{%])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029]")
_LEADING_ORDERED = re.compile(r"^(\d{1,9})([.)])")
# Characters that start a block (list, heading, quote, definition) at a line start.
_LEADING_REFERENCES = {"-": "&#45;", "+": "&#43;", "=": "&#61;", ":": "&#58;"}

_URL_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#@!$&+,;=%*")
_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")


class Text(str):
    """Untrusted text: Jinja2's autoescape turns it into escaped Markdown."""

    __slots__ = ()

    def __html__(self) -> str:
        return md_escape(self)


def escape_inline(text: str) -> str:
    """Escape Markdown and HTML syntax in ``text`` without touching its whitespace."""
    text = _CONTROL.sub("", text)
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch in _BACKSLASHED:
            out.append("\\" + ch)
        elif ch == "&" and _ENTITY_LIKE.match(text, i):
            out.append("&amp;")
        elif ch == "{" and _LIQUID_OPEN.match(text, i):
            out.append("&#123;")
        else:
            out.append(_REFERENCES.get(ch, ch))
    return "".join(out)


def _escape_line_start(escaped: str) -> str:
    """Neutralise what would open a block (list item, setext underline, ...) at a line start."""
    match = _LEADING_ORDERED.match(escaped)
    if match:
        return f"{match.group(1)}\\{match.group(2)}{escaped[match.end():]}"
    if escaped[:1] in _LEADING_REFERENCES:
        return _LEADING_REFERENCES[escaped[0]] + escaped[1:]
    return escaped


def md_escape(text: object) -> Markup:
    """One line of literal text as Markdown: whitespace collapsed, syntax escaped."""
    if text is None:
        return Markup("")
    if isinstance(text, Markup):
        return text
    flat = " ".join(_CONTROL.sub("", str(text)).split())
    return Markup(_escape_line_start(escape_inline(flat)))


def md_block(text: object, indent: int = 0) -> Markup:
    """Literal text as Markdown paragraphs (blank lines kept as paragraph breaks).

    ``indent`` prefixes every line after the first, so the block can continue a list item.
    """
    if text is None:
        return Markup("")
    paragraphs = [p for p in re.split(r"\n\s*\n", str(text)) if p.strip()]
    rendered = [str(md_escape(p)) for p in paragraphs]
    separator = "\n\n" + " " * indent
    return Markup(separator.join(rendered))


def safe_url(url: object) -> str | None:
    """``url`` percent-encoded for a Markdown link, or None unless it is absolute http(s)."""
    if not url:
        return None
    text = str(url).strip()
    if not text or _CONTROL.search(text) or any(ch.isspace() for ch in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or not text.lower().startswith(parts.scheme.lower() + "://"):
        return None
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "%" and _PERCENT.match(text, i):
            out.append(text[i : i + 3])
            i += 3
            continue
        if ch in _URL_SAFE and ch != "%" and not (ch == "&" and _ENTITY_LIKE.match(text, i)):
            out.append(ch)
        else:
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8"))
        i += 1
    return "".join(out)


def doi_url(doi: object) -> str | None:
    """The https://doi.org/ address of a DOI (bare, ``doi:`` or URL form), or None."""
    if not doi:
        return None
    text = str(doi).strip()
    text = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", text, flags=re.IGNORECASE)
    if not re.match(r"10\.\d{4,9}/\S+$", text):
        return None
    return safe_url("https://doi.org/" + text)


def md_link(text: object, url: object) -> Markup:
    """``[text](url)`` for a safe http(s) URL; just the escaped text otherwise."""
    target = safe_url(url)
    label = md_escape(text)
    if target is None:
        return label
    return Markup(f"[{label}]({target})")


def md_autolink(url: object) -> Markup:
    """``<url>`` for a safe http(s) URL; the escaped text otherwise."""
    target = safe_url(url)
    if target is None:
        return md_escape(url)
    return Markup(f"<{target}>")


def code_block(text: object, lang: str = "") -> Markup:
    """A fenced code block longer than any backtick run inside ``text``."""
    body = str(text or "").rstrip("\n")
    body = _CONTROL.sub("", body)
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    info = re.sub(r"[^A-Za-z0-9_+-]", "", lang)
    return Markup(f"{fence}{info}\n{body}\n{fence}")


_PARSER = MarkdownIt("commonmark")


def sanitize_inline(markdown: str, html_as_text: bool = False) -> Markup:
    """Re-serialise inline Markdown from a trusted tool as safe Markdown.

    Formatted references arrive from pandoc as Markdown; its escaping is CommonMark's
    (``\\<``), which Python-Markdown does not honour, and the text inside is the
    entry's. Parsing and writing it back keeps emphasis, strong emphasis and http(s)
    links, turns everything else into escaped text, and drops raw HTML tags (or, with
    ``html_as_text``, shows them as text: a reference as printed must lose nothing).
    """
    source = " ".join(str(markdown or "").split())
    if not source:
        return Markup("")
    tokens = _PARSER.parseInline(source)
    children = tokens[0].children or [] if tokens else []
    out: list[str] = []
    link_stack: list[tuple[str | None, int, bool]] = []
    for token in children:
        kind = token.type
        if kind == "text" or kind == "code_inline":
            out.append(escape_inline(token.content))
        elif kind in ("softbreak", "hardbreak"):
            out.append(" ")
        elif kind == "em_open" or kind == "em_close":
            out.append("*")
        elif kind == "strong_open" or kind == "strong_close":
            out.append("**")
        elif kind == "link_open":
            link_stack.append((safe_url(token.attrGet("href")), len(out), token.markup == "autolink"))
        elif kind == "link_close" and link_stack:
            target, start, autolink = link_stack.pop()
            label = "".join(out[start:])
            del out[start:]
            if target is None:
                out.append(label)
            elif autolink or label in (escape_inline(target), target):
                out.append(f"<{target}>")
            else:
                out.append(f"[{label}]({target})")
        elif kind == "image":
            out.append(escape_inline(token.content))
        elif kind == "html_inline" and html_as_text:
            out.append(escape_inline(token.content))
        # html_inline and anything unknown: dropped (the text between tags survives).
    return Markup(_escape_line_start("".join(out).strip()))


# --- file names and anchors -------------------------------------------------------

_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", "index", "readme"}
    | {f"com{i}" for i in range(10)}
    | {f"lpt{i}" for i in range(10)}
)
_MAX_SLUG = 80


def fold_ascii(text: str) -> str:
    """Accents removed, non-ASCII letters that have no ASCII form dropped."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ord(ch) < 128)


def slugify(text: str, fallback: str = "entry") -> str:
    """A lower-case ``[a-z0-9-]`` name: safe as a file name and as a URL path segment."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold_ascii(text).lower()).strip("-")
    if len(slug) > _MAX_SLUG:
        slug = slug[:_MAX_SLUG].rstrip("-")
    if not slug:
        return fallback
    if slug in _RESERVED:
        return f"{slug}-{fallback}"
    return slug


def short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def assign_slugs(names: Iterable[str], fallback: str = "entry") -> list[str]:
    """One unique slug per name, in order; deterministic for a given set of names.

    A name keeps its plain slug when nothing else maps to it, or when the name *is*
    that slug; other names in a collision (``Smith2020`` next to ``smith2020``,
    ``../../x`` next to ``x``) get a hash of their own text appended, so their slug
    does not depend on the order of entries. Repeated names are numbered.
    """
    names = list(names)
    preferred = [slugify(n, fallback) for n in names]
    groups: dict[str, set[str]] = {}
    for name, slug in zip(names, preferred):
        groups.setdefault(slug, set()).add(name)
    chosen: list[str] = []
    for name, slug in zip(names, preferred):
        if len(groups[slug]) > 1 and name != slug:
            slug = f"{slug}-{short_hash(name)}"
        chosen.append(slug)
    taken: set[str] = set()
    result: list[str] = []
    for slug in chosen:
        candidate, n = slug, 2
        while candidate in taken:
            candidate = f"{slug}-{n}"
            n += 1
        taken.add(candidate)
        result.append(candidate)
    return result


def heading_anchor(text: str) -> str:
    """The id GitHub and MkDocs both give a heading made of ASCII words."""
    return re.sub(r"[\s-]+", "-", re.sub(r"[^\w\s-]", "", fold_ascii(text)).strip().lower())
