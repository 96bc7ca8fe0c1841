"""Inline suppressions: ``% citeman: ignore Y001 -- reason`` directly above an entry.

A suppressed finding is still reported (as ``suppressed``, with its reason) so
nothing is hidden silently; it just does not fail the run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citeman.model import Block, Entry, Verbatim
from citeman.validate.renamed import RENAMED

_IGNORE = re.compile(r"citeman:\s*ignore\b\s*([A-Za-z0-9,\s]*?)\s*(?:--\s*(.*))?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Suppression:
    codes: tuple[str, ...]   # codes or prefixes; empty means every code
    reason: str

    def covers(self, code: str) -> bool:
        return not self.codes or any(code.startswith(c) for c in self.codes)


def parse_suppressions(comments: list[str]) -> list[Suppression]:
    """The ignore comments among ``comments`` (lines with or without the leading ``%``)."""
    found = []
    for line in comments:
        match = _IGNORE.search(line.lstrip("% \t"))
        if match:
            # An old V006-V009 keeps suppressing the rule it named (now G006-G009).
            codes = tuple(RENAMED.get(c.upper(), c.upper()) for c in re.split(r"[\s,]+", match.group(1))
                          if c and c.upper() != "ALL")
            found.append(Suppression(codes, (match.group(2) or "").strip()))
    return found


def entry_comments(blocks: list[Block]) -> dict[int, list[str]]:
    """Comment lines directly above each entry, by ``id(entry)``.

    Uses ``entry.comments``; when the reader merged the comment lines with other text
    before them (a blank-line-separated note), the trailing ``%`` lines of that comment
    block are used if they end on the line right above the entry.
    """
    out: dict[int, list[str]] = {}
    previous: Block | None = None
    for block in blocks:
        if isinstance(block, Entry):
            lines = list(block.comments)
            if not lines and isinstance(previous, Verbatim) and previous.kind == "comment" and previous.source:
                text_lines = previous.text.split("\n")
                end_line = previous.source.line + len(text_lines) - 1
                if block.source and end_line == block.source.line - 1:
                    tail = []
                    for line in reversed(text_lines):
                        if not line.lstrip().startswith("%"):
                            break
                        tail.append(line)
                    lines = list(reversed(tail))
            if lines:
                out[id(block)] = lines
        previous = block
    return out
