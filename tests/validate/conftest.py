"""Fixtures for the validate tests: a fixed date, the seed-004 fixture, golden comparison."""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

import pytest

from citeman.validate.base import Context

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
GOLDEN = HERE / "golden"


def pytest_addoption(parser):
    try:
        parser.addoption("--update-golden", action="store_true", default=False, help="Rewrite golden files.")
    except ValueError:  # another test area registered it first
        pass


@pytest.fixture
def ctx() -> Context:
    return Context(today=dt.date(2026, 1, 1))


@pytest.fixture
def seed004() -> Path:
    return FIXTURES / "seed004.bib"


@pytest.fixture
def assert_golden(request):
    def check(actual: str, name: str) -> None:
        path = GOLDEN / name
        if request.config.getoption("--update-golden", default=False) or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            if not request.config.getoption("--update-golden", default=False):
                pytest.fail(f"golden file {name} was missing and has been written; review and rerun")
        expected = path.read_text(encoding="utf-8")
        if actual != expected:
            diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), name, "actual"))
            pytest.fail(f"output differs from golden {name} (rerun with --update-golden if intended):\n{diff}")

    return check
