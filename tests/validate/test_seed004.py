"""Seed 004: every entry a careful reviewer rejects is reported; clean journal articles get no error."""

from __future__ import annotations

import json
from pathlib import Path

from citeman.validate.lint import lint_paths

REVIEW = json.loads((Path(__file__).parent / "fixtures" / "seed004_review.json").read_text(encoding="utf-8"))


def _by_key(findings):
    out: dict[str, list] = {}
    for f in findings:
        out.setdefault(f.diagnostic.key, []).append(f.diagnostic)
    return out


def _match(prefix: str, keys) -> list[str]:
    return [k for k in keys if k.startswith(tuple(prefix.split("|")))]


def test_every_rejected_entry_is_reported(seed004, ctx):
    findings = _by_key(lint_paths([str(seed004)], ctx=ctx, jobs=1).findings)
    missed = [prefix for prefix in REVIEW["reject"] if not any(findings.get(k) for k in _match(prefix, findings))]
    assert missed == []


def test_clean_articles_get_no_error(seed004, ctx):
    findings = _by_key(lint_paths([str(seed004)], ctx=ctx, jobs=1).findings)
    errors = {k: [d.code for d in ds if d.severity == "error"] for k, ds in findings.items()}
    flagged = {prefix: errors[k] for prefix in REVIEW["clean"] for k in _match(prefix, errors) if errors[k]}
    assert flagged == {}


def test_seed_year_4392_message(seed004, ctx):
    findings = lint_paths([str(seed004)], ctx=ctx, jobs=1, select=["Y001"]).findings
    assert [f.diagnostic.message for f in findings] == ["impossible year '4392'"]
