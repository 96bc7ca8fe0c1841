"""Training is reproducible and the shipped model loads."""

from __future__ import annotations

from pathlib import Path

from citeman.ingest import train
from citeman.ingest.labeller import label_tokens, load_tagger, model_path
from citeman.ingest.tokens import tokenize

SAMPLE = """<?xml version="1.0" encoding="UTF-8"?>
<dataset>
  <sequence>
    <author>Smith, J.</author>
    <date>(2019).</date>
    <title>A title.</title>
    <journal>Journal of Things,</journal>
    <volume>14(1),</volume>
    <pages>119–144.</pages>
  </sequence>
  <sequence>
    <author>Doe, A., &amp; Roe, B.</author>
    <date>(2020).</date>
    <title>Another title.</title>
    <location>London:</location>
    <publisher>Routledge.</publisher>
  </sequence>
</dataset>
"""


def test_read_sequences_keeps_labels_and_text(tmp_path):
    data = tmp_path / "core.xml"
    data.write_text(SAMPLE, encoding="utf-8")
    seqs = train.read_sequences(data)
    assert seqs[1][0] == ("author", "Doe, A., & Roe, B.")
    words, labels = train.token_labels(seqs[0])
    assert words[:3] == ["Smith,", "J.", "(2019)."]
    assert labels[:3] == ["author", "author", "date"]


def test_training_twice_gives_identical_models(tmp_path):
    data = tmp_path / "core.xml"
    data.write_text(SAMPLE, encoding="utf-8")
    first, second = tmp_path / "a.crfsuite", tmp_path / "b.crfsuite"
    assert train.main(["--data", str(data), "--out", str(first)]) == 0
    train.train(data, second)
    assert first.read_bytes() == second.read_bytes()
    tagger = load_tagger(str(first))
    assert label_tokens(tokenize("Smith, J. (2019). A title."), tagger)[0] == "author"


def test_shipped_model_is_packaged_and_modest():
    path = model_path()
    assert path.parent.name == "data" and path.parent.parent.name == "citeman"
    assert 0 < path.stat().st_size < 5 * 1024 * 1024
    assert Path(path.parent / "LICENSE-anystyle").is_file()


def test_model_is_loaded_once_per_process():
    assert load_tagger() is load_tagger()


def test_training_code_is_not_imported_at_run_time():
    import subprocess
    import sys

    code = ("import sys, citeman.ingest.parser as p; p.parse_reference('Smith, J. (2019). T. J, 1(2), 3.'); "
            "print('citeman.ingest.train' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
