"""The GitLab Code Quality format, and line:column of a finding in every report format."""

from __future__ import annotations

import json

import jsonschema
import pytest
from typer.testing import CliRunner

from citeman.cli import app
from citeman.model import Diagnostic
from citeman.validate.report import FORMATS, Finding, format_report

runner = CliRunner()

# The fields GitLab's merge-request widget reads (docs.gitlab.com: code quality report format).
CODE_QUALITY_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "pattern": "^[A-Z][0-9]{3}$"},
            "fingerprint": {"type": "string", "pattern": "^[0-9a-f]{32}$"},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "minLength": 1},
                    "lines": {"type": "object", "required": ["begin"],
                              "properties": {"begin": {"type": "integer", "minimum": 1}}},
                    "positions": {"type": "object", "required": ["begin"], "properties": {"begin": {
                        "type": "object", "required": ["line", "column"],
                        "properties": {"line": {"type": "integer", "minimum": 1},
                                       "column": {"type": "integer", "minimum": 1}}}}},
                },
            },
        },
    },
}

BIB = """@article{k2020,
  author = {Perkovich, G.},
  title = {Toward Realistic Relations},
  journal = {Journal of Things},
  year = {4392},
}
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("[tool.citeman]\n", encoding="utf-8")
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):
    return runner.invoke(app, ["validate", "refs.bib", "--select", "Y001", *args])


def test_gitlab_report_has_the_code_quality_shape(project):
    result = run("--output-format", "gitlab")
    assert result.exit_code == 1
    issues = json.loads(result.stdout)
    jsonschema.validate(issues, CODE_QUALITY_SCHEMA)
    [issue] = issues
    assert issue["check_name"] == "Y001"
    assert issue["description"] == "Y001 impossible year '4392' (k2020)"
    assert issue["severity"] == "major"
    assert issue["location"] == {"path": "refs.bib", "lines": {"begin": 5},
                                 "positions": {"begin": {"line": 5, "column": 1}}}


def test_no_findings_is_an_empty_array(project):
    assert json.loads(runner.invoke(app, ["validate", "refs.bib", "--select", "D", "--format", "gitlab"]).stdout) == []


def finding(line: int, message: str = "impossible year '4392'", status: str = "new", severity: str = "error"):
    return Finding(Diagnostic("Y001", severity, message, "a.bib", line, "k", "year"), status)


def test_fingerprints_are_unique_and_survive_moved_lines():
    twice = json.loads(format_report([finding(3), finding(9)], "gitlab"))
    assert len({issue["fingerprint"] for issue in twice}) == 2
    moved = json.loads(format_report([finding(4)], "gitlab"))
    assert moved[0]["fingerprint"] == twice[0]["fingerprint"]


def test_severities_and_hidden_findings():
    issues = json.loads(format_report(
        [finding(1, severity="warning"), finding(2, "b", severity="info"),
         finding(3, "c", status="baselined"), finding(4, "d", status="suppressed")], "gitlab"))
    assert [issue["severity"] for issue in issues] == ["minor", "info"]


def test_a_whole_file_finding_points_at_line_one():
    [issue] = json.loads(format_report([Finding(Diagnostic("X001", "error", "unreadable", "a.bib"))], "gitlab"))
    assert issue["location"]["lines"] == {"begin": 1}


def line_and_column(fmt: str, stdout: str) -> tuple[int, int]:
    if fmt in ("text", "concise"):
        location = stdout.split(": Y001", 1)[0].rsplit("refs.bib:", 1)[1]
        line, column = location.split(":")
        return int(line), int(column)
    if fmt == "json":
        item = json.loads(stdout)[0]
        return item["line"], item["column"]
    if fmt == "github":
        props = dict(p.split("=", 1) for p in stdout.split("::")[1].split(" ", 1)[1].split(","))
        return int(props["line"]), int(props["col"])
    if fmt == "gitlab":
        begin = json.loads(stdout)[0]["location"]
        assert begin["lines"]["begin"] == begin["positions"]["begin"]["line"]
        return begin["lines"]["begin"], begin["positions"]["begin"]["column"]
    region = json.loads(stdout)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    return region["startLine"], region["startColumn"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_carries_line_and_column(project, fmt):
    assert line_and_column(fmt, run("--format", fmt).stdout) == (5, 1)
