"""``rasd load``: put the partitions written by ``rasd batch`` into the store."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import click

from rasd.cli.store_options import db_option, window_option
from rasd.records import Article, Event


@click.command()
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@db_option
@window_option
@click.option("--no-link", is_flag=True, help="Store only; link later (rasd link).")
@click.pass_context
def load(
    ctx: click.Context, out_dir: Path, db: str | None, window_days: int, no_link: bool
) -> None:
    """Store the articles and events of a `rasd batch` OUT_DIR, as `rasd ingest` would:
    copies are deduplicated (their events dropped), then the new events are linked."""
    from rasd.batch.runner import iter_partition_articles, iter_partition_events
    from rasd.cli.main import EXIT_ITEM_ERRORS, EXIT_OK
    from rasd.cli.progress import track
    from rasd.ingest.runner import ingest_items
    from rasd.store import Store

    by_article: defaultdict[str, list[Event]] = defaultdict(list)
    for event in iter_partition_events(out_dir):
        by_article[event.article_id].append(event)

    def extracted(article: Article) -> Sequence[Event]:
        return by_article.pop(article.id, [])

    source = f"batch:{out_dir}"
    items = ((source, article) for article in iter_partition_articles(out_dir))
    with Store.open(db) as store:
        report = ingest_items(
            track(items, description="loading"),
            store,
            extract=extracted,
            link=not no_link,
            window_days=window_days,
        )
    for error in report.errors:
        click.echo(f"error: {error.item}: {error.reason}", err=True)
    click.echo(
        f"rasd load: {report.new} new, {report.duplicate} duplicate, "
        f"{report.near_duplicate} near-duplicate articles; {report.events} events, "
        f"{report.incidents} incidents; {len(report.errors)} item errors",
        err=True,
    )
    ctx.exit(EXIT_ITEM_ERRORS if report.errors else EXIT_OK)
