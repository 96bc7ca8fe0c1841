"""NCBI E-utilities: a PubMed record by PMID (``efetch.fcgi?db=pubmed&retmode=xml``), as ``@article``.

The answer is a ``PubmedArticleSet`` (empty when PubMed has no such PMID) of
``PubmedArticle`` records: ``MedlineCitation/Article`` holds the title (with inline
``<i>``, ``<sup>`` markup), the author list, the journal (``Journal/Title`` and its
``JournalIssue``: volume, issue, publication date), the pages (``StartPage``/``EndPage``
in records since 2024, ``MedlinePgn`` always) and the DOI (``ELocationID``, or
``PubmedData/ArticleIdList``). A record PubMed marks as a "Retracted Publication", or
whose ``CommentsCorrections`` name a ``RetractionIn`` notice, is retracted. The recorded
answers are in tests/fixtures/recorded/pubmed.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

from citeman.export.csljson import from_csl
from citeman.online.client import OnlineClient, Unreachable
from citeman.online.sources import Record, stamp

API = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/efetch.fcgi"
_YEAR = re.compile(r"\b(1[6-9]\d\d|20\d\d)\b")
# NLM adds the place to tell journals of one name apart: "Journal of medical imaging (Bellingham, Wash.)".
_PLACE = re.compile(r"\s*\([^()]*\)$")


def efetch_url(pmid: str) -> str:
    return f"{API}?{urlencode({'db': 'pubmed', 'id': pmid, 'retmode': 'xml', 'tool': 'citeman'})}"


def _text(node: ET.Element | None) -> str:
    return " ".join("".join(node.itertext()).split()) if node is not None else ""


def _title(node: ET.Element | None) -> str:
    title = _text(node)
    if title.startswith("[") and title.endswith("]."):   # a title PubMed translated into English
        title = title[1:-2]
    return title[:-1] if title.endswith(".") and not title.endswith("..") else title


def _author(node: ET.Element) -> dict | None:
    if node.get("ValidYN") == "N":
        return None
    collective = _text(node.find("CollectiveName"))
    if collective:
        return {"literal": collective}
    family = _text(node.find("LastName"))
    if not family:
        return None
    person = {"family": family}
    given = _text(node.find("ForeName")) or _text(node.find("Initials"))
    if given:
        person["given"] = given
    suffix = _text(node.find("Suffix"))
    if suffix:
        person["suffix"] = suffix
    return person


def _pages(article: ET.Element) -> str:
    pagination = article.find("Pagination")
    if pagination is None:
        return ""
    start, end = _text(pagination.find("StartPage")), _text(pagination.find("EndPage"))
    if start:
        return f"{start}-{end}" if end and end != start else start
    return _text(pagination.find("MedlinePgn"))


def _year(article: ET.Element) -> str:
    issue_date = article.find("Journal/JournalIssue/PubDate")
    for node in (issue_date.find("Year") if issue_date is not None else None, issue_date.find("MedlineDate")
                 if issue_date is not None else None, article.find("ArticleDate/Year")):
        found = _YEAR.search(_text(node))
        if found:
            return found.group(1)
    return ""


def _doi(record: ET.Element, article: ET.Element) -> str:
    for node in article.findall("ELocationID"):
        if node.get("EIdType") == "doi" and node.get("ValidYN", "Y") == "Y" and _text(node):
            return _text(node)
    for node in record.findall("PubmedData/ArticleIdList/ArticleId"):
        if node.get("IdType") == "doi" and _text(node):
            return _text(node)
    return ""


def csl_from_article(record: ET.Element) -> dict:
    """The CSL-JSON item of one ``PubmedArticle``."""
    citation = record.find("MedlineCitation")
    article = citation.find("Article") if citation is not None else None
    if article is None:
        raise ValueError("a PubmedArticle without an Article")
    journal = article.find("Journal")
    issue = journal.find("JournalIssue") if journal is not None else None
    csl = {
        "type": "article-journal",
        "title": _title(article.find("ArticleTitle")) or _title(article.find("VernacularTitle")),
        "author": [p for p in (_author(a) for a in article.findall("AuthorList/Author")) if p],
        "container-title": _PLACE.sub("", _text(journal.find("Title")) if journal is not None else ""),
        "volume": _text(issue.find("Volume")) if issue is not None else "",
        "issue": _text(issue.find("Issue")) if issue is not None else "",
        "page": _pages(article),
        "DOI": _doi(record, article),
        "PMID": _text(citation.find("PMID")),
    }
    year = _year(article)
    if year:
        csl["issued"] = {"date-parts": [[int(year)]]}
    return {k: v for k, v in csl.items() if v}


def retraction_notices(record: ET.Element) -> tuple[bool, list[str]]:
    """Whether PubMed marks the record retracted, and the PMIDs of the retraction notices it names."""
    kinds = {_text(node) for node in record.findall("MedlineCitation/Article/PublicationTypeList/PublicationType")}
    notices = [f"PMID:{_text(node.find('PMID'))}" if _text(node.find("PMID")) else _text(node.find("RefSource"))
               for node in record.findall("MedlineCitation/CommentsCorrectionsList/CommentsCorrections")
               if node.get("RefType") == "RetractionIn"]
    return "Retracted Publication" in kinds or bool(notices), [n for n in notices if n]


def work(client: OnlineClient, pmid: str) -> Record | None:
    """The PubMed record ``pmid``; None when PubMed has none."""
    url = efetch_url(pmid)
    reply = client.get(url, accept="application/xml")
    if reply.status in (400, 404):
        return None
    if not reply.ok:
        raise Unreachable(url, f"HTTP {reply.status}")
    try:
        root = ET.fromstring(reply.text.encode("utf-8"))
    except ET.ParseError:
        raise Unreachable(url, "PubMed answered without a PubmedArticleSet") from None
    if root.tag != "PubmedArticleSet":
        raise Unreachable(url, "PubMed answered without a PubmedArticleSet")
    records = root.findall("PubmedArticle")
    if not records:
        return None
    for node in records:
        if _text(node.find("MedlineCitation/PMID")) != pmid:
            continue
        try:
            entry = from_csl(csl_from_article(node))
        except ValueError:
            raise Unreachable(url, "PubMed answered with a record without an article") from None
        record = Record(stamp(entry, "pubmed", url), "pubmed", url)
        record.retracted, record.retractions = retraction_notices(node)
        return record
    raise Unreachable(url, f"PubMed answered with the record of another PMID than {pmid}")
