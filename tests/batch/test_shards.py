"""Sharding: the shards of a corpus read back exactly what ``read_articles`` reads."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.batch.shards import plan_shards, read_shard
from rasd.io.readers import read_articles
from rasd.records import Article, ItemError

LINES = st.one_of(
    st.builds(
        lambda i, t: json.dumps({"id": f"a{i}", "text": t, "published": "2024-02-03"}),
        st.integers(0, 999),
        st.text(min_size=1, max_size=40).filter(str.strip),
    ),
    st.sampled_from(["", "   ", "{not json", '{"id": "x"}', '"just a string"', "[1, 2]"]),
    st.text(max_size=20).map(lambda t: json.dumps({"text": "عاجل: " + t}, ensure_ascii=False)),
)


@settings(max_examples=120, deadline=None)
@given(
    lines=st.lists(LINES, max_size=40),
    trailing_newline=st.booleans(),
    shard_size=st.integers(1, 12),
)
def test_jsonl_shards_read_back_every_item_once(
    lines: list[str], trailing_newline: bool, shard_size: int
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "c.jsonl"
        content = "\n".join(lines) + ("\n" if trailing_newline else "")
        corpus.write_text(content, "utf-8")
        shards, missing = plan_shards([corpus], shard_size)
        assert missing == []
        assert all(s.items <= shard_size for s in shards)
        file_lines = content.count("\n") + (not content.endswith("\n") and content != "")
        assert sum(s.items for s in shards) == file_lines
        got = [item for shard in shards for item in read_shard(shard)]
        assert got == list(read_articles([corpus]))


def test_small_files_are_grouped_and_missing_inputs_reported(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(5):
        (folder / f"n{i}.txt").write_text(f"هجوم على حاجز {i}\nتفاصيل الخبر", "utf-8")
    (folder / ".hidden.txt").write_text("ignored", "utf-8")
    (folder / "notes.md").write_text("ignored", "utf-8")
    shards, missing = plan_shards([folder, tmp_path / "gone.jsonl"], 2)
    assert [s.items for s in shards] == [2, 2, 1]
    assert [m.item for m in missing] == [str(tmp_path / "gone.jsonl")]
    items = [item for shard in shards for item in read_shard(shard)]
    assert [a.id for a in items if isinstance(a, Article)] == [f"n{i}" for i in range(5)]


def test_parquet_shards_cut_across_row_groups(tmp_path: Path) -> None:
    rows = [
        {"id": f"p{i}", "text": "" if i == 4 else f"خبر {i}", "published": dt.date(2024, 1, 1 + i)}
        for i in range(11)
    ]
    corpus = tmp_path / "c.parquet"
    pq.write_table(pa.Table.from_pylist(rows), corpus, row_group_size=3)
    for size in (1, 2, 4, 100):
        shards, _ = plan_shards([corpus], size)
        items = [item for shard in shards for item in read_shard(shard)]
        assert len(items) == 11
        assert isinstance(items[4], ItemError) and items[4].item == f"{corpus}[4]"
        articles = [a for a in items if isinstance(a, Article)]
        assert articles[0].published == dt.date(2024, 1, 1)
        assert [a.id for a in articles] == [f"p{i}" for i in range(11) if i != 4]


def test_shard_ids_change_with_the_file(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"text": "خبر"}\n', "utf-8")
    (before,), _ = plan_shards([corpus], 10)
    assert plan_shards([corpus], 10)[0][0].shard_id == before.shard_id
    corpus.write_text('{"text": "خبر"}\n{"text": "خبر آخر"}\n', "utf-8")
    (after,), _ = plan_shards([corpus], 10)
    assert after.shard_id != before.shard_id


def test_shard_size_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        plan_shards([tmp_path], 0)
