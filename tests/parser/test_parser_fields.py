"""Labelled spans become typed fields; nothing is invented and nothing is lost."""

from __future__ import annotations

from citeman.ingest.parser import PARSE_FAILED, parse_reference, parse_references
from citeman.model import Person, Span

ABERCROMBIE = (
    "Abercrombie, C. (2019). Realizing the potential: Mature defense cooperation and the U.S.-India "
    "strategic partnership. Asia Policy, 14(1), 119–144. https://doi.org/10.1353/asp.2019.0011"
)


def test_apa_article_fields():
    entry, diags = parse_reference(ABERCROMBIE)
    assert diags == []
    assert entry.type == "article"
    assert entry.authors == [Person(family="Abercrombie", given="C.")]
    assert entry.fields == {
        "title": "Realizing the potential: Mature defense cooperation and the {U.S.-India} strategic partnership",
        "journal": "Asia Policy",
        "year": "2019",
        "volume": "14",
        "number": "1",
        "pages": "119--144",
        "doi": "10.1353/asp.2019.0011",
        "rawref": ABERCROMBIE,
    }


def test_rawref_keeps_the_exact_input():
    text = "  Fair, C. C. (2008). The educated militants. *Contemporary South Asia*, 16(1), 93–106.  "
    entry, _ = parse_reference(text)
    assert entry.fields["rawref"] == text


def test_absent_fields_stay_absent():
    entry, _ = parse_reference("Perkovich, G. (2004). Toward Realistic U.S.-India Relations.")
    assert set(entry.fields) == {"title", "year", "rawref"}


def test_et_al_goes_to_truncated():
    entry, _ = parse_reference("Smith, J., Jones, K., et al. (2018). Deep learning. Journal of Documentation, 74(3), 512–530.")
    assert entry.truncated == {"author"}
    assert [p.family for p in entry.authors] == ["Smith", "Jones"]


def test_month_is_a_macro_and_full_dates_are_iso():
    entry, _ = parse_reference("Tracy, N. (2012, January 16). Effects of drug addiction. Healthy Place.")
    assert entry.fields["month"] == "jan" and "month" in entry.macros
    assert entry.fields["date"] == "2012-01-16"


def test_chapter_in_edited_book():
    entry, _ = parse_reference(
        "Solon, G. (1999). Intergenerational mobility in the labor market. In O. Ashenfelter & D. Card (Eds.), "
        "Handbook of labor economics (Vol. 3, pp. 1761–1800). Amsterdam: Elsevier."
    )
    assert entry.type == "incollection"
    assert entry.fields["booktitle"] == "Handbook of labor economics"
    assert [p.family for p in entry.editors] == ["Ashenfelter", "Card"]
    assert entry.fields["pages"] == "1761--1800"
    assert entry.fields["publisher"] == "Elsevier" and entry.fields["address"] == "Amsterdam"


def test_thesis_and_book_types():
    thesis, _ = parse_reference("Kim, H. (2015). Essays on network economics (Doctoral dissertation). University of Chicago, Chicago, IL.")
    assert thesis.type == "thesis"
    assert thesis.fields["school"] == "University of Chicago"
    book, _ = parse_reference("MÜLLER, H.-P., & SCHMIDT, K. (2001). Die Stadt im Mittelalter. Berlin: Akademie Verlag.")
    assert book.type == "book"
    assert [p.family for p in book.authors] == ["Müller", "Schmidt"]


def test_organisation_author_is_literal():
    entry, _ = parse_reference("World Health Organization. (2020). Global tuberculosis report 2020. Geneva: World Health Organization.")
    assert entry.authors == [Person(literal="World Health Organization")]


def test_isbn_and_edition():
    entry, _ = parse_reference(
        "Knuth, D. E. (1997). The art of computer programming (3rd ed., Vol. 1). Reading, MA: Addison-Wesley. "
        "ISBN 978-0-201-89683-1"
    )
    assert entry.fields["isbn"] == "978-0-201-89683-1"
    assert entry.fields["edition"] == "3rd"


def test_garbage_becomes_misc_with_a_warning():
    entry, diags = parse_reference("%%% 12 !!", Span("refs.txt", 7))
    assert entry.type == "misc"
    assert entry.fields == {"note": "%%% 12 !!", "rawref": "%%% 12 !!"}
    assert [(d.code, d.severity, d.line) for d in diags] == [(PARSE_FAILED, "warning", 7)]
    assert "'%%% 12 !!'" in diags[0].message


def test_empty_string_becomes_misc():
    entry, diags = parse_reference("")
    assert entry.type == "misc" and entry.fields["rawref"] == ""
    assert diags[0].code == PARSE_FAILED


def test_one_entry_per_string_in_order_with_unique_keys():
    lines = [ABERCROMBIE, "???", ABERCROMBIE]
    entries, diags = parse_references(lines, path="x.txt")
    assert [e.fields["rawref"] for e in entries] == lines
    assert [e.key for e in entries] == ["abercrombie2019realizing", entries[1].key, "abercrombie2019realizinga"]
    assert len({e.key for e in entries}) == 3
    assert [(d.line, d.key) for d in diags] == [(2, entries[1].key)]
    assert entries[2].source == Span("x.txt", 3)


