"""``citeman cites`` through the real command line: output formats and exit codes 0/1/2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from citeman.cli import app

REPO = Path(__file__).resolve().parent.parent.parent
PAPER = str(REPO / "seeds" / "004_f4c71cc64816fcce.txt")
BIB = str(REPO / "tests" / "cites" / "fixtures" / "seed004.bib")

runner = CliRunner()

REFS = "@misc{weitz2020, author = {Weitz, R.}, title = {Trade}, year = {2020}}\n"


@pytest.fixture
def clean_paper(tmp_path: Path) -> tuple[str, str]:
    paper = tmp_path / "paper.md"
    paper.write_text("# Intro\n\nTrade grew (Weitz, 2020).\n", encoding="utf-8")
    bib = tmp_path / "refs.bib"
    bib.write_text(REFS, encoding="utf-8")
    return str(paper), str(bib)


def run(*args: str):
    return runner.invoke(app, ["cites", *args])


def test_clean_paper_exits_0(clean_paper):
    paper, bib = clean_paper
    result = run(paper, "--bib", bib)
    assert result.exit_code == 0, result.output
    assert "No problems found." in result.output
    assert "Checked 1 citations against 1 references." in result.output


def test_findings_exit_1_with_file_line_code(clean_paper):
    paper, bib = clean_paper
    Path(paper).write_text("Trade grew (Weitz, 2021).\n", encoding="utf-8")
    result = run(paper, "--bib", bib)
    assert result.exit_code == 1
    assert f"{paper}:1:1: C003 " in result.output


def test_warnings_only_pass_by_default_and_fail_with_fail_on_warning(clean_paper):
    paper, bib = clean_paper
    Path(paper).write_text("Nothing cited here.\n", encoding="utf-8")
    assert run(paper, "--bib", bib).exit_code == 0
    result = run(paper, "--bib", bib, "--fail-on", "warning")
    assert result.exit_code == 1
    assert "C002" in result.output


def test_fail_on_never(clean_paper):
    paper, bib = clean_paper
    Path(paper).write_text("(Nobody, 1999)\n", encoding="utf-8")
    assert run(paper, "--bib", bib, "--fail-on", "never").exit_code == 0


def test_json_output_fields():
    result = run(PAPER, "--bib", BIB, "--format", "json")
    assert result.exit_code == 1
    findings = json.loads(result.stdout)
    assert {"file", "line", "key", "field", "code", "severity", "message", "fixable"} <= set(findings[0])
    assert sorted({f["code"] for f in findings}) == ["C001", "C002", "C003"]


def test_github_annotations():
    result = run(PAPER, "--bib", BIB, "--format", "github", "--select", "C003")
    assert result.exit_code == 1
    assert result.stdout.startswith(f"::error file={PAPER},line=26")


def test_sarif_output_is_sarif_2_1_0():
    result = run(PAPER, "--bib", BIB, "--format", "sarif")
    sarif = json.loads(result.stdout)
    assert sarif["version"] == "2.1.0"
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert {"C001", "C002", "C003"} <= {r["id"] for r in rules}


def test_sarif_validates_against_the_schema(shared_dir):
    jsonschema = pytest.importorskip("jsonschema")
    schema_path = shared_dir / "data" / "sarif" / "sarif-schema-2.1.0.json"
    if not schema_path.exists():
        pytest.skip("SARIF schema not available")
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    result = run(PAPER, "--bib", BIB, "--format", "sarif")
    jsonschema.validate(json.loads(result.stdout), schema)


def test_ignore_prefix(clean_paper):
    paper, bib = clean_paper
    Path(paper).write_text("Trade grew (Weitz, 2021).\n", encoding="utf-8")
    result = run(paper, "--bib", bib, "--ignore", "C003,C002")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["missing-paper.md", "--bib", BIB], id="missing_paper"),
        pytest.param([PAPER, "--bib", "missing.bib"], id="missing_bib"),
        pytest.param([PAPER, "--format", "xml"], id="bad_format"),
    ],
)
def test_input_and_usage_errors_exit_2(args):
    result = run(*args)
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_missing_file_is_one_error_line():
    result = run("missing-paper.md", "--bib", BIB)
    assert result.stderr.strip().splitlines() == ["error: missing-paper.md: no such file"]


def test_binary_paper_is_an_input_error(tmp_path: Path):
    paper = tmp_path / "paper.pdf"
    paper.write_bytes(b"%PDF\x00\x01")
    result = run(str(paper), "--bib", BIB)
    assert result.exit_code == 2
    assert "binary file" in result.stderr


def test_reference_list_read_from_the_paper():
    result = run(PAPER)
    assert result.exit_code == 1
    assert "C003" in result.stdout and "at line 216 has '2025' (mahmood2025shifting)" in result.stdout


def test_paper_without_reference_list_and_no_bib_exits_2(tmp_path: Path):
    paper = tmp_path / "paper.md"
    paper.write_text("Just prose (Weitz, 2020).\n", encoding="utf-8")
    result = run(str(paper))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")


def test_numeric_paper_with_its_own_numbered_list(tmp_path: Path):
    paper = tmp_path / "numeric.md"
    paper.write_text(
        "# A Numeric Paper\n\n## Introduction\n\n"
        "Trade grew quickly [1]. Later studies [2, 3] disagree. An old claim [5] is odd.\n\n"
        "## References\n\n"
        "[1] Smith, J. (2019). Trade and growth. Journal of Trade, 1(2), 3-4.\n"
        "[2] Jones, K., & Lee, M. (2020). Growth and trade. Economic Review, 5(1), 10-20.\n"
        "[3] Brown, A. (2021). A review of trade. Trade Letters, 2(3), 30-40.\n"
        "[4] Green, P. (2018). Never cited. Journal of Nothing, 1(1), 1-2.\n",
        encoding="utf-8",
    )
    result = run(str(paper), "--format", "json")
    assert result.exit_code == 1
    findings = [(f["code"], f["line"]) for f in json.loads(result.stdout)]
    assert findings == [("C006", 5), ("C002", 12)]


def test_paper_from_standard_input():
    text = Path(PAPER).read_text(encoding="utf-8")
    result = runner.invoke(app, ["cites", "-", "--select", "C003"], input=text)
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith("<stdin>:26:1: C003 ")


def test_unreadable_bib_blocks_are_mentioned(tmp_path: Path):
    paper = tmp_path / "paper.md"
    paper.write_text("Trade grew (Weitz, 2020).\n", encoding="utf-8")
    bib = tmp_path / "refs.bib"
    bib.write_text(REFS + "@article{broken, title = {unclosed\n", encoding="utf-8")
    result = run(str(paper), "--bib", str(bib))
    assert result.exit_code == 0
    assert "could not be read" in result.stderr


def test_report_written_to_a_file(clean_paper, tmp_path: Path):
    paper, bib = clean_paper
    target = tmp_path / "cites.sarif"
    result = run(paper, "--bib", bib, "--format", "sarif", "-o", str(target))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_config_sub_table_sets_fail_on_and_ignore(clean_paper, tmp_path: Path, monkeypatch):
    paper, bib = clean_paper
    # The top-level select is the linter's; the cites sub-table is ours.
    (tmp_path / "citeman.toml").write_text('select = ["Y001"]\n\n[cites]\nignore = ["C003"]\nfail-on = "warning"\n',
                                           encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    Path(paper).write_text("Nothing cited here.\n", encoding="utf-8")
    result = run(paper, "--bib", bib)
    assert (result.exit_code, "C002" in result.stdout) == (1, True)  # a warning fails with fail-on = warning
    assert run(paper, "--bib", bib, "--fail-on", "error").exit_code == 0  # the option wins over the file
    Path(paper).write_text("Cited with the wrong year (Weitz, 2021).\n", encoding="utf-8")
    result = run(paper, "--bib", bib)
    assert (result.exit_code, "C003" in result.stdout) == (0, False)


def test_bad_config_is_a_usage_error(clean_paper, tmp_path: Path, monkeypatch):
    paper, bib = clean_paper
    (tmp_path / "citeman.toml").write_text('[cites]\nfail-on = "sometimes"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run(paper, "--bib", bib)
    assert result.exit_code == 2
    assert "fail-on" in result.stderr
