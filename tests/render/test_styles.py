"""Style names, repository ids, dependent styles and .csl paths resolve offline."""

from __future__ import annotations

import pytest

from citeman.errors import UsageError
from citeman.render.styles import available_styles, resolve_style


@pytest.mark.parametrize(
    "name,style_id",
    [
        ("apa", "apa"),
        ("APA", "apa"),
        ("chicago-author-date", "chicago-author-date"),
        ("mla", "modern-language-association"),
        ("ieee", "ieee"),
        ("harvard", "harvard-cite-them-right"),
        ("vancouver", "nlm-citation-sequence"),
        ("nature", "nature"),
    ],
)
def test_aliases_and_ids(name, style_id):
    assert resolve_style(name).id == style_id


def test_dependent_style_resolves_to_its_parent():
    # vancouver-nlm only points at nlm-citation-sequence.
    style = resolve_style("vancouver-nlm")
    assert style.id == "nlm-citation-sequence"
    assert style.path.is_file()


def test_citation_format_is_read_from_the_style():
    assert resolve_style("apa").citation_format == "author-date"
    assert resolve_style("ieee").citation_format == "numeric"


def test_path_to_csl_file(tmp_path):
    source = resolve_style("apa").path
    copy = tmp_path / "my-style.csl"
    copy.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    style = resolve_style(str(copy))
    assert style.path == copy
    assert style.title.startswith("APA")


def test_dependent_style_file_given_by_path_resolves_to_parent(tmp_path):
    dependent = tmp_path / "dep.csl"
    dependent.write_text(
        '<?xml version="1.0"?><style xmlns="http://purl.org/net/xbiblio/csl" version="1.0"><info>'
        '<link href="http://www.zotero.org/styles/apa" rel="independent-parent"/></info></style>',
        encoding="utf-8",
    )
    assert resolve_style(str(dependent)).id == "apa"


@pytest.mark.parametrize("name", ["no-such-style", "", "../../etc/passwd", "missing.csl"])
def test_unknown_style_is_a_usage_error(name):
    with pytest.raises(UsageError):
        resolve_style(name)


def test_file_that_is_not_a_style(tmp_path):
    bogus = tmp_path / "x.csl"
    bogus.write_text("hello", encoding="utf-8")
    with pytest.raises(UsageError, match="not a CSL style"):
        resolve_style(str(bogus))


def test_collection_is_large():
    styles = available_styles()
    assert len(styles) > 2500
    assert "apa" in styles and "harvard" in styles
