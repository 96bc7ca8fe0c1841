"""The command line is a thin layer: it reaches the pipeline only through citeman.app."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "citeman"
ALLOWED = {"citeman.app", "citeman.app.outcome", "citeman.errors", "citeman.__version__"}


def _citeman_imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "citeman":
            if node.module == "citeman":
                found |= {f"citeman.{alias.name}" for alias in node.names}
            else:
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.split(".")[0] == "citeman"}
    return {name for name in found if not name.startswith("citeman.commands")}


def test_cli_and_commands_import_only_the_application_layer():
    files = [PACKAGE / "cli.py", *sorted((PACKAGE / "commands").glob("*.py"))]
    reached = {path.name: _citeman_imports(path) - ALLOWED for path in files}
    assert {name: sorted(extra) for name, extra in reached.items() if extra} == {}


def test_application_layer_never_prints_or_exits():
    for path in sorted((PACKAGE / "app").glob("*.py")):
        names = {node.func.id for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                 if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
        assert not names & {"print", "exit"}, path.name
        assert "typer" not in path.read_text(encoding="utf-8"), path.name
