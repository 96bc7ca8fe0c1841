"""Italic spans of a Markdown list repairing title/container boundaries, and the parse wiring."""

from __future__ import annotations

from citeman.ingest import reflist
from citeman.ingest.refhints import METHOD, apply_italic_hints
from citeman.model import Entry, Span

SPAN = Span("p.md", 3)


def plain(entry: Entry, name: str) -> str:
    """A field without the braces that protect capitals in titles."""
    return entry.fields.get(name, "").replace("{", "").replace("}", "")


def hint(fields: dict[str, str], raw: str, text: str, italics: tuple[str, ...], type_: str = "misc") -> Entry:
    entry = Entry(key="k", type=type_, fields=dict(fields))
    apply_italic_hints(entry, text, italics, SPAN, raw)
    return entry


def test_title_running_into_italic_journal_is_split() -> None:
    entry = hint({"title": "The Politics of India under Modi. The Politics of India under Modi"},
                 "Yadav, V. (2023). The Politics of India under Modi. *The Politics of India under Modi*.",
                 "Yadav, V. (2023). The Politics of India under Modi. The Politics of India under Modi.",
                 ("The Politics of India under Modi",))
    assert plain(entry, "title") == "The Politics of India under Modi"
    assert entry.fields["journal"] == "The Politics of India under Modi"
    assert entry.type == "article"
    assert entry.provenance["title"].method == METHOD
    assert entry.provenance["title"].raw == "The Politics of India under Modi. The Politics of India under Modi"


def test_italic_title_cut_in_two_is_rejoined() -> None:
    entry = hint({"title": "Dynamics ( JHD )", "journal": "Multidimensional Challenges of Pakistan", "volume": "02"},
                 "Issn, E. (2024). *Dynamics ( JHD ) Multidimensional Challenges of Pakistan*. 02(1), 1–8.",
                 "Issn, E. (2024). Dynamics ( JHD ) Multidimensional Challenges of Pakistan. 02(1), 1–8.",
                 ("Dynamics ( JHD ) Multidimensional Challenges of Pakistan",), "article")
    assert plain(entry, "title") == "Dynamics ( JHD ) Multidimensional Challenges of Pakistan"
    assert "{JHD}" in entry.fields["title"]  # protected like every parsed title
    assert "journal" not in entry.fields
    assert entry.provenance["journal"].raw == "Multidimensional Challenges of Pakistan"


def test_italic_container_cut_short_takes_month_and_pages_from_note() -> None:
    entry = hint({"title": "India Is an Essential Counterweight", "journal": "Information Technology",
                  "note": "and Innovation Foundation, April, 38"},
                 "M, D. (2022). India Is an Essential Counterweight. *Information Technology and Innovation "
                 "Foundation*, April, 38.",
                 "M, D. (2022). India Is an Essential Counterweight. Information Technology and Innovation "
                 "Foundation, April, 38.",
                 ("Information Technology and Innovation Foundation",), "article")
    assert entry.fields["journal"] == "Information Technology and Innovation Foundation"
    assert entry.fields["month"] == "apr" and "month" in entry.macros
    assert entry.fields["pages"] == "38"
    assert "note" not in entry.fields


def test_missing_title_taken_from_italic_span_after_year() -> None:
    entry = hint({"volume": "8", "number": "24"}, "Acute, I. (2024). *8.6m* (24).", "Acute, I. (2024). 8.6m (24).",
                 ("8.6m",))
    assert plain(entry, "title") == "8.6m"
    assert "volume" not in entry.fields  # read from inside the title
    assert entry.fields["number"] == "24"


def test_parenthetical_after_italic_title_is_a_number() -> None:
    entry = hint({"title": "8.6m (24)"}, "Acute, I. (2024). *8.6m* (24).", "Acute, I. (2024). 8.6m (24).", ("8.6m",))
    assert plain(entry, "title") == "8.6m"
    assert entry.fields["number"] == "24"


def test_edition_after_italic_title() -> None:
    entry = hint({"title": "Borders and markets (2nd ed.)"}, "B, P. (2020). *Borders and markets* (2nd ed.). Press.",
                 "B, P. (2020). Borders and markets (2nd ed.). Press.", ("Borders and markets",), "book")
    assert plain(entry, "title") == "Borders and markets" and entry.fields["edition"] == "2"


def test_correct_entry_is_left_alone() -> None:
    fields = {"title": "Realizing the potential", "journal": "Asia Policy", "volume": "14"}
    entry = hint(fields, "A, C. (2019). Realizing the potential. *Asia Policy*, 14(1).",
                 "A, C. (2019). Realizing the potential. Asia Policy, 14(1).", ("Asia Policy",), "article")
    assert entry.fields == fields and entry.type == "article" and not entry.provenance


