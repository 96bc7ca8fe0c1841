"""Output formats for findings: text (flake8/ruff style), JSON, GitHub annotations, GitLab Code Quality
and SARIF 2.1.0.

Shared by every checking command (``validate``, ``cites``): they produce
:class:`~citeman.model.Diagnostic` objects (optionally wrapped in :class:`Finding`
with a status) and call :func:`format_report`. Rule metadata for SARIF comes from
the rule table, or from any rule objects passed in ``rules``.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring as _encode_string
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import BinaryIO
from dataclasses import dataclass

from citeman.errors import UsageError
from citeman.model import Diagnostic
from citeman.validate.base import Fix, Rule
from citeman.validate.report_gitlab import GitlabIssues

FORMATS = ("text", "json", "github", "gitlab", "sarif", "concise")
# Formats written as one JSON array, item by item.
JSON_ARRAY_FORMATS = ("json", "gitlab")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
TOOL_URI = "https://github.com/citeman/citeman"


@dataclass(slots=True)
class Finding:
    """A diagnostic with its status: ``new``, ``baselined`` (known) or ``suppressed`` (inline comment)."""

    diagnostic: Diagnostic
    status: str = "new"
    reason: str = ""
    fix: Fix | None = None

    @property
    def counts(self) -> bool:
        return self.status == "new"


def as_findings(items: Iterable[Diagnostic | Finding]) -> list[Finding]:
    return [item if isinstance(item, Finding) else Finding(item) for item in items]


def report_order(f: Finding) -> tuple:
    """The order of every report: file, line, code, key, message."""
    d = f.diagnostic
    return (d.path, d.line, d.code, d.key, d.message)


def format_report(
    diagnostics: Iterable[Diagnostic | Finding],
    fmt: str = "text",
    rules: Iterable[Rule] | None = None,
    *,
    color: bool = False,
    show_all: bool = False,
    presorted: bool = False,
) -> str:
    """Render findings in ``fmt`` (text, concise, json, github, gitlab, sarif).

    ``rules`` adds rule metadata (for SARIF and names) beyond citeman's lint rules,
    e.g. a checker's own ``C001`` rules built with :func:`citeman.validate.base.reader_rule`.
    Text output hides suppressed and baselined findings unless ``show_all``; the other
    formats include them with their status.
    """
    findings = as_findings(diagnostics)
    if not presorted:  # ``presorted``: already in report_order (lint_paths sorts its findings so)
        findings.sort(key=report_order)
    builder = ReportBuilder(fmt, rules, color=color, show_all=show_all)
    builder.add(findings)
    return builder.finish()


class ReportBuilder:
    """A report built from findings given piece by piece, in report order.

    ``citeman validate`` feeds it each chunk of a large file as the chunk's findings
    become final, so most of the report is written while the rest is still checked.
    Each piece is kept as UTF-8: joining a few large byte strings is a copy, while
    joining 100,000s of small str objects, some of them non-ASCII, widens every one.
    """

    def __init__(self, fmt: str = "text", rules: Iterable[Rule] | None = None, *, color: bool = False,
                 show_all: bool = False, sink: BinaryIO | None = None, quiet: bool = False) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown report format {fmt!r} (choose from {', '.join(FORMATS)})")
        self.fmt = fmt
        self._rules = rules
        self._color = color
        self._show_all = show_all
        self._quiet = quiet   # text formats: the findings only, no summary line
        self._findings: list[Finding] = []
        self._pieces: list[bytes] = []   # the report so far, without a sink
        # With a sink, each piece is written as it comes (a large report never sits in memory whole).
        self._sink = sink
        self._written = False
        self._path: str | None = None
        self._json_items = _JsonItems()
        self._gitlab_issues = GitlabIssues()

    def add(self, findings: Sequence[Finding]) -> None:
        self._findings.extend(findings)
        if self.fmt in ("text", "concise"):
            lines = self._text_lines(findings)
        elif self.fmt == "json":
            lines = self._json_items.render(findings)
        elif self.fmt == "gitlab":
            lines = self._gitlab_issues.render(findings)
        elif self.fmt == "github":
            lines = _github_lines(findings)
        else:
            return
        if lines:
            array = self.fmt in JSON_ARRAY_FORMATS
            if self._written:
                self._write(b",\n" if array else b"\n")
            elif array:
                self._write(b"[\n")
            self._write(b",\n".join(lines) if array else "\n".join(lines).encode())
            self._written = True

    def _write(self, data: bytes) -> None:
        if self._sink is None:
            self._pieces.append(data)
        else:
            self._sink.write(data)

    def finish(self) -> str:
        return self.finish_bytes().decode()

    def finish_bytes(self) -> bytes:
        """The report as UTF-8; with a sink, the rest of it is written there and b"" returned."""
        self._write(_sarif(self._findings, self._rules).encode() if self.fmt == "sarif" else self._tail())
        return b"".join(self._pieces) if self._sink is None else b""

    def _tail(self) -> bytes:
        body = self._written
        if self.fmt in ("text", "concise"):
            if self._quiet:
                return b"\n" if body else b""
            return (b"\n\n" if body else b"") + summary(self._findings).encode() + b"\n"
        if self.fmt in JSON_ARRAY_FORMATS:
            return b"\n]\n" if body else b"[]\n"
        return b"\n" if body else b""

    def _text_lines(self, findings: Sequence[Finding]) -> list[str]:
        lines: list[str] = []
        color, show_all = self._color, self._show_all
        for finding in findings:
            if not (show_all or finding.status == "new"):
                continue
            d = finding.diagnostic
            if d.path != self._path:
                if self._path is not None:
                    lines.append("")
                self._path = d.path
            location = f"{d.path}:{d.line}:{finding_column(d)}" if d.line else (d.path or "<input>")
            key = f" ({d.key})" if d.key else ""
            mark = " [*]" if d.fixable else ""
            status = "" if finding.status == "new" else \
                f" [{finding.status}{': ' + finding.reason if finding.reason else ''}]"
            if color:
                style = _COLORS.get(d.severity, "")
                lines.append(f"[bold]{_esc(location)}:[/bold] [{style}]{d.code}[/{style}] {_esc(d.message)}"
                             f"{_esc(key)}{_esc(mark)}{_esc(status)}")
            else:
                lines.append(f"{location}: {d.code} {d.message}{key}{mark}{status}")
        return lines


_COLORS = {"error": "red", "warning": "yellow", "info": "blue"}


def _esc(text: str) -> str:
    return text.replace("[", "\\[")


def finding_column(d: Diagnostic) -> int:
    """The 1-based column every format shows: the diagnostic's own once it carries one, else 1.

    0 for a finding without a line (a whole-file problem).
    """
    if not d.line:
        return 0
    return getattr(d, "column", 0) or 1


COLOR_CHOICES = ("auto", "always", "never")


def use_color(choice: str, fmt: str, *, to_terminal: bool, environ: Mapping[str, str]) -> bool:
    """Whether the text report is coloured: ``always``, ``never``, or ``auto`` (a terminal and no NO_COLOR)."""
    if choice not in COLOR_CHOICES:
        raise UsageError(f"--color must be {', '.join(COLOR_CHOICES[:-1])} or {COLOR_CHOICES[-1]}, not {choice!r}")
    if fmt != "text" or choice == "never":
        return False
    return choice == "always" or (to_terminal and not environ.get("NO_COLOR"))


def statistics(findings: Sequence[Finding], fmt: str = "text") -> str:
    """Counts of the findings that count, per code and most frequent first (ruff's ``--statistics``).

    Text: ``count  code  name [*]`` lines (``[*]``: fixable with ``--fix``); JSON: a list of objects.
    """
    from citeman.validate.registry import rule_by_code

    counts = Counter(f.diagnostic.code for f in findings if f.counts)
    fixable = {f.diagnostic.code for f in findings if f.counts and f.diagnostic.fixable}
    rows = []
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        rule = rule_by_code(code)
        rows.append({"code": code, "name": rule.name if rule else "", "count": count, "fixable": code in fixable})
    if fmt == "json":
        return json.dumps(rows, indent=2) + "\n"
    width = max((len(str(row["count"])) for row in rows), default=1)
    return "".join(f"{row['count']:>{width}}  {row['code']:<5} {row['name']}{' [*]' if row['fixable'] else ''}\n"
                   for row in rows)


def fixes_section(title: str, by_file: Mapping[str, Mapping[str, int]]) -> str:
    """``--show-fixes``: the fixes applied (or available) per file and code, after the report."""
    from citeman.validate.registry import rule_by_code

    total = sum(sum(codes.values()) for codes in by_file.values())
    if not total:
        return ""
    lines = [f"{title} ({total}):"]
    for path, codes in sorted(by_file.items()):
        lines.append(f"- {path}:")
        for code, count in sorted(codes.items()):
            rule = rule_by_code(code)
            lines.append(f"    {count} x {code}{f' ({rule.name})' if rule else ''}")
    return "\n" + "\n".join(lines) + "\n"


def fixable_by_file(findings: Iterable[Finding]) -> dict[str, dict[str, int]]:
    """The fixable findings that count, per file and code."""
    found: dict[str, dict[str, int]] = {}
    for finding in findings:
        d = finding.diagnostic
        if finding.counts and d.fixable:
            codes = found.setdefault(d.path, {})
            codes[d.code] = codes.get(d.code, 0) + 1
    return found


def summary(findings: Sequence[Finding]) -> str:
    """One line: counts per severity, fixable, baselined and suppressed."""
    new = [f for f in findings if f.counts]
    if not new and not findings:
        return "No problems found."
    by_severity = Counter(f.diagnostic.severity for f in new)
    parts = [f"{by_severity[s]} {s}{'s' if by_severity[s] != 1 else ''}" for s in ("error", "warning", "info") if by_severity[s]]
    text = f"Found {len(new)} problem{'s' if len(new) != 1 else ''}"
    text += f" ({', '.join(parts)})" if parts else ""
    fixable = sum(1 for f in new if f.diagnostic.fixable)
    if fixable:
        text += f"; {fixable} fixable with --fix"
    unsafe = sum(1 for f in new if f.fix is not None and not f.fix.safe)
    if unsafe:
        text += f", {unsafe} more with --unsafe-fixes"
    hidden = Counter(f.status for f in findings if not f.counts)
    if hidden:
        text += "; " + ", ".join(f"{n} {status}" for status, n in sorted(hidden.items()))
    return text + "."


def to_dict(finding: Finding) -> dict:
    d = finding.diagnostic
    out = {
        "file": d.path,
        "line": d.line,
        "column": finding_column(d),
        "key": d.key,
        "field": d.field,
        "code": d.code,
        "severity": d.severity,
        "message": d.message,
        "fixable": d.fixable,
        "status": finding.status,
    }
    if finding.reason:
        out["reason"] = finding.reason
    return out


class _JsonItems:
    """JSON report items, byte-identical to ``json.dumps([to_dict(f) ...], indent=2)`` items.

    The pure-Python indenting encoder is too slow for 100,000s of findings. An item is
    joined from UTF-8 pieces instead, the constant ones cached: the head per file, the
    field, code and severity lines per combination, the fixable and status lines per
    pair. Only the line, key and message are encoded per finding (the C string encoder).
    Items stay bytes: joining 100,000s of str items, some non-ASCII, would widen them all.
    """

    def __init__(self) -> None:
        self._heads: dict = {}
        self._middles: dict = {}
        self._tails: dict = {}

    def render(self, findings: Iterable[Finding]) -> list[bytes]:
        heads, middles, tails = self._heads, self._middles, self._tails
        items = []
        for finding in findings:
            d = finding.diagnostic
            head = heads.get(d.path)
            if head is None:
                head = heads[d.path] = b'  {\n    "file": ' + _json(d.path) + b',\n    "line": '
            middle = middles.get((d.field, d.code, d.severity))
            if middle is None:
                middle = middles[d.field, d.code, d.severity] = (
                    b',\n    "field": ' + _json(d.field) + b',\n    "code": ' + _json(d.code)
                    + b',\n    "severity": ' + _json(d.severity) + b',\n    "message": ')
            # The type too: 1 and True are equal keys, but json.dumps writes 1 and true.
            ident = (type(d.fixable), d.fixable, finding.status)
            tail = tails.get(ident)
            if tail is None:
                tail = tails[ident] = (
                    b',\n    "fixable": ' + _json(d.fixable) + b',\n    "status": ' + _json(finding.status))
            line, key, message = d.line, d.key, d.message
            items.append(b"".join((
                head, b"%d" % line if type(line) is int else _json(line),
                b',\n    "column": %d' % finding_column(d),
                b',\n    "key": ', _encode_string(key).encode() if type(key) is str else _json(key),
                middle, _encode_string(message).encode() if type(message) is str else _json(message), tail,
                b',\n    "reason": ' + _json(finding.reason) if finding.reason else b"", b"\n  }")))
        return items


def _json(value: object) -> bytes:
    return _scalar(value).encode()


def _scalar(value: object) -> str:
    if isinstance(value, str):
        return _encode_string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value)


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def _github_lines(findings: Iterable[Finding]) -> list[str]:
    kinds = {"error": "error", "warning": "warning", "info": "notice"}
    lines = []
    for finding in findings:
        if not finding.counts:
            continue
        d = finding.diagnostic
        props = [f"file={_gh_escape(d.path, True)}"]
        if d.line:
            props.append(f"line={d.line}")
            props.append(f"col={finding_column(d)}")
        props.append(f"title={_gh_escape(d.code, True)}")
        key = f" ({d.key})" if d.key else ""
        lines.append(f"::{kinds.get(d.severity, 'warning')} {','.join(props)}::{_gh_escape(d.code + ' ' + d.message + key)}")
    return lines


def _sarif(findings: Sequence[Finding], extra_rules: Iterable[Rule] | None) -> str:
    from citeman.validate.registry import all_rules

    version = _version()

    rules = all_rules(extra_rules or ())
    index = {r.code: i for i, r in enumerate(rules)}
    level = {"error": "error", "warning": "warning", "info": "note"}
    descriptors = []
    for r in rules:
        bad, good = r.examples()
        descriptors.append({
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": r.summary},
            "fullDescription": {"text": " ".join(r.doc.split())[:1000] or r.summary},
            "help": {"text": _dedent_doc(r.doc) or r.summary, "markdown": f"**{r.code} {r.name}**\n\n{_markdown_doc(r)}"},
            "defaultConfiguration": {"level": level[r.severity.value]},
            "properties": {"fixable": r.fixable, "tags": [r.code[0]]},
        })
    results = []
    for finding in findings:
        d = finding.diagnostic
        result: dict = {
            "ruleId": d.code,
            "level": level.get(d.severity, "warning"),
            "message": {"text": f"{d.message} ({d.key})" if d.key else d.message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": d.path.replace("\\", "/") or "<input>"},
                    **({"region": {"startLine": d.line, "startColumn": finding_column(d)}} if d.line else {}),
                },
                **({"logicalLocations": [{"name": d.key, "kind": "member"}]} if d.key else {}),
            }],
            "partialFingerprints": {"citeman/v1": "|".join((d.code, d.key, d.field, d.message))},
            "properties": {"field": d.field, "fixable": d.fixable},
        }
        if d.code in index:
            result["ruleIndex"] = index[d.code]
        if finding.status == "suppressed":
            result["suppressions"] = [{"kind": "inSource", "justification": finding.reason or "inline ignore comment"}]
        elif finding.status == "baselined":
            result["baselineState"] = "unchanged"
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "citeman", "version": version, "informationUri": TOOL_URI, "rules": descriptors}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _dedent_doc(doc: str) -> str:
    import textwrap

    first, _, rest = doc.strip().partition("\n")
    return (first + "\n" + textwrap.dedent(rest)).strip()


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("citeman")
    except Exception:  # not installed (running from a source tree)
        return "0"


def _markdown_doc(r: Rule) -> str:
    bad, good = r.examples()
    text = r.doc.strip().split("\n\n")[0]
    parts = [text]
    why = [ln.strip() for ln in r.doc.splitlines()]
    body = " ".join(ln for ln in why if ln and not ln.startswith(("Bad:", "Good:", "@")))
    if body and body != text:
        parts = [body]
    if bad:
        parts.append(f"Bad:\n```{r.example_language}\n{bad}\n```")
    if good:
        parts.append(f"Good:\n```{r.example_language}\n{good}\n```")
    return "\n\n".join(parts)
