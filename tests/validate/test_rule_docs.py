"""Each rule's documented Bad example triggers it, its Good example does not, and fixing Bad clears it."""

from __future__ import annotations

import datetime as dt

import pytest

from citeman.io.bibtex import parse_bib
from citeman.validate.base import Context
from citeman.validate.fixing import fix_library
from citeman.validate.lint import lint_library
from citeman.validate.registry import ALL_RULES

CTX = Context(today=dt.date(2026, 1, 1))
RULES = [r for r in ALL_RULES]


def _codes(text: str, rule, bad: bool = False) -> list[str]:
    if rule.name == "invalid-encoding":
        # Its Bad example stands for a file saved as Windows-1252.
        from citeman.io.text import decode_bib

        text, undecodable = decode_bib(text.encode("cp1252" if bad else "utf-8"), "doc.bib")
    else:
        undecodable = []
    library, diagnostics = parse_bib(text, "doc.bib")
    findings = lint_library(library, diagnostics + undecodable, rules=[rule], ctx=CTX)
    return [f.diagnostic.code for f in findings]


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_bad_example_triggers(rule):
    bad, _ = rule.examples()
    assert bad, f"{rule.code} has no Bad example"
    assert rule.code in _codes(bad, rule, bad=True)


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_good_example_is_clean(rule):
    _, good = rule.examples()
    assert good, f"{rule.code} has no Good example"
    assert rule.code not in _codes(good, rule)


FIXABLE = [r for r in RULES if r.fixable and r.scope == "entry"]


@pytest.mark.parametrize("rule", FIXABLE, ids=[r.code for r in FIXABLE])
def test_fixing_bad_clears_it(rule):
    from citeman.io.bibtex import dumps_bib

    bad, _ = rule.examples()
    library, _ = parse_bib(bad, "doc.bib")
    before = {name for e in library.entries for name in e.fields}
    fix_library(library, rules=[rule], unsafe=True, ctx=CTX)
    after = {name for e in library.entries for name in e.fields}
    assert before <= after, "a fix dropped a field"
    assert rule.code not in _codes(dumps_bib(library), rule)


def test_at_least_forty_rules():
    assert len(ALL_RULES) >= 40
