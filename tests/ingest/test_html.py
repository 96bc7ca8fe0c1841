"""HTML pages: metadata the page declares (meta tags, OpenGraph, JSON-LD), never guessed."""

from __future__ import annotations

from ingest_helpers import FIXTURES

from citeman.ingest.documents import document_text, ingest_document


def test_json_ld_news_article():
    entry, diagnostics = ingest_document(FIXTURES / "news_jsonld.html")
    assert entry.fields["title"] == "Pakistan weighs response to US-India defence pact"  # JSON-LD beats og:title
    assert [(p.given, p.family) for p in entry.persons["author"]] == [("Ayesha", "Khan"), ("Omar", "Farooq")]
    assert entry.fields["date"] == "2025-11-02"
    assert entry.fields["organization"] == "The Daily Example"
    assert entry.fields["url"] == "https://example.org/news/defence-pact"
    assert (entry.type, entry.fields["entrysubtype"]) == ("online", "news")
    assert entry.provenance["title"].method == "json-ld"
    assert entry.provenance["title"].source.line == 13
    assert not [d for d in diagnostics if d.code == "P201"]


def test_highwire_citation_meta_tags_make_a_journal_article():
    entry, _ = ingest_document(FIXTURES / "journal_meta.html")
    assert entry.type == "article"
    assert entry.fields["journal"] == "Asia Policy"
    assert (entry.fields["volume"], entry.fields["number"], entry.fields["pages"]) == ("14", "1", "119--144")
    assert entry.fields["doi"] == "10.1353/asp.2019.0011"
    assert entry.fields["date"] == "2019-01-30"
    assert entry.persons["author"][0].family == "Abercrombie"
    assert entry.provenance["journal"].source.line == 7


def test_opengraph_and_author_meta():
    entry, _ = ingest_document(FIXTURES / "opengraph_only.html")
    assert entry.fields["title"] == "Why the Indo-Pacific matters to Islamabad"
    assert entry.fields["organization"] == "Strategic Notes"
    assert entry.persons["author"][0].family == "Malik"
    assert entry.fields["date"] == "2024-06-15"


def test_page_declaring_nothing_gets_nothing_invented():
    entry, diagnostics = ingest_document(FIXTURES / "bare.html")
    assert "date" not in entry.fields  # "posted on 3 March 2020" in the body is not declared metadata
    assert "title" not in entry.fields and "author" not in entry.persons
    assert {"title", "author", "date"} <= {d.field for d in diagnostics if d.code == "P201"}


def test_main_text_of_a_page_for_summaries():
    text = document_text(FIXTURES / "news_jsonld.html")
    assert "ten-year framework" in text and "Home | World" not in text


def test_json_ld_graph_picks_the_article_not_the_page():
    entry, _ = ingest_document(FIXTURES / "graph_jsonld.html")
    assert entry.fields["title"] == "Deterrence after the 2025 framework"
    assert [(p.given, p.family) for p in entry.persons["author"]] == [("Maham S.", "Gillani")]
    assert entry.fields["date"] == "2021-05-01"
    assert entry.fields["organization"] == "Centre for Aerospace & Security Studies"
    assert entry.fields["entrysubtype"] == "opinion"
    assert entry.fields["url"] == "https://cass.example/deterrence"


def test_page_in_its_declared_charset():
    entry, _ = ingest_document(FIXTURES / "cp1252.html")
    assert entry.fields["title"] == "Café diplomacy"


def test_undeclared_non_utf8_page_is_an_input_error(tmp_path):
    import pytest

    from citeman.errors import InputError

    page = tmp_path / "p.html"
    page.write_bytes(b'<html><head><meta property="og:title" content="Caf\xe9"></head></html>')
    with pytest.raises(InputError, match="UTF-8"):
        ingest_document(page)
