"""Chunked, multi-process linting gives exactly the findings of a single pass."""

from __future__ import annotations

from citeman.model import Diagnostic
from citeman.validate import lint
from citeman.io.chunks import split_chunks
from citeman.validate.lint import _merge_sorted, lint_paths
from citeman.validate.report import Finding, report_order


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


def _copies(seed004, tmp_path, count=4):
    text = seed004.read_text(encoding="utf-8")
    big = tmp_path / "big.bib"
    big.write_text("\n".join(text.replace("@article{", f"@article{{c{i}") for i in range(count)), encoding="utf-8")
    return big


def test_findings_reach_the_callback_in_report_order_piece_by_piece(tmp_path, seed004, ctx, monkeypatch):
    big = _copies(seed004, tmp_path)
    monkeypatch.setattr(lint, "CHUNK_CHARS", 3000)
    monkeypatch.setattr(lint, "PARALLEL_MIN_CHARS", 1000)
    pieces = []
    result = lint_paths([str(big)], ctx=ctx, jobs=2, on_findings=pieces.append)
    assert len(pieces) > 3
    assert [f for piece in pieces for f in piece] == result.findings
    assert result.findings == sorted(result.findings, key=report_order)
    # Duplicates of entries in earlier chunks are reported with the chunk they are in.
    assert any(f.diagnostic.code.startswith("D") for f in pieces[-1])


def test_files_are_checked_and_reported_in_path_order(tmp_path, seed004, ctx):
    first, second = tmp_path / "a.bib", tmp_path / "b.bib"
    first.write_text(seed004.read_text(encoding="utf-8"), encoding="utf-8")
    second.write_text(seed004.read_text(encoding="utf-8"), encoding="utf-8")
    forward = lint_paths([str(first), str(second)], ctx=ctx, jobs=1)
    backward = lint_paths([str(second), str(first)], ctx=ctx, jobs=1)
    assert _keys(forward) == _keys(backward)
    duplicates = [f for f in forward.findings if f.diagnostic.code.startswith("D")]
    # The copy in the later file is the duplicate, whatever the order of the arguments.
    assert duplicates and all(f.diagnostic.path == str(second) for f in duplicates)


def test_merging_cross_entry_findings_keeps_report_order():
    def finding(line, code, key="k"):
        return Finding(Diagnostic(code, "error", f"m{line}", "x.bib", line, key))

    chunk = [finding(1, "E001"), finding(3, "A001"), finding(3, "Z001"), finding(9, "T001")]
    extra = [finding(9, "D001"), finding(3, "D001"), finding(12, "D001"), finding(1, "D001")]
    merged = _merge_sorted(list(chunk), list(extra))
    assert merged == sorted(chunk + extra, key=report_order)
    assert len(merged) == 8


def test_chunks_for_several_workers_shrink_towards_the_end(seed004):
    text = "\n".join(seed004.read_text(encoding="utf-8").replace("@article{", f"@article{{c{i}") for i in range(40))
    even = split_chunks(text, "x.bib", size=20_000)
    guided = split_chunks(text, "x.bib", size=20_000, workers=2)
    assert all(a.end == b.start for a, b in zip(guided, guided[1:])) and guided[-1].end == len(text)
    sizes = [c.end - c.start for c in guided]
    assert len(guided) > len(even)
    # The last chunks are small, so no worker is left checking a full-size chunk alone.
    assert max(sizes[-3:]) < 20_000 / 2 < sizes[0]


def test_workers_decode_their_own_bytes_like_the_serial_reader(tmp_path, seed004, ctx, monkeypatch):
    # Non-ASCII text before every cut (byte and character offsets differ) and a month macro
    # defined once at the top, used in every later chunk.
    text = seed004.read_text(encoding="utf-8")
    big = tmp_path / "big.bib"
    big.write_text('@string{sept = "September"}\n' + "\n".join(
        text.replace("@article{", f"@article{{c{i}") + f"\n@misc{{macro{i}, title = {{Caf\u00e9 \u201cS\u00e9rie\u201d}}, "
        "year = 2020, month = sept}\n" for i in range(4)), encoding="utf-8")
    serial = lint_paths([str(big)], ctx=ctx, jobs=1)
    monkeypatch.setattr(lint, "CHUNK_CHARS", 3000)
    monkeypatch.setattr(lint, "PARALLEL_MIN_CHARS", 1000)
    parallel = lint_paths([str(big)], ctx=ctx, jobs=2)
    assert parallel.entries == serial.entries == 4 * 43
    assert _keys(parallel) == _keys(serial)
    assert not [f for f in parallel.findings if f.diagnostic.key.startswith("macro") and f.diagnostic.field == "month"]


def test_an_undecodable_byte_in_a_worker_chunk_is_reported_with_its_line(tmp_path, seed004, ctx, monkeypatch):
    from citeman.io.bibtex import read_bib

    big = _copies(seed004, tmp_path)
    data = big.read_bytes()
    cut = data.rindex(b"\n@")
    big.write_bytes(data[:cut] + b"\n% caf\xe9" + data[cut:])
    line = data[:cut].count(b"\n") + 2
    monkeypatch.setattr(lint, "CHUNK_CHARS", 3000)
    monkeypatch.setattr(lint, "PARALLEL_MIN_CHARS", 1000)
    found = []
    for jobs in (1, 2):
        result = lint_paths([str(big)], ctx=ctx, jobs=jobs)
        found.append([(f.diagnostic.path, f.diagnostic.line, f.diagnostic.column, f.diagnostic.message)
                      for f in result.findings if f.diagnostic.code == "P012"])
        assert result.entries == len(read_bib(big)[0].entries)   # nothing is lost around the bad byte
    assert found[0] == found[1] == [(str(big), line, 6, "not valid UTF-8: byte 0xe9, read as Windows-1252 'é'")]
