"""``citeman import``: CSL-JSON and RIS files into .bib entries, on real exports of other tools.

The property that matters is stability: import -> export -> import gives the same
entries, so nothing an import keeps is lost by writing it out again. It is checked on
the real files of tests/fixtures/import, on the whole real library (exported first)
and on generated items.
"""

from __future__ import annotations

import json

import pytest
from export_helpers import CSL_SCHEMA, REPO_ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from citeman.cli import app
from citeman.export import expanded_entries, mapping, read_libraries
from citeman.export.csljson import to_csl_json
from citeman.export.importer import read_entries
from citeman.export.ris import to_ris
from citeman.io.bibtex import dumps_bib, parse_bib
from citeman.keys import is_safe_key

runner = CliRunner()
FIXTURES = REPO_ROOT / "tests" / "fixtures" / "import"
MANIFEST = json.loads((FIXTURES / "manifest.json").read_text(encoding="utf-8"))
CSL_FILES = sorted((FIXTURES / "csl-json").glob("*.json"))
RIS_FILES = sorted((FIXTURES / "ris").glob("*.ris"))
# JabRef's deliberately broken file: one record with nine TY lines.
BROKEN_RIS = FIXTURES / "ris" / "jabref-RisImporterTest1.ris"
GOOD_RIS = [p for p in RIS_FILES if p != BROKEN_RIS]
LIBRARY = sorted((REPO_ROOT / "benchmarks" / "fidelity" / "library").rglob("*.bib"))
WRITERS = {"csl-json": to_csl_json, "ris": to_ris}


def _bib_round(entries):
    """Entries as they read back from the .bib text import writes."""
    library, diagnostics = parse_bib(dumps_bib(entries))
    assert [d for d in diagnostics if d.severity == "error"] == []
    return library.entries


def _content(entry):
    return entry.key, entry.type, dict(sorted(entry.fields.items())), {r: p for r, p in entry.persons.items() if p}


def _import(text: str, fmt: str, path: str = "x"):
    entries, diagnostics = read_entries(text, fmt, path)
    return _bib_round(entries), diagnostics


def _assert_stable(first, fmt: str) -> None:
    again, diagnostics = _import(WRITERS[fmt](first), fmt)
    assert diagnostics == []
    assert [_content(e) for e in again] == [_content(e) for e in first]


def _count_items(path) -> int:
    data = json.loads(path.read_text(encoding="utf-8"))
    return 1 if isinstance(data, dict) else len(data)


# --- the fixtures are what the manifest says -------------------------------------------

def test_every_fixture_is_in_the_manifest_with_a_licence():
    listed = {row["file"] for row in MANIFEST}
    on_disk = {str(p.relative_to(FIXTURES)) for p in CSL_FILES + RIS_FILES}
    assert listed == on_disk
    for row in MANIFEST:
        assert row["licence"] and (FIXTURES / row["licence_file"]).is_file()
        assert row["source"]


# --- real exports ------------------------------------------------------------------------

@pytest.mark.parametrize("path", CSL_FILES, ids=lambda p: p.name)
def test_real_csl_json_imports_every_item_and_is_stable(path):
    entries, diagnostics = _import(path.read_text(encoding="utf-8"), "csl-json", str(path))
    assert diagnostics == []
    assert len(entries) == _count_items(path)
    assert len({e.key for e in entries}) == len(entries)
    _assert_stable(entries, "csl-json")


@pytest.mark.parametrize("path", GOOD_RIS, ids=lambda p: p.name)
def test_real_ris_imports_every_record_and_is_stable(path):
    text = path.read_text(encoding="utf-8")
    entries, diagnostics = _import(text, "ris", str(path))
    assert diagnostics == []
    assert len(entries) == sum(1 for line in text.replace("\r", "").split("\n") if line.startswith("TY "))
    _assert_stable(entries, "ris")


