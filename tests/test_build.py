"""The README's main job: `citeman build` regenerates the committed bib/ byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from citeman import app as application
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
    result = application.build("seeds", "bib", None)
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
    result = application.build("seeds", "bib", "site")
    assert (project / "site" / "docs" / "index.md").is_file()
    assert len(result.pages) > 47


def test_build_reads_each_file_once(project: Path, monkeypatch: pytest.MonkeyPatch):
    reads: dict[Path, int] = {}
    original = Path.read_bytes

    def counting(self: Path) -> bytes:
        reads[self.resolve()] = reads.get(self.resolve(), 0) + 1
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", counting)
    result = application.build("seeds", "bib", "site")
    assert result.errors == []
    project_files = {p: n for p, n in reads.items() if p.is_relative_to(project)}
    assert {p.name for p in project_files} >= {"sources.bib", "usman2025usindia-references.bib", "004_f4c71cc64816fcce.txt"}
    assert {p.name: n for p, n in project_files.items() if n > 1} == {}


def test_build_returns_the_diagnostics_of_every_step(project: Path):
    result = application.build("seeds", "bib", None)
    codes = {d.code for d in result.diagnostics}
    assert codes, "the reference list of seed 004 has known defects that parsing reports"
    assert all(d.code and d.severity in ("error", "warning", "info") for d in result.diagnostics)
