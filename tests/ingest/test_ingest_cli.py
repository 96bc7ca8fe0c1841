"""``citeman ingest`` / ``citeman annotate`` through CliRunner: output, exit codes, bad input."""

from __future__ import annotations

import json
import shutil

from ingest_helpers import FIXTURES, REPO
from typer.testing import CliRunner

from citeman.cli import app
from citeman.io.bibtex import read_bib

runner = CliRunner()
SEED001 = REPO / "seeds" / "001_4cdfc7e12552fd6e.txt"
SEED003 = REPO / "seeds" / "003_58913d06171df316.txt"


def _run(*args: str):
    return runner.invoke(app, list(args))


def test_entries_in_argument_order_as_bibtex():
    result = _run("ingest", str(SEED003), str(SEED001))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.index("@online{gillani2021indous") < out.index("@online{islamabad2025")
    assert "missing url" in result.stderr


def test_csl_json_output():
    result = _run("ingest", str(SEED001), "--to", "csl-json")
    items = json.loads(result.stdout)
    assert result.exit_code == 0 and items[0]["issued"] == {"date-parts": [[2025, 11, 1]]}
    assert items[0]["type"] == "article-newspaper"


def test_bad_files_exit_2_but_others_are_still_output(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("\n", encoding="utf-8")
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01")
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF")
    result = _run("ingest", str(empty), str(SEED001), str(binary), str(pdf), str(tmp_path / "missing.txt"))
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "@online{islamabad2025" in result.stdout
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 4
    assert any("empty.txt" in e and "empty document" in e for e in errors)
    assert any("x.txt:1" in e and "binary" in e for e in errors)
    assert any("a.pdf" in e and "unknown document format" in e for e in errors)
    assert any("missing.txt" in e for e in errors)
    assert "Traceback" not in result.output


def test_malformed_sidecar_is_one_line_with_file_and_line(tmp_path):
    good = tmp_path / "good.txt"
    shutil.copy(SEED001, good)
    bad = tmp_path / "bad.txt"
    shutil.copy(SEED003, bad)
    (tmp_path / "bad.meta.toml").write_text('title = "x"\nyear = = 3\n', encoding="utf-8")
    result = _run("ingest", str(bad), str(good))
    assert result.exit_code == 2
    (error,) = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert "bad.meta.toml:2:" in error
    assert result.stdout.count("@online{") == 1


def test_set_option_wins_and_bad_set_is_usage_error(tmp_path):
    result = _run("ingest", str(SEED001), "--set", "url=https://example.org/a", "--set", "author=Roe, Jane")
    assert result.exit_code == 0
    assert "url = {https://example.org/a}" in result.stdout and "author = {Roe, Jane}" in result.stdout
    result = _run("ingest", str(SEED001), "--set", "novalue")
    assert result.exit_code == 2 and "field=value" in result.stderr


def test_output_file_and_into_are_exclusive(tmp_path):
    result = _run("ingest", str(SEED001), "-o", str(tmp_path / "a.bib"), "--into", str(tmp_path / "b.bib"))
    assert result.exit_code == 2 and "either" in result.stderr


def test_output_file_is_written(tmp_path):
    out = tmp_path / "out.bib"
    result = _run("ingest", str(FIXTURES / "journal_meta.html"), "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert "@article{abercrombie2019realizing" in out.read_text(encoding="utf-8")


def test_into_then_annotate_then_reingest_keeps_edits(tmp_path):
    doc = tmp_path / SEED003.name
    shutil.copy(SEED003, doc)
    bib = tmp_path / "sources.bib"
    assert _run("ingest", str(doc), "--into", str(bib)).exit_code == 0
    result = _run("annotate", str(bib))
    assert result.exit_code == 0 and "1 annotation(s) drafted" in result.stderr
    text = bib.read_text(encoding="utf-8")
    lines = [ln if not ln.startswith("  annotation = ") else "  annotation = {Hand-written.}," for ln in text.splitlines()]
    bib.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert _run("ingest", str(doc), "--into", str(bib)).exit_code == 0
    assert _run("annotate", str(bib)).exit_code == 0
    (entry,) = read_bib(bib)[0].entries
    assert entry.fields["annotation"] == "Hand-written."


def test_annotate_unreadable_bib_is_exit_2(tmp_path):
    result = _run("annotate", str(tmp_path / "nope.bib"))
    assert result.exit_code == 2 and result.stderr.startswith("error:")


def test_provenance_option_and_standard_input():
    result = runner.invoke(app, ["ingest", "-", "--provenance"], input=SEED001.read_text(encoding="utf-8"))
    assert result.exit_code == 0
    assert "<stdin>: date <- <stdin>:2 (extracted)" in result.stderr
    assert "citeman-source = {<stdin>}" in result.stdout


def test_sidecar_provenance_points_at_its_line(tmp_path):
    doc = tmp_path / "n.txt"
    shutil.copy(SEED001, doc)
    (tmp_path / "n.meta.toml").write_text('\nurl = "https://example.org/n"\n', encoding="utf-8")
    result = _run("ingest", str(doc), "--provenance", "--set", "organization=Example News")
    assert result.exit_code == 0
    assert "url <- " in result.stderr and "n.meta.toml:2 (sidecar)" in result.stderr
    assert "organization <- <command line> (cli)" in result.stderr
    assert "missing url" not in result.stderr and "missing organization" not in result.stderr
