"""Write the generated documentation: docs/configuration.md and docs/commands/*.md.

    python tools/gen_docs.py           # rewrite the pages
    python tools/gen_docs.py --check   # exit 1, naming the stale pages, when they differ

docs/configuration.md comes from the declaration of every key in
citeman/validate/config.py; docs/commands/<name>.md is the ``--help`` of each command,
captured at a fixed width without colour so that it only changes when the help does.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
COMMANDS_DIR = DOCS / "commands"
WIDTH = 88
HELP_ENV = {"COLUMNS": str(WIDTH), "TERMINAL_WIDTH": str(WIDTH), "NO_COLOR": "1", "TERM": "dumb",
            "FORCE_COLOR": None, "PY_COLORS": None, "TTY_COMPATIBLE": "0", "TTY_INTERACTIVE": "0"}
ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")


def command_names() -> list[str]:
    """Every visible command of the ``citeman`` app, in the order ``citeman --help`` lists them."""
    import typer

    from citeman.cli import app

    group = typer.main.get_command(app)
    return [name for name, command in group.commands.items() if not command.hidden]


def help_text(*args: str) -> str:
    """``citeman ARGS --help`` as plain text: no ANSI codes, no trailing spaces, fixed width."""
    from typer.testing import CliRunner

    from citeman.cli import app

    # typer reads TERMINAL_WIDTH, FORCE_COLOR and GITHUB_ACTIONS once, when it is imported:
    # pin what it took from them for this call as well.
    import typer.rich_utils as rich_utils

    saved = rich_utils.MAX_WIDTH, rich_utils.FORCE_TERMINAL
    rich_utils.MAX_WIDTH, rich_utils.FORCE_TERMINAL = WIDTH, False
    try:
        result = CliRunner().invoke(app, [*args, "--help"], prog_name="citeman", env=HELP_ENV, color=False)
    finally:
        rich_utils.MAX_WIDTH, rich_utils.FORCE_TERMINAL = saved
    if result.exit_code != 0:
        raise RuntimeError(f"citeman {' '.join(args)} --help exited {result.exit_code}: {result.output}")
    lines = [line.rstrip() for line in ANSI.sub("", result.stdout).splitlines()]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def _summary(name: str) -> str:
    import typer

    from citeman.cli import app

    command = typer.main.get_command(app).commands[name]
    return " ".join((command.short_help or command.help or "").split("\n\n")[0].split())


GENERATED = "<!-- Generated from the command's --help: python tools/gen_docs.py -->"


def command_page(name: str) -> str:
    return "\n".join([
        f"# citeman {name}", "", GENERATED, "", _cell(_summary(name)), "", "```text", help_text(name).rstrip("\n"), "```", "",
        "Exit codes: `0` done (nothing at or above `--fail-on` where the command has it), `1` findings that fail "
        "the run, `2` unusable input or bad arguments (one line on standard error).", "",
        "[All commands](index.md)", "",
    ])


def _cell(text: str) -> str:
    """``text`` safe in a Markdown table cell (no pipes, no angle brackets read as HTML)."""
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def index_page(names: list[str]) -> str:
    lines = ["# Commands", "", GENERATED, "",
             "Every command of `citeman`, with its `--help`. `citeman --help` lists them too.", "",
             "| command | what it does |", "| --- | --- |"]
    lines += [f"| [`citeman {name}`]({name}.md) | {_cell(_summary(name))} |" for name in names]
    lines += ["", "```text", help_text().rstrip("\n"), "```", ""]
    return "\n".join(lines)


def pages() -> dict[Path, str]:
    """Every generated page and its text."""
    from citeman.validate.config import configuration_markdown

    names = command_names()
    found = {DOCS / "configuration.md": configuration_markdown(), COMMANDS_DIR / "index.md": index_page(names)}
    found.update({COMMANDS_DIR / f"{name}.md": command_page(name) for name in names})
    return found


def stale() -> list[Path]:
    """Pages whose text differs from what would be generated, and command pages of no command."""
    expected = pages()
    wrong = [path for path, text in expected.items()
             if not path.is_file() or path.read_text(encoding="utf-8") != text]
    wrong += [path for path in sorted(COMMANDS_DIR.glob("*.md")) if path not in expected]
    return wrong


def main(argv: list[str]) -> int:
    if "--check" in argv:
        wrong = stale()
        for path in wrong:
            print(f"stale: {path.relative_to(ROOT)} (run: python tools/gen_docs.py)", file=sys.stderr)
        return 1 if wrong else 0
    COMMANDS_DIR.mkdir(parents=True, exist_ok=True)
    expected = pages()
    for path in sorted(COMMANDS_DIR.glob("*.md")):
        if path not in expected:
            path.unlink()
    for path, text in expected.items():
        path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main(sys.argv[1:]))
