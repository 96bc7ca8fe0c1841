"""The report of ``citeman cites``: the same reporter as ``citeman validate``, with the citation rules' metadata."""

from __future__ import annotations

from collections.abc import Sequence

from citeman.cites.rules import CITES_RULES
from citeman.model import Diagnostic

__all__ = ["format_cites_report"]


def format_cites_report(
    diagnostics: Sequence[Diagnostic], fmt: str = "text", *, summary: str = "", color: bool = False
) -> str:
    """Render diagnostics as text, json, github annotations or SARIF 2.1.0.

    ``summary`` (for example ``"Checked 46 citations against 42 references"``) is
    added as a last line of the text format only, so machine formats stay pure.
    ``color`` gives rich markup for a terminal, as ``citeman validate`` does.
    """
    from citeman.validate.report import format_report

    report = format_report(list(diagnostics), fmt, rules=CITES_RULES, color=color)
    if fmt == "text" and summary:
        report += f"{summary}.\n"
    return report