def test_better_bibtex_items_map_to_the_right_fields():
    path = FIXTURES / "csl-json" / "export-of-creator-type-fields-from-embedded-csl-variables-36.json"
    entries, _ = _import(path.read_text(encoding="utf-8"), "csl-json")
    by_key = {e.key: e for e in entries}
    film = by_key["Doe2015"]
    assert film.type == "movie"
    assert film.fields["director"] == "Doe, John and Roe, Rob"
    assert by_key["Kubrick1964"].fields["director"] == "Kubrick, Stanley"
    episode = by_key["friends:leia:tv"]
    assert (episode.type, episode.fields["entrysubtype"]) == ("audio", "broadcast")
    assert episode.fields["script-writer"] == "Curtis, Michael and Malins, Gregory S."


def test_dates_bbt_writes_come_back_as_edtf():
    path = FIXTURES / "csl-json" / "date-export-to-better-csl-json-360-811.json"
    entries, _ = _import(path.read_text(encoding="utf-8"), "csl-json")
    by_key = {e.key: e for e in entries}
    assert by_key["t1"].fields["date"] == "2014-12-31/2015-01-01"
    assert by_key["t5"].fields["date"] == "-0333"  # CSL -334 is 334 BC, EDTF -0333
    seasons = FIXTURES / "csl-json" / "season-ranges-should-be-exported-as-pseudo-months-13-16-or-2.json"
    entries, _ = _import(seasons.read_text(encoding="utf-8"), "csl-json")
    assert {e.key: e.fields.get("date") for e in entries}["00112100122211"] == "0011-21/0012-22"


def test_zotero_ris_record_maps_to_the_right_fields():
    entries, _ = _import((FIXTURES / "ris" / "zotero-ris-translator-01.ris").read_text(encoding="utf-8"), "ris")
    [entry] = entries
    assert entry.type == "article"
    assert [p.family for p in entry.persons["author"]] == ["Baldwin", "Fugaccia", "Brown", "Brown", "Scheff"]
    assert entry.fields["title"] == "Blood-brain barrier breach following cortical contusion in the rat"
    assert entry.fields["journal"] == "J.Neurosurg."
    assert (entry.fields["year"], entry.fields["volume"], entry.fields["pages"]) == ("1996", "85", "476--481")
    assert entry.fields["ris-rp"] == "Not In File"  # no table names RP: kept, not dropped
    assert "keywords" in entry.fields and "abstract" in entry.fields


def test_jabref_record_keeps_a_second_date_and_the_abbreviation():
    entries, _ = _import((FIXTURES / "ris" / "jabref-RisImporterTestWithEmptyER.ris").read_text(encoding="utf-8"), "ris")
    [entry] = entries
    assert entry.fields["journal"] == "The Journal of Chemical Physics"
    assert entry.fields["shortjournal"] == "J. Chem. Phys."
    assert entry.fields["date"] == "2013-07-28"
    assert entry.fields["ris-y1"] == "2013/07/22"
    assert entry.fields["urldate"] == "2021-01-24"


# --- the whole real library, exported and imported ----------------------------------------

@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_library_export_import_is_stable(fmt):
    library, _ = read_libraries(LIBRARY)
    exported = WRITERS[fmt](expanded_entries(library))
    first, diagnostics = _import(exported, fmt)
    assert diagnostics == []
    assert len(first) == 351
    # keys are kept, except where two files of the library use the same one or one is
    # not a safe key (a DOI as key)
    originals = [e.key for e in expanded_entries(library)]
    kept = [key for key in originals if originals.count(key) == 1 and is_safe_key(key)]
    assert len({e.key for e in first}) == 351
    assert len(kept) > 250
    assert [e.key for e, key in zip(first, originals) if key in kept] == kept
    _assert_stable(first, fmt)


def test_library_csl_export_after_import_is_schema_valid():
    jsonschema = pytest.importorskip("jsonschema")
    if not CSL_SCHEMA.exists():
        pytest.skip("CSL schema not available")
    schema = json.loads(CSL_SCHEMA.read_text(encoding="utf-8"))
    items = []
    for path in CSL_FILES:
        entries, _ = _import(path.read_text(encoding="utf-8"), "csl-json")
        items += json.loads(to_csl_json(entries))
    errors = [e.message for e in jsonschema.validators.validator_for(schema)(schema).iter_errors(items)]
    assert errors == []