def test_span_with_url_is_ignored() -> None:
    entry = hint({"title": "Strategic"}, "W, R. (2020). *Strategic Stable URL <https://x.org/>*",
                 "W, R. (2020). Strategic Stable URL https://x.org/", ("Strategic Stable URL https://x.org/",))
    assert plain(entry, "title") == "Strategic"


def test_references_from_text_with_a_fake_parser(monkeypatch) -> None:
    """The wiring does not depend on the real labeller: one entry per string, origin recorded."""
    import citeman.ingest.parser as parser

    seen: dict[str, object] = {}

    def fake_parse(strings, path="", line_numbers=None):
        seen.update(strings=list(strings), path=path, lines=list(line_numbers or []))
        return [Entry(key=f"k{i}", type="misc", fields={"note": s}) for i, s in enumerate(strings)], []

    monkeypatch.setattr(parser, "parse_references", fake_parse)
    text = "Body.\n\n## References\n\nSmith, J. (2019). *A*.\n\nJones, K. (2020). B \\$.\n"
    entries, diagnostics = reflist.references_from_text(text, "dir/p.md")
    assert seen == {"strings": ["Smith, J. (2019). A.", "Jones, K. (2020). B $."], "path": "dir/p.md", "lines": [5, 7]}
    assert [e.fields["citeman-source"] for e in entries] == ["dir/p.md:5", "dir/p.md:7"]
    assert [e.fields["rawref"] for e in entries] == ["Smith, J. (2019). *A*.", "Jones, K. (2020). B \\$."]
    assert diagnostics == []


def test_url_and_its_label_are_cut_from_an_italic_title() -> None:
    raw = ("Weitz, R. (2020). *Strategic Studies Institute PROMOTING Cooperation : Author ( s ) : Richard Weitz "
           "( 2017 ) Stable URL : <https://www.jstor.org/stable/>. 2017.*")
    text = ("Weitz, R. (2020). Strategic Studies Institute PROMOTING Cooperation : Author ( s ) : Richard Weitz "
            "( 2017 ) Stable URL : https://www.jstor.org/stable/. 2017.")
    italic = ("Strategic Studies Institute PROMOTING Cooperation : Author ( s ) : Richard Weitz ( 2017 ) "
              "Stable URL : https://www.jstor.org/stable/. 2017.")
    entry = hint({"title": "Strategic Studies Institute PROMOTING Cooperation : Author",
                  "url": "https://www.jstor.org/stable/", "note": "( s ) : Richard Weitz ( 2017 ) Stable URL"},
                 raw, text, (italic,), "online")
    assert plain(entry, "title") == ("Strategic Studies Institute PROMOTING Cooperation : Author ( s ) : "
                                     "Richard Weitz ( 2017 )")
    assert "note" not in entry.fields
    assert entry.provenance["note"].raw == "( s ) : Richard Weitz ( 2017 ) Stable URL"


def test_title_cut_short_is_completed_up_to_the_italic_journal() -> None:
    raw = ("Sameer Lalwani. (2019). Reluctant Link? India, the Quad, and the Free and Open Indo-Pacific. "
           "*Of the United States*.")
    text = raw.replace("*", "")
    entry = hint({"title": "Reluctant Link?",
                  "note": "India, the Quad, and the Free and Open Indo-Pacific. Of the United States"},
                 raw, text, ("Of the United States",))
    assert plain(entry, "title") == "Reluctant Link? India, the Quad, and the Free and Open Indo-Pacific"
    assert entry.fields["journal"] == "Of the United States"
    assert "note" not in entry.fields and entry.type == "article"


def test_chapter_editor_text_is_not_pulled_into_the_title() -> None:
    raw = "Smith, J. (2019). A chapter. In K. Jones (Ed.), *The book* (pp. 1–10). Press."
    entry = hint({"title": "A chapter", "booktitle": "The book", "publisher": "Press"}, raw,
                 raw.replace("*", ""), ("The book",), "incollection")
    assert plain(entry, "title") == "A chapter" and not entry.provenance


def test_hints_see_through_title_protection_braces() -> None:
    entry = hint({"title": "The {US} policy. {Foreign} Affairs"},
                 "A, B. (2020). The US policy. *Foreign Affairs*.", "A, B. (2020). The US policy. Foreign Affairs.",
                 ("Foreign Affairs",))
    assert plain(entry, "title") == "The US policy" and entry.fields["journal"] == "Foreign Affairs"
