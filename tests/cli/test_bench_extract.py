"""``rasd bench extract``: what it measures and reports (the timings themselves are not tested)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from rasd.bench import bert, extract
from rasd.bench.bert import windows
from rasd.cli.main import main
from rasd.io.readers import read_articles
from rasd.records import Article

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def test_corpus_repeats_articles_with_their_own_ids_and_round_trips(tmp_path: Path) -> None:
    articles = extract.corpus([SAMPLES], 20)
    assert len(articles) == 20 and len({a.id for a in articles}) == 20
    path = extract.write_corpus(articles, tmp_path / "c.jsonl")
    again = [a for a in read_articles([path]) if isinstance(a, Article)]
    assert [(a.id, a.text, a.published) for a in again] == [
        (a.id, a.text, a.published) for a in articles
    ]


def test_throughput_reads_extracts_and_writes_every_article() -> None:
    result = extract.bench_throughput(extract.corpus([SAMPLES], 12))
    assert result["articles"] == 12 and result["item_errors"] == 0
    assert result["events"] > 0 and result["articles_per_s"] > 0
    assert result["peak_rss_mb"] > 0


def test_startup_runs_whole_processes() -> None:
    result = extract.bench_startup(extract.corpus([SAMPLES], 1)[0], runs=1)
    assert result["runs"] == 1 and result["startup_s"] > 0


def test_windows_count_words_and_special_tokens() -> None:
    assert windows("هاجم التنظيم نقطة") == [5]
    assert windows("") == [2]
    assert windows("كلمة " * 510) == [512]
    assert windows("كلمة " * 600) == [512, 92]


def test_the_reference_encoder_is_bert_base_sized() -> None:
    pytest.importorskip("onnx")  # the `bench` extra, not part of dev
    from rasd.bench.encoder import EncoderConfig

    config = EncoderConfig()
    assert (config.layers, config.hidden, config.heads, config.intermediate) == (12, 768, 12, 3072)
    assert config.parameters == 109_482_240  # bert-base-uncased's BertModel


def test_a_small_encoder_runs_and_has_the_parameters_it_claims() -> None:
    pytest.importorskip("onnxruntime")
    pytest.importorskip("onnx")
    import numpy as np
    import onnxruntime as ort
    from onnx import numpy_helper

    from rasd.bench.encoder import EncoderConfig, encoder_model

    config = EncoderConfig(layers=2, hidden=16, heads=4, intermediate=32, vocab=50, max_positions=8)
    model = encoder_model(config)
    arrays = [numpy_helper.to_array(w) for w in model.graph.initializer]
    learnt = sum(
        a.size for w, a in zip(model.graph.initializer, arrays, strict=True) if "." in w.name
    )
    assert learnt == config.parameters
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    ids = np.array([[1, 2, 3, 4, 5]], dtype=np.int64)
    hidden, pooled = session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})
    assert hidden.shape == (1, 5, 16) and pooled.shape == (1, 16)
    assert np.isfinite(hidden).all()


def _bench(monkeypatch: pytest.MonkeyPatch, *args: str) -> dict[str, Any]:
    monkeypatch.setattr(extract, "STARTUP_RUNS", 1)
    monkeypatch.setattr(
        extract, "bench_startup", lambda article, runs=1: {"startup_s": 0.5, "runs": runs}
    )
    result = CliRunner().invoke(main, ["bench", "extract", "--corpus", str(SAMPLES), *args])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert "cores" in lines[0]["machine"]
    out: dict[str, Any] = lines[1]["extract"]
    return out


def test_bench_extract_says_when_the_bench_extra_is_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(bert, "missing", lambda: ["onnxruntime"])
    out = _bench(monkeypatch, "--articles", "6")
    assert out["articles"] == 6 and out["startup_s"] == 0.5
    assert out["bert"].startswith("skipped: onnxruntime not installed")
    assert "rasd_vs_bert" not in out


def test_bench_extract_reports_the_ratio_to_bert(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bert, "missing", lambda: [])
    monkeypatch.setattr(
        bert, "bench_bert", lambda articles: {"articles_per_s": 2.0, "articles_per_cpu_s": 2.0}
    )
    out = _bench(monkeypatch, "--articles", "6")
    assert out["rasd_vs_bert"] == round(out["articles_per_cpu_s"] / 2.0, 1)
    assert _bench(monkeypatch, "--articles", "6", "--no-bert")["bert"] == "skipped (--no-bert)"
