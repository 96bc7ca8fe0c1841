"""What every application function returns: the output, the diagnostics, the exit code."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from citeman.model import Diagnostic

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


@dataclass
class Outcome:
    """The result of one command: text for standard output (or written to ``written``),
    notes for standard error, the diagnostics behind them, and the exit code."""

    output: str = ""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    exit_code: int = EXIT_OK
    written: Path | None = None
