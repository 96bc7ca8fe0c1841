"""``citeman render`` and ``citeman cite`` through the command line: output and exit codes."""

from __future__ import annotations

from typer.testing import CliRunner

from citeman.cli import app

from render_helpers import FIXTURE_BIB

runner = CliRunner()


def test_render_annotated_grouped_markdown_to_file(tmp_path):
    out = tmp_path / "refs.md"
    result = runner.invoke(app, ["render", str(FIXTURE_BIB), "--style", "apa", "--format", "markdown",
                                 "--annotated", "--group-by", "type", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("## Journal articles\n\n")
    assert "> Key reference for chapter 2." in text
    # @string macros are expanded before rendering.
    assert "*Journal of Chemical Physics*" in text


def test_render_pybtex_engine():
    result = runner.invoke(app, ["render", str(FIXTURE_BIB), "--engine", "pybtex", "--style", "alpha"])
    assert result.exit_code == 0, result.output
    assert "[Knu84] Donald E. Knuth. The TeXbook." in result.stdout
    plain = runner.invoke(app, ["render", str(FIXTURE_BIB), "--engine", "pybtex"])
    assert plain.exit_code == 0
    assert plain.stdout.startswith("[1] ")


def test_render_unknown_style_engine_or_format_exits_2():
    for args in (["--style", "nope"], ["--engine", "citeproc"], ["--format", "docx"], ["--group-by", "colour"]):
        result = runner.invoke(app, ["render", str(FIXTURE_BIB), *args])
        assert result.exit_code == 2, args
        assert len(result.stderr.strip().splitlines()) == 1
        assert result.stderr.startswith("error: ")


def test_cite_keys_together():
    result = runner.invoke(app, ["cite", "knuth1984texbook", "smith2019deep", "--bib", str(FIXTURE_BIB)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "(Knuth, 1984; Smith et al., 2019)\n"
    result = runner.invoke(app, ["cite", "knuth1984texbook", "--bib", str(FIXTURE_BIB), "--style", "ieee"])
    assert result.stdout == "[1]\n"


def test_cite_unknown_key_exits_2():
    result = runner.invoke(app, ["cite", "nobody2000", "--bib", str(FIXTURE_BIB)])
    assert result.exit_code == 2
    assert result.stderr == "error: unknown key 'nobody2000'\n"
