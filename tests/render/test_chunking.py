"""Chunked parallel rendering gives exactly the output of one whole render."""

from __future__ import annotations

import pytest

from citeman.render import chunking, csl
from citeman.render.styles import resolve_style

from render_helpers import synthetic_library


def _items(n: int, particles: bool = False) -> list[dict]:
    entries = synthetic_library(n, particles=particles)
    return [dict(item, id=csl._item_id(i)) for i, item in enumerate(csl._items_for(entries))]


@pytest.mark.parametrize("style_name,n", [("apa", 300), ("modern-language-association", 160)])
def test_chunked_render_equals_whole_render(style_name, n, monkeypatch):
    items = _items(n)
    style = resolve_style(style_name)
    checks = []
    original = csl._chunks_in_order
    monkeypatch.setattr(csl, "_chunks_in_order", lambda *a: checks.append(original(*a)) or checks[-1])
    whole = csl.run_pandoc(items, style, "markdown").entries
    chunked = csl.render_items(items, style, "markdown", chunk_threshold=0, chunk_size=45)
    assert chunked == whole
    assert checks == [True]  # the chunks were simply concatenated
    # The library really needs disambiguation across what would be chunk boundaries.
    assert sum("2020b" in text for _, text in whole) >= 3 or style_name != "apa"


def test_same_family_with_and_without_particle(monkeypatch):
    # "Dijk" and "van Dijk" disambiguate against each other but sort apart (APA sorts
    # "van Dijk" under V): the guessed chunk order fails its check and the sort-only
    # pass orders the chunks instead.
    items = _items(200, particles=True)
    style = resolve_style("apa")
    checks = []
    original = csl._chunks_in_order
    monkeypatch.setattr(csl, "_chunks_in_order", lambda *a: checks.append(original(*a)) or checks[-1])
    whole = csl.run_pandoc(items, style, "text").entries
    assert csl.render_items(items, style, "text", chunk_threshold=0, chunk_size=40) == whole
    assert checks == [False]


def test_wrong_guess_of_the_order_still_gives_the_whole_render(monkeypatch):
    items = _items(120)
    style = resolve_style("apa")
    whole = csl.run_pandoc(items, style, "text").entries
    # A deliberately wrong guess: chunks are laid out in reverse alphabetical order.
    monkeypatch.setattr(chunking, "approximate_sort_name",
                        lambda item, demote: "".join(chr(255 - ord(c)) for c in chunking.group_key(item)))
    chunks = chunking.plan_chunks(items, 30)
    assert len(chunks) > 1
    assert csl.render_items(items, style, "text", chunk_threshold=0, chunk_size=30) == whole


def test_plan_keeps_every_group_in_one_chunk():
    items = _items(200)
    chunks = chunking.plan_chunks(items, 25)
    where = {}
    for number, chunk in enumerate(chunks):
        for index in chunk:
            where.setdefault(chunking.group_key(items[index]), set()).add(number)
    assert all(len(numbers) == 1 for numbers in where.values())
    assert sorted(i for chunk in chunks for i in chunk) == list(range(200))
    assert all(chunk == sorted(chunk) for chunk in chunks)


def test_group_key_folds_particles_case_and_accents():
    van = {"author": [{"family": "Dijk", "non-dropping-particle": "van", "given": "A"}]}
    whole = {"author": [{"family": "van Dijk", "given": "B"}]}
    plain = {"author": [{"family": "Dijk", "given": "C"}]}
    assert chunking.group_key(van) == chunking.group_key(whole) == chunking.group_key(plain) == "dijk"
    assert chunking.group_key({"author": [{"family": "Łukasz"}]}) == "lukasz"
    assert chunking.group_key({"author": [{"family": "Ávila"}]}) == chunking.group_key({"author": [{"family": "avila"}]})
    assert chunking.group_key({"editor": [{"literal": "W.H.O."}]}) == "who"
    assert chunking.group_key({"title": "The <i>Title</i>: a subtitle"}) == "thetitle"


def test_only_author_date_styles_are_chunked():
    assert chunking.can_chunk(resolve_style("apa"))
    assert chunking.can_chunk(resolve_style("chicago-author-date"))
    assert not chunking.can_chunk(resolve_style("ieee"))
    assert not chunking.can_chunk(resolve_style("vancouver"))


def test_order_style_keeps_sort_and_drops_disambiguation():
    style = resolve_style("apa")
    text = chunking.order_style(style).xml
    assert "disambiguate-add-year-suffix" not in text
    assert '<key macro="author-sort"/>' in text
    assert '<layout><text value="."/></layout>' in text


def test_wrong_guess_with_author_substitution_renders_whole(monkeypatch):
    # MLA's "———" depends on the previous entry, so a failed order check means one whole render.
    items = _items(100)
    style = resolve_style("modern-language-association")
    whole = csl.run_pandoc(items, style, "text").entries
    monkeypatch.setattr(chunking, "approximate_sort_name",
                        lambda item, demote: "".join(chr(255 - ord(c)) for c in chunking.group_key(item)))
    calls = []
    original = csl.run_pandoc
    monkeypatch.setattr(csl, "run_pandoc", lambda items, *a, **k: calls.append(len(items)) or original(items, *a, **k))
    assert csl.render_items(items, style, "text", chunk_threshold=0, chunk_size=25) == whole
    assert calls[-1] == len(items)  # the last call rendered everything at once
