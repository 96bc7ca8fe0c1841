"""Baselines: a JSON file of known findings that are reported but do not fail the run.

Findings are matched on file, key, code, field and message, never on line numbers,
so editing other entries does not invalidate the baseline. File paths are stored
relative to the baseline file's folder, so any working directory gives the same match.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from citeman.errors import InputError
from citeman.io.atomic import atomic_write
from citeman.io.text import read_text
from citeman.validate.report import Finding

Fingerprint = tuple[str, str, str, str, str]


def _relative(path: str, baseline: Path) -> str:
    if not path:
        return ""
    try:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(baseline.parent or Path(".")))
    except ValueError:  # another drive on Windows
        rel = path
    return rel.replace(os.sep, "/")


def fingerprint(finding: Finding, baseline: Path) -> Fingerprint:
    return _fingerprint(finding, _relative(finding.diagnostic.path, baseline))


def _fingerprint(finding: Finding, relative_path: str) -> Fingerprint:
    d = finding.diagnostic
    return (relative_path, d.key, d.code, d.field, d.message)


def load_baseline(path: str | Path) -> Counter[Fingerprint]:
    """Known findings from ``path``; a missing file is an empty baseline."""
    target = Path(path)
    if not target.exists():
        return Counter()
    try:
        data = json.loads(read_text(target))
        items = data["findings"] if isinstance(data, dict) else data
        return Counter((i["file"], i.get("key", ""), i["code"], i.get("field", ""), i["message"]) for i in items)
    except (ValueError, KeyError, TypeError) as err:
        raise InputError(f"not a citeman baseline: {err}", path=str(target)) from None


def apply_baseline(findings: Iterable[Finding], known: Counter[Fingerprint], path: str | Path) -> None:
    """Mark findings present in ``known`` as ``baselined`` (each recorded finding once)."""
    BaselineMatcher(known, path).apply(findings)


class BaselineMatcher:
    """``apply_baseline`` over findings given piece by piece (each recorded finding matches once)."""

    def __init__(self, known: Counter[Fingerprint], path: str | Path) -> None:
        self._remaining = Counter(known)
        self._target = Path(path)
        self._relative: dict[str, str] = {}

    def apply(self, findings: Iterable[Finding]) -> None:
        remaining = self._remaining
        if not remaining:
            return
        relative = self._relative
        for finding in findings:
            if finding.status != "new":
                continue
            path = finding.diagnostic.path
            rel = relative.get(path)
            if rel is None:
                rel = relative[path] = _relative(path, self._target)
            fp = _fingerprint(finding, rel)
            if remaining[fp] > 0:
                remaining[fp] -= 1
                finding.status = "baselined"


def write_baseline(findings: Iterable[Finding], path: str | Path) -> int:
    """Record every new or baselined finding in ``path``; returns how many."""
    target = Path(path)
    items = []
    for finding in findings:
        if finding.status == "suppressed":
            continue
        file, key, code, field, message = fingerprint(finding, target)
        items.append({"file": file, "key": key, "code": code, "field": field, "message": message,
                      "severity": finding.diagnostic.severity})
    items.sort(key=lambda i: (i["file"], i["key"], i["code"], i["field"], i["message"]))
    data = {"version": 1, "tool": "citeman validate", "findings": items}
    atomic_write(target, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return len(items)


def check_baseline_option(path: str | Path | None, write_path: str | Path | None = None) -> None:
    """Raise a one-line :class:`UsageError` when ``--baseline`` names a file that does not exist.

    A configured baseline that is not written yet counts as empty (so a project can set
    it up before the first ``--write-baseline``); one given on the command line is
    most likely mistyped, unless the same run writes it.
    """
    from citeman.errors import UsageError

    if path and str(path) != str(write_path or "") and not Path(path).is_file():
        raise UsageError("no such file (--baseline; write one with --write-baseline)", path=str(path))
