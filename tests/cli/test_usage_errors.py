"""Usage errors of every command: one ``error: ...`` line on standard error, exit 2, no rich box."""

from __future__ import annotations

import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

from citeman.cli import app

runner = CliRunner()

COMMANDS = sorted(command.name for command in typer.main.get_command(app).commands.values())

BAD_ARGUMENTS = [
    ["validate", "--no-such-option"],
    ["validate", "--jobs", "many"],
    ["rules", "--format"],
    ["dedupe"],
    ["no-such-command"],
]


def assert_one_line_error(result) -> None:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert not any(char in result.stderr for char in "╭│╰")


@pytest.mark.parametrize("args", BAD_ARGUMENTS, ids=" ".join)
def test_bad_argument_is_one_line(args):
    assert_one_line_error(runner.invoke(app, args))


@pytest.mark.parametrize("command", COMMANDS)
def test_unknown_option_is_one_line_for_every_command(command):
    result = runner.invoke(app, [command, "--no-such-option"])
    assert_one_line_error(result)
    assert "--no-such-option" in result.stderr


def test_console_script_prints_the_same_line():
    done = subprocess.run([sys.executable, "-m", "citeman", "validate", "--jobs", "many"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("error: Invalid value for '--jobs'")
    assert len(done.stderr.splitlines()) == 1


def test_help_still_works():
    result = runner.invoke(app, ["validate", "--help"])
    assert result.exit_code == 0
    assert "--fail-on" in result.stdout


def test_no_arguments_shows_the_help():
    result = runner.invoke(app, [])
    assert result.exit_code == 2
    assert "Usage" in result.output
