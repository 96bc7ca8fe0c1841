"""Checking entries rule by rule in batches gives exactly the entry-by-entry findings."""

from __future__ import annotations

from citeman.validate import lint
from citeman.io.fastread import parse_fast
from citeman.validate.lint import _entry_rules, check_batch, check_entry, lint_paths
from citeman.validate.registry import ALL_RULES


def _rows(findings):
    return [(f.diagnostic.code, f.diagnostic.line, f.diagnostic.key, f.diagnostic.field, f.diagnostic.message,
             f.diagnostic.fixable, f.status) for f in findings]


def test_batch_equals_entry_by_entry(seed004, ctx):
    library, _ = parse_fast(seed004.read_text(encoding="utf-8"), "seed.bib")
    entries = library.entries
    rules = _entry_rules(ALL_RULES)
    one_by_one = [f for e in entries for f in check_entry(e, rules, ctx, "seed.bib")]
    batched = check_batch(entries, rules, ctx, "seed.bib", [[] for _ in entries], {})
    assert len(one_by_one) > 40
    assert _rows(batched) == _rows(one_by_one)


def test_string_definition_counts_only_for_the_entries_after_it(tmp_path, ctx, monkeypatch):
    path = tmp_path / "months.bib"
    entry = "@article{{{key}, author = {{Doe, J.}}, title = {{T}}, journal = {{J}}, year = 2020, month = sept}}\n"
    path.write_text(entry.format(key="before") + '@string{sept = "September"}\n' + entry.format(key="after"),
                    encoding="utf-8")
    monkeypatch.setattr(lint, "BATCH_ENTRIES", 100)
    findings = lint_paths([str(path)], ctx=ctx, jobs=1).findings
    flagged = {f.diagnostic.key for f in findings if f.diagnostic.code == "Y003"}
    assert flagged == {"before"}


def test_a_crashing_rule_is_reported_for_its_entry_only(seed004, ctx):
    library, _ = parse_fast(seed004.read_text(encoding="utf-8"), "seed.bib")
    entries = library.entries[:3]
    rules = _entry_rules(ALL_RULES)
    broken = next(r for r in rules if r.code == "T018")

    def crash(entry, ctx):
        if entry is entries[1]:
            raise ValueError("boom")
        return iter(())

    patched = [r if r is not broken else lint.Rule(r.code, r.name, r.severity, r.fix, crash, r.doc, r.scope, r.fields)
               for r in rules]
    findings = check_batch(entries, patched, ctx, "seed.bib", [[], [], []], {})
    crashed = [f for f in findings if "failed on this entry" in f.diagnostic.message]
    assert [f.diagnostic.key for f in crashed] == [entries[1].key]
    assert "ValueError: boom" in crashed[0].diagnostic.message
