"""``citeman pages`` through the command line: exit codes, one-line errors, user templates."""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from citeman.cli import app

from pagetools import FIXTURES

SAMPLE = str(FIXTURES / "sample.bib")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def run(runner, *args):
    return runner.invoke(app, ["pages", *args])


def test_writes_the_site_and_exits_0(runner, tmp_path):
    out = tmp_path / "site"
    result = run(runner, SAMPLE, "-o", str(out), "--group-by", "year")
    assert result.exit_code == 0, result.output
    assert "wrote 20 pages and 3 plots for 4 entries" in result.output
    assert (out / "docs" / "index.md").is_file() and (out / "docs" / "entries" / "usman2024us.md").is_file()
    assert "## 2024" in (out / "docs" / "index.md").read_text(encoding="utf-8")


def test_reads_bib_files_inside_folders(runner, tmp_path):
    folder = tmp_path / "bib"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "a.bib")
    result = run(runner, str(folder), "-o", str(tmp_path / "site"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "site" / "docs" / "entries" / "weitz2020.md").is_file()


def one_line_error(result) -> str:
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    return lines[0]


def test_missing_input_is_a_one_line_error(runner, tmp_path):
    line = one_line_error(run(runner, str(tmp_path / "nope.bib"), "-o", str(tmp_path / "site")))
    assert "nope.bib: no such file" in line


def test_missing_template_folder_is_a_one_line_error(runner, tmp_path):
    line = one_line_error(run(runner, SAMPLE, "-o", str(tmp_path / "site"), "--templates", str(tmp_path / "nowhere")))
    assert "templates folder not found" in line
    assert not (tmp_path / "site").exists()


def test_broken_user_template_names_its_file_and_line(runner, tmp_path):
    templates = tmp_path / "tpl"
    templates.mkdir()
    (templates / "index.md.j2").write_text("# Title\n\n{% for x in %}\n", encoding="utf-8")
    line = one_line_error(run(runner, SAMPLE, "-o", str(tmp_path / "site"), "--templates", str(templates)))
    assert "index.md.j2:3: template error" in line


def test_template_using_a_missing_value_is_a_one_line_error(runner, tmp_path):
    templates = tmp_path / "tpl"
    templates.mkdir()
    (templates / "author.md.j2").write_text("# {{ person.nonexistent.deeper }}\n", encoding="utf-8")
    line = one_line_error(run(runner, SAMPLE, "-o", str(tmp_path / "site"), "--templates", str(templates)))
    assert "author.md.j2" in line


def test_user_templates_override_and_still_escape(runner, tmp_path):
    templates = tmp_path / "tpl"
    templates.mkdir()
    (templates / "index.md.j2").write_text(
        "# My list\n\n{% for e in entries %}\n- {{ e.key|replace('2020', '*2020*') }}: {{ e.title }}\n{% endfor %}\n", encoding="utf-8"
    )
    out = tmp_path / "site"
    result = run(runner, SAMPLE, "-o", str(out), "--templates", str(templates))
    assert result.exit_code == 0, result.output
    index = (out / "docs" / "index.md").read_text(encoding="utf-8")
    assert "# My list" in index
    assert "- weitz\\*2020\\*: Russia and South Asia" in index  # values built in the template are escaped too
    # templates the user did not replace come from citeman's own set
    assert "## BibTeX" in (out / "docs" / "entries" / "usman2024us.md").read_text(encoding="utf-8")


def test_unknown_group_by_is_a_usage_error(runner, tmp_path):
    line = one_line_error(run(runner, SAMPLE, "-o", str(tmp_path / "site"), "--group-by", "colour"))
    assert "--group-by 'colour'" in line


def test_output_that_is_a_file_is_a_one_line_error(runner, tmp_path):
    target = tmp_path / "site"
    target.write_text("not a folder", encoding="utf-8")
    line = one_line_error(run(runner, SAMPLE, "-o", str(target)))
    assert "not a folder" in line
    assert target.read_text(encoding="utf-8") == "not a folder"


def test_unknown_style_is_a_one_line_error(runner, tmp_path):
    line = one_line_error(run(runner, SAMPLE, "-o", str(tmp_path / "site"), "--style", "no-such-style-anywhere"))
    assert "no-such-style-anywhere" in line


def test_no_paths_is_a_usage_error(runner, tmp_path):
    result = run(runner, "-o", str(tmp_path / "site"))
    assert result.exit_code == 2


def test_unparseable_blocks_are_warned_about_and_the_rest_is_written(runner, tmp_path):
    bib = tmp_path / "broken.bib"
    bib.write_text("@article{good, title={Good}, year={2020}}\n\n@article{bad, title={Unclosed, year=2020\n", encoding="utf-8")
    result = run(runner, str(bib), "-o", str(tmp_path / "site"), "--title", "My *reading* list")
    assert result.exit_code == 0, result.output
    assert "error: " in result.output and " P001 " in result.output
    assert (tmp_path / "site" / "docs" / "entries" / "good.md").is_file()
    assert "# My \\*reading\\* list" in (tmp_path / "site" / "docs" / "index.md").read_text(encoding="utf-8")


def test_pages_show_validation_unless_turned_off(runner, tmp_path):
    bib = tmp_path / "one.bib"
    bib.write_text("@article{odd, title={Odd}, year={4392}}\n", encoding="utf-8")
    result = run(runner, str(bib), "-o", str(tmp_path / "a"))
    assert result.exit_code == 0, result.output
    checked = (tmp_path / "a" / "docs" / "entries" / "odd.md").read_text(encoding="utf-8")
    assert "4392" in checked.split("## Validation")[1].split("## BibTeX")[0]
    result = run(runner, str(bib), "-o", str(tmp_path / "b"), "--no-validate")
    assert result.exit_code == 0, result.output
    assert "Not checked." in (tmp_path / "b" / "docs" / "entries" / "odd.md").read_text(encoding="utf-8")
