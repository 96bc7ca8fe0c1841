"""The one table of lint rules, sorted by code (ruff's ``codes.rs``).

Rule modules only declare rules; this module is the single place that lists them,
so ``citeman rules``, the SARIF rule metadata and the documentation generator all
read the same table. Other command families (``citeman cites``) can add their own
rule metadata by listing a module in :data:`EXTENSION_MODULES` that defines ``RULES``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable

from citeman.validate import (
    rules_dates,
    rules_duplicates,
    rules_fields,
    rules_ids,
    rules_names,
    rules_numbers,
    rules_syntax,
    rules_text,
)
from citeman.validate.base import Rule

_MODULES = (rules_syntax, rules_fields, rules_dates, rules_ids, rules_numbers, rules_names, rules_text, rules_duplicates)

ALL_RULES: tuple[Rule, ...] = tuple(
    sorted(
        (value for module in _MODULES for value in vars(module).values() if isinstance(value, Rule)),
        key=lambda r: r.code,
    )
)

# Modules of other command families whose ``RULES`` tuple is shown by ``citeman rules``.
EXTENSION_MODULES = ("citeman.cites_check",)


def extension_rules() -> tuple[Rule, ...]:
    """Rule metadata declared by other command families (absent modules are skipped)."""
    found: list[Rule] = []
    for name in EXTENSION_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        found.extend(r for r in getattr(module, "RULES", ()) if isinstance(r, Rule))
    return tuple(found)


def all_rules(extra: Iterable[Rule] = ()) -> tuple[Rule, ...]:
    """Lint rules plus extension and ``extra`` rules, sorted by code, one per code."""
    by_code = {r.code: r for r in (*ALL_RULES, *extension_rules(), *extra)}
    return tuple(sorted(by_code.values(), key=lambda r: r.code))


def rule_by_code(code: str, extra: Iterable[Rule] = ()) -> Rule | None:
    code = code.upper()
    for item in all_rules(extra):
        if item.code == code or item.name == code.lower():
            return item
    return None


def matches(code: str, patterns: Iterable[str]) -> bool:
    """True when ``code`` equals or starts with one of ``patterns`` (``ALL`` matches all)."""
    return any(p == "ALL" or code.startswith(p) for p in patterns)


def select_rules(select: Iterable[str] | None = None, ignore: Iterable[str] = ()) -> tuple[Rule, ...]:
    """The lint rules chosen by code or prefix (all when ``select`` is empty)."""
    chosen = [p.strip().upper() for p in (select or ()) if p.strip()] or ["ALL"]
    dropped = [p.strip().upper() for p in ignore if p.strip()]
    return tuple(r for r in ALL_RULES if matches(r.code, chosen) and not matches(r.code, dropped))
