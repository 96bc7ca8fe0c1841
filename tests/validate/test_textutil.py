from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citeman.validate.textutil import _NON_WORD, comparable, doi_year, plain


def _by_regex(value: str) -> str:
    return _NON_WORD.sub(" ", plain(value).casefold()).strip()


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_ascii_fast_path_equals_the_regex_definition(value):
    assert comparable(value) == _by_regex(value)


def test_comparable_drops_braces_and_punctuation():
    assert comparable("{T}he U.S.-India {\\&} Defence_Framework ") == "the u s india defence framework"
    assert comparable("Caf\u00e9 {\u00c9}tudes") == "caf\u00e9 \u00e9tudes"


def test_doi_year_is_a_whole_part_of_the_suffix():
    assert doi_year("10.1080/01402390.2021.1993829") == 2021
    assert doi_year("10.1080/1949.2019.1") == 2019   # 1949 is out of range: the next part counts
    assert doi_year("10.2019/abc.20191") == 0         # the prefix and longer numbers do not count
    assert doi_year("10.1/x.\u0662\u0660\u0661\u0669") == 2019   # any decimal digits
    assert doi_year("10.1/x.\u00b2\u00b2\u00b2\u00b2") == 0       # superscripts are not (int() rejects them)
