from __future__ import annotations

import citeman
from typer.testing import CliRunner

from citeman.cli import app


def test_exported_members_are_pinned():
    assert sorted(citeman.__all__) == [
        "CitemanError", "Diagnostic", "Entry", "InputError", "Library", "Person", "Provenance", "Span",
        "UsageError", "Verbatim", "__version__",
    ]
    for name in citeman.__all__:
        assert hasattr(citeman, name)


def test_every_documented_command_is_registered():
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("build", "refs", "parse", "ingest", "annotate", "validate", "rules", "cites", "dedupe",
                    "export", "fmt", "render", "cite", "pages", "rekey"):
        assert f" {command} " in result.output, command


def test_unknown_command_is_usage_error():
    result = CliRunner().invoke(app, ["frobnicate"])
    assert result.exit_code == 2
