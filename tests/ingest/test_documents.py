"""Extraction rules on small documents: what is stated is found, what is not is never invented."""

from __future__ import annotations

import pytest

from citeman.errors import InputError
from citeman.ingest.documents import ingest_document
from citeman.normalize.dates import parse_stated_date as parse_date
from citeman.ingest.text_meta import extract_text_metadata


def _write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Saturday, November 1, 2025", "2025-11-01"),
        ("01 May 2021", "2021-05-01"),
        ("Dec 31, 2025", "2025-12-31"),
        ("Sept 05, 2025", "2025-09-05"),
        ("2024-06-15T08:00:00Z", "2024-06-15"),
        ("March 2020", "2020-03"),
    ],
)
def test_parse_date_reads_explicit_dates(text, iso):
    assert parse_date(text).iso() == iso


@pytest.mark.parametrize("text", ["05/01/2021", "yesterday", "2021", "31 February 2021", "last week"])
def test_parse_date_refuses_to_guess(text):
    assert parse_date(text) is None


def test_wrong_weekday_is_reported_not_hidden():
    parsed = parse_date("Monday, November 1, 2025")
    assert parsed.iso() == "2025-11-01" and parsed.weekday_mismatch


def test_body_text_is_not_mined_for_metadata(tmp_path):
    text = (
        "The agreement, signed on 31 October 2025 by John Smith, changes the regional balance. "
        "Analysts in Islamabad, including Jane Roe, expect more to follow in the coming months.\n"
        "A second paragraph discusses the consequences for trade and security in some detail.\n"
    )
    entry, diagnostics = ingest_document(_write(tmp_path, "story.txt", text))
    assert "title" not in entry.fields
    assert "date" not in entry.fields and "year" not in entry.fields
    assert "author" not in entry.persons
    assert {d.field for d in diagnostics if d.code == "P201"} >= {"title", "author", "date"}
    assert all(d.path.endswith("story.txt") and "story.txt" in d.message for d in diagnostics)


def test_headline_byline_and_published_label(tmp_path):
    text = "Dams and Droughts\n\nBy Sara Malik and Omar Farooq\nPublished: Dec 31, 2025\n\nBody text follows here.\n"
    entry, _ = ingest_document(_write(tmp_path, "a.md", text))
    assert entry.fields["title"] == "Dams and Droughts"
    assert [p.family for p in entry.persons["author"]] == ["Malik", "Farooq"]
    assert entry.fields["date"] == "2025-12-31"
    assert entry.provenance["date"].source.line == 4


def test_unnamed_writer_is_not_invented():
    ex = extract_text_metadata("Some opinion text here.\n(The writer is a retired diplomat. Views are personal.)\n")
    assert "author" not in ex.persons
    assert [note[0] for note in ex.notes] == ["P202"]


def test_bio_sentence_about_a_country_is_not_an_author():
    ex = extract_text_metadata("Pakistan is a key partner for regional research and security analysts.\n")
    assert "author" not in ex.persons


def test_sidecar_wins_over_extraction_and_set_wins_over_sidecar(tmp_path):
    doc = _write(tmp_path, "piece.txt", "A Headline Here\n\nAuthor Name: Maham S. Gillani      01 May 2021\n\nBody.\n")
    (tmp_path / "piece.meta.toml").write_text(
        '# user metadata\ntitle = "Sidecar Title"\nurl = "https://example.org/x"\nauthor = ["Roe, Jane", "Doe, John"]\n',
        encoding="utf-8",
    )
    entry, diagnostics = ingest_document(doc, {"url": "https://example.org/cli"})
    assert entry.fields["title"] == "Sidecar Title"
    assert entry.provenance["title"].method == "sidecar" and entry.provenance["title"].source.line == 2
    assert [p.family for p in entry.persons["author"]] == ["Roe", "Doe"]
    assert entry.fields["url"] == "https://example.org/cli" and entry.provenance["url"].method == "cli"
    assert entry.fields["date"] == "2021-05-01" and entry.provenance["date"].method == "extracted"
    assert "url" not in {d.field for d in diagnostics}


def test_override_date_sets_year_and_month(tmp_path):
    doc = _write(tmp_path, "p.txt", "Title Line Here\n\nBody text.\n")
    entry, diagnostics = ingest_document(doc, {"date": "2020-03-04", "type": "report", "institution": "ISSI"})
    assert (entry.fields["date"], entry.fields["year"], entry.fields["month"]) == ("2020-03-04", "2020", "mar")
    assert entry.type == "report"
    assert "date" not in {d.field for d in diagnostics}


def test_empty_override_removes_an_extracted_field(tmp_path):
    doc = _write(tmp_path, "p.txt", "Body text.\n(The views do not necessarily reflect Example Times's views.)\n")
    assert ingest_document(doc)[0].fields["organization"] == "Example Times"
    assert "organization" not in ingest_document(doc, {"organization": ""})[0].fields


def test_malformed_sidecar_names_file_and_line(tmp_path):
    doc = _write(tmp_path, "bad.txt", "Title Here\n\nBody.\n")
    (tmp_path / "bad.meta.toml").write_text('title = "ok"\nurl = "unclosed\n', encoding="utf-8")
    with pytest.raises(InputError) as err:
        ingest_document(doc)
    assert err.value.path.endswith("bad.meta.toml") and err.value.line == 2


