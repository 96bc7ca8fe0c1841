"""Codes renamed in this release, so old configs and suppressions get a pointer, not a shrug.

V001-V005 now name ``citeman verify``'s findings (V for verify); the volume
and page rules that held V001-V009 moved to G001-G009. V006-V009 name nothing any more,
so they are the ones that can be recognised as old names.
"""

from __future__ import annotations

RENAMED: dict[str, str] = {f"V00{n}": f"G00{n}" for n in range(6, 10)}


def rename_hint(code: str) -> str:
    """`` (renamed G006 in this release)`` for an old code, else the empty string."""
    new = RENAMED.get(code.strip().upper())
    return f" (renamed {new} in this release)" if new else ""
