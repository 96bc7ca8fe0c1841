"""The whole real test library (benchmarks/fidelity/library, 351 entries written by
biblatex, pandoc and Better BibTeX): CSL-JSON export is schema-valid, ``fmt`` loses
nothing and is idempotent, and BibLaTeX -> CSL-JSON -> BibLaTeX keeps what CSL holds."""

from __future__ import annotations

import json
import shutil

import pytest
from export_helpers import CSL_SCHEMA, REPO_ROOT

from citeman.export import expanded_entries, export, read_libraries, reformat_files
from citeman.export.csljson import from_csl, to_csl
from citeman.io.bibtex import dumps_bib, parse_bib
from citeman.io.text import read_text

LIBRARY = REPO_ROOT / "benchmarks" / "fidelity" / "library"
FILES = sorted(LIBRARY.rglob("*.bib"))


def _ids(paths):
    return [str(p.relative_to(LIBRARY)) for p in paths]


def test_the_library_is_all_there():
    library, diagnostics = read_libraries(FILES)
    assert len(library.entries) == 351
    assert [d for d in diagnostics if d.severity == "error"] == []


def test_csl_json_export_of_every_entry_validates_against_the_csl_schema():
    jsonschema = pytest.importorskip("jsonschema")
    if not CSL_SCHEMA.exists():
        pytest.skip("../shared/data/csl-schema/csl-data.json is not available")
    schema = json.loads(CSL_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    library, _ = read_libraries(FILES)
    items = json.loads(export(library, "csl-json"))
    assert len(items) == 351
    problems = [(items[next(iter(e.path))]["id"], e.message) for e in validator.iter_errors(items)]
    assert problems == []


def _entries(text: str):
    library, diagnostics = parse_bib(text)
    return library, [d for d in diagnostics if d.severity == "error"]


def _content(entry):
    return entry.key, entry.type, entry.fields, {role: people for role, people in entry.persons.items() if people}


@pytest.mark.parametrize("path", FILES, ids=_ids(FILES))
def test_fmt_keeps_every_field_and_is_idempotent(path, tmp_path):
    copy = tmp_path / path.name
    shutil.copyfile(path, copy)
    original = read_text(copy)
    reformat_files([copy])
    once = read_text(copy)
    reformat_files([copy])
    assert read_text(copy) == once, "fmt twice differs from fmt once"

    before, before_errors = _entries(original)
    after, after_errors = _entries(once)
    assert after_errors == before_errors == []
    assert len(after.entries) == len(before.entries)
    # fmt writes one canonical layout; what it means is the same: every field of every
    # entry comes back with the same name and the same (decoded) value, and no block is lost.
    for old, new in zip(before.entries, after.entries):
        assert _content(new) == _content(old)
    assert [(b.kind, b.name) for b in after.blocks if not hasattr(b, "fields")] == \
        [(b.kind, b.name) for b in before.blocks if not hasattr(b, "fields")]


def _through_bib(entry):
    library, diagnostics = parse_bib(dumps_bib([entry]))
    assert [d for d in diagnostics if d.severity == "error"] == []
    [back] = library.entries
    return back


@pytest.mark.parametrize("path", FILES, ids=_ids(FILES))
def test_biblatex_to_csl_to_biblatex_keeps_what_csl_holds(path):
    """Every variable the CSL item of an entry holds comes back from the imported entry,
    unchanged: so the import kept every field the CSL-JSON could carry."""
    library, _ = read_libraries([path])
    for entry in expanded_entries(library):
        item = json.loads(json.dumps(to_csl(entry), ensure_ascii=False))
        back = _through_bib(from_csl(item))
        assert to_csl(back) == item, entry.key
        # and import is stable: importing the export of the imported entry changes nothing
        again = _through_bib(from_csl(json.loads(json.dumps(to_csl(back), ensure_ascii=False))))
        assert _content(again) == _content(back), entry.key
