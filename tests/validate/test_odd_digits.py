"""Digits that str.isdigit() accepts but int() rejects (superscripts, circled numbers) never crash anything."""

from __future__ import annotations

import datetime as dt

import pytest

from citeman.export import export
from citeman.io.bibtex import parse_bib
from citeman.validate.base import Context
from citeman.validate.lint import lint_library, lint_paths

CTX = Context(today=dt.date(2026, 1, 1))
ODD = ["\u00b2\u2070\u00b2\u2070", "\u00b2", "\u2460", "\u00bd", "\u0662\u0660\u0662\u0660"]   # ²⁰²⁰ ² ① ½ ٢٠٢٠


def _text(odd: str) -> str:
    return (f"@article{{k, author = {{Smith, J.}}, title = {{A title of some length}}, journal = {{J}}, "
            f"year = {{{odd}}}, month = {{{odd}}}, day = {{{odd}}}, volume = {{{odd}}}, pages = {{{odd}}}, "
            f"date = {{2020-{odd}}}}}\n")


@pytest.mark.parametrize("odd", ODD)
def test_validate_reports_odd_digits_without_crashing(odd, tmp_path):
    library, diagnostics = parse_bib(_text(odd), "o.bib")
    findings = lint_library(library, diagnostics, ctx=CTX)
    assert not any("failed on this entry" in f.diagnostic.message for f in findings)
    path = tmp_path / "o.bib"
    path.write_text(_text(odd), encoding="utf-8")
    assert lint_paths([str(path)], ctx=CTX, jobs=1).entries == 1


@pytest.mark.parametrize("fmt", ["biblatex", "csl-json", "ris"])
@pytest.mark.parametrize("odd", ODD)
def test_export_keeps_odd_digits_without_crashing(odd, fmt):
    library, _ = parse_bib(_text(odd), "o.bib")
    assert export(library, fmt)
