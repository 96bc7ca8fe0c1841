"""docs/commands/*.md are the commands' --help, kept current."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _load_gen_docs():
    """tools/gen_docs.py as a module (tools/ is not a package)."""
    spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "tools" / "gen_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen_docs = _load_gen_docs()


def test_command_pages_are_current():
    assert gen_docs.stale() == [], "regenerate the pages: python tools/gen_docs.py"


def test_there_is_a_page_for_every_command_and_the_index_links_it():
    names = gen_docs.command_names()
    assert {"validate", "config", "rules", "render"} <= set(names)
    index = (gen_docs.COMMANDS_DIR / "index.md").read_text(encoding="utf-8")
    for name in names:
        page = (gen_docs.COMMANDS_DIR / f"{name}.md").read_text(encoding="utf-8")
        assert page.startswith(f"# citeman {name}\n")
        assert f"Usage: citeman {name} " in page
        assert f"]({name}.md)" in index


def test_help_is_the_same_whatever_the_terminal(monkeypatch):
    plain = gen_docs.help_text("validate")
    monkeypatch.setenv("COLUMNS", "40")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    import typer.rich_utils

    # As if typer had been imported under TERMINAL_WIDTH=40 and FORCE_COLOR=1.
    monkeypatch.setattr(typer.rich_utils, "MAX_WIDTH", 40)
    monkeypatch.setattr(typer.rich_utils, "FORCE_TERMINAL", True)
    assert gen_docs.help_text("validate") == plain
    assert "\x1b[" not in plain
    assert max(len(line) for line in plain.splitlines()) == gen_docs.WIDTH
    assert "--fail-on" in plain
    assert typer.rich_utils.MAX_WIDTH == 40  # put back as it was


def test_check_names_a_stale_page(tmp_path, monkeypatch):
    monkeypatch.setattr(gen_docs, "COMMANDS_DIR", tmp_path)
    monkeypatch.setattr(gen_docs, "DOCS", tmp_path)
    (tmp_path / "no-such-command.md").write_text("old\n", encoding="utf-8")
    wrong = {path.name for path in gen_docs.stale()}
    assert "validate.md" in wrong and "index.md" in wrong and "no-such-command.md" in wrong
