"""Small pure normalisers for field values, composed by :func:`normalize`.

Each function takes a string and returns the cleaned string; :func:`normalize`
applies them to an entry and records the value before the change in the entry's
provenance, so normalisation never loses the source text.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from citeman.model import Entry, Provenance

_DOI = re.compile(r"10\.\d{4,9}/\S+", re.IGNORECASE)
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*|doi\s+)", re.IGNORECASE)
_MD_ESCAPE = re.compile(r"\\+([\\`*_{}\[\]()#+\-.!$&%<>|~])")
_DASHES = re.compile(r"\s*(?:-{1,3}|–|—|‒|−)\s*")


def clean_whitespace(value: str) -> str:
    """Collapse runs of whitespace and drop spaces before , . ; : ) and after (."""
    value = " ".join(value.split())
    value = re.sub(r"\s+([,.;:)\]])", r"\1", value)
    return re.sub(r"([(\[])\s+", r"\1", value)


def unescape_markdown(value: str) -> str:
    """``Dr.\\_Syed`` -> ``Dr._Syed``; ``\\$`` -> ``$`` (Markdown escapes left by converters)."""
    return _MD_ESCAPE.sub(r"\1", value)


def normalize_doi(value: str) -> str:
    """A bare DOI: no resolver prefix, no ``doi:``, no trailing punctuation, Markdown escapes removed."""
    value = _DOI_PREFIX.sub("", normalize_url(value))
    match = _DOI.search(value)
    if not match:
        return value
    doi = match.group(0)
    doi = unquote(doi) if "%2F" in doi.upper() else doi
    return doi.rstrip(".,;:)]>")


def normalize_url(value: str) -> str:
    """An unescaped URL without Markdown link syntax, angle brackets or trailing punctuation."""
    value = value.strip()
    link = re.fullmatch(r"\[[^\]]*\]\((\S+)\)", value)
    if link:
        value = link.group(1)
    value = unescape_markdown(value.strip("<>"))
    return value.rstrip(".,;")


def normalize_pages(value: str) -> str:
    """``119–144`` / ``119-144`` / ``119 - 144`` -> ``119--144``; ``pp.`` dropped."""
    value = re.sub(r"^(?:pp?\.|pages?)\s*", "", value.strip(), flags=re.IGNORECASE)
    match = re.fullmatch(r"([A-Za-z]?\d+[A-Za-z]?)" + _DASHES.pattern + r"([A-Za-z]?\d+[A-Za-z]?)", value)
    if match:
        return f"{match.group(1)}--{match.group(2)}"
    return value


_TOKEN = re.compile(r"(?<![\w{}\\])\w[\w.'’-]*")


def protect_title_case(title: str) -> str:
    """Brace acronyms and inner capitals (``{NASA}``, ``{U.S.-India}``, ``{Indo-Pacific}``).

    Styles such as APA lower-case titles; braces keep what must stay capitalised. In a
    sentence-case title every capitalised word after the first of the title or a
    subtitle is a proper noun and is braced too (``{India}``); title-case titles only
    get their acronyms braced. A title that already has braces is left alone.
    """
    if not title or "{" in title:
        return title
    # Judge the case style on content words that are not first in the title or a subtitle.
    words = [m.group(0) for m in re.finditer(r"(?<![:?!.]\s)(?<!^)\b[A-Za-z][\w'’-]*", title) if len(m.group(0)) > 3]
    lower_count = sum(1 for w in words if w[0].islower())
    capital_count = sum(1 for w in words if w[0].isupper())
    sentence_case = lower_count >= 1 and lower_count * 2 >= capital_count

    def brace(match: re.Match[str]) -> str:
        token = match.group(0)
        core = token.rstrip(".'’-") if token.count(".") <= 1 else token
        tail = token[len(core):]
        capitals = sum(1 for c in core if c.isupper())
        if capitals >= 2:
            return "{" + core + "}" + tail
        if sentence_case and core[:1].isupper():
            before = title[: match.start()].rstrip()
            if before and not before.endswith((":", "?", "!", ".", "—", "–")):
                return "{" + core + "}" + tail
        return token

    return _TOKEN.sub(brace, title)


_FIELD_NORMALIZERS = {
    "doi": normalize_doi,
    "url": normalize_url,
    "pages": normalize_pages,
}


def normalize(entry: Entry) -> Entry:
    """Normalise an entry in place (and return it); every changed field keeps its old value."""
    for name, value in list(entry.fields.items()):
        if name in entry.macros:
            continue
        new = value
        if name not in {"rawref", "abstract", "annotation", "citeman-source", "citeman-machine"}:
            new = clean_whitespace(new) if name not in {"url", "doi"} else new.strip()
        fn = _FIELD_NORMALIZERS.get(name)
        if fn:
            new = fn(new)
        if new != value:
            entry.fields[name] = new
            prov = entry.provenance.get(name) or Provenance()
            if prov.raw is None:
                prov.raw = value
            entry.provenance[name] = prov
    return entry
