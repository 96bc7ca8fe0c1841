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
from dataclasses import replace

from citeman.validate.base import Rule
from citeman.validate.textutil import PROSE_FIELDS, TITLE_FIELDS

_PEOPLE = ("author", "editor", "translator", "bookauthor")
_NUMBERS = ("volume", "number", "issue", "pages")
# The fields a rule reads: the linter skips a rule at once when an entry has none of them.
_READS: dict[str, tuple[str, ...]] = {
    **{code: ("doi", "url") for code in ("I001", "I002", "I003", "I004", "I005", "I006", "I007", "I008")},
    "I009": ("isbn",), "I010": ("issn",),
    **{code: _NUMBERS for code in ("V001", "V002", "V003", "V004", "V005", "V006", "V007", "V008", "V009")},
    "Y001": ("year",), "Y002": ("year",), "Y003": ("month",), "Y004": ("date",), "Y005": ("doi", "url"),
    "Y006": ("date", "urldate"), "Y007": ("date", "year"), "Y008": ("month",),
    **{code: _PEOPLE for code in ("N001", "N002", "N003", "N004", "N005", "N006", "N007", "N008", "N009", "N010")},
    **{code: TITLE_FIELDS for code in ("T003", "T004", "T005", "T006", "T007", "T008", "T010", "T011", "T012",
                                       "T014", "T015", "T016", "T017", "T018", "T019", "T020", "T021")},
    "T001": PROSE_FIELDS, "T009": PROSE_FIELDS,
}

_MODULES = (rules_syntax, rules_fields, rules_dates, rules_ids, rules_numbers, rules_names, rules_text, rules_duplicates)

ALL_RULES: tuple[Rule, ...] = tuple(
    sorted(
        (replace(value, fields=_READS.get(value.code, value.fields))
         for module in _MODULES for value in vars(module).values() if isinstance(value, Rule)),
        key=lambda r: r.code,
    )
)

# Modules of other command families whose ``RULES`` tuple is shown by ``citeman rules``.
EXTENSION_MODULES = ("citeman.cites.rules",)


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