# --- generated items -----------------------------------------------------------------------

_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéü", min_size=1, max_size=7)
_phrase = st.lists(st.one_of(_word, _word.map(str.title), st.sampled_from(["&", "50%", "{x}", "a_b", "(c)", "1.5"])),
                   min_size=1, max_size=6).map(" ".join)
_name = st.one_of(
    st.fixed_dictionaries({"family": _word.map(str.title)}, optional={"given": _word.map(str.title),
                                                                       "non-dropping-particle": st.sampled_from(["van", "de"])}),
    st.fixed_dictionaries({"literal": st.builds(lambda a, b: f"{a} {b}", _word.map(str.title), _word.map(str.title))}),
)
_year = st.integers(-2000, 2030).filter(lambda y: y != 0)
_part = st.one_of(
    st.tuples(_year).map(list),
    st.tuples(_year, st.integers(1, 16)).map(list),
    st.tuples(_year, st.integers(1, 12), st.integers(1, 28)).map(list),
)
_date = st.one_of(
    st.lists(_part, min_size=1, max_size=2).map(lambda parts: {"date-parts": parts}),
    st.tuples(_part, st.booleans()).map(lambda t: {"date-parts": [t[0]], "circa": t[1]}),
    st.sampled_from(["13th century", "spring 1999", "n.d."]).map(lambda text: {"literal": text}),
)
_TEXT = ["title", "container-title", "publisher", "publisher-place", "volume", "edition", "note", "abstract",
         "DOI", "URL", "ISBN", "collection-title", "title-short", "genre", "medium", "section", "source", "status",
         "archive", "archive_location", "call-number", "event-title", "event-place", "number", "issue",
         "collection-number", "page", "keyword", "version", "dimensions", "reviewed-title"]


@st.composite
def csl_items(draw):
    item = {"id": draw(st.from_regex(r"[a-z]{2,6}[0-9]{0,3}", fullmatch=True)),
            "type": draw(st.sampled_from(sorted(mapping.CSL_TO_ENTRY_TYPE)))}
    for variable in draw(st.lists(st.sampled_from(_TEXT), max_size=8, unique=True)):
        item[variable] = draw(_phrase if variable not in ("volume", "issue", "number") else st.integers(1, 99).map(str))
    for variable in draw(st.lists(st.sampled_from(["author", "editor", "translator", "director", "contributor",
                                                    "container-author", "reviewed-author"]), max_size=3, unique=True)):
        item[variable] = draw(st.lists(_name, min_size=1, max_size=3))
    for variable in draw(st.lists(st.sampled_from(["issued", "accessed", "original-date", "submitted"]), max_size=2,
                                  unique=True)):
        item[variable] = draw(_date)
    if draw(st.booleans()):
        item["x-extra"] = draw(_phrase)  # not a CSL variable: kept in custom
    return item


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.lists(csl_items(), min_size=1, max_size=4))
def test_generated_csl_import_export_import_is_stable(items):
    first, diagnostics = _import(json.dumps(items), "csl-json")
    assert diagnostics == []
    assert len(first) == len(items)
    _assert_stable(first, "csl-json")


_TAGS = ["AU", "A1", "ED", "A2", "A4", "TI", "T1", "T2", "JO", "JF", "J2", "T3", "PY", "Y1", "DA", "Y2", "VL", "IS",
         "SP", "EP", "ET", "PB", "CY", "SN", "DO", "UR", "LA", "AB", "N2", "KW", "N1", "RN", "M3", "ST", "CN", "AN",
         "DB", "NV", "U1", "M1", "C3", "ID"]
_value = st.one_of(_phrase, st.sampled_from(["2019/05/17/", "2015", "2001/09//", "2015/october", "12-19",
                                             "Smith, John", "1234-567X", "978-0-06-297658-1"]))


