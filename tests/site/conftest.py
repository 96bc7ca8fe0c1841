"""The seed site and a hostile site, each written and built once for the site tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from citeman import app as application

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE.parent / "pages"))  # the hostile entries the Markdown tests use


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Path:
    """``citeman pages bib --build`` on the project's own bibliography."""
    out = tmp_path_factory.mktemp("seed") / "site"
    outcome = application.pages([str(REPO / "bib")], out, build=True)
    assert outcome.exit_code == 0, outcome.messages
    return out


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    from test_pages_hostile import VALIDATION, hostile_entries

    from citeman.render.site import build_site, write_site

    out = tmp_path_factory.mktemp("hostile") / "site"
    write_site(hostile_entries(), out, validation=VALIDATION, citations={"../../x": []})
    build_site(out)
    return out
