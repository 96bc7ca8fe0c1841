"""``citeman parse`` through CliRunner: formats, one item per line, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from citeman.cli import app

SEED_REFS = Path(__file__).parent / "data" / "seed004_refs.txt"


def _run(args, stdin=None):
    return CliRunner().invoke(app, args, input=stdin)


def test_csl_json_has_one_item_per_non_empty_line_in_order(tmp_path):
    lines = SEED_REFS.read_text(encoding="utf-8").splitlines()
    src = tmp_path / "refs.txt"
    src.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    result = _run(["parse", str(src), "--to", "csl-json"])
    assert result.exit_code == 0, result.stderr
    items = json.loads(result.stdout)
    assert len(items) == len(lines) == 42
    assert items[0]["id"] == "abercrombie2019realizing"
    assert items[0]["DOI"] == "10.1353/asp.2019.0011"


def test_unusable_line_still_gets_an_item_and_a_warning(tmp_path):
    src = tmp_path / "refs.txt"
    src.write_text("%%%\nKonwer, S. (2020). US-India Relations. Strategic Analysis, 44(1), 15–30.\n", encoding="utf-8")
    result = _run(["parse", str(src), "--to", "csl-json"])
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == 2
    assert f"{src}:1: P101" in result.stderr


def test_bibtex_output_from_stdin():
    result = _run(["parse", "-"], stdin="Konwer, S. (2020). US-India Relations. Strategic Analysis, 44(1), 15–30.\n")
    assert result.exit_code == 0
    assert result.stdout.startswith("@article{konwer2020usindia,")
    assert "pages = {15--30}" in result.stdout


def test_output_file(tmp_path):
    out = tmp_path / "out.bib"
    result = _run(["parse", "-", "-o", str(out)], stdin="Konwer, S. (2020). US-India Relations. Strategic Analysis, 44(1), 15–30.\n")
    assert result.exit_code == 0 and result.stdout == ""
    assert "@article{konwer2020usindia" in out.read_text(encoding="utf-8")


def test_empty_input_exits_2_with_one_line(tmp_path):
    src = tmp_path / "empty.txt"
    src.write_text("\n   \n", encoding="utf-8")
    result = _run(["parse", str(src)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "empty" in result.stderr
    assert str(src) in result.stderr


def test_binary_input_exits_2(tmp_path):
    src = tmp_path / "bin.txt"
    src.write_bytes(b"abc\x00\xff")
    result = _run(["parse", str(src)])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")


def test_missing_file_exits_2(tmp_path):
    result = _run(["parse", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert "no such file" in result.stderr


def test_csl_json_carries_a_confidence_per_parsed_variable_and_stays_schema_valid(tmp_path, shared_dir):
    jsonschema = __import__("pytest").importorskip("jsonschema")
    schema = json.loads((shared_dir / "data" / "csl-schema" / "csl-data.json").read_text(encoding="utf-8"))
    result = _run(["parse", str(SEED_REFS), "--to", "csl-json"])
    items = json.loads(result.stdout)
    jsonschema.validate(items, schema)
    for item in items:
        scores = item["custom"]["confidence"]
        assert set(scores) <= set(item) and all(0.0 <= s <= 1.0 for s in scores.values())
        assert "title" in scores or "title" not in item
    # The seed's references are not all easy: some field is less than certain.
    assert min(s for item in items for s in item["custom"]["confidence"].values()) < 0.9
