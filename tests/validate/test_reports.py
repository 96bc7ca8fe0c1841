"""Golden reports (text, json, sarif) for the seed-004 fixture; JSON and SARIF checked against schemas."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import io

import jsonschema
import pytest

from citeman.model import Diagnostic
from citeman.validate.base import Severity, reader_rule
from citeman.validate.lint import lint_paths
from citeman.validate.report import Finding, format_report

REPO = Path(__file__).resolve().parents[2]
SARIF_SCHEMA = REPO.parent / "shared" / "data" / "sarif" / "sarif-schema-2.1.0.json"

JSON_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["file", "line", "key", "field", "code", "severity", "message", "fixable", "status"],
        "properties": {
            "file": {"type": "string"},
            "line": {"type": "integer", "minimum": 0},
            "key": {"type": "string"},
            "field": {"type": "string"},
            "code": {"type": "string", "pattern": "^[A-Z][0-9]{3}$"},
            "severity": {"enum": ["error", "warning", "info"]},
            "message": {"type": "string"},
            "fixable": {"type": "boolean"},
            "status": {"enum": ["new", "baselined", "suppressed"]},
        },
    },
}


@pytest.fixture
def findings(seed004, ctx, monkeypatch):
    monkeypatch.chdir(REPO)
    return lint_paths([str(seed004.relative_to(REPO))], ctx=ctx, jobs=1).findings


def test_text_report_golden(findings, assert_golden):
    assert_golden(format_report(findings, "text"), "seed004.txt")


def test_json_report_golden_and_schema(findings, assert_golden):
    text = format_report(findings, "json")
    jsonschema.validate(json.loads(text), JSON_SCHEMA)
    assert_golden(text, "seed004.json")


def test_sarif_report_golden_and_schema(findings, assert_golden):
    if not SARIF_SCHEMA.exists():
        pytest.skip("../shared SARIF schema not available")
    text = format_report(findings, "sarif")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(text), schema)
    data = json.loads(text)
    rules = data["runs"][0]["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} >= {"Y001", "T002", "N002"}
    assert_golden(text.replace(data["runs"][0]["tool"]["driver"]["version"], "VERSION"), "seed004.sarif")


def test_text_line_format_quotes_value_and_key(findings):
    text = format_report(findings, "text")
    assert "tests/validate/fixtures/seed004.bib:285:1: Y001 impossible year '4392' (perkovich4392toward)" in text
    assert text.rstrip().splitlines()[-1].startswith("Found ")


def test_github_annotations(findings):
    lines = format_report(findings, "github").splitlines()
    assert any(line.startswith("::error file=tests/validate/fixtures/seed004.bib,line=285,col=1,title=Y001::Y001 impossible")
               for line in lines)
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)


def test_suppressed_and_baselined_hidden_in_text_but_listed_in_json():
    diag = Diagnostic("Y001", "error", "impossible year '4392'", "a.bib", 3, "k", "year")
    items = [Finding(diag, status="suppressed", reason="checked")]
    assert "Y001" not in format_report(items, "text").split("\n\n")[0] or "Found 0" in format_report(items, "text")
    assert json.loads(format_report(items, "json"))[0]["status"] == "suppressed"
    assert "1 suppressed" in format_report(items, "text")


def test_external_rules_get_sarif_metadata():
    rule = replace(reader_rule("cited-twice", Severity.WARNING, "Cited twice.\n\nWhy: x.\n\nBad: a\nGood: b\n"),
                   code="C901")
    diag = Diagnostic("C901", "warning", "cited twice 'Smith 2020'", "paper.md", 4)
    data = json.loads(format_report([diag], "sarif", rules=[rule]))
    ids = [r["id"] for r in data["runs"][0]["tool"]["driver"]["rules"]]
    assert "C901" in ids
    assert data["runs"][0]["results"][0]["ruleIndex"] == ids.index("C901")


def test_unknown_format_raises():
    with pytest.raises(ValueError):
        format_report([], "xml")


def test_empty_report_says_no_problems():
    assert format_report([], "text") == "No problems found.\n"
    assert format_report([], "json") == "[]\n"


def test_json_report_is_exactly_json_dumps_of_the_dicts():
    import json as _json_module

    from citeman.model import Diagnostic as _Diagnostic
    from citeman.validate.report import Finding as _Finding, format_report as _format_report, to_dict as _to_dict

    findings = [  # in report order
        _Finding(_Diagnostic("T002", "warning", "m", "a.bib", 0, "", "", False), "suppressed", 'why "x"'),
        _Finding(_Diagnostic("T001", "error", 'quote " backslash \\ é \u2028 tab\t', "a.bib", 3, "k", "title", True)),
        _Finding(_Diagnostic("C001", "info", "m", "b.bib", 5, None, "", 0)),
        _Finding(_Diagnostic("C002", "info", "m", "b.bib", 7, "k2", "", 1), "baselined"),
        # Equal as keys, written differently: 1 and true, 0 and false, in the same status.
        _Finding(_Diagnostic("C002", "info", "m", "b.bib", 8, "k3", "", True), "baselined"),
        _Finding(_Diagnostic("C001", "info", "m", "b.bib", 9, "k4", "", False)),
        _Finding(_Diagnostic("C001", "info", "m", "b.bib", 9, "k5", "", 1)),
        _Finding(_Diagnostic("C003", "info", "mé", "c.bib", 9, "ké", "fé", True), "new", "ré"),
    ]
    expected = _json_module.dumps([_to_dict(f) for f in findings], indent=2, ensure_ascii=False) + "\n"
    assert _format_report(findings, "json") == expected


@pytest.mark.parametrize("fmt", ["text", "json", "github", "gitlab", "sarif"])
@pytest.mark.parametrize("show_all", [False, True])
def test_a_report_built_piece_by_piece_equals_the_whole(findings, fmt, show_all):
    from dataclasses import replace

    from citeman.validate.report import ReportBuilder

    # Two files, and statuses that hide findings from the text report.
    mixed = [replace(f, status=("baselined", "suppressed", "new")[i % 3]) for i, f in enumerate(findings)]
    mixed += [replace(f, diagnostic=replace(f.diagnostic, path="z.bib")) for f in findings[:5]]
    whole = format_report(mixed, fmt, show_all=show_all, presorted=True)
    builder = ReportBuilder(fmt, show_all=show_all)
    sink = io.BytesIO()
    streamed = ReportBuilder(fmt, show_all=show_all, sink=sink)
    for start in range(0, len(mixed), 7):
        builder.add(mixed[start : start + 7])
        streamed.add(mixed[start : start + 7])
    assert builder.finish() == whole
    assert streamed.finish_bytes() == b""
    assert sink.getvalue().decode() == whole
    for sink in (None, io.BytesIO()):
        empty = ReportBuilder(fmt, sink=sink)
        out = empty.finish_bytes()
        assert (out if sink is None else sink.getvalue()).decode() == format_report([], fmt)


def test_baseline_applied_piece_by_piece_matches_each_known_finding_once(findings, tmp_path):
    from dataclasses import replace

    from citeman.validate.baseline import BaselineMatcher, apply_baseline, load_baseline, write_baseline

    path = tmp_path / "baseline.json"
    write_baseline(findings[:20] + findings[:3], path)  # the first three are known twice
    known = load_baseline(path)
    whole = [replace(f) for f in findings + findings[:5]]
    apply_baseline(whole, known, path)
    pieces = [replace(f) for f in findings + findings[:5]]
    matcher = BaselineMatcher(known, path)
    for start in range(0, len(pieces), 4):
        matcher.apply(pieces[start : start + 4])
    assert [f.status for f in pieces] == [f.status for f in whole]
    assert sum(f.status == "baselined" for f in whole) == 23
