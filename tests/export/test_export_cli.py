"""``citeman export`` and ``citeman fmt`` through the command line: output and exit codes."""

from __future__ import annotations

import json
import shutil

from typer.testing import CliRunner

from citeman.cli import app

from export_helpers import FIXTURES

runner = CliRunner()
LIBRARY = FIXTURES / "library.bib"


def test_export_to_each_format_on_stdout_and_file(tmp_path):
    result = runner.invoke(app, ["export", str(LIBRARY), "--to", "csl-json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == 8
    out = tmp_path / "out.ris"
    result = runner.invoke(app, ["export", str(LIBRARY), "--to", "ris", "-o", str(out)])
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8").count("ER  -") == 8


def test_export_a_folder(tmp_path):
    shutil.copy(LIBRARY, tmp_path / "a.bib")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.bib").write_text("@book{extra, title={Extra}, year={2001}}\n", encoding="utf-8")
    result = runner.invoke(app, ["export", str(tmp_path), "--to", "biblatex"])
    assert result.exit_code == 0
    assert result.stdout.count("@") == 9


def test_export_bad_input_exits_2_with_one_line(tmp_path):
    result = runner.invoke(app, ["export", str(tmp_path / "missing.bib"), "--to", "ris"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [f"error: {tmp_path / 'missing.bib'}: no such file or folder"]
    result = runner.invoke(app, ["export", str(LIBRARY), "--to", "endnote"])
    assert result.exit_code == 2
    assert "unknown format 'endnote'" in result.stderr
    binary = tmp_path / "x.bib"
    binary.write_bytes(b"@book{a,\x00}")
    result = runner.invoke(app, ["export", str(binary), "--to", "ris"])
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)


def test_fmt_check_then_fix_then_idempotent(tmp_path):
    messy = tmp_path / "messy.bib"
    messy.write_text("@Article{k,   Title={A  title},author={Doe, J.},YEAR=2020}\n", encoding="utf-8")
    result = runner.invoke(app, ["fmt", str(tmp_path), "--check"])
    assert result.exit_code == 1
    assert result.stdout.strip() == f"would reformat: {messy}"
    assert messy.read_text(encoding="utf-8").startswith("@Article")
    result = runner.invoke(app, ["fmt", str(messy)])
    assert result.exit_code == 0
    formatted = messy.read_text(encoding="utf-8")
    assert formatted.startswith("@article{k,\n  author = {Doe, J.},")
    result = runner.invoke(app, ["fmt", str(messy), "--check"])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert messy.read_text(encoding="utf-8") == formatted


def test_fmt_check_on_canonical_golden_is_clean():
    from export_helpers import GOLDEN

    result = runner.invoke(app, ["fmt", "--check", str(GOLDEN / "library.bibtex.bib")])
    assert result.exit_code == 0, result.stdout