@st.composite
def ris_records(draw):
    ty = draw(st.sampled_from(sorted(mapping.RIS_TYPE_FOR_TY) + ["OTHER", "GEN"]))
    lines = [f"TY  - {ty}"]
    for tag, value in draw(st.lists(st.tuples(st.sampled_from(_TAGS), _value), min_size=1, max_size=12)):
        lines.append(f"{tag}  - {value}")
    return "\n".join(lines + ["ER  - "])


@SETTINGS
@given(st.lists(ris_records(), min_size=1, max_size=4))
def test_generated_ris_import_export_import_is_stable(records):
    first, diagnostics = _import("\n\n".join(records) + "\n", "ris")
    assert diagnostics == []
    assert len(first) == len(records)
    _assert_stable(first, "ris")


# --- the command line ------------------------------------------------------------------------

def test_import_prints_bibtex_on_stdout_and_a_summary_on_stderr():
    path = FIXTURES / "csl-json" / "postscript-error-aborts-csl-json-export-1155.json"
    result = runner.invoke(app, ["import", str(path), "--from", "csl-json"])
    assert result.exit_code == 0, result.output
    library, diagnostics = parse_bib(result.stdout)
    assert diagnostics == [] and len(library.entries) == _count_items(path)
    assert result.stderr.strip().endswith(f"imported {len(library.entries)} entries from {path}")


def test_import_format_comes_from_the_file_name(tmp_path):
    out = tmp_path / "out.bib"
    result = runner.invoke(app, ["import", str(GOOD_RIS[0]), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert parse_bib(out.read_text(encoding="utf-8"))[0].entries
    odd = tmp_path / "items.txt"
    odd.write_text("[]", encoding="utf-8")
    result = runner.invoke(app, ["import", str(odd)])
    assert result.exit_code == 2
    assert "give --from" in result.stderr


def test_existing_output_is_kept_unless_forced(tmp_path):
    out = tmp_path / "out.bib"
    out.write_text("% mine\n", encoding="utf-8")
    source = str(FIXTURES / "csl-json" / "better-csl-json-does-not-include-authority-field-2019.json")
    result = runner.invoke(app, ["import", source, "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [f"error: {out}: output file exists; give --force to replace it"]
    assert out.read_text(encoding="utf-8") == "% mine\n"
    result = runner.invoke(app, ["import", source, "-o", str(out), "--force"])
    assert result.exit_code == 0
    assert "@jurisdiction{WhiteState1966," in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "text", "fmt", "message"), [
    ("broken.json", '[\n  {"id": "a",\n   "type": "book"\n', "csl-json", ":4: not JSON: Expecting ',' delimiter"),
    ("scalar.json", '\n"just a string"\n', "csl-json", ":2: not CSL-JSON: expected an array of items or one item, found a string"),
    ("object.json", '{"items": []}', "csl-json", ":1: not CSL-JSON: expected an array of items or one item"),
    ("none.ris", "Just some text\nwith no tags\n", "ris", ":1: no RIS record (no line starts with 'TY  - ')"),
    ("open.ris", "TY  - JOUR\nTI  - A title\n", "ris", ":1: RIS record has no ER line"),
    ("stray.ris", "TY  - JOUR\nER  - \nAU  - Smith, J\n", "ris", ":3: RIS 'AU' line outside a record"),
])
def test_bad_input_is_one_line_with_file_and_line_and_exit_2(tmp_path, name, text, fmt, message):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["import", str(path), "--from", fmt])
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"error: {path}{message}")
    assert "Traceback" not in result.output


