"""The README's main job: `citeman build` regenerates the committed bib/ byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from citeman import api
from citeman.cli import app

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    shutil.copytree(REPO / "bib", tmp_path / "bib")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_build_reproduces_committed_bib(project: Path):
    result = CliRunner().invoke(app, ["build", "--no-pages"])
    assert result.exit_code == 0, result.output
    for committed in sorted((REPO / "bib").glob("*.bib")):
        rebuilt = project / "bib" / committed.name
        assert rebuilt.read_bytes() == committed.read_bytes(), f"{committed.name} changed on rebuild"


def test_build_from_scratch_finds_every_document_and_reference(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    result = api.build("seeds", "bib", None)
    assert result.errors == []
    names = sorted(p.name for p in result.bib_files)
    assert names == ["sources.bib", "usman2025usindia-references.bib"]
    assert result.entries == 5 + 42


def test_build_missing_seeds_is_one_line_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["build", "--seeds", "nowhere"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == "error: nowhere: no such folder"


def test_build_writes_pages(project: Path):
    result = api.build("seeds", "bib", "site")
    assert (project / "site" / "index.md").is_file()
    assert len(result.pages) > 47
