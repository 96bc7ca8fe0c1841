"""One in-text citation as found in a paper."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Citation"]


@dataclass(frozen=True, slots=True)
class Citation:
    """One citation of one work, where it is written and what surrounds it.

    ``text`` is the source text as written: the whole parenthesis when it cites one
    work (``"(Khan & Askari, 2023)"``), the one part of a multi-citation parenthesis
    (``"Thellis, 2018"``), the narrative form (``"Weitz (2020)"``) or the bracket of a
    numeric citation (``"[1-3]"``). ``names`` are the family names (or leading words
    of an organisation or title) as written; ``year`` keeps a suffix (``"2020a"``).
    ``line`` and ``column`` are 1-based and point at the start of ``text``.
    """

    text: str
    names: tuple[str, ...] = ()
    year: str = ""
    line: int = 0
    column: int = 0
    sentence: str = ""
    section: str = ""
    numbers: tuple[int, ...] = ()
    et_al: bool = False
    narrative: bool = False
    locator: str = ""
    path: str = ""

    @property
    def is_numeric(self) -> bool:
        return bool(self.numbers)

    def label(self) -> str:
        """A short human form: ``Khan & Askari 2023``, ``Mahmood et al. 2024``, ``[1-3]``."""
        if self.numbers:
            return self.text
        return f"{_join_names(self.names, self.et_al)} {self.year}".strip()


def _join_names(names: Sequence[str], et_al: bool) -> str:
    if et_al:
        return f"{names[0]} et al." if names else "et al."
    if len(names) <= 2:
        return " & ".join(names)
    return ", ".join(names[:-1]) + " & " + names[-1]
