"""Golden files and format rules for every export format."""

from __future__ import annotations

import json
import subprocess

import pytest

from citeman.errors import UsageError
from citeman.export import FORMATS, export, expand_macros, read_libraries
from citeman.export.biblatex import to_biblatex_entry
from citeman.export.ris import parse_ris, to_ris
from citeman.model import Entry, Person

from export_helpers import CSL_SCHEMA, FIXTURES, GOLDEN, assert_golden

SUFFIX = {"bibtex": "bib", "biblatex": "bib", "csl-json": "json", "ris": "ris"}


@pytest.fixture(scope="module")
def library():
    lib, diagnostics = read_libraries([FIXTURES / "library.bib"])
    assert diagnostics == []
    return lib


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden(library, fmt):
    assert_golden(export(library, fmt), GOLDEN / f"library.{fmt}.{SUFFIX[fmt]}")


def test_unknown_format_is_a_usage_error(library):
    with pytest.raises(UsageError, match="unknown export format"):
        export(library, "endnote")


def test_csl_json_validates_against_schema(library):
    jsonschema = pytest.importorskip("jsonschema")
    if not CSL_SCHEMA.exists():
        pytest.skip("CSL schema not available")
    schema = json.loads(CSL_SCHEMA.read_text(encoding="utf-8"))
    data = json.loads(export(library, "csl-json"))
    errors = list(jsonschema.validators.validator_for(schema)(schema).iter_errors(data))
    assert errors == []
    assert len(data) == len(library.entries)


def test_csl_json_loads_in_pandoc_without_warnings(library, tmp_path):
    from citeman.render.csl import pandoc_path

    bib = tmp_path / "x.json"
    bib.write_text(export(library, "csl-json"), encoding="utf-8")
    doc = tmp_path / "doc.md"
    doc.write_text("---\nnocite: '@*'\n---\n", encoding="utf-8")
    proc = subprocess.run(
        [pandoc_path(), str(doc), "--citeproc", f"--bibliography={bib}", "-t", "plain"],
        capture_output=True, text=True,
    )
    assert proc.returncode == 0
    assert proc.stderr == ""
    assert "Knuth" in proc.stdout


def test_csl_json_keeps_particles_suffixes_and_organisations(library):
    items = {item["id"]: item for item in json.loads(export(library, "csl-json"))}
    authors = items["smith2019deep"]["author"]
    assert authors[1] == {"family": "Berg", "given": "Anna", "non-dropping-particle": "van der"}
    assert authors[2]["suffix"] == "Jr."
    assert authors[3] == {"literal": "World Health Organization"}
    assert items["smith2019deep"]["issued"] == {"date-parts": [[2019, 5, 1]]}


def test_string_macros_are_expanded_outside_bibtex(library):
    assert "journal = jcp" in export(library, "bibtex")
    assert "@string{jcp" in export(library, "bibtex")
    assert "journaltitle = {Journal of Chemical Physics}" in export(library, "biblatex")
    assert "T2  - Journal of Chemical Physics" in export(library, "ris")


def test_expand_macros_keeps_month_macros():
    entry = Entry("k", "article", {"journal": "jcp", "month": "may"}, macros={"journal", "month"})
    expanded = expand_macros(entry, {"JCP": "J. Chem. Phys."})
    assert expanded.fields == {"journal": "J. Chem. Phys.", "month": "may"}
    assert expanded.macros == {"month"}


def test_biblatex_uses_native_types_and_fields():
    entry = Entry("k", "techreport", {"journal": "J", "year": "2020", "month": "mar", "address": "Paris",
                                      "number": "7"}, macros={"month"})
    out = to_biblatex_entry(entry)
    assert out.type == "report"
    assert out.fields == {"journaltitle": "J", "date": "2020-03", "location": "Paris", "number": "7",
                          "type": "techreport"}
    assert out.macros == set()


def test_biblatex_keeps_full_date_and_non_numeric_year():
    dated = to_biblatex_entry(Entry("k", "online", {"year": "2021", "month": "feb", "date": "2021-02-03"}, macros={"month"}))
    assert dated.fields == {"date": "2021-02-03"}
    undated = to_biblatex_entry(Entry("k", "misc", {"year": "in press"}))
    assert undated.fields == {"year": "in press"}


def test_ris_tags_for_people_and_pages():
    entry = Entry("k", "incollection", {"title": "T", "booktitle": "B", "pages": "15--38", "year": "2018"},
                  persons={"author": [Person(family="Berg", given="Anna", particle="van der")],
                           "editor": [Person(literal="UNESCO")]})
    text = to_ris([entry])
    assert text.splitlines() == [
        "TY  - CHAP", "ID  - k", "AU  - van der Berg, Anna", "ED  - UNESCO", "TI  - T", "T2  - B",
        "PY  - 2018", "SP  - 15", "EP  - 38", "ER  -",
    ]


def test_ris_reads_zotero_style_export():
    text = (
        "TY  - JOUR\r\nTI  - A long title that wraps\r\n  onto a second line\r\nAU  - Doe, Jane\r\n"
        "AU  - Roe, R., Jr.\r\nT2  - Journal of Tests\r\nJ2  - J. Tests\r\nPY  - 2019\r\nDA  - 2019/07/04/\r\n"
        "SP  - 1\r\nEP  - 9\r\nSN  - 1234-5678\r\nDO  - 10.1/abc\r\nKW  - alpha\r\nKW  - beta\r\n"
        "Y2  - 2020/01/02/10:11:12\r\nER  - \r\n"
    )
    [entry] = parse_ris(text)
    assert entry.type == "article"
    assert entry.key  # a fresh key when the record has no ID
    assert entry.fields["title"] == "A long title that wraps onto a second line"
    assert entry.persons["author"][1] == Person(family="Roe", given="R.", suffix="Jr.")
    assert entry.fields["journal"] == "Journal of Tests"
    assert entry.fields["shortjournal"] == "J. Tests"
    assert (entry.fields["year"], entry.fields["month"], entry.fields["date"]) == ("2019", "jul", "2019-07-04")
    assert entry.fields["pages"] == "1--9"
    assert entry.fields["issn"] == "1234-5678"
    assert entry.fields["keywords"] == "alpha, beta"
    assert entry.fields["urldate"] == "2020-01-02"


def test_ris_ignores_text_outside_records():
    assert parse_ris("junk\nER  -\n\n") == []


def test_project_bibliography_exports_to_every_format():
    from export_helpers import REPO_ROOT

    files = sorted((REPO_ROOT / "bib").glob("*.bib"))
    if not files:
        pytest.skip("bib/ holds no .bib file yet")
    library, _ = read_libraries(files)
    count = len(library.entries)
    assert len(json.loads(export(library, "csl-json"))) == count
    assert len(parse_ris(export(library, "ris"))) == count
    assert export(library, "biblatex").count("\n@") + 1 >= count
    if CSL_SCHEMA.exists():
        jsonschema = pytest.importorskip("jsonschema")
        schema = json.loads(CSL_SCHEMA.read_text(encoding="utf-8"))
        assert list(jsonschema.validators.validator_for(schema)(schema).iter_errors(json.loads(export(library, "csl-json")))) == []
