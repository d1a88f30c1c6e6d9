"""The batch benchmark's synthetic corpus (timings are measured by `rasd bench`)."""

from __future__ import annotations

from pathlib import Path

from rasd.batch.bench import PLACES, write_corpus
from rasd.io.readers import read_articles
from rasd.records import Article


def test_the_synthetic_corpus_is_valid_varied_news(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c.jsonl", 200, seed=1)
    articles = list(read_articles([corpus]))
    assert len(articles) == 200 and all(isinstance(a, Article) for a in articles)
    texts = [a.text for a in articles if isinstance(a, Article)]
    assert len(set(texts)) > 190
    assert not any("{" in t or "}" in t for t in texts)  # every slot filled
    assert all(3 <= t.count("\n") <= 6 for t in texts)  # a title and three to six sentences
    assert sum(any(town in t for town, _ in PLACES) for t in texts) > 150
    assert write_corpus(tmp_path / "again.jsonl", 200, seed=1).read_bytes() == corpus.read_bytes()
