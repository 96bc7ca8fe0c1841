"""``bib/sources.bib``: the five seeds, each annotated by a person, stable under re-ingestion."""

from __future__ import annotations

import re
import shutil

from ingest_helpers import REPO, SEEDS

from citeman.annotate import annotate_bib
from citeman.ingest.merge import is_draft, is_human_value, merge_into_bib
from citeman.io.bibtex import read_bib

SOURCES = REPO / "bib" / "sources.bib"


def test_every_seed_has_an_edited_annotation_and_keywords():
    library, diagnostics = read_bib(SOURCES)
    assert not diagnostics
    assert sorted(e.fields["citeman-source"] for e in library.entries) == [f"seeds/{p.name}" for p in SEEDS]
    for entry in library.entries:
        sentences = re.findall(r"[^.!?]+[.!?](?:\s|$)", entry.fields["annotation"])
        assert 2 <= len(sentences) <= 4, entry.key
        assert entry.fields["keywords"], entry.key
        assert is_human_value(entry, "annotation") and not is_draft(entry, "annotation"), entry.key


def test_reingest_and_reannotate_change_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)  # citeman-source paths are relative to the repository root
    copy = tmp_path / "sources.bib"
    shutil.copy(SOURCES, copy)
    from citeman.ingest.documents import ingest_document

    merge_into_bib(copy, [ingest_document(path.relative_to(REPO))[0] for path in SEEDS])
    annotate_bib(copy)
    assert copy.read_text(encoding="utf-8") == SOURCES.read_text(encoding="utf-8")
