"""``rasd batch``: read → extract over a corpus of any size on a Dask ``distributed`` cluster.

The client plans shards (:mod:`rasd.batch.shards`) and sends each worker only a shard's
file name and range; the worker reads those articles itself, extracts their events and
writes one partition directory ``parts/<shard id>/`` holding ``events.parquet``,
``articles.parquet`` and ``errors.parquet``. A partition appears whole or not at all
(written under a temporary name, then renamed), and ``manifest.json`` lists finished
shards, so a re-run after a crash or on a grown corpus does only the missing work.

By default a :class:`distributed.LocalCluster` runs ``workers`` processes with one thread
each (extraction is pure Python: threads would share one interpreter lock); ``scheduler``
connects to a running cluster instead (``tcp://host:8786``), whose workers must see the
same paths.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import shutil
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from rasd.batch.shards import Shard, plan_shards, read_shard
from rasd.errors import RasdError
from rasd.extract import pipeline
from rasd.io.exports import parquet_schema, read_parquet_records, write_parquet
from rasd.io.writers import atomic_output
from rasd.records import Article, Event, Evidence, ItemError, Location

if TYPE_CHECKING:
    import pyarrow as pa
    from distributed import Client

MANIFEST = "manifest.json"
MANIFEST_EVERY_S = 5.0  # a crash loses at most this much bookkeeping: those shards rerun
PARTS = "parts"
_FORMAT = 1


class BatchError(RasdError):
    """The batch cannot run: bad options, an unreachable scheduler, an unusable output dir."""


@dataclass(slots=True)
class BatchReport:
    """What one ``run_batch`` did; ``errors`` are item errors of this run's shards, inputs
    that do not exist, and shards whose worker failed (those are retried by a re-run)."""

    out_dir: Path
    shards: int = 0
    skipped: int = 0
    articles: int = 0
    events: int = 0
    errors: list[ItemError] = field(default_factory=list)
    seconds: float = 0.0


def _article_schema() -> pa.Schema:
    import pyarrow as pa

    return pa.schema(
        [
            ("id", pa.string()),
            ("text", pa.string()),
            ("url", pa.string()),
            ("outlet", pa.string()),
            ("published", pa.date32()),
            ("meta", pa.string()),  # JSON
        ]
    )


def _error_schema() -> pa.Schema:
    import pyarrow as pa

    return pa.schema([("item", pa.string()), ("reason", pa.string()), ("kind", pa.string())])


def _extract(article: Article, errors: list[ItemError]) -> list[Event]:
    """Events of one article; an unexpected exception becomes that article's error record
    (the same record ``rasd extract`` writes)."""
    try:
        return list(pipeline.extract(article))
    except Exception as exc:  # one broken article must not stop the shard
        errors.append(
            ItemError(article.id, f"extraction failed: {type(exc).__name__}: {exc}", "extraction")
        )
        return []


def process_shard(shard: Shard, parts_dir: str) -> dict[str, Any]:
    """Worker side: read, extract and write one shard's partition; returns its counts."""
    started = time.perf_counter()
    events: list[dict[str, Any]] = []
    articles: list[dict[str, Any]] = []
    errors: list[ItemError] = []
    for item in read_shard(shard):
        if isinstance(item, ItemError):
            errors.append(item)
            continue
        articles.append(
            {
                "id": item.id,
                "text": item.text,
                "url": item.url,
                "outlet": item.outlet,
                "published": item.published,
                "meta": json.dumps(dict(item.meta), ensure_ascii=False, default=str),
            }
        )
        events.extend(event.to_dict() for event in _extract(item, errors))
    final = Path(parts_dir) / shard.shard_id
    tmp = Path(parts_dir) / f".{shard.shard_id}.{os.getpid()}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        write_parquet(events, tmp / "events.parquet", parquet_schema("event"))
        write_parquet(articles, tmp / "articles.parquet", _article_schema())
        write_parquet(
            ({"item": e.item, "reason": e.reason, "kind": e.kind} for e in errors),
            tmp / "errors.parquet",
            _error_schema(),
        )
        if final.exists():  # a concurrent or earlier run finished it: same content
            shutil.rmtree(final)
        os.rename(tmp, final)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {
        "shard_id": shard.shard_id,
        "paths": list(shard.paths),
        "start": shard.start,
        "stop": shard.stop,
        "articles": len(articles),
        "events": len(events),
        "errors": [e.to_dict() for e in errors],
        "seconds": round(time.perf_counter() - started, 3),
    }


