"""What a paper's headings are called: the one definition of a reference-list heading.

The reference list is found under its heading ("References", "Bibliography", "Works
Cited"...), and the sections that may follow it ("Notes", "Appendix") end it. The
reference-list reader, the citation checker, the annotator and the metadata rules all
ask :func:`is_reference_heading`, so they agree on where the list is.
"""

from __future__ import annotations

import re

__all__ = ["END_HEADINGS", "REFERENCE_HEADINGS", "heading_level", "heading_name", "is_reference_heading"]

REFERENCE_HEADINGS = frozenset({
    "references", "reference", "reference list", "list of references", "references cited",
    "cited references", "literature cited", "works cited", "work cited", "cited works",
    "works consulted", "bibliography", "select bibliography", "selected bibliography",
    "bibliography and references", "references and bibliography", "references and notes",
    "notes and references", "sources", "sources cited", "sources and references",
    "references and sources", "further reading", "references and further reading",
    "bibliographie", "références", "références bibliographiques", "literaturverzeichnis",
    "literatur", "referencias", "bibliografía", "bibliografia", "referências",
    "riferimenti bibliografici",
})
# Sections that follow a reference list and end it.
END_HEADINGS = frozenset({
    "notes", "endnotes", "footnotes", "acknowledgements", "acknowledgments", "acknowledgement",
    "acknowledgment", "about the author", "about the authors", "author biography",
    "author biographies", "biographies", "biographical note", "funding", "conflict of interest",
    "conflicts of interest", "declaration of competing interest", "declarations",
    "supplementary material", "supplementary materials", "tables", "figures", "figure captions",
    "author contributions", "data availability", "data availability statement", "index",
    "appendix", "appendices",
})

_NUMBERING = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[ivxlcdm]+\.|[a-z]\.)\s+", re.I)
_TAG = re.compile(r"<[^<>]*>")
_ATX_MARK = re.compile(r"^\s{0,3}(#{1,6})(?:\s|$)")


def heading_level(line: str) -> int:
    """The ATX heading level of ``line`` (1-6), or 0 when it is not a ``#`` heading."""
    match = _ATX_MARK.match(line)
    return len(match.group(1)) if match else 0


def heading_name(line: str) -> str:
    """The words of a heading line without Markdown decoration, numbering or trailing colon."""
    text = re.sub(r"^\s{0,3}#{1,6}\s*", "", line).strip()
    text = re.sub(r"\s#+\s*$", "", text)
    text = _TAG.sub("", text)
    text = re.sub(r"[*_]", "", text.replace("\\", ""))
    text = _NUMBERING.sub("", text.strip())
    text = text.strip().rstrip(":.").strip()
    return " ".join(text.lower().split())


def is_reference_heading(line: str) -> bool:
    """Whether ``line`` (a heading as written, with or without markup) names a reference list."""
    return len(line) <= 80 and heading_name(line) in REFERENCE_HEADINGS
