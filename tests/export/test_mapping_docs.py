"""docs/mapping.md is generated from the mapping tables and must match them."""

from __future__ import annotations

from pathlib import Path

from citeman.export import mapping

DOC = Path(__file__).resolve().parents[2] / "docs" / "mapping.md"


def test_mapping_doc_is_current():
    assert DOC.read_text(encoding="utf-8") == mapping.markdown(), (
        "docs/mapping.md is stale: python -m citeman.export.mapping --markdown > docs/mapping.md"
    )


def test_every_entry_type_with_a_number_meaning_is_a_known_type():
    assert set(mapping.NUMBER_BY_TYPE) <= set(mapping.ENTRY_TYPE_TO_CSL)


def test_every_csl_type_imported_maps_back_to_itself():
    for csl_type, entry_type in mapping.CSL_TO_ENTRY_TYPE.items():
        subtype = mapping.CSL_TO_SUBTYPE.get(csl_type)
        if subtype:
            assert mapping.SUBTYPE_TO_CSL.get((entry_type, subtype)) == csl_type
