"""The ``add`` and ``verify`` commands: one-line errors, exit codes, no tracebacks."""

from __future__ import annotations

from typer.testing import CliRunner

from citeman.cli import app

BIB = "@article{k,\n  title = {A study of things},\n  doi = {10.1371/journal.pone.0033693},\n}\n"


def test_verify_offline_with_an_empty_cache_lists_what_it_could_not_check(tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB, encoding="utf-8")
    result = CliRunner().invoke(app, ["verify", str(bib), "--offline", "--cache", str(tmp_path / "c.sqlite")])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert f"error: {bib}:1: k: not checked: not in the cache (offline)" in result.output


def test_verify_rejects_offline_with_refresh_in_one_line(tmp_path):
    result = CliRunner().invoke(app, ["verify", "--offline", "--refresh", "--cache", str(tmp_path / "c.sqlite")])
    assert result.exit_code == 2
    assert result.output.strip() == "error: --offline and --refresh exclude each other"


def test_add_unknown_identifier_is_one_line_and_exit_2(tmp_path):
    result = CliRunner().invoke(app, ["add", "nonsense", "--bib", str(tmp_path / "x.bib"), "--offline",
                                      "--cache", str(tmp_path / "c.sqlite")])
    assert result.exit_code == 2
    assert result.output.strip() == "error: 'nonsense' is not a DOI, ISBN, arXiv id or PubMed id"


def test_mailto_comes_from_the_config_file_when_not_given(tmp_path, monkeypatch):
    from citeman.app import OnlineOptions

    (tmp_path / "pyproject.toml").write_text('[tool.citeman.verify]\nmailto = "lab@example.org"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CITEMAN_MAILTO", raising=False)
    assert OnlineOptions(cache=tmp_path / "c.sqlite").client().mailto == "lab@example.org"
    monkeypatch.setenv("CITEMAN_MAILTO", "me@example.org")
    assert OnlineOptions(cache=tmp_path / "c.sqlite").client().mailto == "me@example.org"
    assert OnlineOptions(cache=tmp_path / "c.sqlite", mailto="").client().mailto == ""