def test_the_real_broken_jabref_file_is_rejected_at_its_first_record():
    result = runner.invoke(app, ["import", str(BROKEN_RIS)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: {BROKEN_RIS}:2: RIS record has no ER line before the next TY (line 3)"


def test_unreadable_items_are_kept_as_misc_and_reported(tmp_path):
    items = [
        {"id": "good", "type": "book", "title": "A study"},
        42,
        {"id": "bad", "type": "book", "author": "Jane Smith", "title": "Another study"},
    ]
    path = tmp_path / "items.json"
    path.write_text(json.dumps(items, indent=1), encoding="utf-8")
    result = runner.invoke(app, ["import", str(path)])
    assert result.exit_code == 0
    library, _ = parse_bib(result.stdout)
    assert [e.type for e in library.entries] == ["book", "misc", "misc"]
    assert json.loads(library.entries[2].fields["rawref"]) == items[2]
    assert library.entries[1].fields["rawref"] == "42"
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [
        f"warning: {path}:7: P301 CSL-JSON item kept as @misc with its text in rawref: an item must be a JSON object, not int",
        f"warning: {path}:8: P301 CSL-JSON item kept as @misc with its text in rawref: 'author' must be a list of name objects",
    ]
    assert "(2 kept as @misc" in result.stderr


def test_a_ris_record_with_a_broken_tag_line_is_kept_whole(tmp_path):
    path = tmp_path / "x.ris"
    path.write_text("TY  - JOUR\nTI  - Fine\nER  - \n\nTY  - BOOK\nTI -Broken tag\nER  - \n", encoding="utf-8")
    entries, diagnostics = read_entries(path.read_text(encoding="utf-8"), "ris", str(path))
    assert [e.type for e in entries] == ["article", "misc"]
    assert entries[1].fields["rawref"] == "TY  - BOOK\nTI -Broken tag\nER  -"
    [warning] = diagnostics
    assert (warning.code, warning.line, warning.key) == ("P301", 5, entries[1].key)
    assert "line 6 is not a tag line" in warning.message


def test_keys_are_kept_when_safe_and_unique_and_made_otherwise():
    items = [
        {"id": "smith2020", "type": "book", "title": "One", "author": [{"family": "Smith"}], "issued": {"date-parts": [[2020]]}},
        {"id": "smith2020", "type": "book", "title": "Two"},
        {"id": "http://zotero.org/users/1/items/ABCD", "type": "book", "title": "Three",
         "author": [{"family": "Lee"}], "issued": {"date-parts": [[2001]]}},
        {"id": 17, "citation-key": "lee2001three", "type": "book", "title": "Four"},
    ]
    entries, _ = read_entries(json.dumps(items), "csl-json")
    assert [e.key for e in entries] == ["smith2020", "two", "lee2001threea", "lee2001three"]


def test_import_reads_standard_input_with_from():
    text = (FIXTURES / "ris" / "jabref-RisImporterTest3.ris").read_text(encoding="utf-8")
    result = runner.invoke(app, ["import", "-", "--from", "ris"], input=text)
    assert result.exit_code == 0, result.output
    [entry] = parse_bib(result.stdout)[0].entries
    assert entry.type == "incollection"
    assert entry.fields["booktitle"] == "Dermoscopy Image Analysis"
    assert entry.fields["series"] == "Digital Imaging and Computer Vision"
    assert result.stderr.strip() == "imported 1 entry from <stdin>"
    result = runner.invoke(app, ["import", "-"], input=text)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: <stdin>: cannot tell the format from the file name")


@pytest.mark.parametrize("csl", sorted(mapping.CSL_TO_ENTRY_TYPE))
def test_every_csl_type_survives_import_and_export(csl):
    from citeman.export.csljson import csl_type, from_csl

    for item in ({"id": "k", "type": csl}, {"id": "k", "type": csl, "version": "2.1"}):
        [entry] = _bib_round([from_csl(item)])
        assert csl_type(entry) == csl


@pytest.mark.parametrize("ty", sorted(mapping.RIS_TYPE_FOR_TY) + ["OTHER"])
def test_every_ris_type_read_is_written_back_as_a_type_that_reads_the_same(ty):
    first, _ = _import(f"TY  - {ty}\nTI  - A title\nER  - \n", "ris")
    again, _ = _import(to_ris(first), "ris")
    assert [(e.type, e.fields.get("entrysubtype"), e.fields.get("ris-ty")) for e in again] == \
        [(e.type, e.fields.get("entrysubtype"), e.fields.get("ris-ty")) for e in first]
