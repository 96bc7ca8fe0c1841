"""Linting bibliographies: rules declared once, run fast, reported in text, JSON, GitHub and SARIF.

The pieces: :mod:`.base` (what a rule is), the ``rules_*`` families, :mod:`.registry`
(the one table), :mod:`.lint` (running rules and fixes; the fast reader it uses is
:mod:`citeman.io.fastread`), :mod:`.report` (output formats, shared with ``citeman
cites``), :mod:`.baseline`, :mod:`.suppress`, :mod:`.config`, :mod:`.dedupe` and
:mod:`.run` (what the commands do).
"""

from citeman.validate.base import Context, Fix, FixAvailability, Rule, Severity, Violation, reader_rule, rule
from citeman.validate.fixing import fix_library
from citeman.validate.lint import LintResult, lint_library, lint_paths, lint_text
from citeman.validate.registry import ALL_RULES, all_rules, rule_by_code, select_rules
from citeman.validate.report import Finding, format_report

__all__ = [
    "ALL_RULES",
    "Context",
    "Finding",
    "Fix",
    "FixAvailability",
    "LintResult",
    "Rule",
    "Severity",
    "Violation",
    "all_rules",
    "fix_library",
    "format_report",
    "lint_library",
    "lint_paths",
    "lint_text",
    "reader_rule",
    "rule",
    "rule_by_code",
    "select_rules",
]
