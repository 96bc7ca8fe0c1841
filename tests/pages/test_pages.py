"""The generated site: goldens, valid Markdown, links that resolve, grouping."""

from __future__ import annotations

import re

import pytest

from citeman.cites import Citation
from citeman.io.bibtex import read_bib
from citeman.model import Diagnostic
from citeman.render.page_templates import LIQUID_RAW_CLOSE, LIQUID_RAW_OPEN
from citeman.render.pages import generate_pages, render_pages

from pagetools import FIXTURES, assert_golden, broken_links, collect, quick_format, render_html

VALIDATION = {
    "usman2024us": [
        Diagnostic("I001", "warning", "DOI '10.1234/jss.2024.005' does not resolve", "sample.bib", 1, "usman2024us", "doi"),
    ],
    "gillani2021look": [],
}
CITATIONS = {
    "usman2024us": [
        Citation("(Usman & Khan, 2024)", ("Usman", "Khan"), "2024", line=42, sentence="Defence ties have deepened (Usman & Khan, 2024).", section="Literature Review"),
        Citation("Usman and Khan (2024)", ("Usman", "Khan"), "2024", line=7, sentence="Usman and Khan (2024) call it *a shift*.", section="Introduction"),
    ],
}


@pytest.fixture(scope="module")
def library():
    library, diagnostics = read_bib(FIXTURES / "sample.bib")
    assert not diagnostics
    return library


@pytest.fixture(scope="module")
def site(library):
    return generate_pages(library, validation=VALIDATION, citations=CITATIONS)


@pytest.fixture(scope="module")
def golden_site(library):
    # The goldens pin the pages' own layout; the citation styles have goldens of their own,
    # so a stand-in formatter keeps these files stable while the CSL layer is tuned.
    return generate_pages(library, validation=VALIDATION, citations=CITATIONS, formatter=quick_format)


def test_index_matches_golden(golden_site):
    assert_golden(golden_site["index.md"], "index.md")


def test_entry_page_matches_golden(golden_site):
    assert_golden(golden_site["entries/usman2024us.md"], "entry-usman2024us.md")


def test_author_page_matches_golden(golden_site):
    assert_golden(golden_site["authors/usman-naeem.md"], "author-usman-naeem.md")


def test_pages_carry_the_csl_renderers_citations(site):
    assert "- Usman, N., & Khan, S. (2024). US-India Defense Partnerships" in site["index.md"]
    assert "**Chicago author-date:** Usman, Naeem, and Sara Khan. 2024." in site["entries/usman2024us.md"]


def test_site_has_every_kind_of_page(site):
    assert {"index.md", "authors/index.md", "keywords/index.md"} <= set(site)
    assert {p for p in site if p.startswith("entries/")} == {
        "entries/usman2024us.md", "entries/gillani2021look.md", "entries/sipri2023trends.md", "entries/weitz2020.md",
    }
    assert "authors/stockholm-international-peace-research-institute.md" in site
    assert "keywords/south-asia.md" in site


def test_every_link_between_pages_resolves(site):
    assert broken_links(site) == []


@pytest.mark.parametrize("group_by", ["type", "year", "none"])
def test_every_link_resolves_for_each_grouping(library, group_by):
    site = generate_pages(library, group_by=group_by, extra_styles=())
    assert broken_links(site) == []


def test_link_checker_notices_a_broken_link(site):
    damaged = dict(site)
    damaged["index.md"] += "\n[gone](entries/missing.md) [nowhere](#no-such-heading)\n"
    assert len(broken_links(damaged)) == 2


def test_pages_hold_no_raw_html_besides_the_liquid_guards(site):
    for name, text in site.items():
        html = render_html(text)
        comments = re.findall(r"<!--.*?-->", html)
        assert comments == [LIQUID_RAW_OPEN.strip(), LIQUID_RAW_CLOSE.strip()], name
        assert collect(re.sub(r"<!--.*?-->", "", text)).tags.count("script") == 0


def test_index_has_counts_and_table_of_contents(site):
    index = site["index.md"]
    assert "4 entries (3 annotated), formatted in APA style." in index
    assert "| [Journal articles](#journal-articles) | 1 |" in index
    assert "<table>" in render_html(index)


