from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citeman.validate.textutil import _NON_WORD, comparable, plain


def _by_regex(value: str) -> str:
    return _NON_WORD.sub(" ", plain(value).casefold()).strip()


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_ascii_fast_path_equals_the_regex_definition(value):
    assert comparable(value) == _by_regex(value)


def test_comparable_drops_braces_and_punctuation():
    assert comparable("{T}he U.S.-India {\\&} Defence_Framework ") == "the u s india defence framework"
    assert comparable("Caf\u00e9 {\u00c9}tudes") == "caf\u00e9 \u00e9tudes"
