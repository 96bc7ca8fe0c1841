"""Shared helpers for the export tests: fixture paths and golden-file comparison."""

from __future__ import annotations

from pathlib import Path
from golden_files import assert_golden  # noqa: F401  (re-exported for this area's tests)

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
GOLDEN = HERE / "golden"
REPO_ROOT = HERE.parent.parent
CSL_SCHEMA = REPO_ROOT.parent / "shared" / "data" / "csl-schema" / "csl-data.json"