def test_grouping_by_year_puts_newest_first_and_undated_last(library):
    index = generate_pages(library, group_by="year", extra_styles=())["index.md"]
    headings = re.findall(r"^## (.+)$", index, flags=re.M)
    assert headings == ["Contents", "2024", "2023", "2021", "No date"]


def test_entry_page_shows_where_it_is_cited_and_validation(site):
    page = site["entries/usman2024us.md"]
    assert page.index("Line 7, Introduction") < page.index("Line 42, Literature Review")
    assert "call it \\*a shift\\*" in page
    assert '!!! warning "Warning I001"\n\n    DOI \'10.1234/jss.2024.005\' does not resolve (field doi)' in page
    assert "No problems found." in site["entries/gillani2021look.md"]
    assert "Not cited in the text of the source paper." in site["entries/gillani2021look.md"]


def test_unchecked_entries_say_so(library):
    site = generate_pages(library, extra_styles=())
    assert "Not checked." in site["entries/usman2024us.md"]
    assert "## Cited in the source" not in site["entries/usman2024us.md"]


def test_entry_page_has_a_copyable_bibtex_block(site):
    page = site["entries/usman2024us.md"]
    block = re.search(r"```bibtex\n(.*?)\n```", page, flags=re.S)
    assert block and block.group(1).startswith("@article{usman2024us,")
    reread, diagnostics = read_bib_text(block.group(1))
    assert not diagnostics and reread.entries[0].get("doi") == "10.1234/jss.2024.005"


def read_bib_text(text):
    from citeman.io.bibtex import parse_bib

    return parse_bib(text)


def test_entry_page_cites_in_several_styles(site):
    page = site["entries/usman2024us.md"]
    for label in ("**APA:**", "**Chicago author-date:**", "**MLA:**", "**IEEE:**"):
        assert label in page
    assert "**IEEE:** N. Usman" in page  # the numeric label means nothing on its own page


def test_render_pages_writes_files_and_removes_only_its_own_stale_pages(library, tmp_path):
    out = tmp_path / "site"
    written = render_pages(library, out, extra_styles=())
    assert sorted(p.relative_to(out).as_posix() for p in written) == sorted(generate_pages(library, extra_styles=()))
    mine = out / "notes.md"
    mine.write_text("kept\n", encoding="utf-8")
    outside = tmp_path / "outside.md"
    outside.write_text("kept\n", encoding="utf-8")
    smaller = [e for e in library.entries if e.key != "sipri2023trends"]
    render_pages(smaller, out, extra_styles=())
    assert not (out / "entries/sipri2023trends.md").exists()
    assert not (out / "authors/stockholm-international-peace-research-institute.md").exists()
    assert (out / "entries/usman2024us.md").exists()
    assert mine.read_text(encoding="utf-8") == "kept\n"
    assert outside.exists()


def test_a_tampered_manifest_cannot_remove_files_outside(library, tmp_path):
    out = tmp_path / "site"
    render_pages(library, out, extra_styles=())
    victim = tmp_path / "victim.md"
    victim.write_text("precious\n", encoding="utf-8")
    (out / ".citeman-pages.json").write_text(
        '{"files": ["../victim.md", "%s", "entries/../../victim.md"]}' % victim.as_posix(), encoding="utf-8"
    )
    render_pages(library, out, extra_styles=())
    assert victim.read_text(encoding="utf-8") == "precious\n"


def test_rendering_twice_leaves_files_untouched(library, tmp_path):
    out = tmp_path / "site"
    render_pages(library, out, extra_styles=())
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.md")}
    render_pages(library, out, extra_styles=())
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.md")} == before


def test_citations_from_a_named_paper_show_its_path(library):
    cited = {"weitz2020": [Citation("Weitz (2020)", ("Weitz",), "2020", line=3, sentence="As Weitz (2020) notes.", path="seeds/paper.md")]}
    page = generate_pages(library, citations=cited, extra_styles=())["entries/weitz2020.md"]
    assert "- seeds/paper.md, line 3: As Weitz (2020) notes." in page


