"""``citeman validate``, ``citeman rules`` and ``citeman dedupe`` through CliRunner: exit codes, files, options."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from citeman.cli import app

CLEAN = """@article{behera2021examining,
  author = {Behera, L. K.},
  title = {Examining India's defence innovation performance},
  journal = {Journal of Strategic Studies},
  year = {2021},
  volume = {44},
  number = {6},
  pages = {830--853},
  doi = {10.1080/01402390.2021.1993829},
}
"""

BROKEN_YEAR = """@misc{perkovich4392toward,
  author = {Perkovich, G.},
  title = {Toward Realistic U.S.-India Relations},
  publisher = {Carnegie Endowment},
  year = {4392},
}
"""

runner = CliRunner()


@pytest.fixture
def project(tmp_path, monkeypatch):
    """An empty project folder (own pyproject.toml, so the repository's config does not apply)."""
    (tmp_path / "pyproject.toml").write_text("[tool.citeman]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_clean_file_exits_0(project):
    write(project / "bib" / "refs.bib", CLEAN)
    result = runner.invoke(app, ["validate", "bib"])
    assert result.exit_code == 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_error_finding_exits_1_with_flake8_line(project):
    write(project / "refs.bib", BROKEN_YEAR)
    result = runner.invoke(app, ["validate", "refs.bib"])
    assert result.exit_code == 1
    assert "refs.bib:5:1: Y001 impossible year '4392' (perkovich4392toward)" in result.output


def test_missing_file_exits_2_with_one_line(project):
    result = runner.invoke(app, ["validate", "nope.bib"])
    assert result.exit_code == 2
    assert result.output.strip().startswith("error: nope.bib")
    assert "Traceback" not in result.output


def test_binary_file_exits_2(project):
    (project / "bin.bib").write_bytes(b"@article{k,\x00}")
    result = runner.invoke(app, ["validate", "bin.bib"])
    assert result.exit_code == 2


def test_bad_fail_on_is_usage_error(project):
    write(project / "refs.bib", CLEAN)
    assert runner.invoke(app, ["validate", "refs.bib", "--fail-on", "loud"]).exit_code == 2


def test_broken_block_is_a_finding_and_other_entries_checked(project):
    write(project / "refs.bib", "@article{broken, title = {Unclosed,\n\n" + BROKEN_YEAR)
    result = runner.invoke(app, ["validate", "refs.bib", "--format", "json"])
    codes = {(d["code"], d["key"]) for d in json.loads(result.output)}
    assert ("P001", "broken") in codes
    assert ("Y001", "perkovich4392toward") in codes
    assert result.exit_code == 1


def test_fail_on_warning_and_ignore(project):
    write(project / "refs.bib", CLEAN.replace("830--853", "830-853"))
    assert runner.invoke(app, ["validate", "refs.bib"]).exit_code == 0
    assert runner.invoke(app, ["validate", "refs.bib", "--fail-on", "warning"]).exit_code == 1
    assert runner.invoke(app, ["validate", "refs.bib", "--fail-on", "warning", "--ignore", "G"]).exit_code == 0


def test_select_limits_rules(project):
    write(project / "refs.bib", BROKEN_YEAR.replace("Perkovich, G.", "No, I."))
    result = runner.invoke(app, ["validate", "refs.bib", "--select", "N", "--format", "json"])
    assert {d["code"] for d in json.loads(result.output)} == {"N002"}


def test_config_in_pyproject_applies(project):
    (project / "pyproject.toml").write_text('[tool.citeman]\nignore = ["Y001"]\n', encoding="utf-8")
    write(project / "refs.bib", BROKEN_YEAR)
    assert runner.invoke(app, ["validate", "refs.bib"]).exit_code == 0


def test_citeman_toml_found_from_subfolder(project, monkeypatch):
    (project / "citeman.toml").write_text('fail-on = "warning"\n', encoding="utf-8")
    write(project / "sub" / "refs.bib", CLEAN.replace("830--853", "830-853"))
    monkeypatch.chdir(project / "sub")
    assert runner.invoke(app, ["validate", "refs.bib"]).exit_code == 1


def test_inline_suppression_reported_as_suppressed(project):
    write(project / "refs.bib", "% citeman: ignore Y001 -- checked against the PDF\n" + BROKEN_YEAR)
    result = runner.invoke(app, ["validate", "refs.bib", "--format", "json"])
    assert result.exit_code == 0
    y001 = [d for d in json.loads(result.output) if d["code"] == "Y001"]
    assert y001 and y001[0]["status"] == "suppressed" and y001[0]["reason"] == "checked against the PDF"
    text = runner.invoke(app, ["validate", "refs.bib"]).output
    assert "1 suppressed" in text


def test_baseline_round_trip(project):
    write(project / "bib" / "refs.bib", BROKEN_YEAR)
    result = runner.invoke(app, ["validate", "bib", "--write-baseline", "bib/.citeman-baseline.json"])
    assert result.exit_code == 0
    data = json.loads((project / "bib" / ".citeman-baseline.json").read_text())
    assert {"file": "refs.bib", "key": "perkovich4392toward", "code": "Y001"}.items() <= data["findings"][0].items() or any(
        f["code"] == "Y001" and f["file"] == "refs.bib" for f in data["findings"])
    assert runner.invoke(app, ["validate", "bib", "--baseline", "bib/.citeman-baseline.json"]).exit_code == 0
    # Edits elsewhere shift lines but keep the baseline valid.
    write(project / "bib" / "refs.bib", "\n\n" + CLEAN + "\n" + BROKEN_YEAR)
    assert runner.invoke(app, ["validate", "bib", "--baseline", "bib/.citeman-baseline.json"]).exit_code == 0
    # A new problem fails the run.
    write(project / "bib" / "refs.bib", BROKEN_YEAR + BROKEN_YEAR.replace("perkovich4392toward", "other").replace("4392", "3020"))
    result = runner.invoke(app, ["validate", "bib", "--baseline", "bib/.citeman-baseline.json", "--format", "json"])
    assert result.exit_code == 1
    statuses = {(d["key"], d["code"]): d["status"] for d in json.loads(result.output)}
    assert statuses[("perkovich4392toward", "Y001")] == "baselined"
    assert statuses[("other", "Y001")] == "new"


def test_configured_baseline_and_no_baseline(project):
    (project / "pyproject.toml").write_text('[tool.citeman]\nbaseline = "known.json"\n', encoding="utf-8")
    write(project / "refs.bib", BROKEN_YEAR)
    runner.invoke(app, ["validate", "refs.bib", "--write-baseline", "known.json"])
    assert runner.invoke(app, ["validate", "refs.bib"]).exit_code == 0
    assert runner.invoke(app, ["validate", "refs.bib", "--no-baseline"]).exit_code == 1


def test_fix_applies_safe_fixes_only(project):
    path = write(project / "refs.bib", CLEAN.replace("830--853", "830–853").replace("10.1080/", "https://doi.org/10.1080/")
                 + BROKEN_YEAR.replace("}\n", "  url = {https://example.org/2010/10/05/toward}\n}\n", 1).replace(
                     "  year = {4392},\n}\n", "  year = {4392},\n  url = {https://example.org/2010/10/05/toward},\n}\n"))
    result = runner.invoke(app, ["validate", "refs.bib", "--fix"])
    text = path.read_text()
    assert "pages = {830--853}" in text
    assert "doi = {10.1080/01402390.2021.1993829}" in text
    assert "4392" in text  # the year fix is unsafe
    assert result.exit_code == 1
    runner.invoke(app, ["validate", "refs.bib", "--fix", "--unsafe-fixes"])
    assert "year = {2010}" in path.read_text()


def test_diff_writes_nothing(project):
    path = write(project / "refs.bib", CLEAN.replace("830--853", "830-853"))
    before = path.read_text()
    result = runner.invoke(app, ["validate", "refs.bib", "--diff"])
    assert result.exit_code == 1
    assert "-  pages = {830-853}," in result.output and "+  pages = {830--853}," in result.output
    assert path.read_text() == before


def test_output_file_and_sarif(project):
    write(project / "refs.bib", BROKEN_YEAR)
    result = runner.invoke(app, ["validate", "refs.bib", "--format", "sarif", "-o", "out.sarif"])
    assert result.exit_code == 1
    data = json.loads((project / "out.sarif").read_text())
    assert data["version"] == "2.1.0"
    assert any(r["ruleId"] == "Y001" for r in data["runs"][0]["results"])


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_output_file_holds_the_same_report_as_standard_output(project, fmt):
    write(project / "refs.bib", BROKEN_YEAR)
    printed = runner.invoke(app, ["validate", "refs.bib", "--format", fmt])
    written = runner.invoke(app, ["validate", "refs.bib", "--format", fmt, "-o", "out.txt"])
    assert written.exit_code == printed.exit_code == 1
    assert written.output == ""
    assert (project / "out.txt").read_text() == printed.output
    assert sorted(p.name for p in project.iterdir()) == ["out.txt", "pyproject.toml", "refs.bib"]   # no temporary file


def test_unreadable_input_keeps_an_existing_output_file(project):
    write(project / "refs.bib", BROKEN_YEAR)
    (project / "bad.bib").write_bytes(b"@book{k, title={\x00}}")
    (project / "out.json").write_text("old report")
    result = runner.invoke(app, ["validate", "refs.bib", "bad.bib", "--format", "json", "-o", "out.json"])
    assert result.exit_code == 2
    assert (project / "out.json").read_text() == "old report"
    assert sorted(p.name for p in project.iterdir()) == ["bad.bib", "out.json", "pyproject.toml", "refs.bib"]


def test_rules_list_and_doc():
    listing = runner.invoke(app, ["rules"])
    assert listing.exit_code == 0
    assert "Y001  impossible-year" in listing.output
    doc = runner.invoke(app, ["rules", "Y001"])
    assert doc.exit_code == 0 and "Bad:" in doc.output and "Good:" in doc.output
    assert runner.invoke(app, ["rules", "Z999"]).exit_code == 2


def test_dedupe_report_and_merge(project):
    dup = CLEAN.replace("behera2021examining", "behera2021b").replace("  volume = {44},\n", "  note = {Online first},\n")
    path = write(project / "refs.bib", CLEAN + "\n" + dup)
    report = runner.invoke(app, ["dedupe", "refs.bib"])
    assert report.exit_code == 1
    assert "behera2021b duplicates same DOI" in report.output
    merged = runner.invoke(app, ["dedupe", "refs.bib", "--merge"])
    assert merged.exit_code == 0
    assert "behera2021b -> behera2021examining" in merged.output
    text = path.read_text()
    assert text.count("@article") == 1
    assert "Online first" in text and "volume = {44}" in text


def test_standard_input(project):
    result = runner.invoke(app, ["validate", "-", "--format", "json"], input=BROKEN_YEAR)
    assert result.exit_code == 1
    assert json.loads(result.output)[0]["file"] == "<stdin>"


def test_folder_is_read_recursively(project):
    write(project / "bib" / "a" / "deep.bib", BROKEN_YEAR)
    write(project / "bib" / "notes.txt", "not bibtex")
    result = runner.invoke(app, ["validate", "bib", "--format", "json"])
    assert {d["file"] for d in json.loads(result.output)} == {str(Path("bib") / "a" / "deep.bib")}


def test_duplicate_key_reported_once(project):
    write(project / "refs.bib", CLEAN + CLEAN)
    result = runner.invoke(app, ["validate", "refs.bib", "--select", "P002", "--format", "json"])
    assert [d["line"] for d in json.loads(result.output)] == [11]


def test_month_macro_defined_by_string_is_valid(project):
    write(project / "refs.bib", '@string{sept = "September"}\n' + CLEAN.replace("  year = {2021},\n", "  year = {2021},\n  month = sept,\n"))
    result = runner.invoke(app, ["validate", "refs.bib", "--select", "Y003", "--format", "json"])
    assert json.loads(result.output) == []
    write(project / "refs.bib", CLEAN.replace("  year = {2021},\n", "  year = {2021},\n  month = septx,\n"))
    result = runner.invoke(app, ["validate", "refs.bib", "--select", "Y003", "--format", "json"])
    assert [d["code"] for d in json.loads(result.output)] == ["Y003"]


def test_fix_rewrites_only_the_fixed_fields(project):
    other = "% a hand-written note\n@misc{untouched,   title = {Keep   My   Spacing},\n  note = {x \\\\_ y}}\n"
    fixable = (
        "@article{shinn2023trade,\n  author = {Shinn, D. H. and EISENMAN, J.},\n  title = {Trade Relations},\n"
        "  journal = {China and Africa},\n  year = 2023,\n  month = {April},\n  volume = {14(1)},\n"
        "  pages = {99-127},\n  url = {https://doi.org/10.2307/j.ctt3fhwkz.8}\n}\n"
    )
    path = write(project / "refs.bib", other + "\n" + fixable)
    result = runner.invoke(app, ["validate", "refs.bib", "--fix", "--ignore", "T013"])
    text = path.read_text()
    assert text.startswith(other), "an entry without fixes must stay byte for byte"
    assert "author = {Shinn, D. H. and Eisenman, J.}" in text
    assert "month = apr," in text and "volume = {14}," in text and "pages = {99--127}," in text
    assert "number = {1}," in text and "doi = {10.2307/j.ctt3fhwkz.8}," in text
    assert "url = {https://doi.org/10.2307/j.ctt3fhwkz.8}" in text  # nothing dropped
    again = runner.invoke(app, ["validate", "refs.bib", "--fix", "--ignore", "T013"])
    assert path.read_text() == text, "--fix is idempotent"
    assert "fixed" not in again.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_console_entry_point_flushes_its_report_and_keeps_the_exit_code(project):
    import subprocess
    import sys

    write(project / "refs.bib", BROKEN_YEAR)
    # Through main(), which exits without interpreter teardown: nothing may be lost on the way.
    run = subprocess.run([sys.executable, "-m", "citeman", "validate", "refs.bib", "--format", "json"],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 1, run.stderr
    assert any(item["code"] == "Y001" for item in json.loads(run.stdout))
    missing = subprocess.run([sys.executable, "-m", "citeman", "validate", "nope.bib"],
                             capture_output=True, text=True, check=False)
    assert missing.returncode == 2 and "nope.bib" in missing.stderr and "Traceback" not in missing.stderr
