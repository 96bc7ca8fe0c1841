"""The MkDocs project ``citeman pages`` writes: its configuration, strict build, links and plots."""

from __future__ import annotations

import json

import pytest
import yaml
from typer.testing import CliRunner

from citeman.cli import app
from citeman.errors import InputError
from citeman.model import Entry, Person
from citeman.render.plots import PlotData, draw_plots
from citeman.render.site import build_site, mkdocs_config, write_site
from sitecheck import broken_links


def test_the_configuration_is_material_with_search_and_a_nav_by_year_type_author_keyword():
    config = yaml.safe_load(mkdocs_config("Reading list: *2025*"))
    assert config["site_name"] == "Reading list: *2025*"
    assert config["theme"]["name"] == "material" and "search" in config["plugins"]
    assert [next(iter(item)) for item in config["nav"]] == [
        "Annotated bibliography", "By year", "By type", "By author", "By keyword", "Plots",
    ]
    assert "admonition" in config["markdown_extensions"]


def test_the_seed_site_builds_strictly_with_every_page(seed_site):
    html = seed_site / "html"
    for page in ("index.html", "by-year/index.html", "by-type/index.html", "authors/index.html",
                 "keywords/index.html", "plots/index.html", "entries/perkovich4392toward/index.html"):
        assert (html / page).is_file(), page
    assert len(list((html / "entries").glob("*/index.html"))) == 47


def test_the_seed_site_has_no_broken_internal_link_or_anchor(seed_site):
    assert broken_links(seed_site / "html") == []


def test_the_link_checker_finds_a_broken_link(seed_site, tmp_path):
    page = tmp_path / "index.html"
    page.write_text('<a href="nowhere/">x</a> <a href="#missing">y</a> <p id="here"></p> <a href="#here">z</a>')
    assert broken_links(tmp_path) == ["index.html: nowhere/", "index.html: #missing (no such anchor)"]


def test_the_search_index_holds_entry_titles(seed_site):
    index = json.loads((seed_site / "html" / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {doc["title"] for doc in index["docs"]}
    assert "Toward Realistic U.S.-India Relations" in titles


def test_entry_pages_show_findings_as_admonitions_and_copyable_bibtex_and_csl_json(seed_site):
    page = (seed_site / "html" / "entries" / "perkovich4392toward" / "index.html").read_text(encoding="utf-8")
    assert 'class="admonition danger"' in page  # the impossible year 4392 is an error
    assert "(unverified)" in page
    assert 'class="language-bibtex' in page and 'class="language-json' in page
    assert "content.code.copy" in page  # Material's copy button is switched on for the code blocks


def test_a_broken_link_fails_the_build_with_one_line(tmp_path):
    entry = Entry(key="a", type="book", fields={"title": "T", "year": "2020", "publisher": "P"},
                  persons={"author": [Person(family="F", given="G")]})
    write_site([entry], tmp_path / "site", extra_styles=())
    index = tmp_path / "site" / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n[gone](missing-page.md)\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        build_site(tmp_path / "site")
    message = str(caught.value)
    assert "\n" not in message and "mkdocs build failed" in message and "missing-page.md" in message


def test_building_without_a_project_is_a_one_line_usage_error(tmp_path):
    result = CliRunner().invoke(app, ["pages", str(tmp_path / "none.bib"), "-o", str(tmp_path / "site"), "--build"])
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1


def test_plots_are_svg_and_the_same_on_every_run():
    data = PlotData(years=("2020", "2021", "2021", "", "4392"), types=("Book", "Book", "Journal article", "Other", "Book"),
                    with_findings=(True, False, False, True, True), checked=True)
    first, second = draw_plots(data), draw_plots(data)
    assert first == second
    assert sorted(first) == ["plots/findings-by-type.svg", "plots/works-by-type.svg", "plots/works-per-year.svg"]
    year_plot = first["plots/works-per-year.svg"]
    assert year_plot.lstrip().startswith("<?xml") and "2 undated or with an impossible year" in year_plot
    assert "4392" not in year_plot  # an impossible year is left out, not drawn 2,000 years away
    assert "2 of 3" in first["plots/findings-by-type.svg"]


def test_an_unchecked_bibliography_gets_no_findings_plot():
    data = PlotData(years=("2020",), types=("Book",), with_findings=(False,), checked=False)
    assert "plots/findings-by-type.svg" not in draw_plots(data)


def test_the_plots_page_counts_what_the_plots_show(seed_site):
    page = (seed_site / "docs" / "plots.md").read_text(encoding="utf-8")
    assert page.startswith("# Plots") and "47 entries, " in page
    for svg in ("works-per-year", "works-by-type", "findings-by-type"):
        assert f"(plots/{svg}.svg)" in page and (seed_site / "docs" / "plots" / f"{svg}.svg").is_file()


def _one_book() -> list[Entry]:
    return [Entry(key="a", type="book", fields={"title": "T", "year": "2020", "publisher": "P"},
                  persons={"author": [Person(family="F", given="G")]})]


def test_a_mkdocs_yml_a_person_took_over_is_kept(tmp_path):
    write_site(_one_book(), tmp_path, extra_styles=())
    config = tmp_path / "mkdocs.yml"
    own = "site_name: My own\n" + config.read_text(encoding="utf-8").split("\n", 1)[1]
    config.write_text(own, encoding="utf-8")
    written = write_site(_one_book(), tmp_path, title="Another", extra_styles=())
    assert config.read_text(encoding="utf-8") == own and config not in written
    config.write_text(mkdocs_config("Old title"), encoding="utf-8")  # still citeman's: rewritten
    write_site(_one_book(), tmp_path, title="New title", extra_styles=())
    assert yaml.safe_load(config.read_text(encoding="utf-8"))["site_name"] == "New title"


def test_the_site_url_goes_into_the_configuration():
    assert yaml.safe_load(mkdocs_config("T", "https://example.org/refs/"))["site_url"] == "https://example.org/refs/"
    assert "site_url" not in yaml.safe_load(mkdocs_config("T"))


@pytest.mark.parametrize("option", [["--site-url", "ftp://x"], ["--address", "localhost"]])
def test_bad_site_options_are_one_line_usage_errors(tmp_path, option):
    bib = tmp_path / "a.bib"
    bib.write_text("@book{a, title = {T}, year = 2020, publisher = {P}}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["pages", str(bib), "-o", str(tmp_path / "site"), *option])
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1, result.output
    assert option[0] in result.output


def test_string_macros_are_expanded_in_the_pages(tmp_path):
    bib = tmp_path / "a.bib"
    bib.write_text('@string{jot = {Journal of Things}}\n\n@article{a, author = {Doe, Jane}, title = {T}, '
                   'journal = jot, year = 2020, volume = 1, pages = {1--2}}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["pages", str(bib), "-o", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "site" / "docs" / "entries" / "a.md").read_text(encoding="utf-8")
    assert "Journal of Things" in page and "jot" not in page.split("## BibTeX")[0]
