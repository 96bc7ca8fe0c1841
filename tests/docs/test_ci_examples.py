"""docs/examples/*.yml work in another repository: right install, right actions, commands that run."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from citeman.cli import app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "docs" / "examples"
CI_MD = ROOT / "docs" / "ci.md"
PUBLISHING_MD = ROOT / "docs" / "publishing.md"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
PLACEHOLDER_TAG = "<tag>"
GIT_INSTALL = re.compile(r'^pip install "citeman @ git\+https://github\.com/[^/\s]+/citeman@[^"\s]+"$')

runner = CliRunner()


def load(name: str):
    return yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))


def example_files() -> list[Path]:
    return sorted([*EXAMPLES.glob("*.yml"), *EXAMPLES.glob("*.yaml")])


def shell_lines() -> list[str]:
    """Every shell command of the GitHub steps and the GitLab scripts."""
    workflow = load("github-actions.yml")
    lines = [step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step]
    gitlab = load("gitlab-ci.yml")
    lines += [line for job in gitlab.values() if isinstance(job, dict) for line in job.get("script", [])]
    return [line.strip() for text in lines for line in text.splitlines() if line.strip()]


def citeman_lines() -> list[str]:
    return [line for line in shell_lines() if line.startswith("citeman ")]


def test_there_are_examples_for_github_gitlab_and_pre_commit():
    assert {p.name for p in example_files()} >= {"github-actions.yml", "gitlab-ci.yml", "pre-commit-config.yaml"}
    for path in example_files():
        assert yaml.safe_load(path.read_text(encoding="utf-8")), path.name


def test_every_pip_install_pins_citeman_from_git_and_none_installs_the_checkout():
    installs = [line for line in shell_lines() if line.startswith("pip ")]
    assert installs, "the examples install citeman"
    for line in installs:
        assert GIT_INSTALL.match(line), line
    for path in example_files():
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"pip install (-e )?\.(\s|$)", text), path.name
        assert not re.search(r"pip install citeman(\s|$)", text), path.name  # another project's name on PyPI


def test_upload_sarif_is_v3_or_newer_and_uploads_what_validate_writes():
    workflow = load("github-actions.yml")
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    uploads = [step for step in steps if step.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    assert len(uploads) == 1
    major = re.fullmatch(r"v(\d+)(\.\d+)*", uploads[0]["uses"].split("@", 1)[1])
    assert major and int(major.group(1)) >= 3, uploads[0]["uses"]
    assert f"-o {uploads[0]['with']['sarif_file']}" in " ".join(citeman_lines())
    assert workflow["jobs"]["validate"]["permissions"]["security-events"] == "write"
    for step in steps:
        if "uses" in step and not step["uses"].startswith("github/"):
            assert re.search(r"@v\d+$", step["uses"]), step["uses"]


def test_gitlab_hands_the_code_quality_report_to_the_merge_request():
    gitlab = load("gitlab-ci.yml")
    [job] = [job for job in gitlab.values() if isinstance(job, dict) and "script" in job]
    report = job["artifacts"]["reports"]["codequality"]
    assert job["artifacts"]["when"] == "always"
    assert any("--format gitlab" in line and f"-o {report}" in line for line in job["script"])


def _repo_tags() -> list[str]:
    done = subprocess.run(["git", "-C", str(ROOT), "tag", "--list"], capture_output=True, text=True, check=False)
    return done.stdout.split() if done.returncode == 0 else []


def test_pre_commit_uses_this_repositorys_hooks_at_a_real_tag_or_the_placeholder():
    hooks = {hook["id"]: hook for hook in yaml.safe_load(HOOKS.read_text(encoding="utf-8"))}
    [repo] = load("pre-commit-config.yaml")["repos"]
    assert re.fullmatch(r"https://github\.com/[^/\s]+/citeman", repo["repo"])
    # Never a made-up version: the placeholder, to be replaced, or a tag this repository has.
    assert repo["rev"] == PLACEHOLDER_TAG or repo["rev"] in _repo_tags(), repo["rev"]
    assert repo["hooks"] and all(hook["id"] in hooks for hook in repo["hooks"])
    commented = re.findall(r"#\s*- id: (\S+)", (EXAMPLES / "pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert all(name in hooks for name in commented)
    for hook in hooks.values():
        assert hook["language"] == "python" and hook["entry"].startswith("citeman ")
        assert re.search(hook["files"], "bib/refs.bib") and not re.search(hook["files"], "notes.txt")


def test_ci_md_and_publishing_md_show_the_example_files_as_they_are():
    text = CI_MD.read_text(encoding="utf-8") + PUBLISHING_MD.read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
    assert sorted(blocks) == sorted(path.read_text(encoding="utf-8") for path in example_files())
    assert "pip install ." not in CI_MD.read_text(encoding="utf-8").replace("`pip install .`", "")


BIB = """@article{smith2020title,
  author = {Smith, John},
  title = {A Title},
  journal = {Journal},
  year = {2020},
  pages = {1--2},
  volume = {3},
}

