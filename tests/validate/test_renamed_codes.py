"""The volume and page rules moved from V001-V009 to G001-G009; V001-V005 are verify's findings."""

from __future__ import annotations

from typer.testing import CliRunner

from citeman.cli import app
from citeman.validate.registry import all_rules

runner = CliRunner()

LEADING_ZERO = "@article{k, author = {Doe, Jane}, title = {A title}, journal = {J}, year = {2020},\n" \
               "  volume = {02}, pages = {1--2}}\n"


def _project(tmp_path, monkeypatch, config: str = "", bib: str = LEADING_ZERO):
    (tmp_path / "pyproject.toml").write_text("[tool.citeman]\n" + config, encoding="utf-8")
    (tmp_path / "refs.bib").write_text(bib, encoding="utf-8")
    monkeypatch.chdir(tmp_path)


def test_numbers_rules_are_g_codes_and_verify_owns_v001_to_v005():
    by_code = {r.code: r.name for r in all_rules()}
    assert by_code["G007"] == "leading-zeros"
    assert by_code["V001"] == "doi-does-not-resolve"
    assert by_code["V005"] == "retracted-work"
    assert not any(code.startswith("V1") for code in by_code)


def test_old_code_on_the_command_line_points_at_its_new_code(tmp_path, monkeypatch):
    _project(tmp_path, monkeypatch)
    result = runner.invoke(app, ["validate", "refs.bib", "--ignore", "V007"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "error: --ignore: unknown rule code or prefix 'V007' (renamed G007 in this release) (see 'citeman rules')"]


def test_old_code_in_the_config_points_at_its_new_code(tmp_path, monkeypatch):
    _project(tmp_path, monkeypatch, 'ignore = ["V009"]\n')
    result = runner.invoke(app, ["validate", "refs.bib"])
    assert result.exit_code == 2
    assert "'V009' (renamed G009 in this release)" in result.stderr and len(result.stderr.splitlines()) == 1


def test_old_code_in_an_ignore_comment_still_suppresses_the_renamed_rule(tmp_path, monkeypatch):
    args = ["validate", "refs.bib", "--format", "concise", "--fail-on", "warning"]
    _project(tmp_path, monkeypatch)
    unsuppressed = runner.invoke(app, args)
    assert unsuppressed.exit_code == 1 and "G007" in unsuppressed.stdout
    (tmp_path / "refs.bib").write_text("% citeman: ignore V007 -- volume printed so\n" + LEADING_ZERO, encoding="utf-8")
    assert runner.invoke(app, args).exit_code == 0
