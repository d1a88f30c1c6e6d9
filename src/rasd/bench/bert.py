"""Time the BERT-base-sized reference encoder on the articles rasd was timed on.

Each article is read as a transformer reader would read it, at the least cost such a reader
pays: one forward pass, batch of one (no padding), over as many tokens as the article has
words (a subword tokenizer makes at least that many) plus ``[CLS]`` and ``[SEP]``, in windows
of at most 512. The session runs on one thread, like rasd. A corpus repeats articles, so
each distinct text is timed (best of two passes) and its time counted for every copy.
"""

from __future__ import annotations

import importlib.util
import time
from collections import Counter
from collections.abc import Sequence
from typing import Any

from rasd.records import Article
from rasd.text.normalize import normalize
from rasd.text.tokens import tokenize

REQUIRES = ("numpy", "onnx", "onnxruntime")
INSTALL_HINT = "pip install -e '.[bench]'"


def missing() -> list[str]:
    """The packages of the ``bench`` extra that are not installed."""
    return [name for name in REQUIRES if importlib.util.find_spec(name) is None]


def windows(text: str, max_positions: int = 512) -> list[int]:
    """The sequence lengths of one article: its words plus two special tokens per window."""
    words = len(tokenize(normalize(text)))
    per_window = max_positions - 2
    full, rest = divmod(words, per_window)
    return [max_positions] * full + ([rest + 2] if rest or not full else [])


def bench_bert(articles: Sequence[Article]) -> dict[str, Any]:
    """Articles per second of one forward pass each, and the pass over 512 tokens."""
    import numpy as np
    import onnxruntime as ort

    from rasd.bench.encoder import EncoderConfig, encoder_model

    config = EncoderConfig()
    t0 = time.perf_counter()
    model = encoder_model(config).SerializeToString()
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    session = ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
    del model
    build_s = time.perf_counter() - t0
    rng = np.random.default_rng(0)

    def forward(length: int) -> tuple[float, float]:
        """Wall and CPU seconds of one pass (the best of two: the least it costs)."""
        ids = rng.integers(0, config.vocab, (1, length), dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
        best = (float("inf"), float("inf"))
        for _ in range(2):
            wall, cpu = time.perf_counter(), time.process_time()
            session.run(None, feed)
            best = min(best, (time.perf_counter() - wall, time.process_time() - cpu))
        return best

    copies = Counter(a.text for a in articles)
    lengths = {text: windows(text, config.max_positions) for text in copies}
    forward(max(max(v) for v in lengths.values()))  # warm-up: allocations, kernel choice
    wall = cpu = 0.0
    for text, k in copies.items():
        for n in lengths[text]:
            w, c = forward(n)
            wall, cpu = wall + w * k, cpu + c * k
    tokens = sum(sum(lengths[text]) * k for text, k in copies.items())
    return {
        "model": "BERT-base-sized encoder, random weights, ONNX Runtime "
        f"{ort.__version__}, 1 thread, batch 1, no padding",
        "parameters": config.parameters,
        "build_s": round(build_s, 2),
        "distinct_articles": len(copies),
        "mean_tokens": round(tokens / len(articles)),
        "articles_per_s": round(len(articles) / wall, 2),
        "articles_per_cpu_s": round(len(articles) / cpu, 2),
        "seq512_s": round(forward(config.max_positions)[0], 3),
    }
