"""The sample of further training styles is reproducible and keeps the held-out styles out."""

from __future__ import annotations

from pathlib import Path

import pytest

from citeman.training.build import all_styles, bib_files, extra_styles
from citeman.training.records import library_records
from citeman.training.styles import excluded_styles, style_info
from citeman.training.unseen import UNSEEN_STYLES

LIBRARY = Path(__file__).resolve().parents[2] / "benchmarks" / "fidelity" / "library"


@pytest.fixture(scope="module")
def sample():
    return extra_styles(60, 13)


def test_the_sample_is_fixed_by_its_seed(sample):
    assert extra_styles(60, 13) == sample
    assert len(sample) == 60 and len(set(sample)) == 60


def test_held_out_styles_their_siblings_and_near_copies_stay_out(sample):
    banned = excluded_styles(UNSEEN_STYLES)
    assert set(UNSEEN_STYLES) <= banned
    assert {"iso690-author-date-fr", "annual-reviews-author-date", "frontiers-in-physics"} & banned
    assert not set(sample) & banned
    assert not set(sample) & set(all_styles())


def test_the_sample_spans_citation_formats(sample):
    formats = {style_info(name)[0] for name in sample}
    assert {"author-date", "numeric", "note"} <= formats


def test_a_family_format_can_be_left_out():
    assert {style_info(name)[0] for name in extra_styles(20, 13, frozenset({"numeric"}))}.isdisjoint({"numeric"})


def test_library_records_are_usable_csl_json():
    records = library_records(bib_files([str(LIBRARY / "biblatex-examples.bib")]))
    assert len(records) > 40
    for record in records:
        assert record["title"] and isinstance(record["issued"]["date-parts"][0][0], int)
        assert record.get("author") or record.get("editor")
        assert "<" not in record["title"]
    assert {"book", "article-journal", "chapter"} <= {r["type"] for r in records}
