"""Where in a container: page ranges, volume and issue.

``normalize_pages`` canonicalises a ``pages`` field value (``119–144`` -> ``119--144``, no
``pp.``) and leaves anything else as it is, stripped; ``find_pages`` reads the first page
or range out of a reference span and returns ``""`` when there is none. ``parse_volume``
splits a volume span into a :class:`VolumeIssue`.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from citeman.normalize.text import clean_span

_DASHES = re.compile(r"\s*(?:--|-|‐|‑|‒|–|—|−|―)\s*")
_PREFIX = re.compile(r"^(?:pp?\.?|pages?)\s*", re.IGNORECASE)
_PAGE_WORD = re.compile(r"^(?:pp?|pages?|pgs?|s|S|bl|ss|seiten|col)\.?\s*", re.I)
_PAGES = re.compile(r"([A-Za-z]?\d+[A-Za-z]?)(?:\s*(?:[-–—‐‑−]+|\s+to\s+)\s*([A-Za-z]?\d+[A-Za-z]?))?")
_VOLUME = re.compile(r"(?:\b(?:vol(?:ume)?|bd|band|tome|t|v)\.?\s*)?([0-9]+[A-Za-z]?|[IVXLC]+\b)", re.I)
_ISSUE_PAREN = re.compile(r"\(\s*([^()]+?)\s*\)")
_ISSUE_WORD = re.compile(r"\b(?:no|nr|n°|issue|iss|heft|num|number|h)\.?\s*([0-9][0-9A-Za-z/–-]*)", re.I)


class VolumeIssue(NamedTuple):
    volume: str
    issue: str


def normalize_pages(value: str) -> str:
    """Page ranges with ``--``, no ``pp.`` prefix, no spaces around dashes."""
    text = value.strip()
    while text[:1] in ("p", "P"):  # _PREFIX is anchored and starts with p; "pp. pp. 12" has two
        shorter = _PREFIX.sub("", text)
        if shorter == text:
            break
        text = shorter
    return _DASHES.sub("--", text)


def find_pages(text: str) -> str:
    """``pp. 119–144.`` -> ``119--144``; a single page stays single; "" when ``text`` holds no page."""
    text = _PAGE_WORD.sub("", clean_span(text))
    match = _PAGES.search(text)
    if not match:
        return ""
    first, last = match.group(1), match.group(2)
    return f"{first}--{last}" if last else first


def parse_volume(value: str) -> VolumeIssue:
    """Volume and issue from ``14(1)``, ``Vol. 5, Issue 2``, ``vol. 3, no. 4``, ``No. 134``."""
    text = clean_span(value)
    issue = ""
    word = _ISSUE_WORD.search(text)
    if word:
        issue = word.group(1).rstrip(".,")
        text = (text[: word.start()] + text[word.end():]).strip(" ,.;")
    else:
        paren = _ISSUE_PAREN.search(text)
        if paren and paren.start() > 0:
            issue = paren.group(1)
            prefix = text[: paren.start()]
            text = prefix + text[paren.end():]
            if prefix and " " not in prefix and not _VOLUME.fullmatch(prefix) \
                    and any(ch.isdigit() for ch in prefix) and not any(ch in prefix for ch in ";:,"):
                # "өы12y(235)": the whole word before the issue is the volume as printed.
                return VolumeIssue(prefix, issue)
    vol = _VOLUME.search(text)
    volume = vol.group(1) if vol else ""
    if not volume and not issue:
        return VolumeIssue("", "")
    return VolumeIssue(volume, issue)
