"""Shared helpers for the ingest tests: paths and golden-file comparison.

Regenerate goldens after a reviewed change with ``CITEMAN_UPDATE_GOLDEN=1 pytest tests/ingest``.
"""

from __future__ import annotations

from pathlib import Path
from golden_files import assert_golden as check_golden


HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
FIXTURES = HERE / "fixtures"
SEEDS = sorted((REPO / "seeds").glob("*.txt"))


def assert_golden(actual: str, name: str) -> None:
    """Compare with ``golden/<name>`` (see ``tests/golden_files.py``)."""
    check_golden(actual, HERE / "golden" / name)