"""Shared helpers for the export tests: fixture paths and golden-file comparison."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
GOLDEN = HERE / "golden"
REPO_ROOT = HERE.parent.parent
CSL_SCHEMA = REPO_ROOT.parent / "shared" / "data" / "csl-schema" / "csl-data.json"


def assert_golden(actual: str, path: Path) -> None:
    """Compare with a golden file; CITEMAN_UPDATE_GOLDEN=1 rewrites it instead."""
    if os.environ.get("CITEMAN_UPDATE_GOLDEN") == "1" or not path.exists():
        if os.environ.get("CITEMAN_UPDATE_GOLDEN") != "1":
            raise AssertionError(f"golden file {path.name} is missing; run with CITEMAN_UPDATE_GOLDEN=1")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), "golden", "actual"))
        raise AssertionError(f"{path.name} differs from golden:\n{diff}")
