"""Shared helpers for the ingest tests: paths and golden-file comparison.

Regenerate goldens after a reviewed change with ``CITEMAN_UPDATE_GOLDEN=1 pytest tests/ingest``.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
FIXTURES = HERE / "fixtures"
SEEDS = sorted((REPO / "seeds").glob("*.txt"))


def assert_golden(actual: str, name: str) -> None:
    path = HERE / "golden" / name
    if os.environ.get("CITEMAN_UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), "golden", "actual"))
        pytest.fail(f"{name} differs from the golden file:\n{diff}")
