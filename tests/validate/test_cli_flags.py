"""ruff-style flags of ``citeman validate``: statistics, exit-zero, quiet, silent, show-fixes, colour, columns."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from citeman.cli import app
from citeman.validate.report import use_color

runner = CliRunner()

BIB = """@article{k2020,
  author = {Perkovich, G.},
  title = {Toward Realistic Relations},
  journal = {Journal of Things},
  year = {4392},
  pages = {830-853},
}
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("[tool.citeman]\n", encoding="utf-8")
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):
    return runner.invoke(app, ["validate", "refs.bib", *args])


def test_text_shows_line_and_column(project):
    assert "refs.bib:5:1: Y001 impossible year '4392' (k2020)" in run().stdout


def test_json_github_sarif_carry_the_column(project):
    assert all(item["column"] == 1 for item in json.loads(run("--format", "json").stdout))
    assert ",line=5,col=1," in run("--format", "github").stdout
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in
               json.loads(run("--format", "sarif").stdout)["runs"][0]["results"]]
    assert {region["startColumn"] for region in regions} == {1}


def test_statistics_counts_per_code(project):
    result = run("--statistics")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert any(line.split() == ["1", "Y001", "impossible-year"] for line in lines), lines
    assert any(line.split()[:2] == ["1", "G002"] and line.endswith("[*]") for line in lines)
    assert not any(":5:" in line for line in lines)


def test_exit_zero_keeps_the_report(project):
    result = run("--exit-zero")
    assert result.exit_code == 0
    assert "Y001" in result.stdout


def test_quiet_drops_the_summary_and_silent_prints_nothing(project):
    quiet = run("-q")
    assert quiet.exit_code == 1
    assert "Found" not in quiet.stdout and "Y001" in quiet.stdout
    silent = run("--silent")
    assert (silent.exit_code, silent.stdout) == (1, "")


def test_output_format_is_an_alias_of_format(project):
    assert run("--output-format", "json").stdout == run("--format", "json").stdout


def test_show_fixes_lists_available_then_applied(project):
    assert "Fixable with --fix (1):" in run("--show-fixes").stdout
    fixed = run("--fix", "--show-fixes")
    assert "Fixed (1):" in fixed.stdout and "1 x G002 (page-range-dash)" in fixed.stdout
    assert "830--853" in (project / "refs.bib").read_text(encoding="utf-8")


def test_color_always_never_and_bad_value(project):
    assert "\x1b[" in run("--color", "always").stdout
    assert "\x1b[" not in run("--color", "never").stdout
    bad = run("--color", "rainbow")
    assert bad.exit_code == 2 and bad.stderr.startswith("error: --color")


def test_no_color_turns_auto_off_on_a_terminal():
    assert use_color("auto", "text", to_terminal=True, environ={}) is True
    assert use_color("auto", "text", to_terminal=True, environ={"NO_COLOR": "1"}) is False
    assert use_color("always", "text", to_terminal=False, environ={"NO_COLOR": "1"}) is True
    assert use_color("auto", "json", to_terminal=True, environ={}) is False