def test_provenance_records_method_and_raw_text():
    entry, _ = parse_reference(ABERCROMBIE)
    assert entry.provenance["doi"].method == "rule:doi"
    assert entry.provenance["pages"].raw == "119–144."
    assert entry.provenance["title"].method == "crf"


def test_web_page_with_apa_date_is_online():
    entry, _ = parse_reference(
        "Tracy, N. (2012, January 16). Effects of drug addiction. Healthy Place. Retrieved from https://www.healthyplace.com/x_y"
    )
    assert entry.type == "online"
    assert entry.fields["title"] == "Effects of drug addiction"
    assert entry.fields["howpublished"] == "Healthy Place"
    assert entry.fields["url"] == "https://www.healthyplace.com/x_y"
    assert "note" not in entry.fields  # "Retrieved from" is no note


def test_report_publisher_is_the_institution():
    entry, _ = parse_reference("Brown, T. (2018). Climate risk in the financial sector (Working Paper No. 23). Bank of England.")
    assert entry.type == "report"
    assert entry.fields["institution"] == "Bank of England"
    assert entry.fields["number"] == "23"


def test_apa7_thesis_in_brackets():
    entry, _ = parse_reference("Gomez, R. (2019). Remote work and productivity [Master's thesis, University of Toronto]. TSpace.")
    assert entry.type == "thesis"
    assert entry.fields["school"] == "University of Toronto"


def test_bracketed_descriptor_is_a_genre_and_presentations_are_proceedings():
    entry, _ = parse_reference(
        "Doe, J. (2019, May). Parsing references at scale [Paper presentation]. ACL 2019, Florence, Italy.")
    assert entry.type == "inproceedings"
    assert entry.fields["title"] == "Parsing references at scale"
    assert entry.fields["booktitle"] == "{ACL} 2019"
    assert entry.fields["month"] == "may"


def test_retrieval_dates_are_no_note():
    entry, _ = parse_reference("Anonymous. (n.d.). A document without date. Retrieved May 5, 2020, from http://example.com/doc")
    assert "note" not in entry.fields and "year" not in entry.fields
    assert entry.fields["url"] == "http://example.com/doc"


def test_title_cut_mid_sentence_runs_on_to_the_full_stop():
    entry, _ = parse_reference(
        "Molden, D. C., & Dweck, C. S. (2006). Finding “meaning” in psychology: A lay theories approach to "
        "self-regulation, social perception, and social development. American Psychologist, 61 (3), 192–203.")
    assert entry.fields["title"].startswith("Finding “meaning” in psychology: A lay theories approach")
    assert entry.fields["journal"] == "American Psychologist"


def test_names_end_at_and_others():
    entry, _ = parse_reference(
        "Brim, Orville G. and others. Personality and Decision Processes. Stanford, California: Stanford University Press, 1962.")
    assert entry.truncated == {"author"}
    assert entry.fields["title"] == "Personality and Decision Processes"


def test_book_title_before_the_imprint():
    entry, _ = parse_reference("Kahn, Herman and Anthony J. Wiener. The Year 2000. New York: The Macmillan Company, 1967.")
    assert entry.type == "book"
    assert entry.fields["title"] == "The Year 2000"
    assert [p.family for p in entry.authors] == ["Kahn", "Wiener"]


def test_chicago_chapter_editors_follow_edited_by():
    entry, _ = parse_reference(
        "Olesen, Virginia. “Analyzing Emergent Issues in Women’s Health: The Case of the Toxic-Shock Syndrome.” "
        "In Culture, Society, and Menstruation, edited by Virginia L. Olesen and Nancy Fugate Woods, 51-62. "
        "Washington: Hemisphere Publishing Corporation, 1986.")
    assert [p.family for p in entry.editors] == ["Olesen", "Woods"]
    assert entry.fields["booktitle"] == "Culture, Society, and Menstruation"
    assert entry.type == "incollection"


def test_place_starts_after_a_full_stop():
    entry, _ = parse_reference("Lockhart, John Gibson. 1850. Memoirs of the Life of Sir Walter Scott, Bart. Edinburgh: Cadell.")
    assert entry.fields["address"] == "Edinburgh"
    assert entry.fields["publisher"] == "Cadell"


def test_titles_protect_acronyms_and_proper_nouns():
    entry, _ = parse_reference("Behera, L. K. (2021). Examining India's defence innovation performance. "
                               "Journal of Strategic Studies, 44(6), 830–853.")
    assert entry.fields["title"] == "Examining {India's} defence innovation performance"
    assert entry.provenance["title"].raw.startswith("Examining India's defence innovation performance")
    assert entry.fields["journal"] == "Journal of Strategic Studies"
