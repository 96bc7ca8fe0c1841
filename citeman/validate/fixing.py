"""Applying the linter's fixes to a library in place, round by round until nothing changes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from citeman.model import Entry, Library
from citeman.validate.base import Context, Rule
from citeman.validate.lint import _entry_rules, check_entry
from citeman.validate.registry import ALL_RULES
from citeman.validate.suppress import entry_comments, parse_suppressions


@dataclass
class FixResult:
    applied: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    changed: bool = False
    entries: list[Entry] = field(default_factory=list)   # the entries a fix touched, in file order
    fields: dict[int, set[str]] = field(default_factory=dict)   # by id(entry): the fields or roles rewritten

    def _touch(self, entry: Entry, names: Iterable[str]) -> None:
        if not self.entries or self.entries[-1] is not entry:
            self.entries.append(entry)
        self.fields.setdefault(id(entry), set()).update(n for n in names if n)


def fix_library(library: Library, *, rules: Sequence[Rule] | None = None, unsafe: bool = False,
                ctx: Context | None = None, max_rounds: int = 10) -> FixResult:
    """Apply the available fixes in place (safe ones only unless ``unsafe``); never removes a field."""
    rules = ALL_RULES if rules is None else rules
    ctx = ctx or Context(strings=library.strings)
    entry_rules = _entry_rules(rules)
    comments = entry_comments(library.blocks)
    result = FixResult()
    for entry in library.entries:
        own = parse_suppressions(comments.get(id(entry), []))
        rewritten: set[tuple[str, str]] = set()
        for _ in range(max_rounds):
            progressed = False
            touched: set[str] = set()
            for finding in check_entry(entry, entry_rules, ctx, library.path, own):
                fix = finding.fix
                if fix is None or finding.status != "new" or not (fix.safe or unsafe):
                    continue
                if fix.rewrite_only:
                    # The canonical writer repairs it (e.g. escaping '&'); count it once.
                    ident = (finding.diagnostic.code, finding.diagnostic.field)
                    if ident not in rewritten:
                        rewritten.add(ident)
                        result.applied[finding.diagnostic.code] += 1
                        result.changed = True
                        result._touch(entry, [finding.diagnostic.field])
                    continue
                targets = set(fix.fields) | set(fix.persons)
                if targets & touched:
                    continue  # re-checked against the new value in the next round
                if fix.apply(entry):
                    touched |= targets
                    result.applied[finding.diagnostic.code] += 1
                    result.changed = True
                    result._touch(entry, targets)
                    progressed = True
            if not progressed:
                break
    return result


__all__ = ["FixResult", "fix_library"]
