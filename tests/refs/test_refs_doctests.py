"""The examples in the reference-list modules' docstrings are run as tests."""

from __future__ import annotations

import doctest

import pytest

import citeman.ingest.furniture
import citeman.ingest.reflist
import citeman.ingest.refhints


@pytest.mark.parametrize("module", [citeman.ingest.furniture, citeman.ingest.reflist, citeman.ingest.refhints])
def test_docstring_examples(module) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
