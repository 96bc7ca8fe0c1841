from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from citeman.cli import app
from citeman.io.bibtex import read_bib

BIB = """@article{Old1,
  author = {Abercrombie, C.},
  title = {Realizing the potential},
  year = {2019},
}

@book{keepme,
  author = {Fair, C. C.},
  title = {The educated militants},
  year = {2008},
}
"""


def test_rekey_prints_map_and_rewrites(tmp_path: Path):
    bib = tmp_path / "x.bib"
    bib.write_text(BIB, encoding="utf-8")
    result = CliRunner().invoke(app, ["rekey", str(bib), "--key", "Old1"])
    assert result.exit_code == 0, result.output
    assert "Old1 -> abercrombie2019realizing" in result.output
    keys = [e.key for e in read_bib(bib)[0].entries]
    assert keys == ["abercrombie2019realizing", "keepme"]


def test_rekey_dry_run_writes_nothing(tmp_path: Path):
    bib = tmp_path / "x.bib"
    bib.write_text(BIB, encoding="utf-8")
    result = CliRunner().invoke(app, ["rekey", str(bib), "--dry-run", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"Old1": "abercrombie2019realizing", "keepme": "fair2008educated"}
    assert bib.read_text(encoding="utf-8") == BIB


def test_rekey_missing_file_is_exit_2(tmp_path: Path):
    result = CliRunner().invoke(app, ["rekey", str(tmp_path / "nope.bib")])
    assert result.exit_code == 2
    assert "nope.bib: no such file" in result.output