def _load_manifest(out_dir: Path) -> dict[str, Any]:
    path = out_dir / MANIFEST
    if not path.exists():
        return {"format": _FORMAT, "order": [], "shards": {}}
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BatchError(f"cannot read {path}: {exc}") from exc
    if manifest.get("format") != _FORMAT:
        raise BatchError(f"{path} was written by another version of rasd batch")
    return manifest


def _save_manifest(out_dir: Path, manifest: Mapping[str, Any]) -> None:
    with atomic_output(out_dir / MANIFEST) as fh:
        json.dump(manifest, fh, ensure_ascii=False, indent=1)


@contextlib.contextmanager
def _client(scheduler: str | None, workers: int) -> Iterator[Client]:
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout="20s")
        except OSError as exc:
            raise BatchError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        with client:
            yield client
        return
    if workers < 1:
        raise BatchError("--workers must be at least 1")
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def _progress(enabled: bool | None) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        disable=not (sys.stderr.isatty() if enabled is None else enabled),
    )


def run_batch(
    inputs: Sequence[Path],
    out_dir: Path,
    *,
    scheduler: str | None = None,
    workers: int = 2,
    shard_size: int = 1000,
    progress: bool | None = None,
) -> BatchReport:
    """Extract every article of ``inputs`` into partitions under ``out_dir``.

    Shards already listed in ``out_dir``'s manifest (and present) are skipped. The progress
    bar (stderr) shows shards and articles; ``progress=None`` shows it on a terminal only.
    """
    started = time.perf_counter()
    if shard_size < 1:
        raise BatchError("--shard-size must be at least 1")
    out_dir = Path(out_dir)
    parts_dir = out_dir / PARTS
    try:
        parts_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BatchError(f"cannot create {parts_dir}: {exc.strerror or exc}") from exc
    manifest = _load_manifest(out_dir)
    shards, missing = plan_shards(inputs, shard_size)
    report = BatchReport(out_dir=out_dir, shards=len(shards), errors=list(missing))
    done = {sid for sid in manifest["shards"] if (parts_dir / sid).is_dir()}
    todo = [s for s in shards if s.shard_id not in done]
    report.skipped = len(shards) - len(todo)
    order = manifest["order"]
    order.extend(s.shard_id for s in shards if s.shard_id not in order)
    try:
        if todo:
            _run(todo, parts_dir, manifest, report, scheduler, workers, progress)
    finally:  # interrupted or not, keep what is finished
        _save_manifest(out_dir, manifest)
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _run(
    todo: list[Shard],
    parts_dir: Path,
    manifest: dict[str, Any],
    report: BatchReport,
    scheduler: str | None,
    workers: int,
    progress: bool | None,
) -> None:
    from distributed import as_completed

    by_id = {s.shard_id: s for s in todo}
    errors: dict[str, list[ItemError]] = {}
    saved = time.monotonic()
    with _client(scheduler, workers) as client, _progress(progress) as bar:
        shards_task = bar.add_task("shards", total=len(todo))
        articles_task = bar.add_task("articles", total=sum(s.items for s in todo))
        futures = [
            client.submit(
                process_shard, shard, str(parts_dir), key=f"rasd-{shard.shard_id}", pure=False
            )
            for shard in todo
        ]
        for future in as_completed(futures):
            shard = by_id[str(future.key).removeprefix("rasd-")]
            try:
                result = future.result()
            except Exception as exc:  # a worker died or the shard hit a bug: retry next run
                failed = ItemError(
                    shard.paths[0], f"shard {shard.shard_id} failed: {exc!r}", "shard"
                )
                errors[shard.shard_id] = [failed]
            else:
                errors[shard.shard_id] = [
                    ItemError(e["item"], e["reason"], e["error"]) for e in result.pop("errors")
                ]
                manifest["shards"][shard.shard_id] = {
                    **result,
                    "errors": len(errors[shard.shard_id]),
                }
                if time.monotonic() - saved > MANIFEST_EVERY_S:
                    _save_manifest(parts_dir.parent, manifest)
                    saved = time.monotonic()
                report.articles += result["articles"]
                report.events += result["events"]
            future.release()
            bar.advance(shards_task)
            bar.advance(articles_task, shard.items)
    for shard in todo:  # in input order, whatever order the shards finished in
        report.errors.extend(errors.get(shard.shard_id, []))


