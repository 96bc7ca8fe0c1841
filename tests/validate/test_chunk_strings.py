"""Large files are linted in chunks; @string macros defined earlier must reach every later chunk."""

from __future__ import annotations

from citeman.validate.base import Context
from citeman.io.chunks import split_chunks
from citeman.validate.lint import _lint_chunk, _unflatten
from citeman.validate.registry import ALL_RULES

ENTRY = "@article{{k{i}, author={{Smith, J.}}, title={{A study of things number {i}}}, journal={{J}}, year={{2020}}, month=sept, volume={{1}}, pages={{1--2}}}}\n\n"
TEXT = '@string{sept = "September"}\n\n' + "".join(ENTRY.format(i=i) for i in range(300))


def test_every_chunk_knows_the_macros_defined_before_it():
    chunks = split_chunks(TEXT, "x.bib", size=5000)
    assert len(chunks) > 3
    assert chunks[0].strings == {}
    assert all(chunk.strings == {"sept": "September"} for chunk in chunks[1:])


def test_month_macro_from_an_earlier_chunk_is_not_reported():
    codes = set()
    for chunk in split_chunks(TEXT, "x.bib", size=5000):
        findings, _records, _supp, _count = _unflatten(_lint_chunk(TEXT, chunk, ALL_RULES, Context()))
        codes.update(f.diagnostic.code for f in findings if f.diagnostic.field == "month")
    assert codes == set()
