"""``rasd ingest``: articles into the store, deduplicated, extracted and linked."""

from __future__ import annotations

import json

import click

from rasd.cli.store_options import db_option, window_option


@click.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@window_option
@click.option("--no-link", is_flag=True, help="Store and extract only; link later (rasd link).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as one JSON object.")
@click.pass_context
def ingest(
    ctx: click.Context,
    sources: tuple[str, ...],
    db: str | None,
    window_days: int,
    no_link: bool,
    as_json: bool,
) -> None:
    """Ingest SOURCES: article files or directories (.jsonl, .json, .txt, .html), RSS/Atom
    feeds (URLs or .rss/.atom/.xml files: each linked page is fetched), and Telegram
    Desktop exports (result.json).

    An exact copy of a stored article adds nothing; a near copy (same story, other headline
    or footer) is stored linked to the first and not extracted. New articles are extracted
    and the affected dates linked into incidents. A bad item is reported and recorded and
    the rest goes on (exit code 3 when any item failed).
    """
    from rasd.cli.main import EXIT_ITEM_ERRORS, EXIT_OK
    from rasd.cli.progress import track
    from rasd.ingest.runner import ingest_items
    from rasd.ingest.sources import SourceReader
    from rasd.store import Store

    with Store.open(db) as store, SourceReader(skip_url=store.has_url) as reader:
        report = ingest_items(
            track(reader.read(sources), description="ingesting"),
            store,
            link=not no_link,
            window_days=window_days,
        )
    for error in report.errors:
        click.echo(f"error: {error.item}: {error.reason}", err=True)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False))
    click.echo(
        f"rasd ingest: {report.new} new, {report.duplicate} duplicate, "
        f"{report.near_duplicate} near-duplicate articles; {report.events} events, "
        f"{report.incidents} incidents; {len(report.errors)} item errors",
        err=True,
    )
    ctx.exit(EXIT_ITEM_ERRORS if report.errors else EXIT_OK)