def test_group_headings_never_clash_with_each_other_or_the_contents(library):
    from dataclasses import replace as copy

    odd = [copy(e, type=t) for e, t in zip(library.entries, ["contents", "weird-type", "weird type", "misc"])]
    site = generate_pages(odd, extra_styles=())
    headings = re.findall(r"^## (.+)$", site["index.md"], flags=re.M)
    assert len({h.lower().replace("-", " ") for h in headings}) == len(headings)
    assert broken_links(site) == []


def test_entry_page_shows_the_original_reference_and_where_it_came_from():
    from citeman.model import Entry

    entry = Entry(key="k", type="misc", fields={
        "title": "T", "note": "A *note*.", "rawref": "Weitz, R. (2020). [Russia](x) and <South> Asia.", "citeman-source": "seeds/004.txt:212",
    })
    page = generate_pages([entry], extra_styles=())["entries/k.md"]
    assert "- **Taken from:** seeds/004.txt:212" in page
    assert "> Weitz, R. (2020). Russia and &lt;South&gt; Asia." in page
    assert "## Note\n\nA \\*note\\*." in page
    assert "<blockquote>" in render_html(page)


def test_templates_come_from_the_installed_copy_outside_a_checkout(tmp_path, monkeypatch):
    import citeman
    from citeman.render.pages import template_dirs

    package = tmp_path / "site-packages" / "citeman"
    (package / "templates").mkdir(parents=True)
    (tmp_path / "site-packages" / "templates").mkdir()  # someone else's folder: never used
    (package / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.setattr(citeman, "__file__", str(package / "__init__.py"))
    assert template_dirs() == [package / "templates"]
    assert template_dirs(tmp_path) == [tmp_path, package / "templates"]


def test_templates_come_from_the_checkout_in_an_editable_install():
    from citeman.render.pages import template_dirs

    dirs = template_dirs()
    assert dirs and (dirs[0] / "entry.md.j2").is_file() and (dirs[0].parent / "pyproject.toml").is_file()


def test_an_empty_bibliography_still_gives_a_linked_site():
    site = generate_pages([], extra_styles=())
    assert sorted(site) == ["authors/index.md", "by-type.md", "by-year.md", "index.md", "keywords/index.md", "plots.md"]
    assert "No entries yet." in site["index.md"]
    assert broken_links(site) == []


def test_linter_findings_show_their_status(library):
    from citeman.validate.report import Finding

    findings = [
        Finding(Diagnostic("Y001", "error", "impossible year '4392'", key="weitz2020", field="year"), "suppressed", "typo in source"),
        Finding(Diagnostic("E001", "warning", "misc without 'year'", key="weitz2020", field="year"), "baselined"),
        Diagnostic("N001", "info", "elsewhere", key="other"),
    ]
    from citeman.render.pages import by_key

    validation = by_key(findings)
    assert sorted(validation) == ["other", "weitz2020"]
    page = generate_pages(library, validation=validation, extra_styles=())["entries/weitz2020.md"]
    assert "No new problems; the findings below are known (baselined) or suppressed." in page
    assert "No problems found." not in page
    assert "(suppressed: typo in source)" in page
    assert "(known, in the baseline)" in page


def test_machine_drafted_annotations_are_marked_until_edited():
    from citeman.ingest.merge import record_machine
    from citeman.model import Entry

    draft = Entry(key="d", type="misc", fields={"title": "T", "annotation": "Drafted words."})
    record_machine(draft, "annotation", drafted=True)
    edited = Entry(key="e", type="misc", fields={"title": "U", "annotation": "Drafted words."})
    record_machine(edited, "annotation", drafted=True)
    edited.fields["annotation"] = "A person rewrote this."
    site = generate_pages([draft, edited], extra_styles=(), formatter=quick_format)
    assert "not yet reviewed by a person" in site["entries/d.md"]
    assert "not yet reviewed by a person" not in site["entries/e.md"]
    assert "2 entries (2 annotated, 1 of them machine drafts not yet reviewed)" in site["index.md"]


# --- issue 16: defects of the published pages ---------------------------------------


def _findings_page(findings, **fields):
    from citeman.model import Entry

    entry = Entry(key="k", type=fields.pop("type", "article"), fields={"title": "T", "year": "2020", **fields})
    return generate_pages([entry], validation={"k": findings}, extra_styles=(), formatter=quick_format)["entries/k.md"]


def test_known_findings_are_not_announced_as_no_problems_and_render_as_admonitions():
    from citeman.validate.report import Finding

    page = _findings_page([Finding(Diagnostic("E001", "error", "article without 'journal'", key="k", field="journal"), "baselined")])
    assert "No problems found." not in page
    import markdown

    html = markdown.markdown(page, extensions=["admonition"])
    assert '<div class="admonition danger">' in html
    assert "article without 'journal' (field journal) (known, in the baseline)" in html


def test_original_reference_keeps_the_sources_emphasis_and_link_instead_of_showing_markup():
    from citeman.model import Entry

    entry = Entry(key="k", type="misc", fields={"title": "T", "rawref": "Abercrombie, C. (2019). Realizing. *Asia Policy*, 14(1). <https://doi.org/10.1353/asp.2019.0011>"})
    page = generate_pages([entry], extra_styles=(), formatter=quick_format)["entries/k.md"]
    html = render_html(page)
    assert "<em>Asia Policy</em>" in html
    assert '<a href="https://doi.org/10.1353/asp.2019.0011">' in html
    assert "\\*Asia Policy" not in page and "&lt;https" not in page


def test_the_liquid_guard_says_why_it_is_there():
    page = generate_pages([], extra_styles=())["index.md"]
    assert "<!-- {% raw %} keeps Jekyll (GitHub Pages) from reading BibTeX braces as Liquid tags -->" in page


def test_fields_with_error_findings_are_marked_unverified():
    from citeman.model import Entry, Person

    entry = Entry(key="k", type="article", fields={"title": "No Titleывмывмыв", "year": "2024", "journal": "J"},
                  persons={"author": [Person(family="Insecurity", given="F.")]})
    findings = [Diagnostic("T099", "error", "garbage in title", key="k", field="title"),
                Diagnostic("N002", "error", "word taken for a family name", key="k", field="author")]
    site = generate_pages([entry], validation={"k": findings}, extra_styles=(), formatter=quick_format)
    page = site["entries/k.md"]
    assert "*Title unverified: the checks found an error in it (see [Validation](#validation)).*" in page
    assert "(../authors/insecurity-f.md) *(unverified)*" in page
    assert "- **Year:** 2024\n" in page  # no finding, no mark
    assert "*(unverified: author, title)*" in site["index.md"]


def test_an_untitled_entry_is_headed_by_what_it_is_not_by_its_key():
    from citeman.model import Entry

    entry = Entry(key="firstpost", type="online", fields={"organization": "Firstpost"})
    page = generate_pages([entry], extra_styles=("ieee",), formatter=lambda entries, style: {})["entries/firstpost.md"]
    assert page.startswith("# Untitled web page (Firstpost)\n")
    assert "(not formatted)" not in page
    assert "(the IEEE style prints nothing for this entry: it has no title)" in page


def test_the_citing_paper_lists_the_works_it_cites_instead_of_not_cited():
    from citeman.model import Entry

    paper = Entry(key="paper", type="article", fields={"title": "The paper", "year": "2025"})
    cited = Entry(key="ref", type="article", fields={"title": "A reference", "year": "2020"})
    site = generate_pages([paper, cited], extra_styles=(), formatter=quick_format, citations={}, cites={"paper": ["ref"]})
    page = site["entries/paper.md"]
    assert "Not cited in the text of the source paper." not in page
    assert "Cites 1 work in its reference list:" in page
    assert "- [A reference](ref.md) (2020)" in page
    assert broken_links(site) == []


def test_a_document_cites_the_references_taken_from_its_lines():
    from citeman.model import Entry

    paper = Entry(key="paper", type="article", fields={"title": "The paper", "citeman-source": "seeds/p.txt"})
    ref = Entry(key="ref", type="article", fields={"title": "A reference", "citeman-source": "seeds/p.txt:12"})
    other = Entry(key="other", type="misc", fields={"title": "Elsewhere", "citeman-source": "seeds/q.txt:3"})
    site = generate_pages([paper, ref, other], extra_styles=(), formatter=quick_format, citations={})
    assert "- [A reference](ref.md)" in site["entries/paper.md"]
    assert "Elsewhere" not in site["entries/paper.md"]
    assert "## Works it cites" not in site["entries/ref.md"]
