"""A paper's in-text citations and its reference list: finding, matching and checking them.

:mod:`.extract` finds the citations (with :mod:`.grammar` and :mod:`.sentences`),
:mod:`.match` ties them to references, :mod:`.rules` holds the checks C001-C007,
:mod:`.check` runs them on a paper and :mod:`.report` renders the findings.
"""

from citeman.cites.check import CitesConfig, CitesResult, check_citations, check_paper, load_cites_config
from citeman.cites.citation import Citation
from citeman.cites.extract import citations_in, extract_citations
from citeman.cites.match import Resolution, match_citations, resolve_citations
from citeman.cites.report import format_cites_report
from citeman.cites.rules import CITES_RULES

__all__ = [
    "CITES_RULES",
    "Citation",
    "CitesConfig",
    "CitesResult",
    "Resolution",
    "check_citations",
    "check_paper",
    "citations_in",
    "extract_citations",
    "format_cites_report",
    "load_cites_config",
    "match_citations",
    "resolve_citations",
]
