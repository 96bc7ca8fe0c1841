"""Rules about entries that repeat one another (computed once per run over all files)."""

from __future__ import annotations

from citeman.validate.base import Rule, Severity
from citeman.validate.base import FixAvailability as _Fix

duplicate_doi = Rule(
    "", "duplicate-doi", Severity.ERROR, _Fix.NONE, None,
    """Two entries have the same DOI.

    Why: the same work under two keys gets cited twice, numbered twice and listed
    twice. Merge them on purpose with ``citeman dedupe --merge`` (never automatic): no
    field of either entry is lost, and an old -> new key map is printed.

    Bad:
    @article{fair2008, author = {Fair, C. C.}, title = {The educated militants of Pakistan}, year = 2008, doi = {10.1080/09584930701800446}}
    @article{fair2008b, author = {Fair, C.}, title = {Educated militants}, year = 2008, doi = {10.1080/09584930701800446}}
    Good:
    @article{fair2008, author = {Fair, C. C.}, title = {The educated militants of Pakistan}, year = 2008, doi = {10.1080/09584930701800446}}
    """,
    scope="library",
)

duplicate_isbn = Rule(
    "", "duplicate-isbn", Severity.ERROR, _Fix.NONE, None,
    """Two books have the same ISBN (chapters of one book may share it and are not reported).

    Why: one edition of one book entered twice; a different DOI vetoes the match.

    Bad:
    @book{a, author = {Paul, T. V.}, title = {The Unfinished Quest}, year = 2024, isbn = {978-0-306-40615-7}}
    @book{b, author = {Paul, T.}, title = {Unfinished Quest}, year = 2024, isbn = {0-306-40615-2}}
    Good:
    @book{a, author = {Paul, T. V.}, title = {The Unfinished Quest}, year = 2024, isbn = {978-0-306-40615-7}}
    """,
    scope="library",
)

similar_entries = Rule(
    "", "similar-entries", Severity.WARNING, _Fix.NONE, None,
    """Two entries have nearly the same title, the same first author and years at most one apart.

    Why: the usual duplicate from importing the same reference twice with small
    differences (punctuation, a subtitle, a year off by one). A conflicting DOI or ISBN
    vetoes the match (as in Zotero): those are different works or editions.

    Bad:
    @article{a, author = {Konwer, S.}, title = {US-India Relations: The Shadowboxing Era}, year = 2020}
    @article{b, author = {Konwer, Shibashis}, title = {US India relations - the shadowboxing era}, year = 2020}
    Good:
    @article{a, author = {Konwer, S.}, title = {US-India Relations: The Shadowboxing Era}, year = 2020}
    @article{b, author = {Konwer, S.}, title = {China and the Quad after Galwan}, year = 2020}
    """,
    scope="library",
)

CODE_BY_KIND = {"doi": "D001", "isbn": "D002", "fuzzy": "D003"}
