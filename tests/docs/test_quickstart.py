"""docs/quickstart.md: every citeman command in it runs, in order, on a copy of seeds/ and bib/."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from citeman.cli import app

ROOT = Path(__file__).resolve().parents[2]
QUICKSTART = ROOT / "docs" / "quickstart.md"


def shell_lines(text: str) -> list[str]:
    """The lines of the fenced ``sh`` blocks, in order."""
    blocks = re.findall(r"```(?:sh|bash|console)\n(.*?)```", text, re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def citeman_commands() -> list[tuple[list[str], int]]:
    """Each ``citeman`` command line as arguments, with the exit code its comment promises (0 unless ``# exits N``)."""
    found = []
    for line in shell_lines(QUICKSTART.read_text(encoding="utf-8")):
        words = shlex.split(line, comments=True)
        if words and words[0] == "citeman":
            promised = re.search(r"#\s*exits (\d)", line)
            found.append((words[1:], int(promised.group(1)) if promised else 0))
    return found


def test_the_quickstart_has_the_whole_path():
    commands = [words[0] for words, _ in citeman_commands()]
    for step in ("ingest", "refs", "validate", "rules", "annotate", "render", "export", "config"):
        assert step in commands, step
    others = [line for line in shell_lines(QUICKSTART.read_text(encoding="utf-8")) if not line.startswith("citeman ")]
    assert others == ['pip install "citeman @ git+https://github.com/<owner>/citeman@<tag>"']


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "bib", tmp_path / "bib")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_every_command_runs_with_the_exit_code_the_page_says(workspace):
    runner = CliRunner()
    for args, promised in citeman_commands():
        result = runner.invoke(app, args)
        assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
        assert result.exit_code == promised, (args, result.output)
    # What the page says the reader ends up with.
    rendered = (workspace / "bibliography.md").read_text(encoding="utf-8")
    assert rendered.startswith("Liaqat, S., & Abbasi, A. H. (2025")
    assert "\n> " in rendered  # the annotation below the reference
    [item] = json.loads((workspace / "reading.json").read_text(encoding="utf-8"))
    assert item["URL"] == "https://example.org/indo-us-defence-pact"
    assert len(re.findall(r"^@\w+\{", (workspace / "bib" / "usman-refs.bib").read_text(encoding="utf-8"), re.M)) == 42
    assert runner.invoke(app, ["validate", "bib/reading.bib"]).exit_code == 0
