"""``run_batch`` on Dask: same output as extracting article by article, partitions, resume."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from rasd.batch.bench import write_corpus
from rasd.batch.runner import (
    BatchError,
    iter_partition_articles,
    iter_partition_errors,
    iter_partition_events,
    run_batch,
)
from rasd.cli.main import main
from rasd.extract import pipeline
from rasd.io.readers import read_articles
from rasd.records import Article, Event, Evidence, ItemError, Location


@pytest.fixture
def corpus(tmp_path: Path) -> list[Path]:
    """A JSONL file with a bad and a blank line among 23 articles, and a folder of .txt files."""
    jsonl = write_corpus(tmp_path / "wire.jsonl", 23, seed=4)
    lines = jsonl.read_text("utf-8").splitlines(keepends=True)
    lines[7:7] = ["{this is not json\n", "\n"]
    jsonl.write_text("".join(lines), "utf-8")
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "raid.txt").write_text(
        "حملة دهم في الشحيل\nنفذت قوات سوريا الديمقراطية حملة دهم في بلدة الشحيل بريف دير الزور "
        "الشرقي اليوم الأحد، واعتقلت خمسة أشخاص.",
        "utf-8",
    )
    (folder / "empty.txt").write_text("  \n", "utf-8")
    return [jsonl, folder]


def extracted_directly(inputs: list[Path]) -> tuple[list[dict[str, object]], list[ItemError]]:
    events: list[dict[str, object]] = []
    errors: list[ItemError] = []
    for item in read_articles(inputs):
        if isinstance(item, ItemError):
            errors.append(item)
        else:
            events.extend(e.to_dict() for e in pipeline.extract(item))
    return events, errors


def test_a_local_cluster_gives_what_extract_gives(corpus: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = run_batch(corpus, out, workers=2, shard_size=6, progress=False)
    events, errors = extracted_directly(corpus)
    assert [e.to_dict() for e in iter_partition_events(out)] == events
    assert list(iter_partition_errors(out)) == errors == report.errors
    assert [a.id for a in iter_partition_articles(out)] == [
        a.id for a in read_articles(corpus) if isinstance(a, Article)
    ]
    assert report.articles == 24 and report.events == len(events)
    assert report.shards == 6 and report.skipped == 0
    again = run_batch(corpus, out, workers=2, shard_size=6, progress=False)
    assert (again.skipped, again.articles, again.errors) == (6, 0, [])


def fake_extract(article: Article) -> list[Event]:
    """Stands in for the pipeline: one event per article, and a crash on a marked one."""
    if "انهيار" in article.text:
        raise RuntimeError("boom")
    return [
        Event(
            event_id=f"{article.id}-e1",
            article_id=article.id,
            event_date=article.published,
            date_precision="day" if article.published else None,
            event_type="Battles",
            sub_event_type="Armed clash",
            actor1="islamic-state",
            assoc_actor2=["ndf"],
            location=Location("Tadmur", "تدمر", "Homs", None, 34.551, 38.269, 1, "syr-tadmur"),
            fatalities=len(article.text) % 7,
            reported_by=["SOHR"],
            evidence=[Evidence("sub_event_type", 0, 3, article.text[:3])],
            confidence=0.75,
            notes="ملاحظة",
        )
    ]


@pytest.fixture
def threaded_scheduler(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A TCP scheduler whose workers are threads of this process, so patches reach them."""
    from distributed import LocalCluster

    monkeypatch.setattr(pipeline, "extract", fake_extract)
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=False,
        protocol="tcp://",
        dashboard_address=None,
    ) as cluster:
        yield cluster.scheduler_address


def test_a_remote_scheduler_partitions_and_a_resumed_run(
    threaded_scheduler: str, tmp_path: Path
) -> None:
    corpus = tmp_path / "wire.jsonl"
    records = [
        {
            "id": f"n{i}",
            "text": f"هجوم رقم {i} على حاجز قرب تدمر",
            "published": "2024-05-0" + str(i),
        }
        for i in range(1, 8)
    ]
    records[2]["text"] = "انهيار مبنى"
    records[3]["meta_source"] = "telegram"
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    out = tmp_path / "out"
    report = run_batch([corpus], out, scheduler=threaded_scheduler, shard_size=3, progress=False)
    assert report.shards == 3 and report.articles == 7 and report.events == 6
    assert [(e.item, e.kind) for e in report.errors] == [("n3", "extraction")]
    assert "RuntimeError: boom" in report.errors[0].reason
    expected = [e.to_dict() for r in records if r["id"] != "n3" for e in fake_extract(article(r))]
    assert [e.to_dict() for e in iter_partition_events(out)] == expected
    articles = list(iter_partition_articles(out))
    assert articles[3] == article(records[3])
    assert articles[3].meta == {"meta_source": "telegram"}

    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    middle = manifest["order"][1]
    shutil.rmtree(out / "parts" / middle)
    resumed = run_batch([corpus], out, scheduler=threaded_scheduler, shard_size=3, progress=False)
    assert (resumed.skipped, resumed.articles) == (2, manifest["shards"][middle]["articles"])
    assert [e.to_dict() for e in iter_partition_events(out)] == expected
    assert not [p for p in (out / "parts").iterdir() if p.name.startswith(".")]


def article(record: dict[str, str]) -> Article:
    meta = {k: v for k, v in record.items() if k not in ("id", "text", "published")}
    return Article(
        record["id"],
        record["text"],
        published=dt.date.fromisoformat(record["published"]),
        meta=meta,
    )


def test_bad_options_and_a_damaged_manifest(tmp_path: Path) -> None:
    with pytest.raises(BatchError, match="shard-size"):
        run_batch([tmp_path], tmp_path / "out", shard_size=0)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "manifest.json").write_text("{", "utf-8")
    with pytest.raises(BatchError, match=r"manifest\.json"):
        run_batch([tmp_path / "nothing"], tmp_path / "out")


def test_cli_reports_missing_inputs_with_exit_code_3(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["batch", str(tmp_path / "gone.jsonl"), "-o", str(tmp_path / "o")]
    )
    assert result.exit_code == 3
    assert "no such file or directory" in result.output
    assert "0 articles" in result.output
