"""Golden-file comparison shared by every test area.

A golden file changes only when ``CITEMAN_UPDATE_GOLDEN=1`` is set, and is then reviewed like code.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest


def assert_golden(actual: str, path: Path) -> None:
    """Compare ``actual`` with the file at ``path``; ``CITEMAN_UPDATE_GOLDEN=1`` rewrites it instead."""
    if os.environ.get("CITEMAN_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"golden file {path.name} is missing; run with CITEMAN_UPDATE_GOLDEN=1")
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), f"golden/{path.name}", "actual"))
        pytest.fail(f"{path.name} differs from its golden file (CITEMAN_UPDATE_GOLDEN=1 to accept):\n{diff}")
