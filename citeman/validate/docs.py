"""Rule documentation from the rule table: ``citeman rules`` output and ``docs/rules.md``."""

from __future__ import annotations

import json
import textwrap

from citeman.validate.base import Rule
from citeman.validate.registry import all_rules
from citeman.validate.renamed import RENAMED

FAMILIES = {
    "A": "Annotations (reported by citeman annotate)",
    "C": "Citations against the reference list (citeman cites)",
    "D": "Duplicates",
    "E": "Fields and entry types",
    "I": "Identifiers: DOI, URL, ISBN, ISSN",
    "K": "Keys",
    "N": "Names",
    "P": "Parsing: BibTeX syntax, reference strings and documents (P1xx, P2xx: reported by citeman ingest)",
    "R": "Reference lists of papers (reported by citeman ingest)",
    "T": "Text quality",
    "G": "Volumes, issues and pages",
    "V": "Verification against online records (reported by citeman verify)",
    "Y": "Years, months and dates",
}


def _fix_label(r: Rule) -> str:
    if not r.fixable:
        return "-"
    return "sometimes" if r.fix.value == "sometimes" else "yes"


def rules_table() -> str:
    rows = [(r.code, r.name, r.severity.value, _fix_label(r)) for r in all_rules()]
    widths = [max(len(row[i]) for row in rows + [("code", "name", "severity", "fix")]) for i in range(4)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(("code", "name", "severity", "fix"), widths)).rstrip()]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in rows]
    lines.append(f"{len(rows)} rules.")
    return "\n".join(lines) + "\n"


def rules_json() -> str:
    return json.dumps([
        {"code": r.code, "name": r.name, "severity": r.severity.value, "fix": r.fix.value, "summary": r.summary}
        for r in all_rules()
    ], indent=2) + "\n"


def rule_doc(r: Rule) -> str:
    head = f"{r.code} {r.name} ({r.severity.value}; fix: {_fix_label(r)})"
    return f"{head}\n\n{textwrap.dedent(_body(r.doc)).strip()}\n"


def _body(doc: str) -> str:
    first, _, rest = doc.strip().partition("\n")
    return first + "\n" + textwrap.dedent(rest)


def rules_markdown() -> str:
    """The whole rule reference as Markdown (``docs/rules.md``)."""
    rules = all_rules()
    out = [
        "# citeman rules",
        "",
        "Generated from the rule table by `citeman rules --format markdown`; do not edit by hand.",
        "Show one rule with `citeman rules CODE`. Select or ignore rules by code or prefix with",
        "`--select`/`--ignore` or in `[tool.citeman]`.",
        "",
        "| code | name | severity | fix | summary |",
        "| --- | --- | --- | --- | --- |",
    ]
    for r in rules:
        out.append(f"| [{r.code}](#{r.code.lower()}) | {r.name} | {r.severity.value} | {_fix_label(r)} | "
                   f"{r.summary.replace('|', '/')} |")
    out += _renamed_section()
    family = ""
    for r in rules:
        if r.code[0] != family:
            family = r.code[0]
            out += ["", f"## {FAMILIES.get(family, family)}"]
        bad, good = r.examples()
        body = textwrap.dedent(_body(r.doc)).strip().split("\n")
        prose = []
        for line in body[1:]:
            if line.strip().startswith(("Bad:", "Good:")):
                break
            prose.append(line.strip())
        out += ["", f"### {r.code}", "", f"**{r.name}** ({r.severity.value}, fix: {_fix_label(r)}). {body[0]}", ""]
        out += [" ".join(prose).strip()] if "".join(prose).strip() else []
        fence = f"```{r.example_language}"
        if bad:
            out += ["", "Bad:", "", fence, bad, "```"]
        if good:
            out += ["", "Good:", "", fence, good, "```"]
    return "\n".join(out).replace("\n\n\n", "\n\n") + "\n"


def _renamed_section() -> list[str]:
    """The codes renamed in this release: old configs and suppressions name the old ones."""
    out = ["", "## Renamed in this release", "",
           "The volume and page rules moved from V001-V009 to G001-G009; V001-V005 now name the",
           "findings of `citeman verify` (formerly V101-V105). An old V006-V009 in `--select`,",
           "`--ignore` or `[tool.citeman]` is refused with a pointer to its new code; in a",
           "`% citeman: ignore` comment it still suppresses the renamed rule.", "",
           "| old | new |", "| --- | --- |"]
    out += [f"| V00{n} | G00{n} |" for n in range(1, 6)]
    out += [f"| {old} | {new} |" for old, new in RENAMED.items()]
    out += [f"| V10{n} | V00{n} |" for n in range(1, 6)]
    return out
