"""The GitLab Code Quality report: the subset of the Code Climate issue format that GitLab reads.

Each finding that counts becomes one issue with ``description``, ``check_name``,
``fingerprint``, ``severity`` and ``location`` (``path``, ``lines.begin`` and
``positions.begin`` with the column). Baselined and suppressed findings are left out,
as in GitHub annotations: the merge-request widget is for what needs attention.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable

# GitLab's scale is info, minor, major, critical, blocker; citeman's errors rank highest
# of its three but do not block by themselves (the exit code already gates the pipeline).
GITLAB_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


class GitlabIssues:
    """Code Quality issues, one JSON object per finding, fingerprints unique within one report.

    The fingerprint leaves the line out, so an issue keeps its identity when entries
    above it move; identical findings in one file are told apart by their occurrence.
    """

    def __init__(self) -> None:
        self._seen: Counter[str] = Counter()

    def render(self, findings: Iterable) -> list[bytes]:
        from citeman.validate.report import finding_column

        items = []
        for finding in findings:
            if not finding.counts:
                continue
            d = finding.diagnostic
            path = d.path.replace("\\", "/") or "<input>"
            identity = "\0".join((path, d.code, d.key, d.field, d.message))
            self._seen[identity] += 1
            occurrence = self._seen[identity]
            if occurrence > 1:
                identity += f"\0{occurrence}"
            line = d.line or 1  # GitLab needs a line; a whole-file finding points at the first
            issue = {
                "description": f"{d.code} {d.message} ({d.key})" if d.key else f"{d.code} {d.message}",
                "check_name": d.code,
                "fingerprint": hashlib.sha256(identity.encode()).hexdigest()[:32],
                "severity": GITLAB_SEVERITY.get(d.severity, "minor"),
                "location": {
                    "path": path,
                    "lines": {"begin": line},
                    "positions": {"begin": {"line": line, "column": finding_column(d) or 1}},
                },
            }
            items.append(_indented(issue))
        return items


def _indented(issue: dict) -> bytes:
    """One array item as ``json.dumps(items, indent=2)`` would write it (the report's JSON layout)."""
    text = json.dumps(issue, indent=2, ensure_ascii=False)
    return ("  " + text.replace("\n", "\n  ")).encode()
