"""A BERT-base-sized encoder as an ONNX graph with random weights, built from its config.

This is the reference cost of a transformer reader: whatever a transformer-based Arabic
extractor does, it runs at least one such forward pass over every article. The graph is
BERT's (embeddings, then per layer: multi-head self-attention, add & norm, a GELU
feed-forward block, add & norm; then the pooler), so it does BERT-base's arithmetic; the
weights are random because only the time matters. Built here from plain numbers, it needs
no model download and no deep-learning framework, only ``onnx`` and ``numpy``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from onnx import ModelProto, TensorProto, helper, numpy_helper


@dataclass(frozen=True, slots=True)
class EncoderConfig:
    """The sizes of the encoder; the defaults are BERT-base's."""

    layers: int = 12
    hidden: int = 768
    heads: int = 12
    intermediate: int = 3072
    vocab: int = 30522
    max_positions: int = 512

    @property
    def parameters(self) -> int:
        h, i = self.hidden, self.intermediate
        embeddings = (self.vocab + self.max_positions + 2) * h + 2 * h
        layer = 4 * (h * h + h) + (h * i + i) + (i * h + h) + 4 * h
        return embeddings + self.layers * layer + h * h + h


class _Graph:
    """Collects nodes and initialisers; each op returns the name of its output.

    Learnt parameters are named ``part.name`` (``layer3.query.weight``); other constants
    have no dot in their name.
    """

    def __init__(self, seed: int) -> None:
        self.rng = np.random.default_rng(seed)
        self.nodes: list[Any] = []
        self.weights: list[Any] = []

    def random(self, name: str, *shape: int) -> str:
        values = self.rng.standard_normal(shape, dtype=np.float32) * np.float32(0.02)
        self.weights.append(numpy_helper.from_array(values, name))
        return name

    def const(self, name: str, value: Any, dtype: Any = np.float32) -> str:
        self.weights.append(numpy_helper.from_array(np.asarray(value, dtype=dtype), name))
        return name

    def op(self, kind: str, *inputs: str, **attrs: Any) -> str:
        out = f"{kind.lower()}_{len(self.nodes)}"
        self.nodes.append(helper.make_node(kind, list(inputs), [out], **attrs))
        return out

    def dense(self, x: str, name: str, n_in: int, n_out: int) -> str:
        product = self.op("MatMul", x, self.random(f"{name}.weight", n_in, n_out))
        return self.op("Add", product, self.const(f"{name}.bias", [0.0] * n_out))

    def norm(self, x: str, name: str, size: int) -> str:
        scale = self.const(f"{name}.scale", [1.0] * size)
        bias = self.const(f"{name}.bias", [0.0] * size)
        return self.op("LayerNormalization", x, scale, bias, axis=-1, epsilon=1e-12)


def encoder_model(config: EncoderConfig = EncoderConfig(), seed: int = 0) -> ModelProto:
    """The encoder over ``input_ids`` and ``attention_mask`` (int64, batch × length)."""
    g = _Graph(seed)
    h = config.hidden
    x = _embeddings(g, "input_ids", config)
    # attention mask → additive bias over the keys, shape batch × 1 × 1 × length
    keep = g.op("Cast", "attention_mask", to=TensorProto.FLOAT)
    keep = g.op("Unsqueeze", keep, g.const("axes12", [1, 2], np.int64))
    bias = g.op("Mul", g.op("Sub", g.const("one_f", 1.0), keep), g.const("minus_inf", -10000.0))
    for n in range(config.layers):
        x = _layer(g, x, bias, f"layer{n}", config)
    first = g.op("Gather", x, g.const("cls", 0, np.int64), axis=1)
    pooled = g.op("Tanh", g.dense(first, "pooler", h, h))
    graph = helper.make_graph(
        g.nodes,
        "bert_base_sized_encoder",
        [
            helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "length"]),
            helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "length"]),
        ],
        [
            helper.make_tensor_value_info(x, TensorProto.FLOAT, ["batch", "length", h]),
            helper.make_tensor_value_info(pooled, TensorProto.FLOAT, ["batch", h]),
        ],
        g.weights,
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])


def _embeddings(g: _Graph, ids: str, config: EncoderConfig) -> str:
    """Word + position + token type (all type 0) embeddings, then layer norm."""
    h = config.hidden
    words = g.op("Gather", g.random("embeddings.word", config.vocab, h), ids)
    length = g.op("Squeeze", g.op("Shape", ids, start=1, end=2), g.const("axis0", [0], np.int64))
    positions = g.op("Range", g.const("zero", 0, np.int64), length, g.const("one", 1, np.int64))
    pos = g.op("Gather", g.random("embeddings.position", config.max_positions, h), positions)
    types = g.op("Mul", ids, g.const("no_type", 0, np.int64))
    typ = g.op("Gather", g.random("embeddings.type", 2, h), types)
    return g.norm(g.op("Add", g.op("Add", words, pos), typ), "embeddings.norm", h)


def _layer(g: _Graph, x: str, bias: str, p: str, config: EncoderConfig) -> str:
    """One transformer layer: self-attention, add & norm, GELU feed-forward, add & norm."""
    h, heads = config.hidden, config.heads
    split = g.const(f"{p}_split_heads", [0, 0, heads, h // heads], np.int64)

    def heads_of(name: str) -> str:  # batch × heads × length × head size
        projected = g.op("Reshape", g.dense(x, f"{p}.{name}", h, h), split)
        return g.op("Transpose", projected, perm=[0, 2, 1, 3])

    q, k, v = heads_of("query"), heads_of("key"), heads_of("value")
    scores = g.op("MatMul", q, g.op("Transpose", k, perm=[0, 1, 3, 2]))
    scaled = g.op("Mul", scores, g.const(f"{p}_scale", 1.0 / np.sqrt(h // heads)))
    probs = g.op("Softmax", g.op("Add", scaled, bias), axis=-1)
    context = g.op("Transpose", g.op("MatMul", probs, v), perm=[0, 2, 1, 3])
    merged = g.op("Reshape", context, g.const(f"{p}_merge_heads", [0, 0, h], np.int64))
    x = g.norm(g.op("Add", g.dense(merged, f"{p}.attention_out", h, h), x), f"{p}.norm1", h)
    inner = g.dense(x, f"{p}.intermediate", h, config.intermediate)
    erf = g.op("Erf", g.op("Div", inner, g.const(f"{p}_sqrt2", np.sqrt(2.0))))
    half = g.op("Mul", inner, g.const(f"{p}_half", 0.5))
    gelu = g.op("Mul", half, g.op("Add", erf, g.const(f"{p}_one", 1.0)))  # exact GELU
    out = g.dense(gelu, f"{p}.output", config.intermediate, h)
    return g.norm(g.op("Add", out, x), f"{p}.norm2", h)