def _partitions(out_dir: Path) -> list[Path]:
    """Finished partitions in input order (the manifest's), then any others by name."""
    parts_dir = Path(out_dir) / PARTS
    order = _load_manifest(Path(out_dir))["order"]
    present = (
        {
            p.name: p
            for p in sorted(parts_dir.iterdir())
            if p.is_dir() and not p.name.startswith(".")
        }
        if parts_dir.is_dir()
        else {}
    )
    ordered = [present.pop(sid) for sid in order if sid in present]
    return ordered + list(present.values())


def event_from_record(record: Mapping[str, Any]) -> Event:
    """An :class:`Event` back from its ``to_dict()`` (or Parquet) record."""
    day = record.get("event_date")
    return Event(
        event_id=record["event_id"],
        article_id=record["article_id"],
        event_date=dt.date.fromisoformat(day) if isinstance(day, str) else day,
        date_precision=record.get("date_precision"),
        event_type=record["event_type"],
        sub_event_type=record["sub_event_type"],
        actor1=record.get("actor1"),
        actor1_certainty=record.get("actor1_certainty"),
        actor2=record.get("actor2"),
        assoc_actor1=list(record.get("assoc_actor1") or ()),
        assoc_actor2=list(record.get("assoc_actor2") or ()),
        location=Location(**(record.get("location") or {})),
        fatalities=record.get("fatalities"),
        fatalities_max=record.get("fatalities_max"),
        injured=record.get("injured"),
        claimed_by=record.get("claimed_by"),
        reported_by=list(record.get("reported_by") or ()),
        background=bool(record.get("background")),
        evidence=[Evidence(**e) for e in record.get("evidence") or ()],
        confidence=float(record.get("confidence") or 0.0),
        notes=record.get("notes") or "",
    )


def iter_partition_events(out_dir: Path) -> Iterator[Event]:
    """Every event of a ``rasd batch`` output directory, in input order."""
    for part in _partitions(out_dir):
        for record in read_parquet_records(part / "events.parquet"):
            yield event_from_record(record)


def iter_partition_articles(out_dir: Path) -> Iterator[Article]:
    """Every article of a ``rasd batch`` output directory, in input order."""
    for part in _partitions(out_dir):
        for record in read_parquet_records(part / "articles.parquet"):
            published = record.get("published")
            yield Article(
                id=record["id"],
                text=record["text"],
                url=record.get("url"),
                outlet=record.get("outlet"),
                published=dt.date.fromisoformat(published)
                if isinstance(published, str)
                else published,
                meta=json.loads(record.get("meta") or "{}"),
            )


def iter_partition_errors(out_dir: Path) -> Iterator[ItemError]:
    """Every item error recorded in a ``rasd batch`` output directory, in input order."""
    for part in _partitions(out_dir):
        for record in read_parquet_records(part / "errors.parquet"):
            yield ItemError(record["item"], record["reason"], record["kind"])