@article{lee2021other,
  author = {Lee, Ann},
  title = {another title},
  journal = {Journal},
  year = {2021},
  pages = {1-2},
}
"""


@pytest.fixture
def repository(tmp_path, monkeypatch):
    """Someone else's repository: a bib/ folder and no citeman configuration."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "citeman.toml").write_text("", encoding="utf-8")
    (tmp_path / "bib").mkdir()
    (tmp_path / "bib" / "refs.bib").write_text(BIB, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("line", citeman_lines())
def test_every_citeman_command_in_the_examples_runs(repository, line):
    result = runner.invoke(app, shlex.split(line)[1:])
    assert result.exit_code in (0, 1), (line, result.output)  # 1: findings, which is the point
    words = shlex.split(line)
    if "-o" in words:
        written = repository / words[words.index("-o") + 1]
        data = json.loads(written.read_text(encoding="utf-8"))
        assert data, line
        if "sarif" in words:
            assert data["version"] == "2.1.0" and data["runs"][0]["results"]
        if "gitlab" in words:
            assert all(issue["location"]["path"] == "bib/refs.bib" for issue in data)
    else:
        assert "bib/refs.bib" in result.stdout


@pytest.mark.parametrize("hook", [hook["id"] for hook in yaml.safe_load(HOOKS.read_text(encoding="utf-8"))])
def test_every_pre_commit_hook_runs_on_staged_files(repository, hook):
    [spec] = [h for h in yaml.safe_load(HOOKS.read_text(encoding="utf-8")) if h["id"] == hook]
    words = shlex.split(spec["entry"])
    # pre-commit appends the staged file names to the entry.
    result = runner.invoke(app, [*words[1:], *spec.get("args", []), "bib/refs.bib"])
    assert result.exit_code in (0, 1), result.output
    assert "bib/refs.bib" in result.output


def test_the_github_pages_workflow_builds_and_uploads_the_html_citeman_writes(repository):
    workflow = load("github-pages.yml")
    assert workflow["permissions"]["pages"] == "write" and workflow["permissions"]["id-token"] == "write"
    build = workflow["jobs"]["build"]["steps"]
    runs = [line.strip() for step in build if "run" in step for line in step["run"].splitlines() if line.strip()]
    assert [line for line in runs if line.startswith("pip ")] and all(GIT_INSTALL.match(l) for l in runs if l.startswith("pip "))
    [command] = [line for line in runs if line.startswith("citeman ")]
    words = shlex.split(command)
    result = runner.invoke(app, words[1:])
    assert result.exit_code == 0, result.output
    [upload] = [step for step in build if step.get("uses", "").startswith("actions/upload-pages-artifact@")]
    html = repository / upload["with"]["path"]
    assert html == repository / words[words.index("-o") + 1] / "html" and (html / "index.html").is_file()
    [deploy] = workflow["jobs"]["deploy"]["steps"]
    assert deploy["uses"].startswith("actions/deploy-pages@") and workflow["jobs"]["deploy"]["needs"] == "build"
    for step in [*build, deploy]:
        if "uses" in step:
            assert re.search(r"@v\d+$", step["uses"]), step["uses"]
