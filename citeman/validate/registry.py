"""Looking rules up: the table of :mod:`.codes` plus the rules of other command families.

``citeman rules``, the SARIF rule metadata and the documentation generator read
:func:`all_rules`. Other command families (``citeman cites``) keep their rules beside
their checks and are found through :data:`EXTENSION_MODULES`: each listed module
defines ``RULES``, a tuple of :class:`~citeman.validate.base.Rule` objects that carry
their own codes. Moving such a module means changing its name here, nothing else.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable

from citeman.validate.base import Rule
from citeman.validate.codes import DECLARED

# What ``citeman validate`` runs or reports (the others are reported by other steps).
ALL_RULES: tuple[Rule, ...] = tuple(r for r in DECLARED if r.scope != "reported")

# Modules of other command families whose ``RULES`` tuple is shown by ``citeman rules``.
EXTENSION_MODULES = ("citeman.cites.rules",)


def extension_rules() -> tuple[Rule, ...]:
    """Rule metadata declared by other command families (a module not installed is skipped)."""
    found: list[Rule] = []
    for name in EXTENSION_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as err:
            if err.name != name:
                raise  # the module exists but is broken: say so
            continue
        found.extend(r for r in getattr(module, "RULES", ()) if isinstance(r, Rule))
    return tuple(found)


def all_rules(extra: Iterable[Rule] = ()) -> tuple[Rule, ...]:
    """Every declared code plus extension and ``extra`` rules, sorted by code, one per code."""
    by_code = {r.code: r for r in (*DECLARED, *extension_rules(), *extra)}
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
