"""Fixtures shared by every test area."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = REPO_ROOT.parent / "shared"
SEEDS_DIR = REPO_ROOT / "seeds"


@pytest.fixture
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED_DIR.is_dir():
        pytest.skip("../shared is not available")
    return SHARED_DIR


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS_DIR
