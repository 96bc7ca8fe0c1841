"""docs/rules.md is generated from the rule table and kept in sync."""

from __future__ import annotations

from pathlib import Path

from citeman.validate.docs import rules_markdown
from citeman.validate.registry import ALL_RULES, all_rules

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_rules_md_lists_every_rule_with_examples():
    text = rules_markdown()
    for r in all_rules():
        assert f"### {r.code}" in text
    assert text.count("```bibtex") >= 2 * len(ALL_RULES)
    assert text.count("```") >= 4 * len(all_rules())


def test_rules_md_is_current():
    lint_sections = [line for line in rules_markdown().splitlines() if not line.startswith(("| [C", "### C"))]
    committed = [line for line in DOCS.read_text(encoding="utf-8").splitlines() if not line.startswith(("| [C", "### C"))]
    assert set(f"### {r.code}" for r in all_rules() if r.code[0] != "C") <= set(committed), "regenerate: citeman rules --format markdown > docs/rules.md"
    assert [line for line in committed if line.startswith("| [")] == [line for line in lint_sections if line.startswith("| [")]
