"""``rasd batch``: extract a large corpus on a Dask cluster into Parquet partitions."""

from __future__ import annotations

import os
from pathlib import Path

import click


@click.command()
@click.argument("corpus", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory for the partitions and manifest.json (created; a re-run resumes).",
)
@click.option(
    "--scheduler",
    metavar="tcp://HOST:PORT",
    help="A running Dask scheduler; its workers must see the same paths "
    "[default: a local cluster of --workers processes].",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=lambda: os.cpu_count() or 1,
    show_default="number of cores",
    help="Worker processes of the local cluster (one thread each).",
)
@click.option(
    "--shard-size",
    type=click.IntRange(min=1),
    default=1000,
    show_default=True,
    help="Articles per shard: one task, one partition.",
)
@click.pass_context
def batch(
    ctx: click.Context,
    corpus: tuple[Path, ...],
    out_dir: Path,
    scheduler: str | None,
    workers: int,
    shard_size: int,
) -> None:
    """Extract the events of every article in CORPUS (.jsonl, .parquet, .json, .txt, .html
    files or directories) on Dask workers, one Parquet partition per shard.

    The output is what ``rasd extract`` gives on the same input, split into
    OUT_DIR/parts/<shard>/{events,articles,errors}.parquet; ``rasd load OUT_DIR`` stores
    it. Finished shards are listed in OUT_DIR/manifest.json and skipped by a re-run.
    Exit code 3 when any item failed (its error record is in its partition).
    """
    from rasd.batch.runner import run_batch
    from rasd.cli.main import EXIT_ITEM_ERRORS, EXIT_OK

    report = run_batch(corpus, out_dir, scheduler=scheduler, workers=workers, shard_size=shard_size)
    for error in report.errors[:20]:
        click.echo(f"error: {error.item}: {error.reason}", err=True)
    if len(report.errors) > 20:
        click.echo(f"... and {len(report.errors) - 20} more item errors", err=True)
    click.echo(
        f"rasd batch: {report.shards} shards ({report.skipped} already done), "
        f"{report.articles} articles, {report.events} events, {len(report.errors)} item errors "
        f"-> {out_dir} in {report.seconds:.1f} s",
        err=True,
    )
    ctx.exit(EXIT_ITEM_ERRORS if report.errors else EXIT_OK)
