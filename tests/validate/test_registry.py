"""The code table: every code the package can emit is declared once, documented, with examples."""

from __future__ import annotations

import importlib
import io
import pkgutil
import re
import tokenize
from pathlib import Path

import pytest

import citeman
from citeman.validate import codes
from citeman.validate.base import Rule
from citeman.validate.lint import lint_paths
from citeman.validate.registry import ALL_RULES, EXTENSION_MODULES, all_rules

PACKAGE = Path(citeman.__file__).resolve().parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CODE = re.compile(r"[A-Z]\d{3}")
# A code and the severity it is emitted with, side by side: Diagnostic("P201", "warning", ...) or a note tuple.
CODE_WITH_SEVERITY = re.compile(r"""["']([A-Z]\d{3})["'],\s*["'](error|warning|info)["']""")
REGISTERED = {r.code: r for r in all_rules()}


def _code_literals(text: str) -> list[tuple[str, int]]:
    """Every string literal of ``text`` that is a code (``"P101"``), with its line."""
    found = []
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type == tokenize.STRING:
            value = token.string.strip("\"'")
            if CODE.fullmatch(value):
                found.append((value, token.start[0]))
    return found


def _sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_every_code_in_the_source_is_registered():
    missing = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {code}"
        for path in _sources()
        for code, line in _code_literals(path.read_text(encoding="utf-8"))
        if code not in REGISTERED
    ]
    assert not missing, "codes emitted but not declared in citeman/validate/codes.py:\n" + "\n".join(missing)


def test_source_scan_finds_the_ingest_annotate_and_citation_codes():
    found = {code for path in _sources() for code, _ in _code_literals(path.read_text(encoding="utf-8"))}
    assert {"P101", "P201", "P205", "P210", "A001", "A002", "R001", "R004", "C001"} <= found


def test_emitted_severity_matches_the_registered_one():
    wrong = [
        f"{path.relative_to(PACKAGE.parent)}: {code} emitted as {severity}, registered as "
        f"{REGISTERED[code].severity.value}"
        for path in _sources()
        for code, severity in CODE_WITH_SEVERITY.findall(path.read_text(encoding="utf-8"))
        if code in REGISTERED and REGISTERED[code].severity.value != severity
    ]
    assert not wrong, "\n".join(wrong)


def test_codes_found_linting_the_fixtures_are_registered():
    result = lint_paths([FIXTURES], jobs=1)
    emitted = {f.diagnostic.code for f in result.findings}
    assert emitted, "the fixtures should produce findings"
    assert emitted <= set(REGISTERED), sorted(emitted - set(REGISTERED))


def test_table_has_no_duplicate_codes_or_rules_and_is_sorted():
    table_codes = [code for code, _, _ in codes.CODES]
    assert len(table_codes) == len(set(table_codes))
    assert table_codes == sorted(table_codes)
    assert all(CODE.fullmatch(code) for code in table_codes)
    rules = [id(item) for _, item, _ in codes.CODES]
    assert len(rules) == len(set(rules)), "one rule listed under two codes"


def test_no_code_is_declared_twice_across_table_and_extensions():
    extension_codes = [r.code for r in all_rules() if r.code not in {c for c, _, _ in codes.CODES}]
    everything = [c for c, _, _ in codes.CODES] + extension_codes
    assert len(everything) == len(set(everything))
    names = [r.name for r in all_rules()]
    assert len(names) == len(set(names)), "two rules share a name"
    assert all(re.fullmatch(r"[a-z]+(?:-[a-z]+)*", n) for n in names)


def test_every_rule_object_of_the_rule_modules_is_in_the_table():
    listed = {id(item) for _, item, _ in codes.CODES}
    unlisted = []
    package = importlib.import_module("citeman.validate")
    for info in pkgutil.iter_modules(package.__path__):
        if not info.name.startswith("rules_"):
            continue
        module = importlib.import_module(f"citeman.validate.{info.name}")
        unlisted += [f"{info.name}.{name}" for name, value in vars(module).items()
                     if isinstance(value, Rule) and id(value) not in listed]
    assert not unlisted, f"declared but not listed in codes.py: {unlisted}"


def test_table_rules_get_their_code_only_from_the_table():
    for code, item, _ in codes.CODES:
        assert item.code == "", f"{code}: the rule declares a code of its own ({item.code})"


def test_extension_modules_import_and_declare_rules():
    for name in EXTENSION_MODULES:
        module = importlib.import_module(name)
        rules = getattr(module, "RULES", ())
        assert rules and all(isinstance(r, Rule) and CODE.fullmatch(r.code) for r in rules), name


@pytest.mark.parametrize("rule", all_rules(), ids=[r.code for r in all_rules()])
def test_every_rule_documents_why_with_a_bad_and_a_good_example(rule):
    bad, good = rule.examples()
    assert "Why:" in rule.doc, f"{rule.code} does not say why"
    assert bad, f"{rule.code} has no Bad example"
    assert good, f"{rule.code} has no Good example"
    assert bad != good


def test_linter_runs_only_rules_it_can_report():
    assert all(r.scope != "reported" for r in ALL_RULES)
    assert all((r.check is not None) == (r.scope == "entry") for r in ALL_RULES)
    reported = [r for r in all_rules() if r.scope == "reported"]
    assert {"P101", "P201", "P202", "P203", "P204", "P205", "P210", "A001", "A002", "R001", "R002", "R003",
            "R004"} <= {r.code for r in reported}
