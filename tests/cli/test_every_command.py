"""Every command, found by introspecting the typer app: bad input is one line and exit 2.

For each command: an unknown option, a bad value for each option that takes a number or
one of a set of names, and a path that does not exist. Each must give exactly one line
on standard error (``error: ...``), nothing on standard output, no rich box and no
traceback, and exit code 2.
"""

from __future__ import annotations

import enum
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from citeman.cli import app

runner = CliRunner()
GROUP = typer.main.get_command(app)
COMMANDS = sorted(GROUP.commands)

# Options whose value is one of a fixed set of names (typed as plain strings in some commands).
NAMED_VALUES = {"--format", "--output-format", "--to", "--style", "--group-by", "--sort", "--engine",
                "--color", "--fail-on"}
# Parameters that name an existing file or folder to read.
INPUT_PATHS = {"paths", "path", "paper", "files", "bib", "source", "seeds", "baseline", "templates"}
# Commands that read no path: what they are given is a code, a format or identifiers
# (``add --bib`` names the file to write, which need not exist).
NO_INPUT_PATH = {"add", "config", "rules"}
# Path parameters that name what a command writes (created when missing).
OUTPUTS = {("build", "bib")}
# Extra arguments that keep a command off the network.
OFFLINE = {"add": ["--offline"], "verify": ["--offline"]}

MISSING = "no/such/input.bib"
BIB = """@article{smith2020title,
  author = {Smith, John},
  title = {A Title},
  journal = {Journal},
  year = {2020},
}
"""


def _annotation(param):
    return param.type_descriptor.annotation


def _is_list(param) -> bool:
    return getattr(_annotation(param), "__origin__", None) is list


def _base_type(param):
    annotation = _annotation(param)
    return annotation.__args__[0] if _is_list(param) else annotation


def _placeholder(param) -> list[str]:
    """A valid value for a required parameter (files are in the test's folder)."""
    name = param.name
    if name in ("paper", "files", "source"):
        return ["paper.txt"]
    if name in ("bib", "paths", "path"):
        return ["refs.bib"]
    if name == "keys":
        return ["smith2020title"]
    if name == "identifiers":
        return ["10.1234/example"]
    if name == "output":
        return ["out"]
    if name == "to":
        return ["bibtex"]
    return ["text"]


def _invocation(command: str, override: dict[str, list[str]] | None = None) -> list[str]:
    """``command`` with every required parameter given (or overridden) and ``override``'s options."""
    override = dict(override or {})
    args = [command, *OFFLINE.get(command, [])]
    for param in GROUP.commands[command].params:
        given = override.pop(param.name, None)
        optional_input = param.param_type_name == "argument" and param.name in INPUT_PATHS
        if given is None and not param.required and not optional_input:
            continue
        values = given if given is not None else _placeholder(param)
        if param.param_type_name == "argument":
            args += values
        else:
            args += [param.opts[0], *values]
    assert not override, override
    return args


def _bad_value_cases():
    for command in COMMANDS:
        found = []
        for param in GROUP.commands[command].params:
            if param.param_type_name != "option" or getattr(param, "is_flag", False):
                continue
            kind = _base_type(param)
            if kind in (int, float):
                found.append(pytest.param(command, param.name, "many", id=f"{command} {param.opts[0]} many"))
            elif (isinstance(kind, type) and issubclass(kind, enum.Enum)) or set(param.opts) & NAMED_VALUES:
                found.append(pytest.param(command, param.name, "no-such-value", id=f"{command} {param.opts[0]}"))
        if not found:  # only flags and free text: a value given to a flag
            flag = next(p for p in GROUP.commands[command].params if getattr(p, "is_flag", False))
            found.append(pytest.param(command, flag.name, None, id=f"{command} {flag.opts[0]}=value"))
        yield from found


def _missing_path_cases():
    for command in COMMANDS:
        for param in GROUP.commands[command].params:
            if param.name in INPUT_PATHS and command not in NO_INPUT_PATH and (command, param.name) not in OUTPUTS:
                yield pytest.param(command, param.name, id=f"{command} {param.name}")


BAD_VALUE_CASES = list(_bad_value_cases())
MISSING_PATH_CASES = list(_missing_path_cases())


@pytest.fixture(autouse=True)
def inputs(tmp_path, monkeypatch):
    """A folder with a tiny .bib, a tiny paper and a seeds folder, and no config file above it."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CITEMAN_MAILTO", "")
    monkeypatch.setenv("CITEMAN_CACHE", str(tmp_path / "cache"))
    (tmp_path / "citeman.toml").write_text("", encoding="utf-8")
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "paper.txt").write_text("Smith (2020) says so.\n\nReferences\n\nSmith, J. (2020). A Title. "
                                        "Journal.\n", encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "note.txt").write_text("A Title\n\nBy John Smith\n\nSome text.\n", encoding="utf-8")
    return tmp_path


def assert_one_line_error(result, *words: str) -> None:
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    assert result.stdout == "", result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: "), lines[0]
    assert not any(char in result.stderr for char in "╭│╰"), result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])


def test_every_command_is_covered():
    assert {case.values[0] for case in BAD_VALUE_CASES} == set(COMMANDS)
    assert {case.values[0] for case in MISSING_PATH_CASES} == set(COMMANDS) - NO_INPUT_PATH
    assert {"validate", "config", "render", "rules"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_unknown_option(command):
    assert_one_line_error(runner.invoke(app, [*_invocation(command), "--no-such-option"]), "--no-such-option")


@pytest.mark.parametrize("command, name, value", BAD_VALUE_CASES)
def test_bad_option_value(command, name, value):
    if value is None:
        option = next(p for p in GROUP.commands[command].params if p.name == name).opts[0]
        result = runner.invoke(app, [*_invocation(command), f"{option}=no-such-value"])
        assert_one_line_error(result, option)
        return
    option = next(p for p in GROUP.commands[command].params if p.name == name).opts[0]
    result = runner.invoke(app, _invocation(command, {name: [value]}))
    assert_one_line_error(result)
    assert value in result.stderr or option in result.stderr, result.stderr  # says what was wrong


@pytest.mark.parametrize("command, name", MISSING_PATH_CASES)
def test_missing_path(command, name):
    assert_one_line_error(runner.invoke(app, _invocation(command, {name: [MISSING]})), "no/such/input")
