"""Online metadata: entries from identifiers (``citeman add``) and checks against Crossref, OpenAlex, arXiv and PubMed (``citeman verify``).

``identifiers`` recognises what the user pasted, ``client`` is the one HTTP client
(timeouts, retries, polite pool, rate limits, a cap on parallel requests) over
``cache`` (sqlite, so reruns are offline), ``sources`` turn each service's answer into
an :class:`~citeman.model.Entry`, ``match`` scores candidates, ``verify`` reports.
"""
