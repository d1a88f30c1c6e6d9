"""``rasd link``: link stored events of several articles into incidents."""

from __future__ import annotations

import datetime as dt

import click

from rasd.cli.store_options import date_options, db_option, window_option


@click.command()
@db_option
@date_options("the events to link again")
@window_option
def link(
    db: str | None, date_from: dt.date | None, date_to: dt.date | None, window_days: int
) -> None:
    """Link the stored events (all, or those of a date range and their partners) into
    incidents, replacing the incidents they were in. Reviewed incident fields are kept."""
    from rasd.ingest.runner import relink
    from rasd.store import Store

    with Store.open(db) as store:
        events, incidents = relink(
            store, date_from=date_from, date_to=date_to, window_days=window_days
        )
    click.echo(f"rasd link: {events} events -> {incidents} incidents", err=True)
