"""Codes ``citeman verify`` reports: entries checked against Crossref, doi.org, OpenAlex and arXiv.

The linter never runs these (they need the network or its cache); they are declared
here so that ``citeman rules``, docs/rules.md and SARIF document them like any rule.
V001-V005 are verify's own codes; the volume and page rules that once held them are G001-G009.
"""

from __future__ import annotations

from citeman.validate.base import Severity, reported_rule

doi_does_not_resolve = reported_rule(
    "doi-does-not-resolve", Severity.ERROR,
    """The entry's DOI is registered nowhere: neither Crossref nor doi.org knows it.

    Why: a DOI that does not resolve is a typo, a DOI made up with the reference, or a
    work that was never published; readers following it reach an error page. The
    message names the DOI a search found for the entry's title, when there is one.

    Bad:  doi = {10.1126/foo}
    Good: doi = {10.1126/science.169.3946.635}
    """,
)

metadata_disagrees = reported_rule(
    "metadata-disagrees", Severity.WARNING,
    """A field of the entry differs from the record its DOI points to (title, authors, year or container).

    Why: either the DOI belongs to another work or the reference was garbled when it
    was copied; one finding per field, naming both values and the DOI. Case,
    punctuation, a dropped subtitle and abbreviated journal names do not count.

    Bad:  doi = {10.1371/journal.pone.0033693}, year = {2015}
    Good: doi = {10.1371/journal.pone.0033693}, year = {2012}
    """,
)

no_matching_work = reported_rule(
    "no-matching-work", Severity.WARNING,
    """No service holds a work matching the entry's title, authors and year: possibly fabricated.

    Why: references invented by a writer or a text generator look real but match no
    record; so do grey literature and garbled entries, which is why this is a warning
    to check by hand, not an error. Entries that could not be looked up are reported
    as not checked instead, never as this.

    Bad:  Acute, I. P. C., Insecurity, F., & March, A. (2024). 8.6m (24).
    Good: Frank, H. S. (1970). The structure of ordinary water. Science, 169(3946), 635-641.
    """,
)

doi_available = reported_rule(
    "doi-available", Severity.INFO,
    """The entry has no DOI, but the work it describes has one.

    Why: a DOI makes the reference resolvable and lets ``citeman verify`` check it
    against its record; add the DOI the message names.

    Bad:  @article{frank1970, title = {The Structure of Ordinary Water}, year = {1970}}
    Good: @article{frank1970, title = {The Structure of Ordinary Water}, year = {1970}, doi = {10.1126/science.169.3946.635}}
    """,
)

retracted_work = reported_rule(
    "retracted-work", Severity.ERROR,
    """The work has been retracted or withdrawn (Crossref ``updated-by`` notices, Retraction Watch data, OpenAlex).

    Why: citing a retracted work as evidence spreads its errors; cite the retraction
    notice too, or drop the reference. The message names the notice's DOI.

    Bad:  a reference to a work whose Crossref record lists a retraction notice
    Good: a reference to a work with no retraction notice
    """,
)