def test_sidecar_with_a_table_value_is_rejected_with_line(tmp_path):
    doc = _write(tmp_path, "t.txt", "Title Here\n\nBody.\n")
    (tmp_path / "t.meta.toml").write_text('title = "ok"\n\n[extra]\nx = 1\n', encoding="utf-8")
    with pytest.raises(InputError) as err:
        ingest_document(doc)
    assert err.value.line == 3


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [("empty.txt", b"  \n\n", "empty document"), ("paper.pdf", b"%PDF-1.4", "unknown document format"),
     ("bin.txt", b"abc\x00def", "binary file"), ("latin.txt", b"caf\xe9\n", "not valid UTF-8")],
)
def test_unusable_documents_raise_input_error(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        ingest_document(path)


def test_wire_dateline_with_agency():
    ex = extract_text_metadata("Big News Today\nLONDON, November 1, 2025 (Reuters) - The thing happened.\n")
    assert ex.fields["title"].value == "Big News Today" and ex.fields["date"].value == "2025-11-01"


def test_generic_byline_is_not_a_person_and_time_after_date_is_ignored():
    ex = extract_text_metadata("Headline\n\nBy STAFF REPORTER | Published: Dec 31, 2025 10:30 AM\n\nBody.\n")
    assert "author" not in ex.persons and ex.fields["date"].value == "2025-12-31"


def test_lone_sentence_is_not_a_headline():
    assert "title" not in extract_text_metadata("The pact was signed on October 31, 2025.\n").fields


def test_markdown_front_matter(tmp_path):
    text = '---\ntitle: "Front: matter"\nauthor: [Jane Roe, John Doe]\ndate: 2024-02-03\ntags: [a, b]\n---\n\n# Other\n\nBody.\n'
    entry, _ = ingest_document(_write(tmp_path, "fm.md", text))
    assert entry.fields["title"] == "Front: matter" and entry.provenance["title"].source.line == 2
    assert [p.family for p in entry.persons["author"]] == ["Roe", "Doe"]
    assert entry.fields["date"] == "2024-02-03" and entry.fields["keywords"] == "a, b"


def test_broken_front_matter_is_a_warning_not_a_crash(tmp_path):
    entry, diagnostics = ingest_document(_write(tmp_path, "bad.md", "---\ntitle: [unclosed\n---\n\nBody text.\n"))
    assert any(d.code == "P205" for d in diagnostics)


def test_multi_author_paper_with_marked_affiliations_and_one_line_of_dates():
    from ingest_helpers import FIXTURES

    entry, _ = ingest_document(FIXTURES / "multi_author_paper.md")
    assert entry.type == "article"
    assert [p.family for p in entry.persons["author"]] == ["Roe", "Doe", "Wei"]
    assert entry.fields["affiliation"] == (
        "Department of Geography, University of Karachi, Pakistan; Institute of Water Studies, Lahore, Pakistan"
    )
    assert (entry.fields["received"], entry.fields["accepted"], entry.fields["date"]) == ("2023-03-03", "2023-06-10", "2023-07-01")
    assert entry.fields["keywords"] == "water, security, Indus"


def test_policy_brief_under_a_masthead():
    from ingest_helpers import FIXTURES

    entry, diagnostics = ingest_document(FIXTURES / "policy_brief.txt")
    assert entry.type == "report"
    assert entry.fields["title"] == "Managing the Indus Waters Treaty after 2025"
    assert [(p.given, p.family) for p in entry.persons["author"]] == [("Ahmed", "Raza")]  # no "Dr."
    assert entry.fields["institution"] == "Islamabad Policy Research Institute"
    assert entry.fields["date"] == "2025-01-12"
    assert not [d for d in diagnostics if d.code == "P201"]


def test_oped_with_byline_names_its_author_and_no_site():
    from ingest_helpers import FIXTURES

    entry, diagnostics = ingest_document(FIXTURES / "oped.txt")
    assert [p.family for p in entry.persons["author"]] == ["Siddiqa"]
    assert entry.fields["entrysubtype"] == "opinion"
    assert "organization" not in entry.fields
    assert not any(d.code == "P202" for d in diagnostics)  # the writer is named in the byline


def test_bio_like_sentences_in_the_story_are_not_authors():
    text = "\n".join(
        ["A Headline For The Story", ""]
        + ["Prime Minister Modi is a former student of politics who became an analyst of power."]
        + ["Ahmed Khan is a researcher at the Institute of Strategic Studies, one of many quoted here."]
        + [f"Paragraph {i} of the story goes on about the defence pact and its consequences." for i in range(8)]
    )
    ex = extract_text_metadata(text)
    assert "author" not in ex.persons  # neither sits where bios sit (label, end of the text)
    assert "organization" not in ex.fields


def test_bio_at_the_end_names_the_author():
    text = "\n".join(
        ["A Headline For The Story", ""]
        + [f"Paragraph {i} of the story goes on about the defence pact and its consequences." for i in range(8)]
        + ["Ahmed Khan is a researcher at the Institute of Strategic Studies Islamabad."]
    )
    ex = extract_text_metadata(text)
    assert [p.family for p in ex.persons["author"].persons] == ["Khan"]
    assert ex.fields["organization"].value == "Institute of Strategic Studies Islamabad"


def test_sentence_starting_with_by_is_not_a_byline():
    ex = extract_text_metadata("Dams and Droughts\n\nBy the end of 2025, Jane Roe said, water will run short.\nBy Omar Farooq\n\nBody.\n")
    assert [p.family for p in ex.persons["author"].persons] == ["Farooq"]
