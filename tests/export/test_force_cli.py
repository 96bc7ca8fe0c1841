"""``fmt`` and ``export`` refuse files with syntax errors unless ``--force``, which keeps broken entries as written."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from citeman.cli import app

runner = CliRunner()

GOOD = "@Book{good,   Title={Kept},author={Doe, Jane},YEAR=2001}\n"
BROKEN = "@article{broken,\n  title = {A}\n  year = 2020,\n  author = {Roe, Rich}\n}\n"


@pytest.fixture
def messy(tmp_path):
    path = tmp_path / "refs.bib"
    path.write_text(GOOD + "\n" + BROKEN, encoding="utf-8")
    return path


def _one_line_error(result, where: str, problem: str) -> None:
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {where}: ") and problem in lines[0], result.stderr
    assert "Traceback" not in result.output


def test_fmt_refuses_a_file_with_a_missing_comma(messy):
    before = messy.read_bytes()
    result = runner.invoke(app, ["fmt", str(messy)])
    _one_line_error(result, f"{messy}:5:3", "P008 comma missing between fields 'title' and 'year'")
    assert "--force" in result.stderr and "'broken'" in result.stderr
    assert messy.read_bytes() == before
    assert runner.invoke(app, ["fmt", "--check", str(messy)]).exit_code == 2


def test_fmt_refuses_every_file_when_one_is_broken(tmp_path, messy):
    clean = tmp_path / "clean.bib"
    clean.write_text(GOOD, encoding="utf-8")
    assert runner.invoke(app, ["fmt", str(tmp_path)]).exit_code == 2
    assert clean.read_text(encoding="utf-8") == GOOD   # nothing written at all


def test_fmt_force_keeps_the_broken_entry_as_written(messy):
    result = runner.invoke(app, ["fmt", "--force", str(messy)])
    assert result.exit_code == 0, result.output
    text = messy.read_text(encoding="utf-8")
    assert BROKEN.strip() in text                      # character for character
    assert text.startswith("@book{good,\n  author = {Doe, Jane},\n  title = {Kept},")
    again = runner.invoke(app, ["fmt", "--force", "--check", str(messy)])
    assert again.exit_code == 0 and again.stdout == ""   # stable


def test_fmt_refuses_bytes_that_are_not_utf8_and_force_writes_utf8(tmp_path):
    path = tmp_path / "latin.bib"
    path.write_bytes(b"@book{k,\n  title = {Caf\xe9},\n  year = 2020\n}\n")
    _one_line_error(runner.invoke(app, ["fmt", str(path)]), f"{path}:2:15", "P012 not valid UTF-8: byte 0xe9")
    assert runner.invoke(app, ["fmt", "--force", str(path)]).exit_code == 0
    assert "title = {Café}" in path.read_text(encoding="utf-8")


def test_fmt_refuses_an_unclosed_brace_and_force_keeps_it(tmp_path):
    path = tmp_path / "open.bib"
    unclosed = "@article{open,\n  title = {Never closed,\n  year = 2020\n"
    path.write_text(GOOD + "\n" + unclosed, encoding="utf-8")
    result = runner.invoke(app, ["fmt", str(path)])
    _one_line_error(result, f"{path}:4:11", "P001 unparseable block: brace opened in 'title' is never closed")
    assert "'open'" in result.stderr
    assert runner.invoke(app, ["fmt", "--force", str(path)]).exit_code == 0
    assert unclosed.strip() in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("to", ["bibtex", "csl-json", "ris", "biblatex"])
def test_export_refuses_without_force(messy, to):
    _one_line_error(runner.invoke(app, ["export", str(messy), "--to", to]), f"{messy}:5:3", "P008")


def test_export_force_to_bibtex_keeps_the_broken_entry_as_written(messy):
    result = runner.invoke(app, ["export", str(messy), "--to", "bibtex", "--force"])
    assert result.exit_code == 0
    assert BROKEN.strip() in result.stdout
    assert "@book{good," in result.stdout
    assert "P008" in result.stderr                    # still said on standard error


def test_export_force_to_csl_json_carries_what_could_be_read(messy):
    result = runner.invoke(app, ["export", str(messy), "--to", "csl-json", "--force"])
    assert result.exit_code == 0
    assert sorted(item["id"] for item in json.loads(result.stdout)) == ["broken", "good"]


def test_clean_files_need_no_force(tmp_path):
    path = tmp_path / "clean.bib"
    path.write_text(GOOD, encoding="utf-8")
    assert runner.invoke(app, ["export", str(path), "--to", "ris"]).exit_code == 0
    assert runner.invoke(app, ["fmt", str(path)]).exit_code == 0


def test_validate_fix_leaves_a_file_with_a_syntax_error_alone(tmp_path):
    path = tmp_path / "refs.bib"
    text = "@article{k,\n  title = {Trade & Security}\n  year = 2020,\n  author = {Roe, Rich}\n}\n"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["validate", "--fix", "--no-baseline", str(path)])
    assert f"not fixed: {path}:3: P008" in result.stderr
    assert path.read_text(encoding="utf-8") == text
    fixable = text.replace("}\n  year", "},\n  year")
    path.write_text(fixable, encoding="utf-8")
    runner.invoke(app, ["validate", "--fix", "--no-baseline", str(path)])
    assert "Trade \\& Security" in path.read_text(encoding="utf-8")   # once the syntax is right, fixes apply


@pytest.mark.parametrize("command", [["rekey"], ["dedupe", "--merge"], ["annotate"]])
@pytest.mark.parametrize("content", [(GOOD + "\n" + BROKEN).encode(), b"@book{k,\n  title = {Caf\xe9},\n  year = 2020\n}\n"])
def test_other_commands_that_rewrite_a_file_refuse_syntax_errors(tmp_path, command, content):
    path = tmp_path / "refs.bib"
    path.write_bytes(content)
    result = runner.invoke(app, [command[0], str(path), *command[1:]])
    assert result.exit_code == 2, result.output
    code = "P012" if b"\xe9" in content else "P008"
    assert result.stderr.startswith(f"error: {path}:") and f" {code} " in result.stderr, result.stderr
    assert "fix it first" in result.stderr and "Traceback" not in result.output
    assert path.read_bytes() == content
