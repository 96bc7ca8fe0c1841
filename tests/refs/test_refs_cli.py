"""`citeman refs` through CliRunner: exit codes, output formats, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from citeman.cli import app
from refs_helpers import FIXTURES, REPO, SEED004

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, ["refs", *args])


def test_bibtex_to_stdout_with_diagnostics_on_stderr() -> None:
    result = invoke(str(FIXTURES / "numbered_paper.txt"))
    assert result.exit_code == 0, result.output
    assert result.stdout.count("@") == 5
    assert "rawref = {[1] M. Lafferty" in result.stdout
    assert "numbered_paper.txt:17}" in result.stdout
    assert "numbered_paper.txt:23: R001 removed page furniture" in result.stderr


def test_csl_json_output_has_one_item_per_reference(tmp_path: Path) -> None:
    out = tmp_path / "refs.json"
    result = invoke(str(REPO / SEED004), "--to", "csl-json", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    items = json.loads(out.read_text(encoding="utf-8"))
    assert len(items) == 42
    assert items[0]["title"].startswith("Realizing the potential")


def test_output_file_is_written(tmp_path: Path) -> None:
    out = tmp_path / "seed.bib"
    result = invoke(str(FIXTURES / "apa_paper.md"), "-o", str(out))
    assert result.exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert text.count("\n@") + text.startswith("@") == 4


def _assert_one_line_error(result, name: str, words: str) -> None:
    assert result.exit_code == 2
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: ") and name in lines[0] and words in lines[0]
    assert "Traceback" not in result.output


def test_empty_file_exits_2(tmp_path: Path) -> None:
    paper = tmp_path / "empty.txt"
    paper.write_text("\n\n", encoding="utf-8")
    _assert_one_line_error(invoke(str(paper)), "empty.txt", "empty")


def test_paper_without_references_exits_2(tmp_path: Path) -> None:
    paper = tmp_path / "prose.md"
    paper.write_text("# A paper\n\nOnly prose here.\n", encoding="utf-8")
    _assert_one_line_error(invoke(str(paper)), "prose.md", "no reference section found")


def test_binary_file_exits_2(tmp_path: Path) -> None:
    paper = tmp_path / "paper.pdf"
    paper.write_bytes(b"%PDF-1.4\n\x00\x01\x02")
    _assert_one_line_error(invoke(str(paper)), "paper.pdf", "binary")


def test_undecodable_file_exits_2(tmp_path: Path) -> None:
    paper = tmp_path / "latin1.txt"
    paper.write_bytes("References\n\nM\u00fcller, K. (2019). T.\n".encode("latin-1"))
    _assert_one_line_error(invoke(str(paper)), "latin1.txt:3", "UTF-8")


def test_missing_file_exits_2(tmp_path: Path) -> None:
    _assert_one_line_error(invoke(str(tmp_path / "nope.md")), "nope.md", "no such file")


def test_bad_format_is_a_usage_error() -> None:
    result = invoke(str(FIXTURES / "apa_paper.md"), "--to", "ris")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_standard_input() -> None:
    result = runner.invoke(app, ["refs", "-"], input="References\n\nSmith, J. (2019). A title. *J*, 1(2), 3–4.\n")
    assert result.exit_code == 0, result.output
    assert "citeman-source = {<stdin>:3}" in result.stdout


@pytest.mark.parametrize("to", ["bibtex", "csl-json"])
def test_unparseable_reference_is_kept_and_reported(tmp_path: Path, to: str) -> None:
    paper = tmp_path / "odd.md"
    paper.write_text("## References\n\nSmith, J. (2019). Title. *J*, 1.\n\n%%% ### ---- !!!\n", encoding="utf-8")
    result = invoke(str(paper), "--to", to)
    assert result.exit_code == 0
    if to == "bibtex":
        assert result.stdout.count("\n@") + result.stdout.startswith("@") == 2
        assert "%%% ### ---- !!!" in result.stdout.replace("\\%", "%").replace("\\#", "#")
    else:
        assert len(json.loads(result.stdout)) == 2
    assert "odd.md:5:" in result.stderr


def test_output_file_summary_on_stderr(tmp_path: Path) -> None:
    out = tmp_path / "x.bib"
    result = invoke(str(FIXTURES / "numbered_paper.txt"), "-o", str(out))
    assert result.exit_code == 0
    assert result.stderr.strip().splitlines()[-1] == f"5 references written to {out}"


def test_text_output_is_one_reference_per_line_without_parsing(monkeypatch) -> None:
    import citeman.ingest.parser as parser

    def no_parsing(*_args, **_kwargs):
        raise AssertionError("--to text must not parse")

    monkeypatch.setattr(parser, "parse_references", no_parsing)
    result = invoke(str(REPO / SEED004), "--to", "text")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 42
    assert lines[13].startswith("Inglehart, R., & Norris, P. (2017). Trump and the Populist Authoritarian Parties: The")
    assert lines[-1].startswith("Yadav, V., & Kirk, J. (2023).")


def test_csl_json_output_validates_against_the_csl_schema(shared_dir: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((shared_dir / "data" / "csl-schema" / "csl-data.json").read_text(encoding="utf-8"))
    result = invoke(str(REPO / SEED004), "--to", "csl-json")
    assert result.exit_code == 0
    jsonschema.validate(json.loads(result.stdout), schema)
