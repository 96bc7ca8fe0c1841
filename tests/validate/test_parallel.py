"""Chunked, multi-process linting gives exactly the findings of a single pass."""

from __future__ import annotations

from citeman.validate import lint
from citeman.validate.lint import lint_paths, split_chunks


def _keys(result):
    return [(f.diagnostic.code, f.diagnostic.line, f.diagnostic.key, f.diagnostic.message, f.status)
            for f in result.findings]


def test_parallel_equals_serial(tmp_path, seed004, ctx, monkeypatch):
    text = seed004.read_text(encoding="utf-8")
    big = tmp_path / "big.bib"
    # Several copies with fresh keys: duplicates across chunk boundaries must still be found.
    big.write_text("\n".join(text.replace("@article{", f"@article{{c{i}") for i in range(4))
                   + "% citeman: ignore Y001 -- known\n@misc{late, title = {T}, year = {4392}}\n", encoding="utf-8")
    serial = lint_paths([str(big)], ctx=ctx, jobs=1)
    monkeypatch.setattr(lint, "CHUNK_CHARS", 3000)
    monkeypatch.setattr(lint, "PARALLEL_MIN_CHARS", 1000)
    parallel = lint_paths([str(big)], ctx=ctx, jobs=2)
    assert parallel.entries == serial.entries == 4 * 42 + 1
    assert _keys(parallel) == _keys(serial)
    assert any(f.diagnostic.code == "D001" for f in parallel.findings)
    assert any(f.status == "suppressed" and f.diagnostic.key == "late" for f in parallel.findings)


def test_chunks_cover_the_text_and_keep_comments_with_their_entry(seed004):
    text = seed004.read_text(encoding="utf-8").replace("\n@misc{perkovich", "\n% citeman: ignore Y001\n@misc{perkovich")
    chunks = split_chunks(text, "x.bib", size=500)
    assert chunks[0].start == 0 and chunks[-1].end == len(text)
    assert all(a.end == b.start for a, b in zip(chunks, chunks[1:]))
    assert all(text[c.start] in "@%" for c in chunks[1:])
    assert not any(text[c.start :].startswith("@misc{perkovich") for c in chunks)
