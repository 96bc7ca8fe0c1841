"""Helpers shared by the reference-list tests."""

from __future__ import annotations

from pathlib import Path

from citeman.ingest.reflist import RefString, extract_reference_strings

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
GOLDEN = HERE / "golden"
REPO = HERE.parent.parent
SEED004 = "seeds/004_f4c71cc64816fcce.txt"


def refs_of(text: str, path: str = "paper.md") -> list[RefString]:
    return extract_reference_strings(text, path)[0]


def texts(text: str) -> list[str]:
    return [r.text for r in refs_of(text)]
