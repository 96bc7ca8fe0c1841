"""crossref and xdata inheritance for CSL-JSON, RIS and formatted output (biblatex manual, appendix B)."""

from __future__ import annotations

import json

from citeman.export import export
from citeman.export.inherit import resolve, without_containers
from citeman.io.bibtex import parse_bib

BIB = r"""
@book{parent,
  author = {Kant, Immanuel},
  title = {Kants Werke},
  subtitle = {Akademie-Textausgabe},
  shorttitle = {Werke},
  publisher = {Walter de Gruyter},
  location = {Berlin},
  year = {1968},
  shorthand = {KW},
}

@inbook{chapter,
  title = {Kritik der praktischen Vernunft},
  pages = {1--163},
  crossref = {parent},
}

@proceedings{proc,
  editor = {Salam, Abdus},
  title = {Elementary Particle Theory},
  year = {1968},
  publisher = {Almquist \& Wiksell},
}

@inproceedings{paper,
  author = {Weinberg, Steven},
  title = {A Model of Leptons},
  pages = {367--377},
  year = {1967},
  crossref = {proc},
}

@periodical{journal,
  title = {Journal of Things},
  issn = {1234-5678},
}

@article{art,
  author = {Doe, Jane},
  title = {An Article},
  year = {2020},
  crossref = {journal},
}

@xdata{springer,
  publisher = {Springer},
  location = {Berlin and Heidelberg},
}

@book{withx,
  author = {Roe, Richard},
  title = {A Book},
  year = {2001},
  xdata = {springer},
}

@book{loop1, title = {One}, crossref = {loop2}}
@book{loop2, title = {Two}, crossref = {loop1}}
@article{orphan, title = {Orphan}, crossref = {nowhere}, year = 2000}
"""


def _entries():
    library, _ = parse_bib(BIB, "lib.bib")
    return {e.key: e for e in without_containers(resolve(library.entries))}


def test_a_chapter_takes_the_book_s_title_as_booktitle_and_its_author_as_bookauthor():
    chapter = _entries()["chapter"]
    assert chapter.fields["title"] == "Kritik der praktischen Vernunft"  # its own title is kept
    assert chapter.fields["booktitle"] == "Kants Werke" and chapter.fields["booksubtitle"] == "Akademie-Textausgabe"
    assert chapter.fields["publisher"] == "Walter de Gruyter" and chapter.fields["year"] == "1968"
    assert [p.family for p in chapter.persons["author"]] == ["Kant"]
    assert [p.family for p in chapter.persons["bookauthor"]] == ["Kant"]
    for never in ("shorttitle", "shorthand", "crossref_inherited"):
        assert never not in chapter.fields
    assert chapter.fields["crossref"] == "parent"  # the link itself stays


def test_a_paper_takes_the_proceedings_title_and_editor_and_keeps_its_own_year():
    paper = _entries()["paper"]
    assert paper.fields["booktitle"] == "Elementary Particle Theory"
    assert paper.fields["year"] == "1967"
    assert [p.family for p in paper.persons["editor"]] == ["Salam"]


def test_an_article_takes_the_periodical_s_title_as_journaltitle():
    article = _entries()["art"]
    assert article.fields["journaltitle"] == "Journal of Things" and article.fields["title"] == "An Article"


def test_xdata_fields_are_copied_and_the_container_is_no_work():
    entries = _entries()
    assert entries["withx"].fields["publisher"] == "Springer"
    assert "springer" not in entries


def test_cycles_and_unknown_parents_change_nothing_and_raise_nothing():
    entries = _entries()
    assert entries["orphan"].fields["title"] == "Orphan" and "booktitle" not in entries["orphan"].fields
    assert entries["loop1"].fields["title"] == "One"


def test_the_original_entries_are_not_changed():
    library, _ = parse_bib(BIB, "lib.bib")
    chapter = next(e for e in library.entries if e.key == "chapter")
    resolve(library.entries)
    assert "booktitle" not in chapter.fields and "author" not in chapter.persons


def test_csl_json_export_carries_the_inherited_container_and_bibtex_keeps_the_link():
    library, _ = parse_bib(BIB, "lib.bib")
    items = {item["id"]: item for item in json.loads(export(library, "csl-json"))}
    assert items["chapter"]["container-title"].startswith("Kants Werke")
    assert items["chapter"]["publisher"] == "Walter de Gruyter"
    assert items["paper"]["container-title"] == "Elementary Particle Theory"
    assert "springer" not in items and items["withx"]["publisher"] == "Springer"
    bibtex = export(library, "bibtex")
    assert "crossref = {parent}" in bibtex and "booktitle" not in bibtex
    assert "crossref = {parent}" in export(library, "biblatex")


def test_ris_export_carries_the_inherited_fields():
    library, _ = parse_bib(BIB, "lib.bib")
    ris = export(library, "ris")
    chapter = ris.split("ER  -")[1]
    assert "Kritik der praktischen Vernunft" in chapter and "Walter de Gruyter" in chapter


def test_render_formats_a_chapter_in_its_book(tmp_path):
    from typer.testing import CliRunner

    from citeman.cli import app

    bib = tmp_path / "lib.bib"
    bib.write_text(BIB, encoding="utf-8")
    result = CliRunner().invoke(app, ["render", str(bib), "--style", "apa"])
    assert result.exit_code == 0, result.output
    assert "Kritik der praktischen Vernunft. In I. Kant, Kants Werke: Akademie-Textausgabe (pp. 1–163). Walter de Gruyter." in result.output
