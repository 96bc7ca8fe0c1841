"""Unknown rule codes and config keys, wrong value types: one-line usage errors with exit 2."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from citeman.cli import app

runner = CliRunner()


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("[tool.citeman]\n", encoding="utf-8")
    (tmp_path / "refs.bib").write_text("@misc{k, title = {A title}, year = {2020}}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def one_line_error(args: list[str]) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith("error: ")
    return result.stderr


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_rule_code_is_a_usage_error(project, option):
    assert "'Z999'" in one_line_error(["validate", "refs.bib", option, "Z999"])


def test_unknown_code_in_a_comma_list(project):
    assert "'Q'" in one_line_error(["validate", "refs.bib", "--ignore", "Y001,Q"])


@pytest.mark.parametrize("codes", ["Y", "y001", "ALL", "N00"])
def test_known_codes_and_prefixes_are_accepted(project, codes):
    result = runner.invoke(app, ["validate", "refs.bib", "--select", codes])
    assert result.exit_code in (0, 1), result.stderr  # findings or none, but no usage error


def test_misspelt_key_names_file_line_and_suggestion(project):
    (project / "pyproject.toml").write_text('[tool.citeman]\nbaseline = "b.json"\nselct = ["Y"]\n', encoding="utf-8")
    message = one_line_error(["validate", "refs.bib"])
    assert message == "error: pyproject.toml:3: unknown key 'selct' (did you mean 'select'?)\n"


def test_misspelt_key_in_citeman_toml_sub_table(project):
    (project / "citeman.toml").write_text("[validate]\nfail_onn = 'info'\n", encoding="utf-8")
    assert "citeman.toml:2: unknown key 'validate.fail_onn'" in one_line_error(["validate", "refs.bib"])


@pytest.mark.parametrize("setting, words", [
    ("fail-on = 3", "'fail-on' must be one of error, warning, info"),
    ("select = 7", "'select' must be a list of rule codes"),
    ('ignore = ["Y001", "Z999"]', "'ignore' has an unknown rule code 'Z999'"),
    ("baseline = true", "'baseline' must be a path"),
])
def test_bad_value_types(project, setting, words):
    (project / "citeman.toml").write_text(f"{setting}\n", encoding="utf-8")
    assert f"citeman.toml:1: {words}" in one_line_error(["validate", "refs.bib"])


def test_missing_path_is_one_line(project):
    assert "nope.bib" in one_line_error(["validate", "nope.bib"])
