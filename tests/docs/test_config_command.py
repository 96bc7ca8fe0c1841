"""``citeman config`` and docs/configuration.md: one declaration of every key."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]
from typer.testing import CliRunner

from citeman.cli import app
from citeman.validate.config import CONFIG_KEYS, check_table, configuration_markdown, load_config

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()

PYPROJECT = """\
[project]
name = "demo"

[tool.citeman]
select = ["Y", "N002"]
fail-on = "warning"

[tool.citeman.cites]
fail_on = "never"
"""


def run(args, env=None):
    return runner.invoke(app, args, env={"CITEMAN_MAILTO": "", **(env or {})})


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    return tmp_path


def test_configuration_md_is_current():
    assert (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8") == configuration_markdown(), (
        "docs/configuration.md is stale: python tools/gen_docs.py"
    )


def test_configuration_md_documents_every_key():
    doc = configuration_markdown()
    for key in CONFIG_KEYS:
        assert f"| `{key.name}` |" in doc
        assert key.meaning in doc


def test_the_examples_in_configuration_md_are_valid_config_files():
    blocks = re.findall(r"```toml\n(.*?)```", configuration_markdown(), re.S)
    assert len(blocks) == 2
    pyproject, citeman_toml = (tomllib.loads(block) for block in blocks)
    check_table(pyproject["tool"]["citeman"], Path("pyproject.toml"))
    check_table(citeman_toml, Path("citeman.toml"))
    assert pyproject["tool"]["citeman"] == citeman_toml


def test_json_lists_every_key_with_value_default_and_origin(project):
    result = run(["config", "--format", "json"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert shown["file"] == "pyproject.toml"
    by_key = {s["key"]: s for s in shown["settings"]}
    assert list(by_key) == [key.name for key in CONFIG_KEYS]
    assert by_key["select"]["value"] == ["Y", "N002"]
    assert by_key["select"]["from"] == "pyproject.toml:5"
    assert by_key["fail-on"] == {**by_key["fail-on"], "value": "warning", "default": "error",
                                 "from": "pyproject.toml:6"}
    assert by_key["cites.fail-on"]["value"] == "never"
    assert by_key["cites.fail-on"]["from"] == "pyproject.toml:9"
    assert by_key["ignore"]["value"] == [] and by_key["ignore"]["from"] == "default"
    assert by_key["baseline"]["value"] is None
    for setting in shown["settings"]:
        assert setting["help"] and setting["type"]


def test_text_shows_a_row_per_key(project):
    result = run(["config"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Configuration file: pyproject.toml"
    rows = {line.split()[0]: line.split() for line in lines[3:]}
    assert set(rows) == {key.name for key in CONFIG_KEYS}
    assert rows["fail-on"] == ["fail-on", '"warning"', '"error"', "pyproject.toml:6"]
    assert rows["ignore"][-1] == "default"


def test_what_config_shows_is_what_validate_uses(project):
    loaded = load_config(project)
    shown = {s["key"]: s["value"] for s in json.loads(run(["config", "--format", "json"]).stdout)["settings"]}
    assert (loaded.select, loaded.ignore, loaded.fail_on) == (shown["select"], shown["ignore"], shown["fail-on"])


def test_citeman_toml_wins_over_pyproject(project):
    (project / "citeman.toml").write_text('ignore = ["Y001"]\n', encoding="utf-8")
    shown = json.loads(run(["config", "--format", "json"]).stdout)
    assert shown["file"] == "citeman.toml"
    by_key = {s["key"]: s for s in shown["settings"]}
    assert by_key["ignore"]["value"] == ["Y001"] and by_key["ignore"]["from"] == "citeman.toml:1"
    assert by_key["fail-on"]["from"] == "default"


def test_the_validate_sub_table_wins_over_the_top_level(project):
    (project / "citeman.toml").write_text('fail-on = "info"\n[validate]\nfail-on = "warning"\n', encoding="utf-8")
    by_key = {s["key"]: s for s in json.loads(run(["config", "--format", "json"]).stdout)["settings"]}
    assert by_key["fail-on"]["value"] == "warning" and by_key["fail-on"]["from"] == "citeman.toml:3"
    assert load_config(project).fail_on == "warning"


def test_the_environment_overrides_the_mailto_key(project):
    (project / "citeman.toml").write_text('[verify]\nmailto = "file@example.org"\n', encoding="utf-8")
    by_key = {s["key"]: s for s in json.loads(run(["config", "--format", "json"]).stdout)["settings"]}
    assert by_key["verify.mailto"]["value"] == "file@example.org"
    assert by_key["verify.mailto"]["from"] == "citeman.toml:2"
    env = {"CITEMAN_MAILTO": "env@example.org"}
    by_key = {s["key"]: s for s in json.loads(run(["config", "--format", "json"], env).stdout)["settings"]}
    assert by_key["verify.mailto"] == {**by_key["verify.mailto"], "value": "env@example.org",
                                       "from": "$CITEMAN_MAILTO"}


def test_no_config_file_means_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    # A pyproject.toml without a citeman table does not count.
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    shown = json.loads(run(["config", "--format", "json"]).stdout)
    if shown["file"] is not None:  # a config file above the temporary folder
        pytest.skip(f"a config file above the test folder: {shown['file']}")
    assert all(s["from"] == "default" and s["value"] == s["default"] for s in shown["settings"])


@pytest.mark.parametrize("text, where, words", [
    ('[tool.citeman]\nfail-on = "error"\nselectt = ["Y"]\n', "pyproject.toml:3", "unknown key 'selectt'"),
    ('[tool.citeman]\nfail-on = "loud"\n', "pyproject.toml:2", "'fail-on' must be one of"),
    ('[tool.citeman.cites]\nselect = "Q999"\n', "pyproject.toml:2", "unknown rule code 'Q999'"),
    ('[tool.citeman.verify]\nmailto = 3\n', "pyproject.toml:2", "must be a string"),
    ('[tool.citeman\n', "pyproject.toml", "invalid TOML"),
])
def test_a_bad_config_file_is_one_line_naming_file_and_line(tmp_path, monkeypatch, text, where, words):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    for args in (["config"], ["validate"]):
        result = run(args)
        assert result.exit_code == 2, result.output
        assert result.stdout == ""
        [line] = result.stderr.splitlines()
        assert line.startswith(f"error: {where}")
        assert words in line


def test_unknown_format_is_a_usage_error(project):
    result = run(["config", "--format", "yaml"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == ["error: unknown format 'yaml' for --format (choose from text, json)"]
