"""Article numbers in ``pages``: ``e0123``, ``S12`` and the AAAS form ``eabl6449`` are not malformed pages."""

from __future__ import annotations

import datetime as dt

import pytest

from citeman.io.bibtex import parse_bib
from citeman.validate.base import Context
from citeman.validate.lint import lint_library

CTX = Context(today=dt.date(2026, 1, 1))


def _codes(pages: str) -> set[str]:
    text = (f"@article{{k, author = {{Lei, Yiting}}, title = {{Injectable hydrogel microspheres}}, "
            f"journal = {{Science advances}}, year = {{2022}}, volume = {{8}}, pages = {{{pages}}}}}\n")
    library, diagnostics = parse_bib(text, "a.bib")
    return {f.diagnostic.code for f in lint_library(library, diagnostics, ctx=CTX)}


@pytest.mark.parametrize("pages", ["eabl6449", "e0123", "S12", "1116--1122", "026002"])
def test_article_numbers_are_pages(pages):
    assert "G001" not in _codes(pages)


@pytest.mark.parametrize("pages", ["eabl6449x", "abcd1234", "12 and then some"])
def test_other_text_is_still_malformed(pages):
    assert "G001" in _codes(pages)
