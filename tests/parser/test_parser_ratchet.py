"""Ratchet list: references that parse exactly right today must keep doing so.

Each case in ``data/ratchet.json`` was checked by hand against the printed reference;
APA references from seed 004's list come first, then other styles (Vancouver, IEEE,
Chicago author-date, chapters, theses, books). Add a case when a fix makes one pass.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citeman.ingest.parser import parse_reference
from citeman.io.latex import strip_braces

CASES = json.loads((Path(__file__).parent / "data" / "ratchet.json").read_text(encoding="utf-8"))


def _persons(entry) -> dict:
    return {
        role: [{f: getattr(p, f) for f in ("family", "given", "particle", "suffix", "literal") if getattr(p, f)}
               for p in people]
        for role, people in entry.persons.items()
    }


@pytest.mark.parametrize("case", CASES, ids=[c["ref"][:40] for c in CASES])
def test_reference_parses_exactly(case):
    entry, diags = parse_reference(case["ref"])
    assert diags == []
    assert entry.type == case["type"]
    assert _persons(entry) == case["persons"]
    # Case-protecting braces are markup (tested on their own): compare the text a reader sees.
    assert {k: strip_braces(v) for k, v in entry.fields.items() if k not in ("rawref", "citeman-confidence")} == case["fields"]
    assert entry.fields["rawref"] == case["ref"]


def test_ratchet_list_holds_enough_cases():
    assert len(CASES) >= 20
